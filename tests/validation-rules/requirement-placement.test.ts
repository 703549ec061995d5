// A requirement blocks Closed Won until the rep fills its field in, so the rep must be able to: edit the field
// (Handoff_Sales grants edit), find it on the Opportunity Handoff Layout, and reach it through the handoff
// checklist on the Opportunity record page. A requirement failing any of these would block deals nobody can fix.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { DEFAULT_SOURCE, parseMetadataFile, text, type XmlNode } from "../../scripts/lib/forceApp.ts";
import { STANDARD_OPPORTUNITY_FIELDS, loadRequirements } from "../../scripts/lib/handoffConfig.ts";
import { editFile, replaceOnce, withSourceCopy } from "../lib/tempTree.ts";

const SALES_PERMISSION_SET = "permissionsets/Handoff_Sales.permissionset-meta.xml";
const OPPORTUNITY_LAYOUT = "layouts/Opportunity-Opportunity Handoff Layout.layout-meta.xml";
const RECORD_PAGE = "flexipages/Opportunity_Handoff_Record_Page.flexipage-meta.xml";
const CHECKLIST = "c:handoffChecklist";

function list(node: unknown): XmlNode[] {
  if (node === undefined || node === null || node === "") return [];
  return (Array.isArray(node) ? node : [node]) as XmlNode[];
}

export function requirementPlacementProblems(source = DEFAULT_SOURCE): string[] {
  const problems: string[] = [];
  const sales = parseMetadataFile(join(source, SALES_PERMISSION_SET)).body;
  const editable = new Set(
    list(sales.fieldPermissions)
      .filter((p) => text(p.editable) === "true")
      .map((p) => text(p.field)),
  );
  const layout = parseMetadataFile(join(source, OPPORTUNITY_LAYOUT)).body;
  const onLayout = new Set(
    list(layout.layoutSections).flatMap((section) =>
      list(section.layoutColumns).flatMap((column) => list(column.layoutItems).map((item) => text(item.field))),
    ),
  );
  const page = parseMetadataFile(join(source, RECORD_PAGE)).body;
  const pageHasChecklist = list(page.flexiPageRegions).some((region) =>
    list(region.itemInstances).some(
      (item) => text((item.componentInstance as XmlNode | undefined)?.componentName) === CHECKLIST,
    ),
  );
  if (!pageHasChecklist) {
    problems.push(`${RECORD_PAGE} has no ${CHECKLIST}: reps cannot see what a won deal still needs`);
  }
  for (const requirement of loadRequirements(source)) {
    const record = `Handoff_Requirement__mdt.${requirement.developerName}`;
    // Standard requirements (the products) are acted on elsewhere; the layout test checks their related list.
    if (STANDARD_OPPORTUNITY_FIELDS[requirement.field]) continue;
    if (!editable.has(`Opportunity.${requirement.field}`)) {
      problems.push(
        `${record} requires ${requirement.field}, which Handoff_Sales cannot edit: reps could never clear the block`,
      );
    }
    if (!onLayout.has(requirement.field)) {
      problems.push(`${record} requires ${requirement.field}, which is not on the Opportunity Handoff Layout`);
    }
  }
  return problems;
}

test("every shipped requirement is a field reps can edit, on the handoff layout and behind the checklist", () => {
  const problems = requirementPlacementProblems();
  assert.deepEqual(problems, [], `requirements reps cannot fulfil:\n${problems.join("\n")}`);
  assert.ok(loadRequirements().length > 0, "no requirement was checked");
});

test("a requirement on a field Handoff_Sales may only read is refused", () => {
  const readOnly = withSourceCopy(
    "requirement-placement",
    (source) =>
      editFile(join(source, SALES_PERMISSION_SET), (xml) =>
        replaceOnce(
          xml,
          /<editable>true<\/editable>(\s*<field>Opportunity\.Pain_Points__c<\/field>)/,
          "<editable>false</editable>$1",
        ),
      ),
    requirementPlacementProblems,
  );
  assert.deepEqual(readOnly, [
    "Handoff_Requirement__mdt.Pain_Points requires Pain_Points__c, which Handoff_Sales cannot edit: reps could never clear the block",
  ]);
});

test("a requirement whose field left the layout, and a record page without the checklist, are refused", () => {
  const problems = withSourceCopy(
    "requirement-placement",
    (source) => {
      editFile(join(source, OPPORTUNITY_LAYOUT), (xml) =>
        replaceOnce(
          xml,
          /\s*<layoutItems>\s*<behavior>\w+<\/behavior>\s*<field>Champion__c<\/field>\s*<\/layoutItems>/,
          "",
        ),
      );
      editFile(join(source, RECORD_PAGE), (xml) =>
        replaceOnce(
          xml,
          `<componentName>${CHECKLIST}</componentName>`,
          "<componentName>c:handoffSummary</componentName>",
        ),
      );
    },
    requirementPlacementProblems,
  );
  assert.deepEqual(problems, [
    `${RECORD_PAGE} has no ${CHECKLIST}: reps cannot see what a won deal still needs`,
    "Handoff_Requirement__mdt.Champion requires Champion__c, which is not on the Opportunity Handoff Layout",
  ]);
});
