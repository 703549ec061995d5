// The shipped Opportunity layout is the fallback for orgs that do not use the checklist component:
// it must show every handoff field in its group's section, and never replace the org's default layout.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_SOURCE, parseMetadataFile, readObjectFields, text, type XmlNode } from "../../scripts/lib/forceApp.ts";
import { loadRequirements } from "../../scripts/lib/handoffConfig.ts";

const OPPORTUNITY_LAYOUT = join(DEFAULT_SOURCE, "layouts/Opportunity-Opportunity Handoff Layout.layout-meta.xml");
const HANDOFF_LAYOUT = join(DEFAULT_SOURCE, "layouts/Handoff__c-Handoff Layout.layout-meta.xml");
// Products purchased are the opportunity products, shown by the Products related list.
const SHOWN_AS_RELATED_LIST: Record<string, string> = { HasOpportunityLineItem: "RelatedLineItemList" };

function sections(path: string): Map<string, string[]> {
  const { body } = parseMetadataFile(path);
  const result = new Map<string, string[]>();
  for (const section of (body.layoutSections as XmlNode[] | undefined) ?? []) {
    const fields = ((section.layoutColumns as XmlNode[] | undefined) ?? []).flatMap((column) =>
      ((column.layoutItems as XmlNode[] | undefined) ?? []).map((item) => text(item.field) ?? ""),
    );
    result.set(text(section.label) ?? "", fields);
  }
  return result;
}

function relatedLists(path: string): string[] {
  const { body } = parseMetadataFile(path);
  return ((body.relatedLists as XmlNode[] | undefined) ?? []).map((r) => text(r.relatedList) ?? "");
}

test("every requirement field sits in the handoff section of its group, in display order", () => {
  const layout = sections(OPPORTUNITY_LAYOUT);
  const byGroup = new Map<string, string[]>();
  for (const requirement of loadRequirements()) {
    if (SHOWN_AS_RELATED_LIST[requirement.field]) {
      assert.ok(
        relatedLists(OPPORTUNITY_LAYOUT).includes(SHOWN_AS_RELATED_LIST[requirement.field]),
        `${requirement.label} needs the ${SHOWN_AS_RELATED_LIST[requirement.field]} related list on the layout`,
      );
      continue;
    }
    byGroup.set(requirement.group, [...(byGroup.get(requirement.group) ?? []), requirement.field]);
  }
  for (const [group, fields] of byGroup) {
    const section = layout.get(`Handoff: ${group}`);
    assert.ok(section, `the layout has no "Handoff: ${group}" section`);
    // Two-column sections list the left column first, then the right one: order holds within each.
    const shown = fields.filter((f) => section.includes(f));
    assert.deepEqual(shown, fields, `"Handoff: ${group}" should show ${fields.join(", ")}`);
  }
});

test("the handoff layouts show only fields that exist, and formula fields read-only", () => {
  for (const [object, path] of [
    ["Opportunity", OPPORTUNITY_LAYOUT],
    ["Handoff__c", HANDOFF_LAYOUT],
  ] as const) {
    const custom = readObjectFields(object);
    const { body } = parseMetadataFile(path);
    for (const section of (body.layoutSections as XmlNode[]) ?? []) {
      for (const column of (section.layoutColumns as XmlNode[]) ?? []) {
        for (const item of (column.layoutItems as XmlNode[]) ?? []) {
          const field = text(item.field) ?? "";
          if (!field.endsWith("__c")) continue;
          assert.ok(custom.has(field), `${path}: ${field} is not a field of ${object}`);
          if (custom.get(field)?.formula) {
            assert.equal(text(item.behavior), "Readonly", `${path}: formula field ${field} must be Readonly`);
          }
        }
      }
    }
  }
});

test("the app ships its own Opportunity layout instead of overwriting the org's default one", () => {
  assert.ok(existsSync(OPPORTUNITY_LAYOUT), "Opportunity Handoff Layout is missing");
  assert.ok(
    !existsSync(join(DEFAULT_SOURCE, "layouts/Opportunity-Opportunity Layout.layout-meta.xml")),
    "deploying Opportunity-Opportunity Layout would overwrite the org's default layout",
  );
});
