// Pilot feedback: the Handoff_Feedback__c record that reps, CSMs and customers' answers are logged in, its
// validation rules (evaluated with formulon, a Salesforce formula engine), and the customer survey email template.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  DEFAULT_SOURCE,
  parseMetadataFile,
  readObjectFields,
  readValidationRules,
  text,
  type FieldDefinition,
  type ValidationRuleDefinition,
} from "../../scripts/lib/forceApp.ts";
import { asArray } from "../../scripts/admin/checks/reportReferences.ts";

interface FormulaValue {
  type: "literal";
  dataType: string;
  value: unknown;
  options: Record<string, unknown>;
}
type FormulaResult = FormulaValue | { type: "error"; message: string };
const { parse } = createRequire(import.meta.url)("formulon") as {
  parse: (formula: string, variables: Record<string, FormulaValue>) => FormulaResult;
};

const OBJECT = "Handoff_Feedback__c";
const TEMPLATE = "email/Handoff_Feedback/Handoff_Feedback_Customer_Survey";

function picklistValues(field: FieldDefinition): string[] {
  const definition = (parseMetadataFile(field.path).body.valueSet as Record<string, unknown> | undefined)
    ?.valueSetDefinition as Record<string, unknown> | undefined;
  return asArray(definition?.value).map((v) => text(v.fullName) ?? "");
}

type Feedback = Record<string, string | number | null>;

function variable(field: FieldDefinition, value: string | number | null): FormulaValue {
  switch (field.type) {
    case "Number":
      return { type: "literal", dataType: "number", value, options: { length: 1, scale: 0 } };
    case "Picklist":
      return { type: "literal", dataType: "picklist", value, options: { values: picklistValues(field) } };
    default:
      return { type: "literal", dataType: "text", value, options: { length: 32768 } };
  }
}

// The names of the active rules that would block saving this feedback.
function blockingRules(feedback: Feedback, rules: ValidationRuleDefinition[] = readValidationRules(OBJECT)): string[] {
  const fields = readObjectFields(OBJECT);
  return rules
    .filter((rule) => rule.active)
    .filter((rule) => {
      const variables = Object.fromEntries(
        [...fields.values()]
          .filter((f) => rule.formula.includes(f.name))
          .map((f) => [f.name, variable(f, feedback[f.name] ?? null)]),
      );
      const result = parse(rule.formula, variables);
      assert.equal(
        result.type,
        "literal",
        `${rule.name} does not evaluate: ${"message" in result ? result.message : ""}`,
      );
      return (result as FormulaValue).value === true;
    })
    .map((rule) => rule.name);
}

const CONTACT_ID = "003000000000001AAA"; // a syntactically valid, made-up Contact Id for formula evaluation only
const goodRepFeedback: Feedback = {
  Respondent_Type__c: "Rep",
  Rating__c: 4,
  What_Was_Hard__c: "Finding the technical contact took a day.",
  What_Was_Missing__c: null,
  Comments__c: null,
  Respondent_Contact__c: null,
};

test("the feedback object has the fields the checklist, the intake panel and the survey log need", () => {
  const fields = readObjectFields(OBJECT);
  const handoff = fields.get("Handoff__c");
  assert.equal(handoff?.referenceTo, "Handoff__c", "feedback must look up to its handoff");
  assert.equal(handoff?.required, true, "feedback without a handoff cannot be compared in pilot reports");
  const respondent = fields.get("Respondent_Type__c");
  assert.ok(respondent, "Respondent_Type__c is missing");
  assert.deepEqual(picklistValues(respondent), ["Rep", "CSM", "Customer"], "respondent types");
  assert.equal(fields.get("Rating__c")?.type, "Number", "Rating__c must be a number so reports can average it");
  for (const name of ["What_Was_Hard__c", "What_Was_Missing__c", "Comments__c"]) {
    assert.equal(fields.get(name)?.type, "LongTextArea", `${name} should be a long text area`);
  }
  assert.equal(fields.get("Respondent_Contact__c")?.referenceTo, "Contact", "customer answers name their contact");
  assert.deepEqual(picklistValues(fields.get("Source__c")!), [
    "Handoff Checklist",
    "CS Intake Panel",
    "Customer Survey",
    "Feedback Session",
  ]);
});

test("the validation rules accept real feedback and block what the pilot review cannot use", () => {
  assert.deepEqual(blockingRules(goodRepFeedback), [], "a rated rep feedback that says what was hard must save");
  assert.deepEqual(
    blockingRules({ ...goodRepFeedback, Rating__c: null }),
    ["Rating_Between_1_And_5"],
    "a missing rating",
  );
  assert.deepEqual(
    blockingRules({ ...goodRepFeedback, Rating__c: 0 }),
    ["Rating_Between_1_And_5"],
    "rating 0 is out of range",
  );
  assert.deepEqual(
    blockingRules({ ...goodRepFeedback, Rating__c: 6 }),
    ["Rating_Between_1_And_5"],
    "rating 6 is out of range",
  );
  assert.deepEqual(blockingRules({ ...goodRepFeedback, Rating__c: 5 }), [], "rating 5 is allowed");
  assert.deepEqual(
    blockingRules({ ...goodRepFeedback, Respondent_Type__c: "Customer" }),
    ["Customer_Feedback_Names_Contact"],
    "customer feedback without the answering contact",
  );
  assert.deepEqual(
    blockingRules({ ...goodRepFeedback, Respondent_Type__c: "Customer", Respondent_Contact__c: CONTACT_ID }),
    [],
  );
  assert.deepEqual(
    blockingRules({ ...goodRepFeedback, What_Was_Hard__c: null }),
    ["Feedback_Says_Something"],
    "a rating with no words gives the pilot review nothing to act on",
  );
});

test("the rule check catches a rating rule that lets 6 through", () => {
  const rules = readValidationRules(OBJECT).map((rule) =>
    rule.name === "Rating_Between_1_And_5"
      ? { ...rule, formula: rule.formula.replace("Rating__c > 5", "Rating__c > 10") }
      : rule,
  );
  assert.deepEqual(
    blockingRules({ ...goodRepFeedback, Rating__c: 6 }, rules),
    [],
    "a broken rule must accept 6, so the real test would fail",
  );
});

// Standard fields the template merges, from the Salesforce Object Reference.
const STANDARD_MERGE_FIELDS: Record<string, string[]> = {
  Contact: ["FirstName", "LastName", "Name", "Email"],
  User: ["FirstName", "LastName", "Name", "Email", "Title"],
  Handoff__c: ["Name"],
};

function mergeFieldProblems(source: string): string[] {
  const body = readFileSync(join(source, `${TEMPLATE}.email`), "utf8");
  const subject = text(parseMetadataFile(join(source, `${TEMPLATE}.email-meta.xml`)).body.subject) ?? "";
  const problems: string[] = [];
  for (const [, object, field] of `${subject}\n${body}`.matchAll(/\{!(\w+)\.(\w+)\}/g)) {
    const custom = object.endsWith("__c") ? readObjectFields(object, source).has(field) : false;
    if (!custom && !(STANDARD_MERGE_FIELDS[object] ?? []).includes(field)) {
      problems.push(`${TEMPLATE}: merge field {!${object}.${field}} does not exist`);
    }
  }
  return problems;
}

test("every merge field of the customer survey email exists, and the survey asks what the feedback record stores", () => {
  assert.deepEqual(mergeFieldProblems(DEFAULT_SOURCE), []);
  const body = readFileSync(join(DEFAULT_SOURCE, `${TEMPLATE}.email`), "utf8");
  assert.match(body, /from 1 \(poor\) to 5 \(excellent\)/, "the survey asks for the rating on the scale of Rating__c");
  assert.match(body, /What was hard/, "the survey asks what was hard (What_Was_Hard__c)");
  assert.match(body, /What was missing/, "the survey asks what was missing (What_Was_Missing__c)");
  assert.match(
    body,
    /Reference: \{!Handoff__c\.Name\}/,
    "answers must carry the handoff number to be logged against it",
  );
});

test("a merge field naming a missing handoff field is reported", () => {
  const dir = mkdtempSync(join(tmpdir(), "handoff-email-"));
  try {
    cpSync(DEFAULT_SOURCE, dir, { recursive: true });
    const path = join(dir, `${TEMPLATE}.email`);
    writeFileSync(path, readFileSync(path, "utf8").replace("{!Handoff__c.CS_Owner__c}", "{!Handoff__c.CSM__c}"));
    assert.deepEqual(mergeFieldProblems(dir), [`${TEMPLATE}: merge field {!Handoff__c.CSM__c} does not exist`]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
