// The preview's sample org: deals of both tiers in the states a reviewer needs to see, with the requirements,
// settings and field facts read from force-app, so the preview follows the admin's configuration.
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_SOURCE, PROJECT_ROOT } from "../../scripts/lib/forceApp.ts";
import { buildSampleData, type PreviewData, type SampleRecord } from "../../preview/sampleData.ts";

const tempRoot = join(PROJECT_ROOT, "out/preview/tmp");
const copies: string[] = [];

function copyOfSource(): string {
  mkdirSync(tempRoot, { recursive: true });
  const dir = mkdtempSync(join(tempRoot, "sample-"));
  copies.push(dir);
  const source = join(dir, "default");
  cpSync(DEFAULT_SOURCE, source, { recursive: true });
  return source;
}

function editFile(path: string, from: RegExp, to: string): void {
  const original = readFileSync(path, "utf8");
  const edited = original.replace(from, to);
  assert.notEqual(edited, original, `${path} no longer contains ${from}: update this test`);
  writeFileSync(path, edited);
}

function recordsOf(data: PreviewData, apiName: string): SampleRecord[] {
  return data.records.filter((r) => r.apiName === apiName);
}

function tierOf(data: PreviewData, dealName: string): unknown {
  const deal = recordsOf(data, "Opportunity").find((r) => r.fields.Name === dealName);
  assert.ok(deal, `no sample deal named ${dealName}`);
  return deal.fields.Handoff_Tier__c;
}

describe("preview sample data", () => {
  after(() => {
    for (const dir of copies) rmSync(dir, { recursive: true, force: true });
  });

  const data = buildSampleData();

  it("has deals of both tiers and handoffs in every state the page demonstrates", () => {
    const tiers = new Set(recordsOf(data, "Opportunity").map((r) => r.fields.Handoff_Tier__c));
    assert.deepEqual([...tiers].sort(), ["High-Touch", "Low-Touch"], "the sample needs High-Touch and Low-Touch deals");
    const statuses = new Set(recordsOf(data, "Handoff__c").map((r) => r.fields.Status__c));
    for (const status of ["Draft", "Submitted", "Info Requested", "Accepted"]) {
      assert.ok(statuses.has(status), `no sample handoff in status ${status}; statuses: ${[...statuses].join(", ")}`);
    }
    const handoffDeals = new Set(recordsOf(data, "Handoff__c").map((r) => r.fields.Opportunity__c));
    assert.ok(
      data.dealIds.some((id) => !handoffDeals.has(id)),
      "one sample deal must still be open (no handoff yet) to show the checklist before close",
    );
    assert.ok(
      recordsOf(data, "Handoff__c").some((r) => r.fields.CS_Owner__c === null),
      "one handoff must be unassigned for the CS manager's team view",
    );
    const first = recordsOf(data, "Handoff__c").find((r) => r.fields.Opportunity__c === data.dealIds[0]);
    assert.equal(first?.fields.Status__c, "Draft", "the first deal on the page is where the rep's happy path starts");
  });

  it("gives every requirement field the facts the checklist needs, read from force-app", () => {
    const fields = data.objectInfos.Opportunity.fields;
    for (const requirement of data.checklistConfig.requirements) {
      const info = fields[requirement.fieldApiName];
      assert.ok(
        info,
        `${requirement.fieldApiName} (${requirement.label}) has no field info: the checklist would hide it`,
      );
      assert.ok(info.label && info.dataType, `${requirement.fieldApiName} lacks a label or data type`);
    }
    assert.equal(fields.Champion__c.dataType, "Reference", "lookups must be Reference fields for the lookup input");
    assert.equal(fields.Champion__c.referenceTo, "Contact");
    assert.equal(fields.Business_Goals__c.dataType, "TextArea", "long text areas are TextArea in LDS");
    assert.ok(fields.Deal_Complexity__c.picklistValues.includes("High"), "picklist values come from the field file");
    assert.equal(fields.Handoff_Tier__c.updateable, false, "a formula field is not editable");
    assert.ok(data.returnReasons.includes("Incomplete Context"), "return reasons come from Return_Reason__c");
  });

  it("follows the requirement records: a label changed in custom metadata shows in the preview", () => {
    const source = copyOfSource();
    editFile(
      join(source, "customMetadata/Handoff_Requirement.Business_Goals.md-meta.xml"),
      /<label>[^<]*<\/label>/,
      "<label>Customer goals (renamed)</label>",
    );
    const renamed = buildSampleData(source).checklistConfig.requirements.find(
      (r) => r.fieldApiName === "Business_Goals__c",
    );
    assert.equal(
      renamed?.label,
      "Customer goals (renamed)",
      "the checklist config must come from the metadata records",
    );
  });

  it("computes each deal's tier from the settings, as the formula does", () => {
    assert.equal(tierOf(data, "Acme Retail - Store Platform"), "High-Touch", "120,000 is above the 50,000 threshold");
    const source = copyOfSource();
    editFile(
      join(source, "customMetadata/Handoff_Setting.Default.md-meta.xml"),
      /(<field>High_Touch_Min_Amount__c<\/field>\s*<value[^>]*>)[^<]*/,
      "$11000000",
    );
    const raised = buildSampleData(source);
    assert.equal(tierOf(raised, "Acme Retail - Store Platform"), "Low-Touch", "below a 1,000,000 threshold: Low-Touch");
    assert.equal(tierOf(raised, "Initech - Analytics Add-on"), "High-Touch", "High complexity stays High-Touch");
  });
});
