// The pilot the RevOps lead plans (seed task 8): cohort, dates, participants and the SLA attainment that ends it,
// read from config/pilot.json. Everything else the pilot plan and the launch announcements say comes from
// force-app (requirements, settings). A malformed file stops `npm run docs` with one line naming the field.
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { PROJECT_ROOT } from "../../lib/forceApp.ts";
import { cohortSlug, MAX_PILOT_DEALS, MIN_PILOT_DEALS } from "../../revops/lib/pilotPlan.ts";

export const PILOT_CONFIG_PATH = join(PROJECT_ROOT, "config/pilot.json");

export interface PilotParticipant {
  name: string;
  // The Salesforce username (or email) that seed-pilot's --reps and --csms take.
  username: string;
}

export interface PilotConfig {
  cohort: string;
  owner: PilotParticipant & { role: string };
  start: string;
  end: string;
  deals: number;
  reps: PilotParticipant[];
  csms: PilotParticipant[];
  csManagers: PilotParticipant[];
  slaMetTargetPercent: number;
}

export class PilotConfigError extends Error {}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

// Reads and checks the pilot configuration. goLiveDate is the Go-Live Date of the Default Handoff Setting: the
// pilot tests the process before it is enforced for everyone, so it must end before the launch.
export function loadPilotConfig(path = PILOT_CONFIG_PATH, goLiveDate: string | null = null): PilotConfig {
  const where = relative(PROJECT_ROOT, path) || path;
  const fail = (problem: string): never => {
    throw new PilotConfigError(`${where}: ${problem}`);
  };
  if (!existsSync(path)) fail("is missing: copy the example in README.md (Pilot and launch) and fill in your pilot");
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    fail(`is not valid JSON (${(error as Error).message})`);
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) fail("must be a JSON object");
  const config = raw as Record<string, unknown>;

  const textField = (value: unknown, name: string): string => {
    if (typeof value !== "string" || value.trim() === "") fail(`"${name}" must be a non-empty text`);
    return (value as string).trim();
  };
  const person = (value: unknown, name: string): PilotParticipant => {
    if (typeof value !== "object" || value === null || Array.isArray(value))
      fail(`"${name}" must be an object with "name" and "username"`);
    const entry = value as Record<string, unknown>;
    return { name: textField(entry.name, `${name}.name`), username: textField(entry.username, `${name}.username`) };
  };
  const people = (name: string): PilotParticipant[] => {
    const value = config[name];
    if (!Array.isArray(value) || value.length === 0)
      fail(`"${name}" must list at least one person ({ "name": ..., "username": ... })`);
    return (value as unknown[]).map((entry, i) => person(entry, `${name}[${i}]`));
  };
  const date = (name: string): string => {
    const value = textField(config[name], name);
    if (!isRealDate(value)) fail(`"${name}" must be a date written YYYY-MM-DD, not "${value}"`);
    return value;
  };

  const cohort = textField(config.cohort, "cohort");
  try {
    cohortSlug(cohort);
  } catch (error) {
    fail(`"cohort": ${(error as Error).message}`);
  }
  const owner = config.owner as Record<string, unknown> | undefined;
  const start = date("start");
  const end = date("end");
  if (end <= start) fail(`"end" (${end}) must come after "start" (${start})`);
  if (goLiveDate !== null && end >= goLiveDate)
    fail(
      `the pilot ends on ${end}, not before the go-live date ${goLiveDate} of the Default Handoff Setting: ` +
        "end the pilot before the launch, or move Go-Live Date",
    );
  const deals = config.deals;
  if (typeof deals !== "number" || !Number.isInteger(deals) || deals < MIN_PILOT_DEALS || deals > MAX_PILOT_DEALS)
    fail(
      `"deals" must be a whole number from ${MIN_PILOT_DEALS} to ${MAX_PILOT_DEALS} (the pilot's deals), not ${JSON.stringify(deals)}`,
    );
  const target = config.slaMetTargetPercent;
  if (typeof target !== "number" || !(target > 0 && target <= 100))
    fail(`"slaMetTargetPercent" must be a number above 0 and at most 100, not ${JSON.stringify(target)}`);
  return {
    cohort,
    owner: { ...person(owner, "owner"), role: textField(owner?.role, "owner.role") },
    start,
    end,
    deals: deals as number,
    reps: people("reps"),
    csms: people("csms"),
    csManagers: people("csManagers"),
    slaMetTargetPercent: target as number,
  };
}
