// The summary card shows its headings and field names from Custom Labels (translatable); the CSM notification email
// is generated from the English in c/handoffSummarySections. In English both must say the same words, so a CSM
// reading the email and the card on the deal sees one summary.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_SOURCE } from "../../scripts/lib/forceApp.ts";
import { labelValues } from "../../scripts/lib/customLabels.ts";
import {
  ENGLISH_WORDING,
  SUMMARY_SECTIONS,
} from "../../force-app/main/default/lwc/handoffSummarySections/handoffSummarySections.ts";
import { formatLabel } from "../../force-app/main/default/lwc/labelFormat/labelFormat.ts";

const labels = labelValues(DEFAULT_SOURCE);
// The summary card and the kickoff agenda both take their words from c/summaryWording.
const SUMMARY_WORDING_MODULE = readFileSync(join(DEFAULT_SOURCE, "lwc/summaryWording/summaryWording.ts"), "utf8");

function label(name: string): string {
  const value = labels.get(name);
  assert.ok(value !== undefined, `Custom Label ${name} is missing from labels/CustomLabels.labels-meta.xml`);
  assert.ok(
    SUMMARY_WORDING_MODULE.includes(`"@salesforce/label/c.${name}"`),
    `summaryWording.ts must import ${name}, or the card and the agenda show the English fallback in every language`,
  );
  return value;
}

describe("the summary card's labels and the CSM email's English", () => {
  it("name every section alike", () => {
    for (const section of SUMMARY_SECTIONS) {
      const name = `Handoff_Summary_Section_${section.key[0].toUpperCase()}${section.key.slice(1)}`;
      assert.equal(label(name), section.title, `section "${section.key}"`);
    }
  });

  it("name every field alike", () => {
    for (const field of SUMMARY_SECTIONS.flatMap((section) => section.fields)) {
      const name = `Handoff_Summary_${field.fieldApiName.replace(/__c$/, "")}`;
      assert.equal(label(name), field.label, `field ${field.fieldApiName}`);
    }
  });

  it("title the summary and mark a missing answer alike", () => {
    assert.equal(formatLabel(label("Handoff_Summary_Title"), "Acme"), ENGLISH_WORDING.title("Acme"));
    assert.equal(label("Handoff_Summary_Opportunity_Fallback"), ENGLISH_WORDING.untitledOpportunity);
    assert.equal(label("Handoff_Summary_Products"), ENGLISH_WORDING.products);
    assert.equal(label("Handoff_Summary_Not_Provided"), ENGLISH_WORDING.notProvided);
  });
});

describe("formatLabel", () => {
  it("fills {0}, {1} in any order and leaves a placeholder without a value visible", () => {
    assert.equal(formatLabel("{0} von {1} Zeichen", "1,200", "32,768"), "1,200 von 32,768 Zeichen");
    assert.equal(formatLabel("{1}: {0}", "a", "b"), "b: a");
    assert.equal(formatLabel("Tier: {0}", null), "Tier: ");
    assert.equal(formatLabel("Tier: {0} {1}", "High"), "Tier: High {1}");
  });
});
