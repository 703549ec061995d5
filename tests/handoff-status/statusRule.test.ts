// Handoff status integrity: a rep can only submit; CS (custom permission Handoff Intake) and admins with the bypass
// can do the rest, and the automation's own status writes pass whichever user runs them. The committed rule is evaluated with formulon on every (prior status, new status,
// user) combination against an oracle, and on every status write of every flow, as the user that write runs as.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_SOURCE, parseMetadataFile, text } from "../../scripts/lib/forceApp.ts";
import { readFlows } from "../flows/flowModel.ts";
import { priorValueVariable, rewriteForFormulon } from "../validation-rules/harness.ts";
import {
  DEAL_NOT_CLOSED,
  blockedStatusWrites,
  loadStatusRule,
  oracleAllows,
  picklistValues,
  ruleBlocks,
  statusWrites,
  type StatusChange,
  type UserKind,
} from "./statusRule.ts";

const STATUSES = picklistValues("Handoff__c", "Status__c");
const REASONS = picklistValues("Handoff__c", "Return_Reason__c");
const USERS: UserKind[] = ["rep", "csm with Handoff Intake", "admin with bypass", "automated process"];
const rule = loadStatusRule();

function tableMismatches(formula: string): { cases: number; blocked: number; mismatches: string[] } {
  const mismatches: string[] = [];
  let cases = 0;
  let blocked = 0;
  for (const user of USERS)
    for (const priorStatus of STATUSES)
      for (const newStatus of STATUSES)
        for (const priorReason of ["", DEAL_NOT_CLOSED, "Incomplete Context"])
          for (const newReason of ["", DEAL_NOT_CLOSED, "Incomplete Context"])
            for (const dealWon of [true, false])
              for (const escalationRaised of [false, true]) {
                const change: StatusChange = {
                  priorStatus,
                  newStatus,
                  priorReason,
                  newReason,
                  dealWon,
                  user,
                  escalationRaised,
                };
                const blocks = ruleBlocks(formula, change);
                cases++;
                if (blocks) blocked++;
                if (blocks === oracleAllows(change))
                  mismatches.push(
                    `${user}: ${priorStatus} -> ${newStatus}, reason "${priorReason}" -> "${newReason}", deal ` +
                      `${dealWon ? "won" : "not won"}${escalationRaised ? ", escalation level raised" : ""}: rule ` +
                      `${blocks ? "blocks" : "allows"}, should ${blocks ? "allow" : "block"}`,
                  );
              }
  return { cases, blocked, mismatches };
}

test("the status picklists are the ones the rule and this test are written for", () => {
  assert.deepEqual(
    STATUSES,
    ["Draft", "Submitted", "Info Requested", "Returned", "Accepted", "Escalated"],
    "Handoff__c.Status__c values changed: review Status_Change_Needs_CS_Intake and oracleAllows()",
  );
  assert.ok(REASONS.includes(DEAL_NOT_CLOSED), `Return_Reason__c lost the value "${DEAL_NOT_CLOSED}" the flows use`);
});

test("the status rule agrees with the oracle on every prior status, new status, reason, deal state and user", () => {
  const { cases, blocked, mismatches } = tableMismatches(rule.formula);
  assert.deepEqual(mismatches.slice(0, 15), [], `${mismatches.length} of ${cases} cases disagree; first ones listed`);
  assert.ok(blocked > 0 && blocked < cases, `the table must contain blocked and allowed saves (blocked ${blocked})`);
});

test("named cases a reviewer asked about", () => {
  const base = { priorReason: "", newReason: "", dealWon: true } as const;
  const cases: [StatusChange, boolean, string][] = [
    [{ ...base, priorStatus: "Draft", newStatus: "Submitted", user: "rep" }, false, "a rep submits a draft"],
    [{ ...base, priorStatus: "Info Requested", newStatus: "Submitted", user: "rep" }, false, "a rep re-submits"],
    [{ ...base, priorStatus: "Escalated", newStatus: "Submitted", user: "rep" }, false, "a rep submits late"],
    [{ ...base, priorStatus: "Submitted", newStatus: "Accepted", user: "rep" }, true, "a rep accepts own handoff"],
    [{ ...base, priorStatus: "Draft", newStatus: "Escalated", user: "rep" }, true, "a rep sets Escalated"],
    [{ ...base, priorStatus: "Accepted", newStatus: "Submitted", user: "rep" }, true, "a rep re-opens an accepted one"],
    [
      { ...base, priorStatus: "Submitted", newStatus: "Returned", newReason: "Other", user: "rep" },
      true,
      "a rep returns a handoff",
    ],
    [
      { ...base, priorStatus: "Submitted", newStatus: "Returned", newReason: DEAL_NOT_CLOSED, user: "rep" },
      true,
      "a rep claims Deal Not Closed on a won deal",
    ],
    [
      {
        ...base,
        dealWon: false,
        priorStatus: "Submitted",
        newStatus: "Returned",
        newReason: DEAL_NOT_CLOSED,
        user: "rep",
      },
      false,
      "the reopen flow, as the rep who reopened the deal",
    ],
    [
      { ...base, priorStatus: "Returned", priorReason: DEAL_NOT_CLOSED, newStatus: "Draft", user: "rep" },
      false,
      "the Closed Won flow, as the rep who closed the deal again",
    ],
    [
      { ...base, priorStatus: "Submitted", newStatus: "Accepted", user: "csm with Handoff Intake" },
      false,
      "a CSM accepts",
    ],
    [{ ...base, priorStatus: "Accepted", newStatus: "Draft", user: "admin with bypass" }, false, "an admin fixes data"],
    [
      { ...base, priorStatus: "Draft", newStatus: "Escalated", user: "automated process", escalationRaised: true },
      false,
      "level 2 escalation run as the Automated Process user",
    ],
    [
      { ...base, priorStatus: "Draft", newStatus: "Escalated", user: "rep", escalationRaised: true },
      false,
      "level 2 escalation run as the rep who closed the deal (the documented scheduled-path user)",
    ],
    [
      { ...base, priorStatus: "Draft", newStatus: "Escalated", user: "automated process" },
      true,
      "an Automated Process save that sets Escalated without raising the level (the user type alone lets nothing through)",
    ],
  ];
  for (const [change, blocks, what] of cases) {
    assert.equal(ruleBlocks(rule.formula, change), blocks, `${what}: the rule should ${blocks ? "block" : "allow"} it`);
  }
});

test("every status write in the flows is allowed for the user it runs as, in every state it can meet", () => {
  const writes = statusWrites(readFlows(), STATUSES, REASONS);
  const found = writes.map((w) => `${w.flow}.${w.element} -> ${w.newStatus} as ${w.runsAs.join("+")}`).sort();
  // Written down so that a new status write is a decision someone reviews against the rule.
  assert.deepEqual(
    found,
    [
      "Handoff_After_Save_SLA_Escalation.Escalate_To_Rep_Manager -> Escalated as rep+automated process",
      "Opportunity_After_Save_Closed_Won_Handoff.Create_Handoff -> Draft as rep",
      "Opportunity_After_Save_Closed_Won_Handoff.Update_Reclosed_Handoff -> Draft as rep",
      "Opportunity_After_Save_Early_CS_Intro.Create_Early_Handoff -> Draft as rep",
      "Opportunity_After_Save_Reopened_Handoff.Return_Open_Handoff -> Returned as rep",
    ],
    "the flows' status writes changed: check each new one against Status_Change_Needs_CS_Intake",
  );
  assert.deepEqual(blockedStatusWrites(rule.formula, writes), [], "the status rule would block the automation");
});

test("the rule reports on the Status field, in plain words, and the custom permission exists", () => {
  assert.equal(rule.errorDisplayField, "Status__c", "the error must show on the Status field");
  assert.match(rule.message, /only Customer Success can accept/, "the message must say who can change the status");
  assert.doesNotMatch(rule.message, /__c|\$Permission|PRIORVALUE/, "the message must not show API names");
  const path = join(DEFAULT_SOURCE, "customPermissions", "Handoff_Intake.customPermission-meta.xml");
  assert.ok(existsSync(path), "custom permission Handoff_Intake is missing");
  assert.equal(text(parseMetadataFile(path).body.label), "Handoff Intake");
});

// Realistic mistakes, each caught with a message naming what broke.
test("broken rule: forgetting the escalation allowance blocks level 2 as the rep and as the Automated Process user", () => {
  const broken = rule.formula.replace(
    /AND\(\s*ISPICKVAL\(Status__c, "Escalated"\),\s*ISCHANGED\(Escalation_Level__c\),/,
    'AND(ISPICKVAL(Status__c, "Escalated"), ISPICKVAL($User.UserType, "AutomatedProcess"), ISCHANGED(Escalation_Level__c),',
  );
  assert.notEqual(broken, rule.formula, "the mutation changed nothing: the test is out of date");
  const problems = blockedStatusWrites(broken, statusWrites(readFlows(), STATUSES, REASONS));
  assert.ok(
    problems.some((p) =>
      p.startsWith("Handoff_After_Save_SLA_Escalation (Escalate_To_Rep_Manager) sets Escalated as the rep"),
    ),
    problems.join("\n") || "no problem reported: a rule that trusts the user type passed",
  );
});

test("broken rule: forgetting the reopen flow blocks it for the rep", () => {
  const broken = rule.formula.replace('ISPICKVAL(Status__c, "Returned")', 'ISPICKVAL(Status__c, "Return")');
  assert.notEqual(broken, rule.formula, "the mutation changed nothing: the test is out of date");
  const problems = blockedStatusWrites(broken, statusWrites(readFlows(), STATUSES, REASONS));
  assert.ok(
    problems.some((p) => p.startsWith("Opportunity_After_Save_Reopened_Handoff (Return_Open_Handoff) sets Returned")),
    problems.join("\n") || "no problem reported",
  );
});

test("broken rule: letting reps submit an accepted handoff, or ignoring Handoff Intake, is caught by the table", () => {
  const noAcceptedGuard = rule.formula.replace(
    /AND\(\s*ISPICKVAL\(Status__c, "Submitted"\),\s*NOT\(ISPICKVAL\(PRIORVALUE\(Status__c\), "Accepted"\)\)\s*\)/,
    'ISPICKVAL(Status__c, "Submitted")',
  );
  assert.notEqual(noAcceptedGuard, rule.formula, "the mutation changed nothing: the test is out of date");
  assert.ok(
    tableMismatches(noAcceptedGuard).mismatches.some((m) =>
      m.startsWith('rep: Accepted -> Submitted, reason "" -> "", deal won: rule allows, should block'),
    ),
  );
  const noIntake = rule.formula.replace(/\s*NOT\(\$Permission\.Handoff_Intake\),/, "");
  assert.notEqual(noIntake, rule.formula, "the mutation changed nothing: the test is out of date");
  assert.ok(
    tableMismatches(noIntake).mismatches.some((m) =>
      m.startsWith('csm with Handoff Intake: Submitted -> Accepted, reason "" -> "", deal won: rule blocks'),
    ),
  );
});

test("the harness rewrites PRIORVALUE only when asked, so the Opportunity rules still refuse it", () => {
  assert.equal(
    rewriteForFormulon('ISPICKVAL(PRIORVALUE( Status__c ), "Accepted")', { priorValues: true }),
    `ISPICKVAL(${priorValueVariable("Status__c")}, "Accepted")`,
  );
  assert.throws(() => rewriteForFormulon("PRIORVALUE(Status__c)"), /PRIORVALUE\(\.\.\.\) .* cannot rewrite/);
  assert.throws(
    () => rewriteForFormulon("PRIORVALUE(Opportunity__r.IsWon)", { priorValues: true }),
    /PRIORVALUE\(\.\.\.\) .* cannot rewrite/,
    "PRIORVALUE of a cross-object field is not something the harness can stand in for",
  );
});
