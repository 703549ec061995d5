// The pilot plan (seed task 8) and the launch announcements for Sales and CS (seed task 12). Cohort, dates and
// participants come from config/pilot.json; rules, tiers, SLA hours, fields, reports and the go-live date from
// force-app. The wording around them is the process the playbook describes; no number is typed in here.
import { basename, join } from "node:path";
import {
  DEFAULT_SOURCE,
  parseMetadataFile,
  readObjectFields,
  text,
  walkFiles,
  type FieldDefinition,
} from "../../lib/forceApp.ts";
import { TIERS, type Tier } from "../../lib/handoffConfig.ts";
import { MAX_PILOT_DEALS, MIN_PILOT_DEALS, pilotPlan } from "../../revops/lib/pilotPlan.ts";
import {
  countSummary,
  document,
  escalationLadder,
  highTouchCondition,
  hours,
  orList,
  slaTable,
  tierRule,
  triggerRule,
  type GeneratedDocument,
} from "./documents.ts";
import { blocks, bullets, checklist, numbered, table } from "./markdown.ts";
import { readPicklistValues, type DocsModel } from "./model.ts";
import type { PilotConfig, PilotParticipant } from "./pilotConfig.ts";

export interface PilotDocsInput {
  model: DocsModel;
  pilot: PilotConfig;
  handoffFields: Map<string, FieldDefinition>;
  feedbackFields: Map<string, FieldDefinition>;
  respondentTypes: string[];
  feedbackSources: string[];
  permissionSets: Set<string>;
  tabLabels: Map<string, string>;
}

export function loadPilotDocsInput(model: DocsModel, pilot: PilotConfig, source = DEFAULT_SOURCE): PilotDocsInput {
  return {
    model,
    pilot,
    handoffFields: readObjectFields("Handoff__c", source),
    feedbackFields: readObjectFields("Handoff_Feedback__c", source),
    respondentTypes: readPicklistValues("Handoff_Feedback__c", "Respondent_Type__c", source),
    feedbackSources: readPicklistValues("Handoff_Feedback__c", "Source__c", source),
    permissionSets: new Set(
      walkFiles(join(source, "permissionsets"), ".permissionset-meta.xml").map((p) =>
        basename(p, ".permissionset-meta.xml"),
      ),
    ),
    tabLabels: new Map(
      walkFiles(join(source, "tabs"), ".tab-meta.xml").map((p) => [
        basename(p, ".tab-meta.xml"),
        text(parseMetadataFile(p).body.label) ?? basename(p, ".tab-meta.xml"),
      ]),
    ),
  };
}

const DAY_MS = 86_400_000;
const WEEK_DAYS = 7;
// The playbook's weekly check-in "for the first month" after launch.
const FIRST_MONTH_WEEKS = 4;
const PILOT_CONFIG_FILE = "config/pilot.json";

function addDays(isoDate: string, days: number): string {
  return new Date(new Date(`${isoDate}T00:00:00Z`).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

function weekday(isoDate: string): string {
  return new Date(`${isoDate}T00:00:00Z`).toLocaleDateString("en-US", { weekday: "long", timeZone: "UTC" });
}

function day(isoDate: string): string {
  return `${weekday(isoDate)} ${isoDate}`;
}

// A label read from the field's metadata: a field renamed in Setup is renamed in the documents.
function label(fields: Map<string, FieldDefinition>, field: string): string {
  const found = fields.get(field);
  if (!found) throw new Error(`The pilot plan names the field ${field}, which force-app does not define`);
  return found.label;
}

function permissionSet(input: PilotDocsInput, name: string): string {
  if (!input.permissionSets.has(name))
    throw new Error(`The pilot plan gives participants the permission set ${name}, which force-app does not define`);
  return `\`${name}\``;
}

function picklistValue(values: string[], value: string, what: string): string {
  if (!values.includes(value))
    throw new Error(`The pilot plan uses the ${what} value "${value}", which force-app does not define`);
  return value;
}

function tab(input: PilotDocsInput, name: string): string {
  const found = input.tabLabels.get(name);
  if (!found) throw new Error(`The launch announcement sends CSMs to the ${name} tab, which force-app does not define`);
  return found;
}

function report(input: PilotDocsInput, developerName: string): string {
  const found = input.model.reports.find((r) => r.developerName === developerName);
  return found ? `**${found.name}** report (${found.folder})` : `the ${developerName} report (not deployed)`;
}

// "48 hours (2 days) for High-Touch, 24 hours (1 day) for Low-Touch", as the escalation ladder writes it.
function perTier(values: Record<Tier, number | null>): string {
  return TIERS.map((t) => `${hours(values[t])} for ${t}`).join(", ");
}

function names(people: PilotParticipant[]): string {
  const all = people.map((p) => p.name);
  return all.length < 2 ? all.join("") : `${all.slice(0, -1).join(", ")} and ${all[all.length - 1]}`;
}

// Weekly check-ins from the first week after `from` up to `until`, then `until` itself.
function weeklyDates(from: string, until: string): string[] {
  const dates: string[] = [];
  for (let next = addDays(from, WEEK_DAYS); next < until; next = addDays(next, WEEK_DAYS)) dates.push(next);
  return [...dates, until];
}

function launchCheckIns(goLiveDate: string): string[] {
  return Array.from({ length: FIRST_MONTH_WEEKS }, (_, i) => addDays(goLiveDate, WEEK_DAYS * (i + 1)));
}

function goLive(input: PilotDocsInput): string {
  return input.model.settings.goLiveDate ?? "the go-live date (not set yet in the Default Handoff Setting)";
}

function sourceNote(): string {
  return `Cohort, dates and participants come from \`${PILOT_CONFIG_FILE}\` (edited by the pilot owner); rules, tiers and SLA hours from the handoff configuration in force-app.`;
}

export function pilotPlanDocument(input: PilotDocsInput): GeneratedDocument {
  const { model, pilot, handoffFields, feedbackFields } = input;
  const { settings } = model;
  const checkIns = weeklyDates(pilot.start, pilot.end);
  const seeded = pilotPlan(pilot.cohort, pilot.deals, settings, new Date(`${pilot.start}T00:00:00Z`));
  const seededIn = (tier: string) => seeded.filter((d) => d.tier === tier).length;
  const highTouch = highTouchCondition(model);
  const usernames = (people: PilotParticipant[]) => people.map((p) => p.username).join(",");
  const feedbackSession = picklistValue(input.feedbackSources, "Feedback Session", "Handoff Feedback Source");
  const respondent = (value: string) => picklistValue(input.respondentTypes, value, "Handoff Feedback Respondent Type");
  const field = (name: string) => `**${label(handoffFields, name)}**`;
  const feedbackField = (name: string) => `**${label(feedbackFields, name)}**`;
  return document(
    model,
    { slug: "pilot-plan", title: `Pilot plan: ${pilot.cohort}`, audience: "RevOps, pilot reps, CSMs and CS managers" },
    `Test the handoff process on **${pilot.deals}** upcoming deals from **${pilot.start}** to **${pilot.end}**, before it goes live for everyone on **${goLive(input)}**. Owner: **${pilot.owner.name}** (${pilot.owner.role}, ${pilot.owner.username}).`,
    sourceNote(),
    "## Dates",
    table(
      ["When", "What"],
      [
        [day(pilot.start), "Kick-off: brief the pilot reps and CSMs on the process below; the pilot deals are chosen"],
        [`${pilot.start} to ${pilot.end}`, "Pilot deals close and are handed off with the new workflow and templates"],
        ...checkIns
          .slice(0, -1)
          .map((d) => [day(d), "Weekly pilot check-in: review the tracked times and the friction log"]),
        [day(pilot.end), "Pilot ends: feedback sessions with the reps and the CSMs, customer survey sent"],
        [
          `${addDays(pilot.end, 1)} to ${settings.goLiveDate ? addDays(settings.goLiveDate, -1) : "go-live"}`,
          "Refine: fix the friction points, update requirements, templates and training",
        ],
        [settings.goLiveDate ? day(settings.goLiveDate) : "not set", "Launch for the whole revenue org (Go-Live Date)"],
      ],
    ),
    "## Participants",
    table(
      ["Role", "Who", "Salesforce access"],
      [
        ["Pilot owner", `${pilot.owner.name} (${pilot.owner.role})`, permissionSet(input, "Handoff_Admin")],
        ["Sales reps", names(pilot.reps), permissionSet(input, "Handoff_Sales")],
        ["CSMs", names(pilot.csms), permissionSet(input, "Handoff_CS")],
        [
          "CS managers",
          names(pilot.csManagers),
          `${permissionSet(input, "Handoff_CS")} and ${permissionSet(input, "Handoff_CS_Manager")}`,
        ],
      ],
    ),
    "Put the pilot CSMs in the CS group of their tier so the assignment routes pilot handoffs to them.",
    "## The pilot deals",
    bullets([
      `**${pilot.deals}** upcoming deals (the playbook asks for ${MIN_PILOT_DEALS} to ${MAX_PILOT_DEALS}), a mix of sizes and both tiers. ${tierRule(model)}`,
      highTouch
        ? "Pick at least one High-Touch and one Low-Touch deal, so both checklists and both SLA clocks are tried."
        : "Every deal is Low-Touch in this configuration.",
      `Mark each pilot handoff: ${field("Pilot__c")} ticked and ${field("Pilot_Cohort__c")} = \`${pilot.cohort}\`, so the reports and the metrics can tell the pilot apart.`,
      `Rehearse in a sandbox first: \`npm run seed-pilot -- --target-org <sandbox alias> --cohort "${pilot.cohort}" --deals ${pilot.deals} --reps ${usernames(pilot.reps)} --csms ${usernames(pilot.csms)}\` seeds ${seededIn("High-Touch")} High-Touch and ${seededIn("Low-Touch")} Low-Touch practice deals for these people.`,
    ]),
    "## What to track",
    table(
      ["Measure", "Where", ...TIERS.map((t) => `Target ${t}`)],
      [
        [
          "Time to complete the handoff (close to submitted)",
          `${field("Hours_To_Handoff__c")}, ${field("Handoff_SLA_Met__c")}`,
          ...TIERS.map((t) => `within ${hours(settings.handoffSlaHours[t])}`),
        ],
        [
          "Time to CS first touch (submitted to first contact)",
          `${field("Hours_To_First_Touch__c")}, ${field("First_Touch_SLA_Met__c")}`,
          ...TIERS.map((t) => `within ${hours(settings.firstTouchSlaHours[t])}`),
        ],
        [
          "Handoffs sent back to Sales",
          `${field("Return_Reason__c")} (${orList(model.returnReasons)})`,
          ...TIERS.map(() => "each one in the friction log"),
        ],
        ["Escalations", field("Escalation_Level__c"), ...TIERS.map(() => "each one in the friction log")],
      ],
    ),
    bullets([
      `${report(input, "Handoff_Pilot_Comparison")}: the pilot cohort against all other handoffs.`,
      `${report(input, "Handoff_Pilot_Friction_Points")}: each pilot handoff with its times and its feedback.`,
      `\`npm run metrics -- --target-org <alias> --since ${pilot.start}\`: the same times by cohort, tier, rep and CSM.`,
    ]),
    "## Targets",
    slaTable(model),
    bullets([
      `At least **${pilot.slaMetTargetPercent}%** of the pilot handoffs meet both clocks (set by the pilot owner).`,
      `Every required field is filled at close (the Closed Won rules enforce it: ${countSummary(model)}).`,
    ]),
    "## Exit criteria",
    checklist([
      `${pilot.deals} pilot deals reached ${settings.wonStage} and were handed off with the new workflow.`,
      `At least ${pilot.slaMetTargetPercent}% of them met both the handoff and the first-touch clock.`,
      `Feedback session held with each pilot rep (${names(pilot.reps)}) and each pilot CSM (${names(pilot.csms)}).`,
      "The pilot customers were sent the handoff survey.",
      "Every friction point has an owner and a decision: fix before launch, fix after launch, or keep as is.",
      "Requirement changes are recorded in docs/requirements-changelog.md and `npm run docs` was run again.",
    ]),
    "## Friction log",
    `Record each friction point as a Handoff Feedback on the pilot handoff: ${feedbackField("Respondent_Type__c")} (${orList(input.respondentTypes)}), ${feedbackField("Source__c")} = ${feedbackSession} for the feedback sessions, ${feedbackField("What_Was_Hard__c")}, ${feedbackField("What_Was_Missing__c")} and ${feedbackField("Rating__c")}. ${report(input, "Handoff_Pilot_Friction_Points")} lists them; review it at every check-in.`,
    table(
      [
        "Date",
        "Deal",
        `Reported by (${respondent("Rep")}, ${respondent("CSM")}, ${respondent("Customer")})`,
        "What was hard",
        "What was missing",
        "Owner",
        "Decision",
      ],
      Array.from({ length: pilot.deals }, () => ["", "", "", "", "", "", ""]),
    ),
    "### Missing elements",
    "Count, per handoff field, how often CS had to ask for it (Request missing info) or found it too thin:",
    table(
      ["Field", "Group", ...TIERS.map((t) => `Required ${t}`), "Times asked for"],
      model.requirements.map((r) => [r.label, r.group, ...TIERS.map((t) => (r.requiredFor[t] ? "yes" : "no")), ""]),
    ),
  );
}

function launchHeader(input: PilotDocsInput, audience: "Sales" | "CS"): string {
  const { pilot } = input;
  return blocks(
    `**Subject:** The Sales-to-CS handoff goes live on ${goLive(input)}`,
    `**Slack version:** From ${goLive(input)}, every deal that reaches ${input.model.settings.wonStage} is handed to CS through Salesforce, with the context CS needs and clocks on both sides. ${audience === "Sales" ? "Fill in the handoff checklist on the deal before you close it." : `Your handoffs arrive in the ${tab(input, "CS_Intake")} tab.`} Questions: ${pilot.owner.name} (${pilot.owner.username}).`,
  );
}

function pilotResult(input: PilotDocsInput): string {
  const { pilot } = input;
  return `We piloted it from ${pilot.start} to ${pilot.end} (cohort ${pilot.cohort}) with ${names(pilot.reps)} in Sales and ${names(pilot.csms)} in CS, on ${pilot.deals} deals. What they found hard, and what was decided about it, is in the friction log of the pilot plan (docs/generated/pilot-plan.md).`;
}

function checkInSection(input: PilotDocsInput): string {
  const goLiveDate = input.model.settings.goLiveDate;
  return blocks(
    "## Weekly check-in for the first month",
    goLiveDate
      ? bullets(launchCheckIns(goLiveDate).map((d) => `${day(d)}: what is slow, what is missing, what to change.`))
      : "The check-in dates follow once the go-live date is set.",
    `Bring examples; ${input.pilot.owner.name} (${input.pilot.owner.username}) collects them and proposes changes to VP Sales and VP CS.`,
  );
}

export function salesLaunchAnnouncement(input: PilotDocsInput): GeneratedDocument {
  const { model } = input;
  const { settings } = model;
  return document(
    model,
    { slug: "launch-announcement-sales", title: "Launch announcement: Sales", audience: "Sales reps and managers" },
    launchHeader(input, "Sales"),
    sourceNote(),
    "## What changes on " + goLive(input),
    triggerRule(model),
    tierRule(model),
    `Required handoff fields: ${countSummary(model)}.`,
    "## What you do",
    numbered([
      `On the deal, fill in the **Handoff Checklist** before you move it to ${settings.wonStage}; the checklist shows what the deal's tier needs and why CS needs it.`,
      `Submit the handoff within ${perTier(settings.handoffSlaHours)} after the close.`,
      "Answer CS quickly when they request missing information; the clock is on you until you resubmit.",
    ]),
    "## What CS does in return",
    `The CSM contacts the customer within ${perTier(settings.firstTouchSlaHours)} after your submission.`,
    "## If a handoff is late",
    escalationLadder(model),
    "## How we got here",
    pilotResult(input),
    "## Learn it",
    bullets([
      "Sales quick-reference card: docs/generated/sales-quick-reference.md",
      "Training outline: docs/generated/training-sales.md",
      "FAQ: docs/generated/faq.md",
    ]),
    checkInSection(input),
  );
}

export function csLaunchAnnouncement(input: PilotDocsInput): GeneratedDocument {
  const { model } = input;
  const { settings } = model;
  return document(
    model,
    { slug: "launch-announcement-cs", title: "Launch announcement: CS", audience: "CSMs and CS managers" },
    launchHeader(input, "CS"),
    sourceNote(),
    "## What changes on " + goLive(input),
    `Every deal that reaches ${settings.wonStage} on or after ${goLive(input)} arrives with a handoff: goals, stakeholders, scope, risks and promises, checked by the Closed Won rules (${countSummary(model)}).`,
    tierRule(model),
    "## What you do",
    numbered([
      `Open the **${tab(input, "CS_Intake")}** tab: your handoffs, most urgent clock first.`,
      "Verify each item of the intake checklist; accept, request what is missing, or return it with a reason.",
      `Make first contact within ${perTier(settings.firstTouchSlaHours)} after the submission; a logged call, email or a meeting that has started counts.`,
    ]),
    "## What Sales does for you",
    `The rep submits the handoff within ${perTier(settings.handoffSlaHours)} after the close.`,
    "## Escalation",
    escalationLadder(model),
    "## How we got here",
    pilotResult(input),
    "## Learn it",
    bullets([
      "CS quick-reference card: docs/generated/cs-quick-reference.md",
      "Training outline: docs/generated/training-cs.md",
      "FAQ: docs/generated/faq.md",
    ]),
    checkInSection(input),
  );
}

export const PILOT_DOCUMENTS = [pilotPlanDocument, salesLaunchAnnouncement, csLaunchAnnouncement] as const;
