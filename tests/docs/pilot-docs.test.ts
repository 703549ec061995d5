// The pilot plan and the launch announcements (seed tasks 8 and 12) come from config/pilot.json and the handoff
// configuration: what the RevOps lead or an admin changes shows up in them, and a broken pilot file stops
// `npm run docs` with one line naming the file and the problem.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_SOURCE } from "../../scripts/lib/forceApp.ts";
import { TIERS } from "../../scripts/lib/handoffConfig.ts";
import { findStaleDocs, renderDocs } from "../../scripts/admin/docs/generate.ts";
import { loadDocsModel } from "../../scripts/admin/docs/model.ts";
import { PILOT_CONFIG_PATH, type PilotConfig } from "../../scripts/admin/docs/pilotConfig.ts";
import { replaceInFile, withSourceCopy } from "../lib/tempTree.ts";

const PILOT_DOCS = ["pilot-plan.md", "launch-announcement-sales.md", "launch-announcement-cs.md"];
const realPilot = (): PilotConfig => JSON.parse(readFileSync(PILOT_CONFIG_PATH, "utf8")) as PilotConfig;

function doc(files: Map<string, string>, name: string): string {
  const content = files.get(name);
  assert.ok(content, `the generator no longer produces ${name}`);
  return content;
}

// Renders the docs with a pilot file holding `content` (an object is written as JSON).
function withPilotFile<T>(content: unknown, use: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "handoff-pilot-"));
  try {
    const path = join(dir, "pilot.json");
    writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content, null, 2));
    return use(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

test("the pilot plan gives the dates, participants, what to track, targets, exit criteria and a friction log", () => {
  const pilot = realPilot();
  const { settings, requirements } = loadDocsModel();
  const plan = doc(renderDocs(), "pilot-plan.md");
  for (const section of ["Dates", "Participants", "What to track", "Targets", "Exit criteria", "Friction log"])
    assert.match(plan, new RegExp(`^## ${section}$`, "m"), `the pilot plan has no "${section}" section`);
  assert.match(
    plan,
    new RegExp(`^# Pilot plan: ${pilot.cohort}$`, "m"),
    "the title names the cohort of config/pilot.json",
  );
  assert.ok(plan.includes(`| ${pilot.start} to ${pilot.end} |`), `the pilot runs ${pilot.start} to ${pilot.end}`);
  assert.ok(plan.includes(`${settings.goLiveDate} | Launch`), "the launch row shows the Go-Live Date of the settings");
  for (const person of [...pilot.reps, ...pilot.csms, ...pilot.csManagers, pilot.owner])
    assert.ok(plan.includes(person.name), `participant ${person.name} is missing`);
  const seedCommand = plan.split("\n").find((line) => line.includes("npm run seed-pilot"));
  assert.ok(seedCommand, "the plan shows how to rehearse the pilot with seed-pilot");
  assert.ok(
    seedCommand.includes(`--cohort "${pilot.cohort}" --deals ${pilot.deals}`) &&
      seedCommand.includes(`--reps ${pilot.reps.map((r) => r.username).join(",")}`) &&
      seedCommand.includes(`--csms ${pilot.csms.map((c) => c.username).join(",")}`),
    `the seed-pilot command must use the pilot's cohort, deal count, reps and CSMs: ${seedCommand}`,
  );
  const tracked = plan.slice(plan.indexOf("## What to track"), plan.indexOf("## Targets"));
  for (const tier of TIERS) {
    assert.ok(tracked.includes(`within ${settings.handoffSlaHours[tier]} hours`), `${tier} handoff SLA target`);
    assert.ok(tracked.includes(`within ${settings.firstTouchSlaHours[tier]} hours`), `${tier} first-touch target`);
  }
  assert.ok(plan.includes(`At least **${pilot.slaMetTargetPercent}%**`), "the SLA attainment target of the pilot file");
  assert.ok(plan.includes(`- [ ] ${pilot.deals} pilot deals reached ${settings.wonStage}`), "exit criterion: deals");
  const missing = plan.slice(plan.indexOf("### Missing elements"));
  for (const r of requirements) assert.ok(missing.includes(`| ${r.label} |`), `missing-elements row for ${r.label}`);
  const frictionRows = plan
    .slice(plan.indexOf("## Friction log"), plan.indexOf("### Missing elements"))
    .split("\n")
    .filter((line) => /^\|(\s*\|)+$/.test(line));
  assert.equal(frictionRows.length, pilot.deals, "one blank friction-log row per pilot deal");
});

test("editing config/pilot.json changes the pilot plan and the announcements and makes docs/generated stale", () => {
  const changed = {
    ...realPilot(),
    cohort: "Spring Pilot",
    start: "2026-10-05",
    end: "2026-10-23",
    deals: 6,
    slaMetTargetPercent: 73,
    csms: [{ name: "Quinn Harper", username: "quinn.harper@example.com" }],
  };
  withPilotFile(changed, (path) => {
    const files = renderDocs(DEFAULT_SOURCE, path);
    const plan = doc(files, "pilot-plan.md");
    assert.match(plan, /^# Pilot plan: Spring Pilot$/m, "the new cohort names the plan");
    assert.ok(plan.includes("| 2026-10-05 to 2026-10-23 |"), "the new dates");
    assert.ok(plan.includes("At least **73%**"), "the new SLA attainment target");
    assert.ok(plan.includes("Quinn Harper") && !plan.includes("Casey Nguyen"), "the new CSM list replaces the old one");
    for (const week of ["2026-10-12", "2026-10-19"])
      assert.ok(plan.includes(`| Monday ${week} | Weekly pilot check-in`), `weekly check-in on ${week}`);
    assert.ok(
      doc(files, "launch-announcement-sales.md").includes("from 2026-10-05 to 2026-10-23 (cohort Spring Pilot)"),
    );
    const stale = findStaleDocs(files).join("\n");
    for (const name of PILOT_DOCS)
      assert.match(stale, new RegExp(`${name.replace(".", "\\.")} is stale`), `${name} must be reported stale`);
  });
});

test("changing the SLA hours in the settings changes the pilot targets and both launch announcements", () => {
  withSourceCopy(
    "handoff-pilot-docs",
    (source) =>
      replaceInFile(
        join(source, "customMetadata/Handoff_Setting.Default.md-meta.xml"),
        /(<field>First_Touch_SLA_Hours_Low_Touch__c<\/field>\s*<value xsi:type="xsd:double">)\d+/,
        "$1131",
      ),
    (source) => {
      const files = renderDocs(source);
      assert.match(doc(files, "pilot-plan.md"), /within 131 hours/, "the pilot's Low-Touch first-touch target");
      assert.match(
        doc(files, "launch-announcement-sales.md"),
        /The CSM contacts the customer within [^.]*131 hours for Low-Touch after your submission/,
        "Sales learn the new first-touch SLA CS commits to",
      );
      assert.match(
        doc(files, "launch-announcement-cs.md"),
        /Make first contact within [^.]*131 hours for Low-Touch after the submission/,
        "CSMs learn their new first-touch SLA",
      );
    },
  );
});

test("the launch announcements give the go-live date and a weekly check-in for each week of the first month", () => {
  const { settings } = loadDocsModel();
  assert.ok(settings.goLiveDate, "test setup: the Default Handoff Setting has a go-live date");
  const files = renderDocs();
  for (const name of ["launch-announcement-sales.md", "launch-announcement-cs.md"]) {
    const text = doc(files, name);
    assert.ok(text.includes(`**Subject:** The Sales-to-CS handoff goes live on ${settings.goLiveDate}`), name);
    const checkIns = text.slice(text.indexOf("## Weekly check-in")).match(/^- \w+ (\d{4}-\d{2}-\d{2}):/gm) ?? [];
    assert.deepEqual(
      checkIns.map((line) => line.slice(-11, -1)),
      [7, 14, 21, 28].map((days) => addDays(settings.goLiveDate!, days)),
      `${name}: one check-in a week for four weeks after go-live`,
    );
  }
  assert.match(doc(files, "launch-announcement-sales.md"), /Handoff Checklist/, "Sales learn where to fill it in");
  assert.match(doc(files, "launch-announcement-cs.md"), /\*\*CS Intake\*\* tab/, "CS learn where handoffs arrive");
});

test("a broken config/pilot.json stops the generator with a line naming the file and the problem", () => {
  const valid = realPilot();
  const cases: [string, unknown, RegExp][] = [
    ["not JSON", '{ "cohort": "Pilot", ', /pilot\.json: is not valid JSON/],
    ["too many deals", { ...valid, deals: 12 }, /"deals" must be a whole number from 5 to 10 .*not 12/],
    [
      "impossible date",
      { ...valid, start: "2026-02-30" },
      /"start" must be a date written YYYY-MM-DD, not "2026-02-30"/,
    ],
    ["end before start", { ...valid, end: "2026-10-01" }, /"end" \(2026-10-01\) must come after "start"/],
    ["after go-live", { ...valid, end: "2026-12-04" }, /the pilot ends on 2026-12-04, not before the go-live date/],
    ["no CSMs", { ...valid, csms: [] }, /"csms" must list at least one person/],
    ["CSM without username", { ...valid, csms: [{ name: "Casey" }] }, /"csms\[0\]\.username" must be a non-empty text/],
    ["target above 100", { ...valid, slaMetTargetPercent: 120 }, /"slaMetTargetPercent" must be a number above 0/],
    ["cohort without letters", { ...valid, cohort: "---" }, /"cohort": .*no letters or digits/],
  ];
  for (const [name, content, message] of cases)
    withPilotFile(content, (path) =>
      assert.throws(() => renderDocs(DEFAULT_SOURCE, path), message, `${name}: the error must say what is wrong`),
    );
  assert.throws(
    () => renderDocs(DEFAULT_SOURCE, join(tmpdir(), "no-such-dir", "pilot.json")),
    /pilot\.json: is missing/,
    "a missing pilot file is named",
  );
});
