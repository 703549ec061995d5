// The checklist's live warning (LWC, c/handoffRules) and the offline rules (scripts/lib/handoffConfig.ts, which the
// validation rules and the audit follow) must flag the same answers, or a rep is told "fine" and then refused.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  longTextAnswerProblem,
  loadSettings,
  requirementAnswerProblem,
  type HandoffSettings,
  type RequirementAnswerKind,
} from "../../scripts/lib/handoffConfig.ts";
import { readCustomMetadataRecords, readObjectFields } from "../../scripts/lib/forceApp.ts";
import * as lwcRules from "../../force-app/main/default/lwc/handoffRules/handoffRules.ts";
import {
  SUMMARY_SECTIONS,
  type SummarySection,
} from "../../force-app/main/default/lwc/handoffSummarySections/handoffSummarySections.ts";
import { LWC_DIR } from "./lwcBuildCheck.ts";

type AnswerProblemFn = (value: string | null, settings: HandoffSettings) => string | null;

function answerCases(settings: HandoffSettings): (string | null)[] {
  const long = "x".repeat(settings.minAnswerLength);
  return [
    null,
    "",
    "   ",
    ...settings.placeholderAnswers,
    ...settings.placeholderAnswers.map((p) => ` ${p.toUpperCase()} `),
    "TBD.",
    long,
    long.slice(1),
    ` ${long.slice(1)} `,
    "No commitments were made beyond the contract.",
    "Weekly call",
  ];
}

// One line per case where the two implementations disagree, naming the answer and both verdicts.
function ruleDisagreements(lwcAnswerProblem: AnswerProblemFn, settings: HandoffSettings): string[] {
  return answerCases(settings).flatMap((value) => {
    const expected = longTextAnswerProblem(value, settings);
    const actual = lwcAnswerProblem(value, settings);
    return expected === actual
      ? []
      : [`answer ${JSON.stringify(value)}: validation rules say ${expected}, checklist says ${actual}`];
  });
}

function viaLwcRules(rules: typeof lwcRules): AnswerProblemFn {
  // The LWC reads Placeholder_Answers__c raw from Apex: rebuild that raw value from the settings record on disk.
  const raw = readCustomMetadataRecords("Handoff_Setting__mdt").find((r) => r.developerName === "Default");
  assert.ok(raw, "Handoff_Setting.Default custom metadata record is missing");
  const answerRules = rules.toAnswerRules({
    placeholderAnswers: (raw.values.Placeholder_Answers__c as string | null) ?? null,
    minAnswerLength: (raw.values.Min_Answer_Length__c as number | null) ?? null,
  });
  return (value) => rules.answerProblem(value, answerRules);
}

test("the checklist's live warning flags exactly the answers the validation rules refuse", () => {
  const settings = loadSettings();
  assert.ok(settings.placeholderAnswers.length > 0 && settings.minAnswerLength > 0, "settings must define both rules");
  assert.deepEqual(ruleDisagreements(viaLwcRules(lwcRules), settings), []);
});

test("the comparison catches a checklist that forgot to ignore case in placeholders", async () => {
  const dir = mkdtempSync(join(tmpdir(), "rules-broken-"));
  try {
    cpSync(join(LWC_DIR, "handoffRules/handoffRules.ts"), join(dir, "handoffRules.ts"));
    const source = readFileSync(join(dir, "handoffRules.ts"), "utf8");
    const broken = source.replace(
      "rules.placeholderAnswers.includes(trimmed.toLowerCase())",
      "rules.placeholderAnswers.includes(trimmed)",
    );
    assert.notEqual(broken, source, "the mutation did not apply: update this test to the current answerProblem");
    writeFileSync(join(dir, "handoffRules.ts"), broken);
    const brokenRules = (await import(pathToFileURL(join(dir, "handoffRules.ts")).href)) as typeof lwcRules;
    const disagreements = ruleDisagreements(viaLwcRules(brokenRules), loadSettings());
    assert.ok(disagreements.length > 0, "a case-sensitive placeholder check must be reported");
    assert.match(disagreements[0], /validation rules say placeholder, checklist says/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// The data type LDS reports for a field of each kind the validation rules distinguish.
const LDS_TYPES: Record<RequirementAnswerKind, string[]> = {
  longText: ["TextArea"],
  checkbox: ["Boolean"],
  picklist: ["Picklist"],
  value: ["Reference", "Date", "DateTime", "String", "Double", "Currency"],
};

test("each kind of required field counts as answered exactly when its Closed Won rule would pass", () => {
  const settings = loadSettings();
  const rules = lwcRules.toAnswerRules({
    placeholderAnswers: settings.placeholderAnswers.join(";"),
    minAnswerLength: settings.minAnswerLength,
  });
  const values = [null, "", "  ", true, false, "2026-12-01", "003000000000001AAA", "tbd", ...answerCases(settings)];
  const disagreements: string[] = [];
  for (const [kind, ldsTypes] of Object.entries(LDS_TYPES) as [RequirementAnswerKind, string[]][]) {
    for (const ldsType of ldsTypes) {
      for (const value of values) {
        const expected = requirementAnswerProblem(value, kind, settings);
        const actual = lwcRules.answerVerdict(value, ldsType, rules);
        if (expected !== actual)
          disagreements.push(
            `${kind} field (LDS ${ldsType}) = ${JSON.stringify(value)}: rules say ${expected}, checklist says ${actual}`,
          );
      }
    }
  }
  assert.deepEqual(disagreements, []);
});

// Every summary field must exist on Opportunity, or the summary and the email silently show "Not provided".
function summaryFieldProblems(sections: SummarySection[], opportunityFields: Map<string, { type: string }>): string[] {
  return sections.flatMap((section) =>
    section.fields.flatMap((field) => {
      const definition = opportunityFields.get(field.fieldApiName);
      if (!definition)
        return [`summary section "${section.title}": Opportunity.${field.fieldApiName} does not exist in force-app`];
      if (field.kind === "contact" && definition.type !== "Lookup")
        return [
          `summary section "${section.title}": ${field.fieldApiName} is read as a contact but is ${definition.type}`,
        ];
      return [];
    }),
  );
}

test("every field of the handoff summary exists on Opportunity with the kind the summary expects", () => {
  assert.deepEqual(summaryFieldProblems(SUMMARY_SECTIONS, readObjectFields("Opportunity")), []);
});

test("the summary field check names a misspelt field and a text field read as a contact", () => {
  const broken: SummarySection[] = [
    {
      key: "goals",
      title: "Customer goals",
      fields: [{ fieldApiName: "Buisness_Goals__c", label: "Business goals", kind: "text" }],
    },
    {
      key: "people",
      title: "Stakeholders",
      fields: [{ fieldApiName: "Pain_Points__c", label: "Pain", kind: "contact", relationshipName: "Pain_Points__r" }],
    },
  ];
  assert.deepEqual(summaryFieldProblems(broken, readObjectFields("Opportunity")), [
    'summary section "Customer goals": Opportunity.Buisness_Goals__c does not exist in force-app',
    'summary section "Stakeholders": Pain_Points__c is read as a contact but is LongTextArea',
  ]);
});

test("the SLA clock counts down to the handoff due time, then shows how long it is overdue", () => {
  const handoff = {
    status: "Draft",
    handoffDueAt: "2026-11-27T10:00:00.000Z",
    firstTouchDueAt: "2026-11-28T10:00:00.000Z",
    firstTouchAt: null,
  };
  assert.equal(lwcRules.slaClock(handoff, new Date("2026-11-27T08:15:00.000Z"))?.text, "1 h 45 min left");
  assert.equal(lwcRules.slaClock(handoff, new Date("2026-11-29T12:00:00.000Z"))?.text, "Overdue by 2 d 2 h");
  const submitted = { ...handoff, status: "Submitted" };
  assert.equal(
    lwcRules.slaClock(submitted, new Date("2026-11-28T09:00:00.000Z"))?.label,
    "CS first touch due",
    "after submission the clock is CS's",
  );
  assert.equal(
    lwcRules.slaClock({ ...submitted, firstTouchAt: "2026-11-28T08:00:00.000Z" }, new Date()),
    null,
    "no clock once CS touched the customer",
  );
});
