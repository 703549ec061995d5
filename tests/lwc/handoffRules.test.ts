// The summary's fields and the SLA clock of c/handoffRules. The answer rule of c/handoffRules is held to the shared
// truth table in tests/answer-rule/answerRule.test.ts, with the validation rules and Apex.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readObjectFields } from "../../scripts/lib/forceApp.ts";
import * as lwcRules from "../../force-app/main/default/lwc/handoffRules/handoffRules.ts";
import {
  SUMMARY_SECTIONS,
  type SummarySection,
} from "../../force-app/main/default/lwc/handoffSummarySections/handoffSummarySections.ts";

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
