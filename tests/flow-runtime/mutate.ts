// Mutation run of the handoff behaviour tests: each mutation makes one small change to a copy of the flows
// (a filter dropped, a comparison flipped, an offset changed, an assignment removed, a connector rewired), runs the
// behaviour tests on the copy through HANDOFF_FLOWS_DIR, and reports which tests caught it. Run by hand:
//   npx tsx tests/flow-runtime/mutate.ts [name-filter]
// It exits non-zero when a mutation is caught by no test or changes nothing.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../scripts/lib/forceApp.ts";
import { FLOWS_DIR } from "../flows/flowModel.ts";

interface Mutation {
  name: string;
  flow: string;
  change: (xml: string) => string;
}

// Applies `edit` to the top-level element of the flow named `element` (flows are formatted with 4-space indents).
function inElement(element: string, edit: (block: string) => string) {
  return (xml: string) => {
    const at = xml.indexOf(`\n        <name>${element}</name>`);
    if (at < 0) throw new Error(`no element ${element}`);
    const open = xml.lastIndexOf("\n    <", at);
    const tag = /^\n {4}<(\w+)>/.exec(xml.slice(open))![1];
    const close = xml.indexOf(`\n    </${tag}>`, at) + `\n    </${tag}>`.length;
    return xml.slice(0, open) + edit(xml.slice(open, close)) + xml.slice(close);
  };
}

function replaceOnce(from: string | RegExp, to: string) {
  return (text: string) => {
    const out = text.replace(from, to);
    if (out === text) throw new Error(`mutation found nothing to change: ${String(from)}`);
    return out;
  };
}

const CLOSE = "Opportunity_After_Save_Closed_Won_Handoff";
const ESCALATION = "Handoff_After_Save_SLA_Escalation";
const CLOCK = "Handoff_After_Save_First_Touch_Clock";
const RESCHEDULED = "Event_After_Save_Handoff_First_Touch_Rescheduled";
const SURVEY = "Handoff_After_Save_CSAT_Survey";
const SURVEY_CLOCK = "Handoff_After_Save_CSAT_Survey_Clock";
const RECAP = "Handoff_After_Save_Customer_Recap_No_Answer";
const KICKOFF_CLOCK = "Handoff_After_Save_Kickoff_Clock";
const KICKOFF_MISSED = "Handoff_After_Save_Kickoff_Missed";
const KICKOFF_MOVED = "Event_After_Save_Handoff_Kickoff_Moved";
const KICKOFF_HELD = "Event_After_Save_Handoff_Kickoff_Held";

export const MUTATIONS: Mutation[] = [
  {
    name: "filter dropped: Get_Existing_Handoff no longer filters on the deal's key",
    flow: CLOSE,
    change: inElement(
      "Get_Existing_Handoff",
      replaceOnce(/<filterLogic>and<\/filterLogic>\s*<filters>[\s\S]*?<\/filters>/, ""),
    ),
  },
  {
    name: "comparison flipped: level 1 fires only when the handoff WAS submitted",
    flow: ESCALATION,
    change: inElement(
      "Handoff_Still_Not_Submitted",
      replaceOnce(
        /(Submitted_At__c<\/leftValueReference>\s*<operator>IsNull<\/operator>\s*<rightValue>\s*<booleanValue>)true/,
        "$1false",
      ),
    ),
  },
  {
    name: "time source changed: level 2 runs at Handoff Due At, not Escalation Grace Hours later",
    flow: ESCALATION,
    change: replaceOnce(
      "<recordField>Handoff_Escalation_Due_At__c</recordField>",
      "<recordField>Handoff_Due_At__c</recordField>",
    ),
  },
  {
    name: "SLA hours read as days: the handoff due time drops the / 24",
    flow: CLOSE,
    change: replaceOnce(
      "{!$Flow.CurrentDateTime} + {!fxHandoffSlaHours} / 24",
      "{!$Flow.CurrentDateTime} + {!fxHandoffSlaHours}",
    ),
  },
  {
    name: "assignment removed: a re-close no longer skips the repeat notifications",
    flow: CLOSE,
    change: inElement(
      "Skip_Repeat_Notifications",
      replaceOnce(
        /<assignmentItems>\s*<assignToReference>varSendNotifications<\/assignToReference>[\s\S]*?<\/assignmentItems>/,
        "",
      ),
    ),
  },
  {
    name: "connector rewired: after the review task the flow jumps straight to Slack",
    flow: CLOSE,
    change: inElement(
      "Create_Review_Task",
      replaceOnce(/(<connector>\s*<targetReference>)Should_Notify/, "$1Post_To_Slack"),
    ),
  },
  {
    name: "filter dropped: a reopen also returns an accepted handoff",
    flow: "Opportunity_After_Save_Reopened_Handoff",
    change: inElement(
      "Return_Open_Handoff",
      replaceOnce(/<filters>\s*<field>Status__c<\/field>[\s\S]*?<\/filters>/, ""),
    ),
  },
  {
    name: "comparison flipped: a completed task counts only when it was completed before the submission",
    flow: "Task_After_Save_Handoff_First_Touch",
    change: replaceOnce(/(<field>Submitted_At__c<\/field>\s*<operator>)LessThanOrEqualTo/, "$1GreaterThan"),
  },
  {
    name: "time source changed: a booked meeting counts at its end, not its start",
    flow: "Event_After_Save_Handoff_First_Touch",
    change: replaceOnce("<recordField>StartDateTime</recordField>", "<recordField>EndDateTime</recordField>"),
  },
  {
    name: "wrong recipient: a returned handoff notifies the CSM instead of the rep",
    flow: "Handoff_After_Save_Lifecycle_Notifications",
    change: inElement("Message_Returned", replaceOnce("$Record.Sales_Owner__c", "$Record.CS_Owner__c")),
  },
  {
    name: "entry condition flipped: early intro for Low-Touch deals",
    flow: "Opportunity_After_Save_Early_CS_Intro",
    change: replaceOnce(
      "{!$Record.Handoff_Tier__c} = &quot;High-Touch&quot;",
      "{!$Record.Handoff_Tier__c} = &quot;Low-Touch&quot;",
    ),
  },
  {
    name: "assignment removed: level 2 no longer marks the handoff Escalated",
    flow: ESCALATION,
    change: inElement(
      "Escalate_To_Rep_Manager",
      replaceOnce(/<inputAssignments>\s*<field>Status__c<\/field>[\s\S]*?<\/inputAssignments>/, ""),
    ),
  },
  {
    name: "comparison flipped: Accepted At is stamped on every acceptance after the first only",
    flow: "Handoff_Before_Save_Lifecycle_Stamps",
    change: inElement(
      "Status_Reached",
      replaceOnce(
        /(Accepted_At__c<\/leftValueReference>\s*<operator>IsNull<\/operator>\s*<rightValue>\s*<booleanValue>)true/,
        "$1false",
      ),
    ),
  },
  {
    name: "entry condition dropped: the close flow runs on every save of a won deal",
    flow: CLOSE,
    change: replaceOnce("AND({!$Record.IsWon}, OR(ISNEW(), ISCHANGED({!$Record.IsWon})))", "{!$Record.IsWon}"),
  },
  {
    name: "only-when-changed dropped: the escalation ladder re-qualifies on every handoff update",
    flow: ESCALATION,
    change: replaceOnce(
      /\s*<doesRequireRecordChangedToMeetCriteria>true<\/doesRequireRecordChangedToMeetCriteria>/,
      "",
    ),
  },
  {
    name: "business hours bypassed: the close counts Handoff Due At in calendar hours",
    flow: CLOSE,
    change: replaceOnce(
      "BLANKVALUE({!varHandoffDueAt}, {!$Flow.CurrentDateTime} + {!fxHandoffSlaHours} / 24)",
      "{!$Flow.CurrentDateTime} + {!fxHandoffSlaHours} / 24",
    ),
  },
  {
    name: "clock start changed: the first-touch clock counts from the close, not from Submitted At",
    flow: CLOCK,
    change: replaceOnce(
      /(<name>startAt<\/name>\s*<value>\s*<elementReference>)\$Record\.Submitted_At__c/,
      "$1$Record.Closed_At__c",
    ),
  },
  {
    name: "check dropped: the CSM reminder also goes to an inactive CSM",
    flow: ESCALATION,
    change: inElement(
      "CSM_Reminder_Due",
      replaceOnce(
        /<conditions>\s*<leftValueReference>\$Record\.CS_Owner__r\.IsActive<\/leftValueReference>[\s\S]*?<\/conditions>/,
        "",
      ),
    ),
  },
  {
    name: "check dropped: an inactive CS manager still gets the level 3 task",
    flow: ESCALATION,
    change: inElement(
      "Has_CS_Manager",
      replaceOnce(
        /<conditions>\s*<leftValueReference>\$Record\.CS_Owner__r\.Manager\.IsActive<\/leftValueReference>[\s\S]*?<\/conditions>/,
        "",
      ),
    ),
  },
  {
    name: "wrong level: the leadership rung is logged as level 3",
    flow: ESCALATION,
    change: inElement(
      "Message_Leadership",
      replaceOnce(/(<assignToReference>varRungLevel<\/assignToReference>[\s\S]*?<numberValue>)4\.0/, "$13.0"),
    ),
  },
  {
    name: "rung log skipped: a rung goes straight to the notification without its Handoff Escalation record",
    flow: ESCALATION,
    change: inElement(
      "Message_CS_Manager",
      replaceOnce(
        "<targetReference>Log_Escalation_Rung</targetReference>",
        "<targetReference>Get_Escalation_Type</targetReference>",
      ),
    ),
  },
  {
    name: "filter dropped: a meeting moved later drags along a First Touch At that a call set",
    flow: RESCHEDULED,
    change: inElement(
      "Follow_Stamp_Of_This_Meeting",
      replaceOnce(/<filters>\s*<field>First_Touch_At__c<\/field>[\s\S]*?<\/filters>/, ""),
    ),
  },
  {
    name: "earliest dropped: a meeting moved earlier no longer replaces a later First Touch At",
    flow: RESCHEDULED,
    change: inElement(
      "Record_Earliest_Touch",
      replaceOnce(
        "<filterLogic>1 AND 2 AND (3 OR 5) AND 4</filterLogic>",
        "<filterLogic>1 AND 2 AND 3 AND 4</filterLogic>",
      ),
    ),
  },
  {
    name: "survey resent: the CSAT survey is queued on every save, not only when the handoff starts qualifying",
    flow: SURVEY,
    change: replaceOnce(
      /\s*<doesRequireRecordChangedToMeetCriteria>true<\/doesRequireRecordChangedToMeetCriteria>/,
      "",
    ),
  },
  {
    name: "email check flipped: the CSAT survey goes only to champions WITHOUT an email address",
    flow: SURVEY,
    change: inElement(
      "Champion_Reachable",
      replaceOnce(
        /(Champion__r\.Email<\/leftValueReference>\s*<operator>IsNull<\/operator>\s*<rightValue>\s*<booleanValue>)false/,
        "$1true",
      ),
    ),
  },
  {
    name: "fault path lost: a failed CSAT survey send fails the scheduled path instead of being recorded",
    flow: SURVEY,
    change: inElement("Send_Survey_Email", replaceOnce(/\s*<faultConnector>[\s\S]*?<\/faultConnector>/, "")),
  },
  {
    name: "calendar days: CSAT survey business days counted as 24 business hours each",
    flow: SURVEY_CLOCK,
    change: replaceOnce("BLANKVALUE({!Get_Settings.Business_Day_Hours__c}, 8)", "24"),
  },
  {
    name: "answer ignored: the recap's No Answer step runs even after the customer confirmed",
    flow: RECAP,
    change: replaceOnce(
      "AND(NOT(ISBLANK({!$Record.Recap_Answer_Due_At__c})), ISBLANK(TEXT({!$Record.Customer_Confirmation__c})))",
      "NOT(ISBLANK({!$Record.Recap_Answer_Due_At__c}))",
    ),
  },
  {
    name: "kickoff: comparison flipped, a kickoff scheduled in time counts as missed and a late one passes",
    flow: KICKOFF_MISSED,
    change: replaceOnce(
      "{!$Record.Kickoff_Scheduled_For__c} &gt; {!$Record.Kickoff_Due_At__c}",
      "{!$Record.Kickoff_Scheduled_For__c} &lt; {!$Record.Kickoff_Due_At__c}",
    ),
  },
  {
    name: "kickoff: time source changed, the Kickoff missed rung runs at Accepted At instead of Kickoff Due At",
    flow: KICKOFF_MISSED,
    change: replaceOnce("<recordField>Kickoff_Due_At__c</recordField>", "<recordField>Accepted_At__c</recordField>"),
  },
  {
    name: "kickoff: recipient lost, the CSM's manager is not notified of a missed kickoff",
    flow: KICKOFF_MISSED,
    change: inElement(
      "Message_CS_Manager",
      replaceOnce(
        /\s*<assignmentItems>\s*<assignToReference>varRecipientIds<\/assignToReference>\s*<operator>Add<\/operator>\s*<value>\s*<elementReference>\$Record\.CS_Owner__r\.ManagerId<\/elementReference>\s*<\/value>\s*<\/assignmentItems>/,
        "",
      ),
    ),
  },
  {
    name: "kickoff: calendar days, Kickoff SLA Business Days counted as 24 business hours each",
    flow: KICKOFF_CLOCK,
    change: replaceOnce("BLANKVALUE({!Get_Settings.Business_Day_Hours__c}, 8)", "24"),
  },
  {
    name: "kickoff: filter dropped, moving any meeting on the deal moves the kickoff time",
    flow: KICKOFF_MOVED,
    change: inElement(
      "Follow_Kickoff_Start",
      replaceOnce(/\s*<filters>\s*<field>Kickoff_Event_Id__c<\/field>[\s\S]*?<\/filters>/, ""),
    ),
  },
  {
    name: "kickoff: filter dropped, the end of a replaced kickoff Event marks the kickoff held",
    flow: KICKOFF_HELD,
    change: inElement(
      "Stamp_Kickoff_Held",
      replaceOnce(/\s*<filters>\s*<field>Kickoff_Event_Id__c<\/field>[\s\S]*?<\/filters>/, ""),
    ),
  },
];

const TEST_FILES = [
  "tests/flow-runtime/handoffLifecycle.test.ts",
  "tests/flow-runtime/handoffRobustness.test.ts",
  "tests/flow-runtime/handoffEscalationLadder.test.ts",
  "tests/flow-runtime/firstTouchReschedule.test.ts",
  "tests/flow-runtime/handoffCsatSurvey.test.ts",
  "tests/flow-runtime/handoffKickoff.test.ts",
];

function run(flowsDir: string): string[] {
  const result = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-reporter=tap", ...TEST_FILES], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, HANDOFF_FLOWS_DIR: flowsDir },
    encoding: "utf8",
  });
  // Nested TAP lines of failed tests: "    not ok 3 - a deal closed won ...".
  return [...result.stdout.matchAll(/^ {4,}not ok \d+ - (.+)$/gm)].map((m) => m[1]);
}

function main() {
  const filter = process.argv[2];
  const baseline = run(FLOWS_DIR);
  if (baseline.length > 0) throw new Error(`the behaviour tests fail on the unchanged flows: ${baseline.join("; ")}`);
  const rows: string[] = [];
  let uncaught = 0;
  for (const mutation of MUTATIONS.filter((m) => !filter || m.name.includes(filter))) {
    const dir = mkdtempSync(join(tmpdir(), "flow-mutant-"));
    try {
      cpSync(FLOWS_DIR, dir, { recursive: true });
      const file = join(dir, `${mutation.flow}.flow-meta.xml`);
      writeFileSync(file, mutation.change(readFileSync(file, "utf8")));
      const caught = run(dir);
      if (caught.length === 0) uncaught++;
      rows.push(
        `| ${mutation.name} | ${caught.length} | ${caught.length ? caught.slice(0, 3).join("<br>") : "**not caught**"} |`,
      );
      console.error(`${caught.length ? "caught " : "MISSED "} ${mutation.name}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log("| mutation | failing tests | caught by (first three) |\n|---|---|---|\n" + rows.join("\n"));
  process.exitCode = uncaught > 0 ? 1 : 0;
}

if (process.argv[1]?.endsWith("mutate.ts")) main();
