// Structural checks of the handoff flows (force-app/main/default/flows): what triggers each one, the Closed Won
// transition and the exclusions, the SLA scheduled paths, fault paths, no data access in loops, and the guards that
// keep a deal to one handoff and one round of notifications. Each check is also run on a broken copy to show it fails.
import { test, describe as group } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSettings } from "../../scripts/lib/handoffConfig.ts";
import {
  FLOWS_DIR,
  connectorProblems,
  dataInLoopProblems,
  describe,
  elementsOfKind,
  faultPathProblems,
  onlyReachableThrough,
  readFlow,
  readFlows,
  ruleConditions,
  asArray,
  type FlowModel,
} from "./flowModel.ts";
import { text } from "../../scripts/lib/forceApp.ts";
import { evaluate } from "./flowFormula.ts";

const CLOSE_FLOW = "Opportunity_After_Save_Closed_Won_Handoff";
const REOPEN_FLOW = "Opportunity_After_Save_Reopened_Handoff";
const EARLY_FLOW = "Opportunity_After_Save_Early_CS_Intro";
const ESCALATION_FLOW = "Handoff_After_Save_SLA_Escalation";

// What fires each flow. A new flow must be added here, so its trigger is a decision someone wrote down.
const EXPECTED_TRIGGERS: Record<string, { object: string; triggerType: string; recordTriggerType: string }> = {
  [CLOSE_FLOW]: { object: "Opportunity", triggerType: "RecordAfterSave", recordTriggerType: "CreateAndUpdate" },
  [REOPEN_FLOW]: { object: "Opportunity", triggerType: "RecordAfterSave", recordTriggerType: "Update" },
  [EARLY_FLOW]: { object: "Opportunity", triggerType: "RecordAfterSave", recordTriggerType: "CreateAndUpdate" },
  Handoff_Before_Save_Lifecycle_Stamps: {
    object: "Handoff__c",
    triggerType: "RecordBeforeSave",
    recordTriggerType: "Update",
  },
  Handoff_After_Save_Lifecycle_Notifications: {
    object: "Handoff__c",
    triggerType: "RecordAfterSave",
    recordTriggerType: "Update",
  },
  [ESCALATION_FLOW]: { object: "Handoff__c", triggerType: "RecordAfterSave", recordTriggerType: "CreateAndUpdate" },
  Task_After_Save_Handoff_First_Touch: { object: "Task", triggerType: "RecordAfterSave", recordTriggerType: "Create" },
  Event_After_Save_Handoff_First_Touch: {
    object: "Event",
    triggerType: "RecordAfterSave",
    recordTriggerType: "Create",
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
}
const WON_CASES: EntryCase[] = [
  { name: "created as won", isNew: true, wasWon: false, isWon: true },
  { name: "created open", isNew: true, wasWon: false, isWon: false },
  { name: "moved from open to won", isNew: false, wasWon: false, isWon: true },
  { name: "won deal saved again", isNew: false, wasWon: true, isWon: true },
  { name: "won deal reopened", isNew: false, wasWon: true, isWon: false },
  { name: "open deal saved again", isNew: false, wasWon: false, isWon: false },
];

function entryMismatches(model: FlowModel, expected: (c: EntryCase) => boolean): string[] {
  assert.ok(model.filterFormula, `${model.apiName} has no entry formula`);
  return WON_CASES.filter((c) => {
    const fires = evaluate(model.filterFormula!, {
      "$Record.IsWon": c.isWon,
      "ISNEW()": c.isNew,
      "ISCHANGED($Record.IsWon)": !c.isNew && c.wasWon !== c.isWon,
    });
    return fires !== expected(c);
  }).map((c) => `${c.name}: entry condition ${expected(c) ? "does not fire" : "fires"}`);
}

const becameWon = (c: EntryCase) => c.isWon && (c.isNew || !c.wasWon);
const leftWon = (c: EntryCase) => !c.isNew && c.wasWon && !c.isWon;

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

function scheduledPathProblems(model: FlowModel): string[] {
  const problems: string[] = [];
  const onField = (field: string) =>
    model.scheduledPaths.filter((p) => p.recordField === field && p.timeSource === "RecordField");
  if (onField("Handoff_Due_At__c").length < 2)
    problems.push("needs a reminder and a manager escalation scheduled on Handoff_Due_At__c");
  if (onField("First_Touch_Due_At__c").length < 1)
    problems.push("needs a CS manager escalation scheduled on First_Touch_Due_At__c");
  const [reminder, manager] = onField("Handoff_Due_At__c").sort((a, b) => a.offsetNumber - b.offsetNumber);
  if (reminder && manager && !(manager.offsetNumber > reminder.offsetNumber))
    problems.push("the manager escalation must come after the reminder");
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

  test("creates a handoff only for the won stage of the settings and not for excluded deal types", () => {
    const conditions = ruleConditions(model, "Is_Handoff_Deal", "Won_And_Not_Excluded");
    assert.deepEqual(
      conditions.map((c) => `${c.left} ${c.operator} ${c.right}`).sort(),
      ["fxIsExcludedDealType EqualTo false", "fxIsWonStage EqualTo true"],
      "the Is_Handoff_Deal decision must check the won stage and the excluded deal types of the Handoff Setting",
    );
    assert.ok(
      onlyReachableThrough(model, "Create_Handoff", "Is_Handoff_Deal", "Won_And_Not_Excluded"),
      "Create_Handoff can be reached without passing the won-stage and excluded-type check",
    );
    assert.deepEqual(excludedTypeMismatches(model, "fxIsExcludedDealType"), []);
  });

  test("the won stage follows the setting, and falls back to IsWon when the setting is blank", () => {
    const won = model.formulas.get("fxIsWonStage")!.expression;
    const settings = loadSettings();
    assert.equal(
      evaluate(won, {
        "$Record.IsWon": true,
        "$Record.StageName": settings.wonStage,
        "Get_Settings.Won_Stage__c": settings.wonStage,
      }),
      true,
    );
    assert.equal(
      evaluate(won, {
        "$Record.IsWon": true,
        "$Record.StageName": "Closed Won - Pending",
        "Get_Settings.Won_Stage__c": settings.wonStage,
      }),
      false,
    );
    assert.equal(
      evaluate(won, { "$Record.IsWon": true, "$Record.StageName": "Anything", "Get_Settings.Won_Stage__c": null }),
      true,
    );
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
  test("the reopen flow fires only when a won deal leaves the won stage", () => {
    assert.deepEqual(entryMismatches(flow(REOPEN_FLOW), leftWon), []);
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
});

// The first touch is the CSM's first logged contact after acceptance, recorded once: the Update Records filter of
// both activity flows carries exactly that rule.
function firstTouchFilterProblems(model: FlowModel): string[] {
  const update = model.elements.get("Record_First_Touch");
  if (!update || update.kind !== "recordUpdates") return ["no Record_First_Touch update element"];
  const filters = asArray(update.node.filters).map(
    (f) => `${text(f.field)} ${text(f.operator)} ${JSON.stringify(f.value)}`,
  );
  const required: [RegExp, string][] = [
    [/^CS_Owner__c EqualTo .*\$Record\.OwnerId/, "only the CSM's own activities count"],
    [/^Status__c EqualTo .*Accepted/, "only accepted handoffs get a first touch"],
    [/^First_Touch_At__c IsNull .*true/, "the first touch is recorded once"],
    [/^Accepted_At__c LessThanOrEqualTo .*\$Record\.CreatedDate/, "only activities after acceptance count"],
    [/^Account__c EqualTo .*\$Record\.AccountId/, "only activities on the handoff's account or deal count"],
  ];
  return required
    .filter(([pattern]) => !filters.some((f) => pattern.test(f)))
    .map(([, why]) => `filter missing: ${why}`);
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

  for (const name of ["Task_After_Save_Handoff_First_Touch", "Event_After_Save_Handoff_First_Touch"]) {
    test(`${name}: first touch only from the CSM, after acceptance, once`, () => {
      assert.deepEqual(firstTouchFilterProblems(flow(name)), []);
    });
  }

  test("broken copy: a first-touch filter without the acceptance rule is caught", () => {
    const broken = brokenCopy("Task_After_Save_Handoff_First_Touch", (xml) =>
      xml.replace(/<filters>\s*<field>Accepted_At__c<\/field>[\s\S]*?<\/filters>\s*/, ""),
    );
    assert.deepEqual(firstTouchFilterProblems(broken), ["filter missing: only activities after acceptance count"]);
  });
});

group("SLA escalation flow", () => {
  test("scheduled paths on both due times, each re-checking before it escalates", () => {
    assert.deepEqual(scheduledPathProblems(flow(ESCALATION_FLOW)), []);
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
          /(<name>Send_Bell_Notification<\/name>[\s\S]*?<connector>\s*<targetReference>)Has_CS_Owner_For_Email/,
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
    assert.equal(onlyReachableThrough(broken, "Create_Handoff", "Is_Handoff_Deal", "Won_And_Not_Excluded"), false);
  });

  test("an exclusion formula that matches part of a type name is caught", () => {
    const broken = brokenCopy(CLOSE_FLOW, (xml) =>
      xml.replace(
        "CONTAINS(&quot;;&quot; &amp; SUBSTITUTE(BLANKVALUE({!Get_Settings.Excluded_Deal_Types__c}, &quot;&quot;), &quot;; &quot;, &quot;;&quot;) &amp; &quot;;&quot;, &quot;;&quot; &amp; TEXT({!$Record.Type}) &amp; &quot;;&quot;)",
        "CONTAINS(TEXT({!$Record.Type}), {!Get_Settings.Excluded_Deal_Types__c})",
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
      problems.includes("needs a CS manager escalation scheduled on First_Touch_Due_At__c"),
      problems.join("; "),
    );
    assert.ok(
      problems.some((p) => p.startsWith("scheduled path At_Handoff_Due must start with a decision")),
      problems.join("; "),
    );
  });
});
