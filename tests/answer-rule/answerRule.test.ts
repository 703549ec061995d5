// One answer rule (blank, placeholder, too short), three runtimes, one truth table: every row of
// tests/fixtures/answer-rule-truth-table.json is run through lwc/handoffRules (the checklist, the preview and the
// scripts), evaluated with formulon in the Closed Won validation rule the generator writes for a field of that type,
// and carried by the generated Apex test class that the org's test run executes. Each check is also run on a broken
// copy to show that it fails.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import * as lwcRules from "../../force-app/main/default/lwc/handoffRules/handoffRules.ts";
import { LWC_DIR } from "../lwc/lwcBuildCheck.ts";
import { makeTempDir, removeTempDir, editFile } from "../lib/tempTree.ts";
import { ruleFormula } from "../../scripts/admin/generate-validation-rules.ts";
import {
  requirementAnswerKind,
  requirementAnswerProblem,
  toSettings,
  type HandoffRequirement,
  type RequirementField,
} from "../../scripts/lib/handoffConfig.ts";
import { baseDeal, withSettings } from "../validation-rules/truthTable.ts";
import { evaluateRule, loadRuleContext, type RuleContext } from "../validation-rules/harness.ts";
import {
  APEX_TEST_PATH,
  RUNTIME_TYPES,
  TRUTH_TABLE_PATH,
  apexTestProblem,
  loadTruthTable,
  type TruthTableRow,
} from "./truthTable.ts";

const rows = loadTruthTable();
const describeRow = (row: TruthTableRow) =>
  `${row.fieldType} ${JSON.stringify(row.value)} (placeholders ${JSON.stringify(row.placeholders)}, ` +
  `min ${row.minLength}) "${row.name}"`;

// One line per row where a runtime disagrees with the table.
function disagreements(judge: (row: TruthTableRow) => string, runtime: string): string[] {
  return rows.flatMap((row) => {
    const actual = judge(row);
    return actual === row.expected
      ? []
      : [`${describeRow(row)}: the table says ${row.expected}, ${runtime} says ${actual}`];
  });
}

// The checklist and the preview: LDS data types, the settings as Apex returns them.
function viaChecklist(rules: typeof lwcRules) {
  return (row: TruthTableRow) =>
    rules.answerVerdict(
      row.value,
      RUNTIME_TYPES[row.fieldType].lds,
      rules.toAnswerRules({ placeholderAnswers: row.placeholders, minAnswerLength: row.minLength }),
    ) ?? "ok";
}

// The scripts (audit, docs, generators): force-app field types, the settings record as read from custom metadata.
function viaScripts(row: TruthTableRow): string {
  const settings = toSettings({
    type: "Handoff_Setting__mdt",
    developerName: "Default",
    label: "Default",
    path: TRUTH_TABLE_PATH,
    values: { Placeholder_Answers__c: row.placeholders, Min_Answer_Length__c: row.minLength },
  });
  return requirementAnswerProblem(row.value, requirementAnswerKind(row.fieldType), settings) ?? "ok";
}

test("the checklist's rule (lwc/handoffRules) judges every row of the answer-rule truth table as it says", () => {
  assert.deepEqual(disagreements(viaChecklist(lwcRules), "the checklist"), []);
});

test("the scripts' rule (scripts/lib/handoffConfig.ts on lwc/handoffRules) judges every row as the table says", () => {
  assert.deepEqual(disagreements(viaScripts, "the scripts"), []);
});

// A requirement on a field of the row's type, required for every tier, and the deal moving to won: the generated
// rule must block exactly when the table says the answer is not ok.
const ROW_REQUIREMENT: HandoffRequirement = {
  developerName: "Answer_Rule_Row",
  label: "Answer",
  field: "Answer__c",
  group: "Notes",
  prompt: "Answer.",
  whyCsNeedsIt: "CS reads it.",
  requiredFor: { "High-Touch": true, "Low-Touch": true },
  displayOrder: 0,
};

function rowField(row: TruthTableRow): RequirementField {
  return {
    name: ROW_REQUIREMENT.field,
    label: ROW_REQUIREMENT.label,
    type: row.fieldType,
    kind: requirementAnswerKind(row.fieldType),
    errorDisplayField: ROW_REQUIREMENT.field,
    whereToAct: null,
  };
}

function viaValidationRule(formulaFor: (row: TruthTableRow, field: RequirementField) => string) {
  const committed = loadRuleContext();
  return (row: TruthTableRow): string => {
    const field = rowField(row);
    const context: RuleContext = {
      ...withSettings(committed, { Placeholder_Answers__c: row.placeholders, Min_Answer_Length__c: row.minLength }),
      requirements: [ROW_REQUIREMENT],
      fields: new Map([[ROW_REQUIREMENT.developerName, field]]),
    };
    const settings = toSettings(context.settingsRecord);
    const deal = {
      ...baseDeal("High-Touch", context, settings),
      stage: settings.wonStage,
      won: true,
      stageChanged: true,
      values: { [field.name]: row.value },
    };
    const blocks = evaluateRule("Handoff_Req_Answer_Rule_Row", formulaFor(row, field), context, deal);
    // A formula only blocks or allows: it agrees with the table when it blocks exactly the answers that are not ok.
    return blocks === (row.expected !== "ok")
      ? row.expected
      : blocks
        ? "not ok (the rule blocks)"
        : "ok (the rule allows)";
  };
}

test("the generated Closed Won validation rule, evaluated with formulon, blocks exactly the rows that are not ok", () => {
  const generated = (_row: TruthTableRow, field: RequirementField) => ruleFormula(ROW_REQUIREMENT, field);
  assert.deepEqual(disagreements(viaValidationRule(generated), "the validation rule"), []);
});

test("the Apex test class carries exactly the rows of the truth table, so the org's test run checks the same rule", async () => {
  assert.equal(await apexTestProblem(), null);
});

// Broken copies: each check must fail on a realistic mistake.
async function brokenLwcRules(find: string, replace: string): Promise<typeof lwcRules> {
  const dir = makeTempDir("answer-rule-broken");
  const file = join(dir, "handoffRules.ts");
  cpSync(join(LWC_DIR, "handoffRules/handoffRules.ts"), file);
  editFile(file, (source) => source.replace(find, replace));
  try {
    return (await import(pathToFileURL(file).href)) as typeof lwcRules;
  } finally {
    removeTempDir(dir);
  }
}

test("broken copy: a checklist that compares placeholders without removing inner spaces fails the table", async () => {
  const broken = await brokenLwcRules(
    'for (const ignored of LIST_IGNORED_CHARACTERS) key = key.split(ignored).join("");',
    "key = key.trim();",
  );
  const found = disagreements(viaChecklist(broken), "the checklist");
  assert.ok(
    found.some((d) => /"Ask Sales".*the table says placeholder, the checklist says/.test(d)),
    `the inner-space mistake went unnoticed:\n${found.join("\n")}`,
  );
});

test("broken copy: a checklist that judges Text fields like dates (the old drift) fails the table", async () => {
  const broken = await brokenLwcRules('dataType === "String" || dataType === "TextArea"', 'dataType === "TextArea"');
  const found = disagreements(viaChecklist(broken), "the checklist");
  assert.ok(
    found.some((d) => /^Text "n\/a".*the table says placeholder, the checklist says ok/.test(d)),
    `the Text-field mistake went unnoticed:\n${found.join("\n")}`,
  );
});

test("broken copy: validation rules that only check Text fields for blank (the old generator) fail the table", () => {
  const oldGenerator = (row: TruthTableRow, field: RequirementField) =>
    ruleFormula(ROW_REQUIREMENT, row.fieldType === "Text" ? { ...field, kind: "value" } : field);
  const found = disagreements(viaValidationRule(oldGenerator), "the validation rule");
  assert.ok(
    found.some((d) =>
      /^Text "n\/a".*the table says placeholder, the validation rule says ok \(the rule allows\)/.test(d),
    ),
    `the old generator went unnoticed:\n${found.join("\n")}`,
  );
});

test("broken copy: a validation rule that keeps no-break spaces inside placeholders fails the table", () => {
  const keepsNoBreakSpaces = (_row: TruthTableRow, field: RequirementField) =>
    ruleFormula(ROW_REQUIREMENT, field).replaceAll(', "\u00a0", "")', ', "\u00a0", "\u00a0")');
  const found = disagreements(viaValidationRule(keepsNoBreakSpaces), "the validation rule");
  assert.ok(
    found.some((d) =>
      /"a placeholder entry typed with a no-break space inside": the table says placeholder, the validation rule says ok/.test(
        d,
      ),
    ),
    `the no-break-space mistake went unnoticed:\n${found.join("\n")}`,
  );
});

test("broken copy: a table row changed without regenerating the Apex test is reported with the fix", async () => {
  const dir = makeTempDir("answer-rule-table");
  try {
    const table = join(dir, "answer-rule-truth-table.json");
    cpSync(TRUTH_TABLE_PATH, table);
    editFile(table, (json) => json.replace('"expected": "placeholder"', '"expected": "ok"'));
    const problem = await apexTestProblem(table, APEX_TEST_PATH);
    assert.match(problem ?? "", /does not carry the rows of .*Run npm run generate:answer-rule-test/);

    const apex = join(dir, "HandoffAnswerRule_Test.cls");
    writeFileSync(apex, readFileSync(APEX_TEST_PATH, "utf8").replace("'too short'", "'ok'"));
    assert.match((await apexTestProblem(TRUTH_TABLE_PATH, apex)) ?? "", /first difference at line \d+/);
  } finally {
    removeTempDir(dir);
  }
});

test("a malformed truth table row is refused, naming the row and the problem", () => {
  const dir = makeTempDir("answer-rule-table");
  try {
    const table = join(dir, "answer-rule-truth-table.json");
    cpSync(TRUTH_TABLE_PATH, table);
    editFile(table, (json) => json.replace('"fieldType": "Date"', '"fieldType": "Currency"'));
    assert.throws(() => loadTruthTable(table), /row \d+ \("date filled"\): fieldType "Currency" is not one of/);
  } finally {
    removeTempDir(dir);
  }
});
