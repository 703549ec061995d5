// An admin creates a handoff by choosing its opportunity: the before-save flow Handoff_Before_Save_Opportunity_Key
// sets the unique Opportunity Key from the lookup before the validation rule Opportunity_Key_Matches_Opportunity
// (which keeps the two equal) runs, so the save goes through. Followed offline: the flow's entry condition and
// assignment, then the rule's formula with formulon on the record as the flow left it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, type FormulonLiteral } from "formulon";
import { DEFAULT_SOURCE } from "../../scripts/lib/forceApp.ts";
import { editFile, makeTempDir, removeTempDir, replaceOnce } from "../lib/tempTree.ts";
import { FLOWS_DIR, readFlow, runPath, writesOf, type FlowModel } from "./flowModel.ts";
import { evaluate } from "./flowFormula.ts";

const KEY_FLOW = join(FLOWS_DIR, "Handoff_Before_Save_Opportunity_Key.flow-meta.xml");
const KEY_RULE = join(
  DEFAULT_SOURCE,
  "objects/Handoff__c/validationRules/Opportunity_Key_Matches_Opportunity.validationRule-meta.xml",
);
// Flows hold 18-character Ids; a lookup in a validation formula reads as the 15-character one (hence CASESAFEID).
const DEAL = "006000000000001AAA";
const OTHER_DEAL = "006000000000002AAA";

interface HandoffSave {
  isNew: boolean;
  opportunity: string | null;
  key: string | null;
}

const textLiteral = (value: string | null): FormulonLiteral =>
  value === null
    ? { type: "literal", value: null, dataType: "null", options: {} }
    : { type: "literal", value, dataType: "text", options: { length: 18 } };

// formulon evaluates CASESAFEID even where Salesforce's AND has already stopped at a blank lookup, and throws on a
// blank Id; so the case-safe Id is worked out first (by formulon too) and passed in as a value.
function caseSafeId(id15: string | null): string | null {
  if (id15 === null) return null;
  const result = parse("CASESAFEID(Id15)", { Id15: textLiteral(id15) });
  if (result.type === "error") throw new Error(`formulon CASESAFEID: ${result.message}`);
  return String(result.value);
}

function keyRuleBlocks(record: { opportunity: string | null; key: string | null }): boolean {
  const written = /<errorConditionFormula>([\s\S]*?)<\/errorConditionFormula>/
    .exec(readFileSync(KEY_RULE, "utf8"))![1]
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">");
  const formula = replaceOnce(written, "CASESAFEID(Opportunity__c)", "Opportunity_Case_Safe_Id");
  const lookup15 = record.opportunity?.slice(0, 15) ?? null;
  const result = parse(formula, {
    Opportunity__c: textLiteral(lookup15),
    Opportunity_Case_Safe_Id: textLiteral(caseSafeId(lookup15)),
    Opportunity_Key__c: textLiteral(record.key),
  });
  if (result.type === "error") throw new Error(`formulon could not evaluate the key rule: ${result.message}`);
  return result.value === true;
}

// The record as the before-save flow leaves it, then whether the validation rule still refuses the save.
function save(flow: FlowModel, change: HandoffSave): { key: string | null; blocked: boolean } {
  const record = { opportunity: change.opportunity, key: change.key };
  const triggers =
    flow.triggerType === "RecordBeforeSave" &&
    flow.object === "Handoff__c" &&
    (flow.recordTriggerType === "CreateAndUpdate" || flow.recordTriggerType === (change.isNew ? "Create" : "Update"));
  const enters =
    triggers &&
    (flow.filterFormula === undefined ||
      evaluate(flow.filterFormula, { "$Record.Opportunity__c": record.opportunity }) === true);
  if (enters) {
    for (const element of runPath(flow, flow.startTarget, { "$Record.Opportunity__c": record.opportunity })) {
      for (const write of writesOf(flow, element)) {
        if (write === "$Record.Opportunity_Key__c = $Record.Opportunity__c") record.key = record.opportunity;
        else throw new Error(`${flow.apiName} (${element}) writes ${write}, which this test does not follow`);
      }
    }
  }
  return { key: record.key, blocked: keyRuleBlocks(record) };
}

test("without the flow, choosing only the opportunity is refused (the admin's problem)", () => {
  assert.equal(keyRuleBlocks({ opportunity: DEAL, key: null }), true, "the rule should refuse a blank key");
  assert.equal(keyRuleBlocks({ opportunity: DEAL, key: DEAL }), false, "the rule should accept the matching key");
});

test("an admin creates a handoff by choosing the opportunity: the key follows and the save goes through", () => {
  const flow = readFlow(KEY_FLOW);
  assert.deepEqual(save(flow, { isNew: true, opportunity: DEAL, key: null }), { key: DEAL, blocked: false });
});

test("changing the opportunity moves the key with it; clearing it leaves the key alone", () => {
  const flow = readFlow(KEY_FLOW);
  assert.deepEqual(
    save(flow, { isNew: false, opportunity: OTHER_DEAL, key: DEAL }),
    { key: OTHER_DEAL, blocked: false },
    "a handoff moved to another deal must carry that deal's key (the unique index then refuses a duplicate)",
  );
  assert.deepEqual(save(flow, { isNew: false, opportunity: null, key: DEAL }), { key: DEAL, blocked: false });
});

test("broken copy: a key flow that runs on update only leaves the admin's new handoff blocked", () => {
  const dir = makeTempDir("opportunity-key-flow");
  try {
    const copy = join(dir, "Handoff_Before_Save_Opportunity_Key.flow-meta.xml");
    copyFileSync(KEY_FLOW, copy);
    editFile(copy, (xml) =>
      replaceOnce(
        xml,
        "<recordTriggerType>CreateAndUpdate</recordTriggerType>",
        "<recordTriggerType>Update</recordTriggerType>",
      ),
    );
    assert.deepEqual(save(readFlow(copy), { isNew: true, opportunity: DEAL, key: null }), { key: null, blocked: true });
  } finally {
    removeTempDir(dir);
  }
});
