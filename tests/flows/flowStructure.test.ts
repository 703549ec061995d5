// Structural checks of the handoff flows (force-app/main/default/flows): what triggers each one, the Closed Won
// transition and the exclusions, the SLA scheduled paths, fault paths, no data access in loops, and the guards that
// keep a deal to one handoff and one round of notifications. Each check is also run on a broken copy to show it fails.
import { test, describe as group } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { handoffTier, loadSettings, toSettings } from "../../scripts/lib/handoffConfig.ts";
import { evaluateTier, loadRuleContext } from "../validation-rules/harness.ts";
import { withSettings } from "../validation-rules/truthTable.ts";
import {
  FLOWS_DIR,
  connectorProblems,
  dataInLoopProblems,
  describe,
  elementsOfKind,
  faultPathProblems,
  isFaultHandler,
  onlyReachableThrough,
  readFlow,
  readFlows,
  ruleConditions,
  asArray,
  runPath,
  writesOf,
  type FlowModel,
  type RunValues,
} from "./flowModel.ts";
import { text } from "../../scripts/lib/forceApp.ts";
import { evaluate } from "./flowFormula.ts";

const CLOSE_FLOW = "Opportunity_After_Save_Closed_Won_Handoff";
const REOPEN_FLOW = "Opportunity_After_Save_Reopened_Handoff";
const EARLY_FLOW = "Opportunity_After_Save_Early_CS_Intro";
const ESCALATION_FLOW = "Handoff_After_Save_SLA_Escalation";
const STAMPS_FLOW = "Handoff_Before_Save_Lifecycle_Stamps";
const CLOCK_FLOW = "Handoff_After_Save_First_Touch_Clock";
const TASK_TOUCH_FLOW = "Task_After_Save_Handoff_First_Touch";
const EVENT_TOUCH_FLOW = "Event_After_Save_Handoff_First_Touch";

// What fires each flow. A new flow must be added here, so its trigger is a decision someone wrote down.
const EXPECTED_TRIGGERS: Record<string, { object: string; triggerType: string; recordTriggerType: string }> = {
  [CLOSE_FLOW]: { object: "Opportunity", triggerType: "RecordAfterSave", recordTriggerType: "CreateAndUpdate" },
  [REOPEN_FLOW]: { object: "Opportunity", triggerType: "RecordAfterSave", recordTriggerType: "Update" },
  [EARLY_FLOW]: { object: "Opportunity", triggerType: "RecordAfterSave", recordTriggerType: "CreateAndUpdate" },
  [STAMPS_FLOW]: {
    object: "Handoff__c",
    triggerType: "RecordBeforeSave",
    recordTriggerType: "Update",
  },
  Handoff_Before_Save_Opportunity_Key: {
    object: "Handoff__c",
    triggerType: "RecordBeforeSave",
    recordTriggerType: "CreateAndUpdate",
  },
  Handoff_After_Save_Lifecycle_Notifications: {
    object: "Handoff__c",
    triggerType: "RecordAfterSave",
    recordTriggerType: "Update",
  },
  [ESCALATION_FLOW]: { object: "Handoff__c", triggerType: "RecordAfterSave", recordTriggerType: "CreateAndUpdate" },
  [CLOCK_FLOW]: { object: "Handoff__c", triggerType: "RecordAfterSave", recordTriggerType: "Update" },
  Handoff_After_Save_CSAT_Survey_Clock: {
    object: "Handoff__c",
    triggerType: "RecordAfterSave",
    recordTriggerType: "Update",
  },
  Handoff_After_Save_Customer_Recap_Clock: {
    object: "Handoff__c",
    triggerType: "RecordAfterSave",
    recordTriggerType: "Update",
  },
  Handoff_After_Save_Kickoff_Missed: {
    object: "Handoff__c",
    triggerType: "RecordAfterSave",
    recordTriggerType: "Update",
  },
  Event_After_Save_Handoff_Kickoff_Moved: {
    object: "Event",
    triggerType: "RecordAfterSave",
    recordTriggerType: "Update",
  },
  Event_After_Save_Handoff_Kickoff_Held: {
    object: "Event",
    triggerType: "RecordAfterSave",
    recordTriggerType: "Create",
  },
  Handoff_After_Save_Kickoff_Clock: {
    object: "Handoff__c",
    triggerType: "RecordAfterSave",
    recordTriggerType: "Update",
  },
  Handoff_After_Save_Customer_Recap_No_Answer: {
    object: "Handoff__c",
    triggerType: "RecordAfterSave",
    recordTriggerType: "CreateAndUpdate",
  },
  Handoff_After_Save_CSAT_Survey: {
    object: "Handoff__c",
    triggerType: "RecordAfterSave",
    recordTriggerType: "CreateAndUpdate",
  },
  [TASK_TOUCH_FLOW]: { object: "Task", triggerType: "RecordAfterSave", recordTriggerType: "CreateAndUpdate" },
  [EVENT_TOUCH_FLOW]: {
    object: "Event",
    triggerType: "RecordAfterSave",
    recordTriggerType: "Create",
  },
  Event_After_Save_Handoff_First_Touch_Rescheduled: {
    object: "Event",
    triggerType: "RecordAfterSave",
    recordTriggerType: "Update",
  },
};

const flows = readFlows();
const flow = (name: string): FlowModel => {
  const found = flows.find((f) => f.apiName === name);
  assert.ok(found, `flow ${name} is missing from ${FLOWS_DIR}`);
  return found;
};

// A temp copy of one flow file with a text edit, read back through the same reader.
function brokenCopy(name: string, edit: (xml: string) => string): FlowModel {
  const original = readFileSync(join(FLOWS_DIR, `${name}.flow-meta.xml`), "utf8");
  const changed = edit(original);
  assert.notEqual(changed, original, `the edit meant to break ${name} changed nothing: the test itself is out of date`);
  const dir = mkdtempSync(join(tmpdir(), "broken-flow-"));
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.flow-meta.xml`);
  writeFileSync(path, changed);
  return readFlow(path);
}

// The Closed Won entry condition must fire exactly when the deal becomes won: on create as won, or on the save that
// changes IsWon to true. Re-saving a won deal must not fire it, or every edit would restart the handoff.
interface EntryCase {
  name: string;
  isNew: boolean;
  wasWon: boolean;
  isWon: boolean;
  wasClosed?: boolean; // default: closed when won
  isClosed?: boolean;
}
const closedBefore = (c: EntryCase) => c.wasClosed ?? c.wasWon;
const closedAfter = (c: EntryCase) => c.isClosed ?? c.isWon;
const WON_CASES: EntryCase[] = [
  { name: "created as won", isNew: true, wasWon: false, isWon: true },
  { name: "created open", isNew: true, wasWon: false, isWon: false },
  { name: "moved from open to won", isNew: false, wasWon: false, isWon: true },
  { name: "won deal saved again", isNew: false, wasWon: true, isWon: true },
  { name: "won deal reopened", isNew: false, wasWon: true, isWon: false },
  { name: "open deal saved again", isNew: false, wasWon: false, isWon: false },
  { name: "open deal closed lost", isNew: false, wasWon: false, isWon: false, wasClosed: false, isClosed: true },
  { name: "lost deal saved again", isNew: false, wasWon: false, isWon: false, wasClosed: true, isClosed: true },
  { name: "lost deal reopened", isNew: false, wasWon: false, isWon: false, wasClosed: true, isClosed: false },
];

function entryMismatches(model: FlowModel, expected: (c: EntryCase) => boolean): string[] {
  assert.ok(model.filterFormula, `${model.apiName} has no entry formula`);
  return WON_CASES.filter((c) => {
    const fires = evaluate(model.filterFormula!, {
      "$Record.IsWon": c.isWon,
      "ISNEW()": c.isNew,
      "ISCHANGED($Record.IsWon)": !c.isNew && c.wasWon !== c.isWon,
      "$Record.IsClosed": closedAfter(c),
      "ISCHANGED($Record.IsClosed)": !c.isNew && closedBefore(c) !== closedAfter(c),
    });
    return fires !== expected(c);
  }).map((c) => `${c.name}: entry condition ${expected(c) ? "does not fire" : "fires"}`);
}

const becameWon = (c: EntryCase) => c.isWon && (c.isNew || !c.wasWon);
// The reopen flow returns the open handoff when a won deal is reopened and when a deal (with an early-intro draft)
// is lost: either way the deal did not close won.
const leftWonOrLost = (c: EntryCase) => !c.isNew && !c.isWon && (c.wasWon || (!closedBefore(c) && closedAfter(c)));

function excludedTypeMismatches(model: FlowModel, formulaName: string): string[] {
  const formula = model.formulas.get(formulaName);
  assert.ok(formula, `${model.apiName} has no formula ${formulaName}`);
  const cases: { type: string; setting: string | null; excluded: boolean }[] = [
    { type: "Renewal", setting: "Renewal", excluded: true },
    { type: "Renewal", setting: "Upsell; Renewal", excluded: true },
    { type: "New Business", setting: "Renewal", excluded: false },
    { type: "", setting: "Renewal", excluded: false },
    { type: "Renewal", setting: null, excluded: false },
    { type: "Renewal Plus", setting: "Renewal", excluded: false },
    { type: "Renewal", setting: " RENEWAL ;\tUpsell", excluded: true },
    { type: "Renewal", setting: "Upsell;\u00a0renewal\u00a0", excluded: true },
  ];
  return cases
    .filter(
      (c) =>
        evaluate(formula.expression, {
          "$Record.Type": { picklist: c.type },
          "Get_Settings.Excluded_Deal_Types__c": c.setting,
        }) !== c.excluded,
    )
    .map(
      (c) => `type "${c.type}" with Excluded Deal Types "${c.setting}" should ${c.excluded ? "" : "not "}be excluded`,
    );
}

// Each rung runs at its own stamped due time: the times are counted in business hours by the automation that stamps
// them, so an offset on the path (calendar hours) would push a rung into the weekend again.
const RUNG_FIELDS = [
  ["Handoff_Due_At__c", "the rep's reminder"],
  ["Handoff_Escalation_Due_At__c", "the rep's manager"],
  ["First_Touch_Reminder_At__c", "the CSM's reminder"],
  ["First_Touch_Due_At__c", "the CS manager"],
  ["Leadership_Escalation_Due_At__c", "leadership"],
] as const;

function scheduledPathProblems(model: FlowModel): string[] {
  const problems: string[] = [];
  for (const [field, rung] of RUNG_FIELDS) {
    const paths = model.scheduledPaths.filter((p) => p.recordField === field && p.timeSource === "RecordField");
    if (paths.length !== 1) problems.push(`needs one path for ${rung} scheduled on ${field}, found ${paths.length}`);
    for (const p of paths)
      if (p.offsetNumber !== 0)
        problems.push(
          `${p.name}: offset ${p.offsetNumber} ${p.offsetUnit} adds calendar hours to a business-hours time`,
        );
  }
  for (const p of model.scheduledPaths) {
    const first = p.target ? model.elements.get(p.target) : undefined;
    // The record may have been submitted or touched since the path was scheduled: re-check before acting.
    if (first?.kind !== "decisions")
      problems.push(
        `scheduled path ${p.name} must start with a decision that re-checks the SLA, starts with ${p.target}`,
      );
  }
  if (!model.requiresChangeToMeetCriteria)
    problems.push("entry must require the record to change to meet the criteria, or every save reschedules the ladder");
  return problems;
}

group("every handoff flow", () => {
  test("the flows folder holds exactly the flows this test knows", () => {
    assert.deepEqual(
      flows.map((f) => f.apiName).sort(),
      Object.keys(EXPECTED_TRIGGERS).sort(),
      "a flow was added or removed: add its trigger to EXPECTED_TRIGGERS in tests/flows/flowStructure.test.ts",
    );
  });

  for (const model of flows) {
    test(`${model.apiName}: trigger, version and status`, () => {
      const expected = EXPECTED_TRIGGERS[model.apiName];
      assert.ok(expected, `${model.apiName} is not in EXPECTED_TRIGGERS`);
      assert.deepEqual(
        { object: model.object, triggerType: model.triggerType, recordTriggerType: model.recordTriggerType },
        expected,
        `${model.apiName} is triggered by something other than intended`,
      );
      assert.equal(model.apiVersion, "66.0", `${model.apiName} must be API 66.0`);
      assert.equal(model.status, "Active", `${model.apiName} must deploy Active`);
      assert.equal(
        model.processType,
        "AutoLaunchedFlow",
        `${model.apiName} must be an autolaunched (record-triggered) flow`,
      );
    });

    test(`${model.apiName}: connectors resolve, fault paths everywhere, no data access in loops`, () => {
      const problems = [...connectorProblems(model), ...faultPathProblems(model), ...dataInLoopProblems(model)];
      assert.deepEqual(problems.map(describe), [], "structural problems found");
    });
  }
});

group("Closed Won handoff flow", () => {
  const model = flow(CLOSE_FLOW);

  test("fires when the deal becomes won, not when a won deal is saved again", () => {
    assert.deepEqual(entryMismatches(model, becameWon), []);
  });

  test("creates a handoff for every won stage (IsWon, not one stage name) and not for excluded deal types", () => {
    const conditions = ruleConditions(model, "Is_Handoff_Deal", "Not_Excluded");
    assert.deepEqual(
      conditions.map((c) => `${c.left} ${c.operator} ${c.right}`).sort(),
      ["fxIsExcludedDealType EqualTo false"],
      "the Is_Handoff_Deal decision must check only the excluded deal types: the entry condition (IsWon) decides the won stage",
    );
    assert.ok(
      onlyReachableThrough(model, "Create_Handoff", "Is_Handoff_Deal", "Not_Excluded"),
      "Create_Handoff can be reached without passing the excluded-type check",
    );
    assert.deepEqual(excludedTypeMismatches(model, "fxIsExcludedDealType"), []);
  });

  test("one handoff per deal: created only when none exists, keyed on the opportunity Id", () => {
    assert.ok(
      onlyReachableThrough(model, "Create_Handoff", "Handoff_State", "No_Handoff_Yet"),
      "Create_Handoff is reachable when a handoff already exists",
    );
    const key = elementsOfKind(model, "recordCreates").find((e) => e.name === "Create_Handoff")!.node
      .inputAssignments as Record<string, unknown>[];
    const assigned = new Map(key.map((a) => [String(a.field), JSON.stringify(a.value)]));
    assert.match(
      assigned.get("Opportunity_Key__c") ?? "",
      /\$Record\.Id/,
      "Opportunity_Key__c must be the opportunity Id (the unique key)",
    );
    for (const field of ["Handoff_Due_At__c", "First_Touch_Due_At__c", "Tier__c", "Closed_At__c"]) {
      assert.ok(assigned.has(field), `Create_Handoff must set ${field}`);
    }
    const handoffState = model.elements.get("Handoff_State")!;
    assert.equal(
      handoffState.connectors.find((c) => c.kind === "default"),
      undefined,
      "a deal already handed off must end the flow (no default path)",
    );
  });

  test("notifications go out once: not when a reopened deal closes again", () => {
    for (const notifier of ["Send_Bell_Notification", "Send_Handoff_Email", "Post_To_Slack"]) {
      assert.ok(
        onlyReachableThrough(model, notifier, "Should_Notify", "First_Close"),
        `${notifier} is reachable without the Should_Notify check`,
      );
    }
  });
});

group("reopened and early-intro flows", () => {
  test("the reopen flow fires only when a won deal leaves the won stage or an open deal is lost", () => {
    assert.deepEqual(entryMismatches(flow(REOPEN_FLOW), leftWonOrLost), []);
  });

  test("the early intro creates a handoff only at the intro stage, for deals without one", () => {
    const model = flow(EARLY_FLOW);
    assert.ok(onlyReachableThrough(model, "Create_Early_Handoff", "Is_Early_Intro_Stage", "Intro_Stage_Not_Excluded"));
    assert.ok(onlyReachableThrough(model, "Create_Early_Handoff", "No_Handoff_Yet", "Start_Introduction"));
    assert.deepEqual(excludedTypeMismatches(model, "fxIsExcludedDealType"), []);
    assert.match(
      model.filterFormula ?? "",
      /NOT\(\{!\$Record\.IsClosed\}\)/,
      "the early intro must not run on closed deals",
    );
  });

  test("the early intro follows the High-Touch complexities of the settings, not a hard-coded one", () => {
    assert.deepEqual(earlyIntroTierMismatches(flow(EARLY_FLOW)), []);
  });

  test("broken copy: the old hard-coded High complexity is caught", () => {
    const broken = brokenCopy(EARLY_FLOW, (xml) =>
      xml.replace(
        "{!$Record.Handoff_Tier__c} = &quot;High-Touch&quot;)</filterFormula>",
        "OR({!$Record.Handoff_Tier__c} = &quot;High-Touch&quot;, ISPICKVAL({!$Record.Deal_Complexity__c}, &quot;High&quot;)))</filterFormula>",
      ),
    );
    assert.ok(
      earlyIntroTierMismatches(broken).includes(
        'settings with High-Touch Complexities "Medium": amount 10000, complexity High: early intro fires',
      ),
      earlyIntroTierMismatches(broken).join("; "),
    );
  });
});

// The early introduction follows the High-Touch rule of the settings (Handoff_Tier__c applies the amount threshold
// and High_Touch_Complexities__c), never a complexity written into the flow: checked with the committed settings and
// with settings where "High" is not a high-touch complexity.
function earlyIntroTierMismatches(model: FlowModel): string[] {
  const mismatches: string[] = [];
  const committed = loadRuleContext();
  const configurations = [
    { label: "committed settings", context: committed },
    {
      label: 'settings with High-Touch Complexities "Medium"',
      context: withSettings(committed, { High_Touch_Complexities__c: "Medium", High_Touch_Min_Amount__c: 100000 }),
    },
  ];
  for (const { label, context } of configurations) {
    const settings = toSettings(context.settingsRecord);
    for (const amount of [10000, settings.highTouchMinAmount ?? 0])
      for (const complexity of ["Low", "Medium", "High"]) {
        const tier = evaluateTier(context, amount, complexity);
        const expected = handoffTier(amount, complexity, settings) === "High-Touch";
        const fires = evaluate(model.filterFormula ?? "false", {
          "$Record.IsClosed": false,
          "ISNEW()": false,
          "ISCHANGED($Record.StageName)": true,
          "$Record.Handoff_Tier__c": tier,
          "$Record.Deal_Complexity__c": { picklist: complexity },
        });
        if (fires !== expected)
          mismatches.push(
            `${label}: amount ${amount}, complexity ${complexity}: early intro ${fires ? "fires" : "does not fire"}`,
          );
      }
  }
  return mismatches;
}

// The first touch is the CSM's first real contact after acceptance, recorded once: the Update Records filter of
// the activity flows carries that rule, and the time it records is when the contact happened (a task's completion,
// an event's start), which is also the time compared with acceptance.
function firstTouchFilterProblems(model: FlowModel, updateName: string, touchTime: string): string[] {
  const update = model.elements.get(updateName);
  if (!update || update.kind !== "recordUpdates") return [`no ${updateName} update element`];
  const filters = asArray(update.node.filters).map(
    (f) => `${text(f.field)} ${text(f.operator)} ${JSON.stringify(f.value)}`,
  );
  const time = touchTime.replace(/[.$]/g, "\\$&");
  const required: [RegExp, string][] = [
    [/^CS_Owner__c EqualTo .*\$Record\.OwnerId/, "only the CSM's own activities count"],
    [/^First_Touch_At__c IsNull .*true/, "the first touch is recorded once"],
    [
      new RegExp(`^Submitted_At__c LessThanOrEqualTo .*${time}"`),
      `only activities after submission count (${touchTime})`,
    ],
    [/^Account__c EqualTo .*\$Record\.AccountId/, "only activities on the handoff's account or deal count"],
  ];
  const problems = required
    .filter(([pattern]) => !filters.some((f) => pattern.test(f)))
    .map(([, why]) => `${updateName}: filter missing: ${why}`);
  if (filters.some((f) => /^Status__c /.test(f)))
    problems.push(`${updateName}: a status filter: a CS activity after submission counts whatever the status`);
  if (!writesOf(model, updateName).includes(`First_Touch_At__c = ${touchTime}`))
    problems.push(`${updateName}: First Touch At must be set to ${touchTime}, when the contact happened`);
  return problems;
}

interface TaskCase {
  name: string;
  isNew: boolean;
  wasClosed: boolean;
  isClosed: boolean;
  subtype: string;
  type: string;
  account: boolean;
  counts: boolean;
}
const TASK_CASES: TaskCase[] = [
  {
    name: "logged call",
    isNew: true,
    wasClosed: false,
    isClosed: true,
    subtype: "Call",
    type: "",
    account: true,
    counts: true,
  },
  {
    name: "sent email",
    isNew: true,
    wasClosed: false,
    isClosed: true,
    subtype: "Email",
    type: "",
    account: true,
    counts: true,
  },
  {
    name: "completed task of type Call",
    isNew: true,
    wasClosed: false,
    isClosed: true,
    subtype: "Task",
    type: "Call",
    account: true,
    counts: true,
  },
  {
    name: "planned call, still open",
    isNew: true,
    wasClosed: false,
    isClosed: false,
    subtype: "Call",
    type: "Call",
    account: true,
    counts: false,
  },
  {
    name: "planned call completed later",
    isNew: false,
    wasClosed: false,
    isClosed: true,
    subtype: "Task",
    type: "Call",
    account: true,
    counts: true,
  },
  {
    name: "completed call edited again",
    isNew: false,
    wasClosed: true,
    isClosed: true,
    subtype: "Call",
    type: "Call",
    account: true,
    counts: false,
  },
  {
    name: "completed meeting task",
    isNew: true,
    wasClosed: false,
    isClosed: true,
    subtype: "Task",
    type: "Meeting",
    account: true,
    counts: false,
  },
  {
    name: "completed handoff review task",
    isNew: false,
    wasClosed: false,
    isClosed: true,
    subtype: "Task",
    type: "",
    account: true,
    counts: false,
  },
  {
    name: "logged call with no account or deal",
    isNew: true,
    wasClosed: false,
    isClosed: true,
    subtype: "Call",
    type: "Call",
    account: false,
    counts: false,
  },
];

function taskEntryMismatches(model: FlowModel): string[] {
  return TASK_CASES.filter(
    (c) =>
      evaluate(model.filterFormula ?? "false", {
        "$Record.IsClosed": c.isClosed,
        "ISNEW()": c.isNew,
        "ISCHANGED($Record.IsClosed)": !c.isNew && c.wasClosed !== c.isClosed,
        "$Record.AccountId": c.account ? "001000000000001AAA" : null,
        "$Record.TaskSubtype": { picklist: c.subtype },
        "$Record.Type": { picklist: c.type },
      }) !== c.counts,
  ).map((c) => `${c.name}: ${c.counts ? "does not count" : "counts"} as a first touch`);
}

// Which Record First Touch update an event reaches: at once when saved, and at its start (scheduled path).
function eventTouchProblems(model: FlowModel): string[] {
  const problems: string[] = [];
  const hasStarted = model.formulas.get("fxEventHasStarted")?.expression;
  if (!hasStarted) return ["no formula fxEventHasStarted"];
  const now = new Date("2026-11-26T10:00:00Z");
  const started = (start: string) =>
    String(
      evaluate(hasStarted, {
        "$Record.StartDateTime": { datetime: new Date(start) },
        "$Flow.CurrentDateTime": { datetime: now },
      }),
    );
  const atStart = model.scheduledPaths.find((p) => p.recordField === "StartDateTime" && p.timeSource === "RecordField");
  if (!atStart || atStart.offsetNumber !== 0) return ["needs a scheduled path at the event's StartDateTime (offset 0)"];
  const touches = (from: string | undefined, start: string) =>
    runPath(model, from, { fxEventHasStarted: started(start) }).filter((e) => e.startsWith("Record_First_Touch"));
  const cases: [string, string | undefined, string, boolean][] = [
    ["meeting logged after it happened, when saved", model.startTarget, "2026-11-26T08:00:00Z", true],
    ["meeting booked for next week, when saved", model.startTarget, "2026-12-03T10:00:00Z", false],
    ["meeting booked for next week, at its start", atStart.target, "2026-11-26T10:00:00Z", true],
    ["meeting moved to later, when the old start comes", atStart.target, "2026-11-27T10:00:00Z", false],
  ];
  for (const [name, from, start, counts] of cases) {
    const reached = touches(from, start);
    if (reached.length > 0 !== counts)
      problems.push(`${name}: ${counts ? "no first touch recorded" : `first touch recorded by ${reached.join(", ")}`}`);
  }
  return problems;
}

group("lifecycle and first touch", () => {
  test("missing information becomes a task for the rep; a reopened deal sends no Returned message", () => {
    const model = flow("Handoff_After_Save_Lifecycle_Notifications");
    assert.ok(
      onlyReachableThrough(model, "Create_Missing_Info_Task", "New_Status", "Info_Requested"),
      "the missing-info task must come only from Info Requested",
    );
    const returned = ruleConditions(model, "New_Status", "Returned").map((c) => `${c.left} ${c.operator} ${c.right}`);
    assert.ok(
      returned.includes("$Record.Return_Reason__c NotEqualTo Deal Not Closed"),
      `Returned rule: ${returned.join("; ")}`,
    );
  });

  test("tasks: first touch only from the CSM, after submission whatever the status, once, at completion", () => {
    assert.deepEqual(firstTouchFilterProblems(flow(TASK_TOUCH_FLOW), "Record_First_Touch", "fxTouchedAt"), []);
  });

  test("events: first touch only from the CSM, after submission whatever the status, once, at the meeting's start", () => {
    const model = flow(EVENT_TOUCH_FLOW);
    assert.deepEqual(
      [
        ...firstTouchFilterProblems(model, "Record_First_Touch", "$Record.StartDateTime"),
        ...firstTouchFilterProblems(model, "Record_First_Touch_At_Start", "$Record.StartDateTime"),
      ],
      [],
    );
  });

  test("only a completed call or email task counts, when it is completed", () => {
    assert.deepEqual(taskEntryMismatches(flow(TASK_TOUCH_FLOW)), []);
  });

  test("a meeting counts once it has started, not when it is booked", () => {
    assert.deepEqual(eventTouchProblems(flow(EVENT_TOUCH_FLOW)), []);
  });

  test("broken copy: a first-touch filter without the submission rule is caught", () => {
    const broken = brokenCopy(TASK_TOUCH_FLOW, (xml) =>
      xml.replace(/<filters>\s*<field>Submitted_At__c<\/field>[\s\S]*?<\/filters>\s*/, ""),
    );
    assert.deepEqual(firstTouchFilterProblems(broken, "Record_First_Touch", "fxTouchedAt"), [
      "Record_First_Touch: filter missing: only activities after submission count (fxTouchedAt)",
    ]);
  });

  test("broken copy: first touch only for accepted handoffs (a call before Accept ignored) is caught", () => {
    const broken = brokenCopy(EVENT_TOUCH_FLOW, (xml) =>
      xml.replace(
        /(<name>Record_First_Touch<\/name>[\s\S]*?)(<filters>\s*<field>First_Touch_At__c<\/field>)/,
        "$1<filters><field>Status__c</field><operator>EqualTo</operator><value><stringValue>Accepted</stringValue></value></filters>$2",
      ),
    );
    assert.deepEqual(firstTouchFilterProblems(broken, "Record_First_Touch", "$Record.StartDateTime"), [
      "Record_First_Touch: a status filter: a CS activity after submission counts whatever the status",
    ]);
  });

  test("broken copy: the old task entry (open tasks and meeting tasks count) is caught", () => {
    const broken = brokenCopy(TASK_TOUCH_FLOW, (xml) =>
      xml.replace(
        /<filterFormula>[^<]*<\/filterFormula>/,
        "<filterFormula>AND(NOT(ISBLANK({!$Record.AccountId})), OR(ISPICKVAL({!$Record.TaskSubtype}, &quot;Call&quot;), ISPICKVAL({!$Record.TaskSubtype}, &quot;Email&quot;), ISPICKVAL({!$Record.Type}, &quot;Call&quot;), ISPICKVAL({!$Record.Type}, &quot;Email&quot;), ISPICKVAL({!$Record.Type}, &quot;Meeting&quot;)))</filterFormula>",
      ),
    );
    const problems = taskEntryMismatches(broken);
    assert.ok(problems.includes("planned call, still open: counts as a first touch"), problems.join("; "));
    assert.ok(problems.includes("completed meeting task: counts as a first touch"), problems.join("; "));
  });

  test("broken copy: an event flow that counts every booked meeting at once is caught", () => {
    const broken = brokenCopy(EVENT_TOUCH_FLOW, (xml) =>
      xml.replace(/(<start>[\s\S]*?<connector>\s*<targetReference>)Event_Already_Started/, "$1Record_First_Touch"),
    );
    assert.ok(
      eventTouchProblems(broken).includes(
        "meeting booked for next week, when saved: first touch recorded by Record_First_Touch",
      ),
      eventTouchProblems(broken).join("; "),
    );
  });
});

// Submitted At is the server's time of the latest submission, never the browser's (decision documented in
// docs/admin-guide-automation.md): the first one, one whose client also sent Submitted At, and re-submissions.
// Each new Submitted At restarts the first-touch clock: the after-save clock flow counts it from Submitted At in
// business hours (a before-save flow cannot call Apex); the due time itself is tested on the flow runtime.
function submissionStampProblems(model: FlowModel): string[] {
  const problems: string[] = [];
  const earlier = "2026-01-05T09:00:00Z";
  const submissions: { name: string; values: RunValues }[] = [
    { name: "first submission from Draft", values: { "$Record.Submitted_At__c": null } },
    { name: "first submission, the browser also sent Submitted At", values: { "$Record.Submitted_At__c": earlier } },
    { name: "re-submission after Info Requested", values: { "$Record.Submitted_At__c": earlier } },
    { name: "re-submission after Returned", values: { "$Record.Submitted_At__c": earlier } },
    { name: "late submission of an Escalated handoff", values: { "$Record.Submitted_At__c": null } },
  ];
  for (const { name, values } of submissions) {
    const fires = evaluate(model.filterFormula ?? "false", { "ISCHANGED($Record.Status__c)": true });
    if (fires !== true) {
      problems.push(`${name}: the flow does not run when the status changes`);
      continue;
    }
    const path = runPath(model, model.startTarget, {
      ...values,
      "$Record.Status__c": "Submitted",
      "$Record.Accepted_At__c": null,
    });
    const stamps = path.flatMap((element) => writesOf(model, element));
    if (!stamps.includes("$Record.Submitted_At__c = $Flow.CurrentDateTime"))
      problems.push(`${name}: Submitted At is not stamped with the server time on ${path.join(" -> ")}`);
  }
  return problems;
}

function firstTouchClockProblems(model: FlowModel): string[] {
  const problems: string[] = [];
  const fires = (changed: boolean, submittedAt: string | null) =>
    evaluate(model.filterFormula ?? "false", {
      "ISCHANGED($Record.Submitted_At__c)": changed,
      "$Record.Submitted_At__c": submittedAt === null ? null : { datetime: new Date(submittedAt) },
    });
  if (fires(true, "2026-11-26T10:00:00Z") !== true) problems.push("a new Submitted At does not restart the clock");
  if (fires(false, "2026-11-26T10:00:00Z") === true)
    problems.push("the clock restarts on saves that do not change Submitted At (its own update would loop)");
  if (fires(true, null) === true) problems.push("clearing Submitted At (a re-close) starts a clock");
  const path = runPath(model, model.startTarget, {});
  const writes = path.flatMap((element) => writesOf(model, element));
  for (const expected of [
    "startAt = $Record.Submitted_At__c",
    "hours = fxFirstTouchSlaHours",
    "First_Touch_Due_At__c = varFirstTouchDueAt",
    "First_Touch_Reminder_At__c = varFirstTouchReminderAt",
    "Leadership_Escalation_Due_At__c = varLeadershipEscalationDueAt",
  ])
    if (!writes.includes(expected)) problems.push(`missing ${expected} on ${path.join(" -> ")}: ${writes.join("; ")}`);
  const settings = loadSettings();
  for (const tier of ["High-Touch", "Low-Touch"] as const) {
    const hours = evaluate(model.formulas.get("fxFirstTouchSlaHours")?.expression ?? "0", {
      "$Record.Tier__c": { picklist: tier },
      "Get_Settings.First_Touch_SLA_Hours_High_Touch__c": settings.firstTouchSlaHours["High-Touch"],
      "Get_Settings.First_Touch_SLA_Hours_Low_Touch__c": settings.firstTouchSlaHours["Low-Touch"],
    });
    if (hours !== settings.firstTouchSlaHours[tier])
      problems.push(
        `${tier}: the clock counts ${String(hours)} hours, the settings say ${settings.firstTouchSlaHours[tier]}`,
      );
  }
  return problems;
}

group("submission stamps", () => {
  test("every submission is stamped with the server time and restarts the first-touch clock", () => {
    assert.deepEqual(submissionStampProblems(flow(STAMPS_FLOW)), []);
    assert.deepEqual(firstTouchClockProblems(flow(CLOCK_FLOW)), []);
  });

  test("broken copy: a clock counted from the close instead of Submitted At is caught", () => {
    const broken = brokenCopy(CLOCK_FLOW, (xml) =>
      xml.replace(
        /(<name>startAt<\/name>\s*<value>\s*<elementReference>)\$Record\.Submitted_At__c/,
        "$1$Record.Closed_At__c",
      ),
    );
    assert.ok(
      firstTouchClockProblems(broken).some((p) => p.startsWith("missing startAt = $Record.Submitted_At__c")),
      firstTouchClockProblems(broken).join("\n"),
    );
  });

  test("broken copy: stamping only when Submitted At is blank (the old flow) is caught", () => {
    const broken = brokenCopy(STAMPS_FLOW, (xml) =>
      xml.replace(
        /(<name>Submission<\/name>\s*<conditionLogic>and<\/conditionLogic>\s*<conditions>[\s\S]*?<\/conditions>)/,
        `$1
            <conditions>
                <leftValueReference>$Record.Submitted_At__c</leftValueReference>
                <operator>IsNull</operator>
                <rightValue>
                    <booleanValue>true</booleanValue>
                </rightValue>
            </conditions>`,
      ),
    );
    const problems = submissionStampProblems(broken);
    assert.ok(
      problems.some((p) =>
        p.startsWith("re-submission after Info Requested: Submitted At is not stamped with the server time"),
      ),
      problems.join("\n"),
    );
    assert.ok(
      problems.some((p) =>
        p.startsWith("first submission, the browser also sent Submitted At: Submitted At is not stamped"),
      ),
      problems.join("\n"),
    );
  });
});

// Every escalation reaches someone: a manager when the user record has one, otherwise the CS Lead Group of the
// settings, with a note on the handoff (Automation Error) saying why; an unassigned (queue-owned) handoff escalates
// for first touch too. Each case follows one run of the scheduled path through the flow's decisions.
interface EscalationCase {
  name: string;
  path: string;
  values: RunValues;
  recipients: string[];
  note: "none" | "fallback" | "no lead group";
}
const NOT_SUBMITTED: RunValues = {
  "$Record.Submitted_At__c": null,
  "$Record.Status__c": "Draft",
  "$Record.Opportunity__c": "006000000000001AAA",
  "$Record.Return_Reason__c": null,
  "$Record.Sales_Owner__c": "005000000000001AAA",
  Get_CS_Lead_Group: "00G000000000001AAA",
};
const NOT_TOUCHED: RunValues = {
  ...NOT_SUBMITTED,
  "$Record.Status__c": "Accepted",
  "$Record.Submitted_At__c": "2026-11-20T10:00:00Z",
  "$Record.First_Touch_At__c": null,
};
const ESCALATION_CASES: EscalationCase[] = [
  {
    name: "level 2, rep with a manager",
    path: "At_Handoff_Escalation_Due",
    values: {
      ...NOT_SUBMITTED,
      "$Record.Sales_Owner__r.ManagerId": "005000000000002AAA",
      "$Record.Sales_Owner__r.Manager.IsActive": "true",
    },
    recipients: ["$Record.Sales_Owner__c", "$Record.Sales_Owner__r.ManagerId"],
    note: "none",
  },
  {
    name: "level 2, rep's manager inactive",
    path: "At_Handoff_Escalation_Due",
    values: {
      ...NOT_SUBMITTED,
      "$Record.Sales_Owner__r.ManagerId": "005000000000002AAA",
      "$Record.Sales_Owner__r.Manager.IsActive": "false",
    },
    recipients: ["$Record.Sales_Owner__c", "Get_CS_Lead_Group.Id"],
    note: "fallback",
  },
  {
    name: "level 2, rep without a manager",
    path: "At_Handoff_Escalation_Due",
    values: { ...NOT_SUBMITTED, "$Record.Sales_Owner__r.ManagerId": null },
    recipients: ["$Record.Sales_Owner__c", "Get_CS_Lead_Group.Id"],
    note: "fallback",
  },
  {
    name: "level 2, rep without a manager, CS Lead Group not found",
    path: "At_Handoff_Escalation_Due",
    values: { ...NOT_SUBMITTED, "$Record.Sales_Owner__r.ManagerId": null, Get_CS_Lead_Group: null },
    recipients: ["$Record.Sales_Owner__c"],
    note: "no lead group",
  },
  {
    name: "level 3, CSM with a manager",
    path: "At_First_Touch_Due",
    values: {
      ...NOT_TOUCHED,
      "$Record.CS_Owner__c": "005000000000003AAA",
      "$Record.CS_Owner__r.ManagerId": "005000000000004AAA",
      "$Record.CS_Owner__r.Manager.IsActive": "true",
    },
    recipients: ["$Record.CS_Owner__c", "$Record.CS_Owner__r.ManagerId"],
    note: "none",
  },
  {
    name: "level 3, CSM's manager inactive",
    path: "At_First_Touch_Due",
    values: {
      ...NOT_TOUCHED,
      "$Record.CS_Owner__c": "005000000000003AAA",
      "$Record.CS_Owner__r.ManagerId": "005000000000004AAA",
      "$Record.CS_Owner__r.Manager.IsActive": "false",
    },
    recipients: ["$Record.CS_Owner__c", "Get_CS_Lead_Group.Id"],
    note: "fallback",
  },
  {
    name: "level 4, leadership found",
    path: "At_Leadership_Escalation_Due",
    values: { ...NOT_TOUCHED, varLeadershipRecipientCount: "2" },
    recipients: ["varLeadershipRecipientIds"],
    note: "none",
  },
  {
    name: "level 4, nobody in leadership",
    path: "At_Leadership_Escalation_Due",
    values: { ...NOT_TOUCHED, varLeadershipRecipientCount: "0" },
    recipients: ["Get_CS_Lead_Group.Id"],
    note: "fallback",
  },
  {
    name: "level 3, CSM without a manager",
    path: "At_First_Touch_Due",
    values: { ...NOT_TOUCHED, "$Record.CS_Owner__c": "005000000000003AAA", "$Record.CS_Owner__r.ManagerId": null },
    recipients: ["$Record.CS_Owner__c", "Get_CS_Lead_Group.Id"],
    note: "fallback",
  },
  {
    name: "level 3, handoff owned by the fallback queue (no CS owner)",
    path: "At_First_Touch_Due",
    values: { ...NOT_TOUCHED, "$Record.CS_Owner__c": null, "$Record.CS_Owner__r.ManagerId": null },
    recipients: ["Get_CS_Lead_Group.Id"],
    note: "fallback",
  },
];

function escalationProblems(model: FlowModel): string[] {
  const problems: string[] = [];
  for (const c of ESCALATION_CASES) {
    const scheduled = model.scheduledPaths.find((p) => p.name === c.path);
    if (!scheduled) {
      problems.push(`${c.name}: no scheduled path ${c.path}`);
      continue;
    }
    let path: string[];
    try {
      path = runPath(model, scheduled.target, c.values);
    } catch (error) {
      problems.push(`${c.name}: ${(error as Error).message}`);
      continue;
    }
    if (!path.some((e) => e.startsWith("Escalate_To_")))
      problems.push(`${c.name}: the escalation is not logged (no Escalate_To_ update on ${path.join(" -> ")})`);
    if (!path.includes("Log_Escalation_Rung"))
      problems.push(`${c.name}: the rung is not logged as a Handoff Escalation (${path.join(" -> ")})`);
    if (!path.includes("Send_Escalation_Notification"))
      problems.push(`${c.name}: no notification is sent (${path.join(" -> ")})`);
    const recipients = path
      .flatMap((e) => writesOf(model, e))
      .filter((w) => w.startsWith("varRecipientIds Add "))
      .map((w) => w.slice("varRecipientIds Add ".length))
      .sort();
    if (JSON.stringify(recipients) !== JSON.stringify(c.recipients))
      problems.push(`${c.name}: notified ${recipients.join(", ") || "nobody"}, expected ${c.recipients.join(", ")}`);
    const notes = path.filter((e) => {
      const element = model.elements.get(e)!;
      return isFaultHandler(element) && writesOf(model, e).includes('step = "SLA escalation fallback"');
    });
    const noteMessages = notes.flatMap((e) => writesOf(model, e).filter((w) => w.startsWith("message = ")));
    const expectedMessage = {
      none: undefined,
      fallback: "fxFallbackToLeadsNote",
      "no lead group": "fxNoLeadGroupNote",
    }[c.note];
    if (!expectedMessage && notes.length > 0)
      problems.push(`${c.name}: writes a fallback note although a manager was found`);
    if (expectedMessage && !noteMessages.includes(`message = ${expectedMessage}`))
      problems.push(`${c.name}: Automation Error does not say why (${expectedMessage} not written on the path)`);
    if (expectedMessage && !path.flatMap((e) => writesOf(model, e)).some((w) => w.startsWith("varFallbackReason = ")))
      problems.push(`${c.name}: the path never states the reason (varFallbackReason)`);
  }
  return problems;
}

group("SLA escalation flow", () => {
  test("scheduled paths on both due times, each re-checking before it escalates", () => {
    assert.deepEqual(scheduledPathProblems(flow(ESCALATION_FLOW)), []);
  });

  test("every escalation reaches a manager or the CS leads, and says why when it falls back", () => {
    assert.deepEqual(escalationProblems(flow(ESCALATION_FLOW)), []);
  });

  test("the fallback notes name the reason, and the CS Lead Group comes from the settings", () => {
    const model = flow(ESCALATION_FLOW);
    const lookup = model.elements.get("Get_CS_Lead_Group")!;
    assert.match(
      JSON.stringify(lookup.node.filters),
      /Get_Settings\.CS_Lead_Group__c/,
      "Get_CS_Lead_Group must look the group up by the CS Lead Group setting",
    );
    for (const name of ["fxFallbackToLeadsNote", "fxNoLeadGroupNote"]) {
      assert.match(
        model.formulas.get(name)?.expression ?? "",
        /\{!varFallbackReason\}/,
        `${name} must include the reason`,
      );
    }
  });

  test("broken copy: the old flow (no fallback, unassigned handoffs skipped) is caught", () => {
    const broken = brokenCopy(ESCALATION_FLOW, (xml) =>
      xml
        .replace(
          /<defaultConnector>\s*<targetReference>Message_Rep_Without_Manager<\/targetReference>\s*<\/defaultConnector>/,
          "",
        )
        .replace(
          /(<name>Escalate_CS<\/name>\s*<conditionLogic>and<\/conditionLogic>)/,
          `$1
            <conditions>
                <leftValueReference>$Record.CS_Owner__c</leftValueReference>
                <operator>IsNull</operator>
                <rightValue>
                    <booleanValue>false</booleanValue>
                </rightValue>
            </conditions>`,
        ),
    );
    const problems = escalationProblems(broken);
    assert.ok(
      problems.includes(
        "level 2, rep without a manager: no notification is sent (Handoff_Not_Submitted_After_Grace -> Escalate_To_Rep_Manager -> Has_Rep_Manager)",
      ),
      problems.join("\n"),
    );
    assert.ok(
      problems.some((p) =>
        p.startsWith("level 3, handoff owned by the fallback queue (no CS owner): the escalation is not logged"),
      ),
      problems.join("\n"),
    );
  });
});

group("the checks fail on broken copies", () => {
  test("a create without fault connector is reported by name", () => {
    const broken = brokenCopy(CLOSE_FLOW, (xml) =>
      xml.replace(
        /(<name>Create_Handoff<\/name>[\s\S]*?)<faultConnector>\s*<targetReference>Record_Create_Fault<\/targetReference>\s*<\/faultConnector>/,
        "$1",
      ),
    );
    const problems = faultPathProblems(broken).map(describe);
    assert.equal(problems.length, 1, `expected one problem, got ${problems.join("; ")}`);
    assert.match(
      problems[0],
      /Opportunity_After_Save_Closed_Won_Handoff\.flow-meta\.xml \(Create_Handoff\): recordCreates element has no fault connector/,
    );
  });

  test("a fault connector to something other than the error recorder is reported", () => {
    const broken = brokenCopy(REOPEN_FLOW, (xml) =>
      xml.replace(
        /(<name>Return_Open_Handoff<\/name>[\s\S]*?<faultConnector>\s*<targetReference>)Record_Reopen_Fault/,
        "$1Delete_Open_Review_Tasks",
      ),
    );
    assert.match(
      faultPathProblems(broken).map(describe).join("\n"),
      /\(Return_Open_Handoff\): fault connector goes to Delete_Open_Review_Tasks/,
    );
  });

  test("a Get Records inside a loop is reported", () => {
    const loop = `    <loops>
        <name>Each_Recipient</name>
        <label>Each Recipient</label>
        <locationX>0</locationX>
        <locationY>0</locationY>
        <collectionReference>varRecipientIds</collectionReference>
        <iterationOrder>Asc</iterationOrder>
        <nextValueConnector>
            <targetReference>Get_Notification_Type</targetReference>
        </nextValueConnector>
    </loops>
`;
    const broken = brokenCopy(CLOSE_FLOW, (xml) =>
      xml
        .replace("    <processMetadataValues>", loop + "    <processMetadataValues>")
        .replace(
          /(<name>Send_Bell_Notification<\/name>[\s\S]*?<connector>\s*<targetReference>)Get_Email_Template/,
          "$1Each_Recipient",
        ),
    );
    const problems = dataInLoopProblems(broken).map(describe);
    assert.ok(
      problems.some((p) => /\(Get_Notification_Type\): recordLookups element inside loop Each_Recipient/.test(p)),
      `the loop back through Get_Notification_Type was not reported: ${problems.join("; ")}`,
    );
  });

  test("a dangling connector is reported", () => {
    const broken = brokenCopy(REOPEN_FLOW, (xml) =>
      xml.replace(
        "<targetReference>Delete_Open_Review_Tasks</targetReference>",
        "<targetReference>Delete_Tasks</targetReference>",
      ),
    );
    assert.match(
      connectorProblems(broken).map(describe).join("\n"),
      /\(Return_Open_Handoff\): connector points to "Delete_Tasks"/,
    );
  });

  test("an entry condition that fires on every save of a won deal is caught", () => {
    const broken = brokenCopy(CLOSE_FLOW, (xml) =>
      xml.replace(
        "<filterFormula>AND({!$Record.IsWon}, OR(ISNEW(), ISCHANGED({!$Record.IsWon})))</filterFormula>",
        "<filterFormula>{!$Record.IsWon}</filterFormula>",
      ),
    );
    assert.deepEqual(entryMismatches(broken, becameWon), ["won deal saved again: entry condition fires"]);
  });

  test("skipping the exclusion decision is caught", () => {
    const broken = brokenCopy(CLOSE_FLOW, (xml) =>
      xml.replace(
        /(<name>Get_Settings<\/name>[\s\S]*?<connector>\s*<targetReference>)Is_Handoff_Deal/,
        "$1Get_Existing_Handoff",
      ),
    );
    assert.equal(onlyReachableThrough(broken, "Create_Handoff", "Is_Handoff_Deal", "Not_Excluded"), false);
  });

  test("an exclusion formula that matches part of a type name is caught", () => {
    const broken = brokenCopy(CLOSE_FLOW, (xml) =>
      xml.replace(
        /(<name>fxIsExcludedDealType<\/name>[\s\S]*?<expression>)[\s\S]*?(<\/expression>)/,
        "$1AND(NOT(ISBLANK(TEXT({!$Record.Type}))), CONTAINS(TEXT({!$Record.Type}), {!Get_Settings.Excluded_Deal_Types__c}))$2",
      ),
    );
    assert.ok(
      excludedTypeMismatches(broken, "fxIsExcludedDealType").length > 0,
      "the broken exclusion formula passed the exclusion cases",
    );
  });

  test("notifications reachable on a second close are caught", () => {
    const broken = brokenCopy(CLOSE_FLOW, (xml) =>
      xml.replace(
        /(<name>Create_Review_Task<\/name>[\s\S]*?<connector>\s*<targetReference>)Should_Notify/,
        "$1Add_Notification_Recipient",
      ),
    );
    assert.equal(onlyReachableThrough(broken, "Send_Bell_Notification", "Should_Notify", "First_Close"), false);
  });

  test("an escalation scheduled on the wrong field, or acting without re-checking, is caught", () => {
    const broken = brokenCopy(ESCALATION_FLOW, (xml) =>
      xml
        .replace("<recordField>First_Touch_Due_At__c</recordField>", "<recordField>CreatedDate</recordField>")
        .replace(
          /(<name>At_Handoff_Due<\/name>\s*<connector>\s*<targetReference>)Handoff_Still_Not_Submitted/,
          "$1Log_Reminder_Step",
        ),
    );
    const problems = scheduledPathProblems(broken);
    assert.ok(
      problems.includes("needs one path for the CS manager scheduled on First_Touch_Due_At__c, found 0"),
      problems.join("; "),
    );
    assert.ok(
      problems.some((p) => p.startsWith("scheduled path At_Handoff_Due must start with a decision")),
      problems.join("; "),
    );
  });
});
