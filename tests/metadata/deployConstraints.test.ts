// The deploy-constraint check must pass on the shipped force-app and fire on each rule of its table: every case
// below breaks one thing in a copy of force-app the way a person would, and expects that rule (and only the rules
// the break really touches) to name the file.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  DEPLOY_CONSTRAINTS,
  checkDeployConstraints,
  formatViolation,
  type ConstraintViolation,
} from "../../scripts/admin/checks/deployConstraints.ts";
import { REAL_FORCE_APP, editFile, replaceOnce, withSourceCopy } from "../lib/tempTree.ts";

interface BrokenCopy {
  constraint: string;
  what: string;
  file: string; // relative to force-app/main/default
  edit: (content: string) => string;
  expect: RegExp;
  // Rules the same break also violates, if any.
  alsoFires?: string[];
}

const HANDOFF_FIELDS = "objects/Handoff__c/fields";
const FEEDBACK_RULE = "objects/Handoff_Feedback__c/validationRules/Rating_Between_1_And_5.validationRule-meta.xml";
const PILOT_REPORT = "reports/Sales_to_CS_Handoff/Handoff_Pilot_Comparison.report-meta.xml";
const DASHBOARD = "dashboards/Sales_to_CS_Handoff_Dashboards/Sales_to_CS_Handoff.dashboard-meta.xml";
const PAGE = "flexipages/Opportunity_Handoff_Record_Page.flexipage-meta.xml";
const LABELS = "labels/CustomLabels.labels-meta.xml";
const GERMAN = "translations/de.translation-meta.xml";
// One grid tile of the dashboard, found by its header (the match stays inside one dashboardGridComponents).
const tileWithHeader = (header: string) =>
  new RegExp(
    `<dashboardGridComponents>(?:(?!</dashboardGridComponents>)[\\s\\S])*<header>${header}</header>[\\s\\S]*?</dashboardGridComponents>`,
  );
function editTile(content: string, tile: RegExp, edit: (tile: string) => string): string {
  const found = content.match(tile);
  if (!found) throw new Error(`Test setup: no dashboard tile matches ${String(tile)}`);
  return content.replace(tile, () => edit(found[0]));
}
const PROMISE_TILE = tileWithHeader("Promises kept / at risk / broken");
const WEEKLY_CLOSE_TO_FIRST_TOUCH_TILE = tileWithHeader("Close to first touch by week");
const LONG_COMMENT = `/* ${"x".repeat(3900)} */`;

const BROKEN_COPIES: BrokenCopy[] = [
  {
    constraint: "field-length-forbidden",
    what: "a length on the TextArea Guidance_Prompt__c (deploy blocker of issue 11)",
    file: "objects/Handoff_Requirement__mdt/fields/Guidance_Prompt__c.field-meta.xml",
    edit: (c) =>
      replaceOnce(c, "<label>Guidance Prompt</label>", "<label>Guidance Prompt</label>\n    <length>255</length>"),
    expect: /Guidance_Prompt__c: Can not specify 'length' for a CustomField of type TextArea/,
  },
  {
    constraint: "field-length-range",
    what: "a Text field of 300 characters",
    file: `${HANDOFF_FIELDS}/Pilot_Cohort__c.field-meta.xml`,
    edit: (c) => replaceOnce(c, /<length>\d+<\/length>/, "<length>300</length>"),
    expect: /Pilot_Cohort__c: a Text field needs a length from 1 to 255, found 300/,
  },
  {
    constraint: "field-length-range",
    what: "a LongTextArea of 200 characters",
    file: `${HANDOFF_FIELDS}/Verified_Items__c.field-meta.xml`,
    edit: (c) => replaceOnce(c, /<length>\d+<\/length>/, "<length>200</length>"),
    expect: /Verified_Items__c: a LongTextArea field needs a length from 256 to 131072, found 200/,
  },
  {
    constraint: "field-visible-lines",
    what: "a LongTextArea without visibleLines",
    file: `${HANDOFF_FIELDS}/Automation_Error__c.field-meta.xml`,
    edit: (c) => replaceOnce(c, /\s*<visibleLines>\d+<\/visibleLines>/, ""),
    expect: /Automation_Error__c: a LongTextArea field needs visibleLines/,
  },
  {
    constraint: "field-precision-scale",
    what: "a scale larger than the precision",
    file: `${HANDOFF_FIELDS}/Escalation_Count__c.field-meta.xml`,
    edit: (c) => replaceOnce(c, "<scale>0</scale>", "<scale>4</scale>"),
    expect: /Escalation_Count__c: precision must be 1 to 18 and scale 0 to the precision, found precision 3, scale 4/,
  },
  {
    constraint: "field-precision-scale",
    what: "a precision of 19",
    file: `${HANDOFF_FIELDS}/Hours_To_Handoff__c.field-meta.xml`,
    edit: (c) => replaceOnce(c, "<precision>18</precision>", "<precision>19</precision>"),
    expect: /Hours_To_Handoff__c: precision must be 1 to 18/,
  },
  {
    constraint: "formula-no-default",
    what: "a defaultValue on the checkbox formula Handoff_SLA_Met__c (deploy blocker of issue 11)",
    file: `${HANDOFF_FIELDS}/Handoff_SLA_Met__c.field-meta.xml`,
    edit: (c) => replaceOnce(c, "<label>", "<defaultValue>false</defaultValue>\n    <label>"),
    expect: /Handoff_SLA_Met__c: Can not specify a defaultValue for CustomFields that have a formula/,
  },
  {
    constraint: "formula-return-type",
    what: "a formula field of type Phone",
    file: "objects/Opportunity/fields/Handoff_Tier__c.field-meta.xml",
    edit: (c) => replaceOnce(c, "<type>Text</type>", "<type>Phone</type>"),
    expect: /Handoff_Tier__c: a formula field cannot be of type Phone/,
  },
  {
    constraint: "formula-length",
    what: "a formula over 3,900 characters",
    file: `${HANDOFF_FIELDS}/Hours_To_Handoff__c.field-meta.xml`,
    edit: (c) => replaceOnce(c, "</formula>", `${LONG_COMMENT}</formula>`),
    expect: /Hours_To_Handoff__c: the formula has \d+ characters, more than 3900/,
  },
  {
    constraint: "checkbox-default",
    what: "a checkbox without a default",
    file: `${HANDOFF_FIELDS}/Early_Intro__c.field-meta.xml`,
    edit: (c) => replaceOnce(c, /\s*<defaultValue>false<\/defaultValue>/, ""),
    expect: /Early_Intro__c: a Checkbox field needs defaultValue true or false/,
  },
  {
    constraint: "picklist-values",
    what: "a picklist without values",
    file: `${HANDOFF_FIELDS}/Slack_Status__c.field-meta.xml`,
    edit: (c) => replaceOnce(c, /\s*<valueSet>[\s\S]*<\/valueSet>/, ""),
    expect: /Slack_Status__c: a Picklist field needs a valueSet/,
  },
  {
    constraint: "relationship-target",
    what: "a lookup without a relationship name",
    file: `${HANDOFF_FIELDS}/CS_Owner__c.field-meta.xml`,
    edit: (c) => replaceOnce(c, /\s*<relationshipName>[^<]*<\/relationshipName>/, ""),
    expect: /CS_Owner__c: a Lookup field needs relationshipName/,
  },
  {
    constraint: "lookup-delete-constraint",
    what: "a required lookup that clears itself when the account is deleted",
    file: `${HANDOFF_FIELDS}/Account__c.field-meta.xml`,
    edit: (c) => replaceOnce(c, "<required>false</required>", "<required>true</required>"),
    expect: /Account__c: a required Lookup cannot clear its value/,
  },
  {
    constraint: "lookup-delete-constraint",
    what: "a deleteConstraint on a text field",
    file: `${HANDOFF_FIELDS}/Pilot_Cohort__c.field-meta.xml`,
    edit: (c) => replaceOnce(c, "<label>", "<deleteConstraint>Restrict</deleteConstraint>\n    <label>"),
    expect: /Pilot_Cohort__c: deleteConstraint is only for Lookup fields, not Text/,
  },
  {
    constraint: "external-id-unique-types",
    what: "an external ID checkbox",
    file: `${HANDOFF_FIELDS}/Pilot__c.field-meta.xml`,
    edit: (c) => replaceOnce(c, "<label>", "<externalId>true</externalId>\n    <label>"),
    expect: /Pilot__c: externalId is not allowed on a Checkbox field/,
  },
  {
    constraint: "cmdt-field-types",
    what: "a Currency field on a custom metadata type",
    file: "objects/Handoff_Setting__mdt/fields/Slack_Max_Attempts__c.field-meta.xml",
    edit: (c) => replaceOnce(c, "<type>Number</type>", "<type>Currency</type>"),
    expect: /Slack_Max_Attempts__c: custom metadata types do not support Currency fields/,
  },
  {
    constraint: "cmdt-field-types",
    what: "a metadata relationship to a data object",
    file: "objects/Handoff_Setting__mdt/fields/Slack_Channel__c.field-meta.xml",
    edit: (c) =>
      replaceOnce(
        replaceOnce(c, /\s*<length>\d+<\/length>/, ""),
        "<type>Text</type>",
        "<referenceTo>Account</referenceTo>\n    <type>MetadataRelationship</type>",
      ),
    expect:
      /Slack_Channel__c: a metadata relationship points to EntityDefinition, FieldDefinition or a custom metadata type, not Account/,
  },
  {
    constraint: "platform-event-field-types",
    what: "the Handoff Id of the Slack platform event made a lookup to the handoff",
    file: "objects/Handoff_Slack_Post__e/fields/Handoff_Id__c.field-meta.xml",
    edit: (c) =>
      replaceOnce(
        replaceOnce(c, /\s*<length>\d+<\/length>/, ""),
        "<type>Text</type>",
        "<deleteConstraint>Restrict</deleteConstraint>\n    <referenceTo>Handoff__c</referenceTo>\n    <relationshipName>Slack_Posts</relationshipName>\n    <type>Lookup</type>",
      ),
    expect: /Handoff_Id__c: platform events do not support Lookup fields/,
  },
  {
    constraint: "validation-message",
    what: "an error message of 300 characters",
    file: FEEDBACK_RULE,
    edit: (c) =>
      replaceOnce(c, /<errorMessage>[^<]*<\/errorMessage>/, `<errorMessage>${"Rate it. ".repeat(34)}</errorMessage>`),
    expect: /Rating_Between_1_And_5: errorMessage must have 1 to 255 characters, found 30\d/,
  },
  {
    constraint: "validation-formula-length",
    what: "a rule formula over 3,900 characters",
    file: FEEDBACK_RULE,
    edit: (c) => replaceOnce(c, "</errorConditionFormula>", `${LONG_COMMENT}</errorConditionFormula>`),
    expect: /Rating_Between_1_And_5: errorConditionFormula has \d+ characters, more than 3900/,
  },
  {
    constraint: "validation-name-description",
    what: "a description over 255 characters",
    file: FEEDBACK_RULE,
    edit: (c) => replaceOnce(c, "<description>", `<description>${"Why this rule exists. ".repeat(12)}`),
    expect: /Rating_Between_1_And_5: the description has \d+ characters, more than 255/,
  },
  {
    constraint: "validation-name-description",
    what: "a rule name of 41 characters",
    file: FEEDBACK_RULE,
    edit: (c) =>
      replaceOnce(c, "<fullName>Rating_Between_1_And_5</fullName>", `<fullName>Rating_${"X".repeat(34)}</fullName>`),
    expect: /a rule name has at most 40 letters/,
  },
  {
    constraint: "validation-error-field",
    what: "an error shown at a field of another object",
    file: FEEDBACK_RULE,
    edit: (c) =>
      replaceOnce(
        c,
        "<errorDisplayField>Rating__c</errorDisplayField>",
        "<errorDisplayField>Tier__c</errorDisplayField>",
      ),
    expect: /Rating_Between_1_And_5: errorDisplayField Tier__c is not a field of Handoff_Feedback__c/,
  },
  {
    constraint: "validation-error-field",
    what: "an error shown at a formula field",
    file: "objects/Handoff__c/validationRules/Status_Change_Needs_CS_Intake.validationRule-meta.xml",
    edit: (c) =>
      replaceOnce(
        c,
        /<errorDisplayField>[^<]*<\/errorDisplayField>/,
        "<errorDisplayField>Hours_To_Handoff__c</errorDisplayField>",
      ),
    expect: /errorDisplayField Hours_To_Handoff__c is a formula field/,
  },
  {
    constraint: "flexipage-unique-names",
    what: "two regions named main",
    file: PAGE,
    edit: (c) => replaceOnce(c, "<name>sidebar</name>", "<name>main</name>"),
    expect: /Opportunity_Handoff_Record_Page: region "main" appears 2 times/,
  },
  {
    constraint: "flexipage-unique-names",
    what: "two components with one identifier",
    file: PAGE,
    edit: (c) =>
      replaceOnce(c, "<identifier>c_handoffSummary</identifier>", "<identifier>c_handoffChecklist</identifier>"),
    expect: /component identifier "c_handoffChecklist" appears 2 times/,
  },
  {
    constraint: "flexipage-record-page",
    what: "a record page without its object",
    file: PAGE,
    edit: (c) => replaceOnce(c, /\s*<sobjectType>Opportunity<\/sobjectType>/, ""),
    expect: /Opportunity_Handoff_Record_Page: a RecordPage needs sobjectType/,
  },
  {
    constraint: "flexipage-record-page",
    what: "a region the record page template does not have",
    file: PAGE,
    edit: (c) => replaceOnce(c, "<name>sidebar</name>", "<name>rightSidebar</name>"),
    expect: /template flexipage:recordHomeTemplateDesktop has no region "rightSidebar"/,
  },
  {
    constraint: "report-groupings-format",
    what: "a tabular report with groupings",
    file: "reports/Sales_to_CS_Handoff/Handoff_Pilot_Friction_Points.report-meta.xml",
    edit: (c) => replaceOnce(c, "<format>Summary</format>", "<format>Tabular</format>"),
    expect: /Handoff_Pilot_Friction_Points: a Tabular report allows 0 row and 0 column groupings, found 2 and 0/,
  },
  {
    constraint: "report-chart-groupings",
    what: "the pilot comparison as a grouped column chart with one grouping (the shipped bug)",
    file: PILOT_REPORT,
    edit: (c) =>
      replaceOnce(c, "<chartType>VerticalColumn</chartType>", "<chartType>VerticalColumnGrouped</chartType>"),
    expect: /Handoff_Pilot_Comparison: a VerticalColumnGrouped chart needs a second grouping/,
    alsoFires: ["report-chart-summaries"],
  },
  {
    constraint: "report-chart-groupings",
    what: "a stacked-to-100% chart without its second grouping",
    file: "reports/Sales_to_CS_Handoff/Handoff_SLA_Attainment_by_Tier.report-meta.xml",
    edit: (c) => replaceOnce(c, /\s*<secondaryGroupingColumn>[^<]*<\/secondaryGroupingColumn>/, ""),
    expect: /Handoff_SLA_Attainment_by_Tier: a VerticalColumnStackedTo100 chart needs a second grouping/,
  },
  {
    constraint: "report-chart-summaries",
    what: "a chart plotting a median the report does not compute",
    file: PILOT_REPORT,
    edit: (c) =>
      replaceOnce(
        c,
        /(<aggregateTypes>Average<\/aggregateTypes>\s*)<aggregateTypes>Median<\/aggregateTypes>(\s*<field>Handoff__c\$Hours_To_Handoff__c)/,
        "$1$2",
      ),
    expect:
      /Handoff_Pilot_Comparison: the chart plots Median of Handoff__c\$Hours_To_Handoff__c, which the report does not compute/,
  },
  {
    constraint: "dashboard-chart-groupings",
    what: "the pilot component as grouped columns with one grouping (the shipped bug)",
    file: DASHBOARD,
    edit: (c) =>
      replaceOnce(
        c,
        /<componentType>Column<\/componentType>(?=[\s\S]*?<header>Pilot vs rest<\/header>)(?![\s\S]*?<header>Escalations)/,
        "<componentType>ColumnGrouped</componentType>",
      ),
    expect: /component "Pilot vs rest": a ColumnGrouped component needs 2 groupingColumn, found 1/,
    alsoFires: ["dashboard-chart-summaries"],
  },
  {
    constraint: "dashboard-chart-groupings",
    what: "a component on a report that is not shipped",
    file: DASHBOARD,
    edit: (c) =>
      replaceOnce(
        c,
        "<report>Sales_to_CS_Handoff/Handoff_Escalations</report>",
        "<report>Sales_to_CS_Handoff/Handoff_Escalation_Levels</report>",
      ),
    expect:
      /component "Escalations" reads report Sales_to_CS_Handoff\/Handoff_Escalation_Levels, which is not in force-app/,
  },
  {
    constraint: "dashboard-chart-summaries",
    what: "a donut plotting two summaries",
    file: DASHBOARD,
    edit: (c) =>
      replaceOnce(
        c,
        /(<column>RowCount<\/column>\s*<\/chartSummary>)(\s*<componentType>Donut<\/componentType>\s*<displayUnits>Auto<\/displayUnits>\s*<drillEnabled>false<\/drillEnabled>\s*<drillToDetailEnabled>false<\/drillToDetailEnabled>\s*<enableHover>true<\/enableHover>\s*<expandOthers>false<\/expandOthers>\s*<groupingColumn>BucketField_Completion)/,
        "$1\n<chartSummary><axisBinding>y</axisBinding><column>RowCount</column></chartSummary>$2",
      ),
    expect: /component "Completion rate": a Donut component plots one chartSummary, found 2/,
  },
  {
    constraint: "dashboard-grid-placement",
    what: "a tile pushed past the right edge of the 12-column grid",
    file: DASHBOARD,
    edit: (c) =>
      editTile(c, PROMISE_TILE, (tile) => tile.replace("<columnIndex>8</columnIndex>", "<columnIndex>9</columnIndex>")),
    expect:
      /component "Promises kept \/ at risk \/ broken" at row 56, column 9, 8 rows by 4 columns does not fit the 12-column grid/,
  },
  {
    constraint: "dashboard-grid-placement",
    what: "a tile moved over its neighbour",
    file: DASHBOARD,
    edit: (c) =>
      editTile(c, WEEKLY_CLOSE_TO_FIRST_TOUCH_TILE, (tile) =>
        tile.replace("<columnIndex>4</columnIndex>", "<columnIndex>2</columnIndex>"),
      ),
    expect:
      /component "Close to first touch by week" overlaps component "Close to first touch by tier" \(row 56, column 2\)/,
  },
  {
    constraint: "dashboard-component-count",
    what: "a dashboard grown to 21 components",
    file: DASHBOARD,
    edit: (c) => {
      // As many copies as take the dashboard to 21, each in a free row below the last tile (8 rows high).
      const tile = c.match(PROMISE_TILE)![0];
      const count = (c.match(/<dashboardGridComponents>/g) ?? []).length;
      const lowest = Math.max(...[...c.matchAll(/<rowIndex>(\d+)<\/rowIndex>/g)].map((m) => Number(m[1])));
      const copies = Array.from({ length: 21 - count }, (_, i) =>
        tile.replace("<rowIndex>56</rowIndex>", `<rowIndex>${lowest + 8 * (i + 1)}</rowIndex>`),
      );
      return replaceOnce(c, "<numberOfColumns>", `${copies.join("\n")}\n<numberOfColumns>`);
    },
    expect: /Sales_to_CS_Handoff: 21 components, more than the 20 a dashboard can have/,
  },
  {
    constraint: "label-value-length",
    what: "a label value of 1,001 characters",
    file: LABELS,
    edit: (c) => replaceOnce(c, "<value>Save answers</value>", `<value>${"x".repeat(1001)}</value>`),
    expect: /label Handoff_Checklist_Save: the value needs 1 to 1000 characters, found 1001/,
  },
  {
    constraint: "label-value-length",
    what: "an empty German translation",
    file: GERMAN,
    edit: (c) => replaceOnce(c, "<label>Antworten speichern</label>", "<label></label>"),
    expect: /translation of label Handoff_Checklist_Save: needs 1 to 1000 characters, found 0/,
  },
  {
    constraint: "label-categories-length",
    what: "label categories of 256 characters",
    file: LABELS,
    edit: (c) =>
      replaceOnce(
        c,
        /(<fullName>Handoff_Product_Fallback<\/fullName>\s*)<categories>Handoff<\/categories>/,
        `$1<categories>${"Handoff,".repeat(32)}</categories>`,
      ),
    expect: /label Handoff_Product_Fallback: categories may have 255 characters, found 256/,
  },
];

function describeViolations(violations: ConstraintViolation[]): string {
  return violations.length ? violations.map(formatViolation).join("\n") : "(none)";
}

describe("deploy constraints", () => {
  it("hold for the shipped force-app", () => {
    const violations = checkDeployConstraints(REAL_FORCE_APP);
    assert.deepEqual(
      violations,
      [],
      `force-app breaks Metadata API deploy rules (the whole deploy would fail):\n${describeViolations(violations)}`,
    );
  });

  it("cite a Salesforce documentation page for every rule, and have a broken copy for every rule", () => {
    for (const constraint of DEPLOY_CONSTRAINTS) {
      assert.match(
        constraint.source,
        /^https:\/\/(developer|help)\.salesforce\.com\//,
        `${constraint.id} must cite the Salesforce page it comes from`,
      );
      assert.ok(
        BROKEN_COPIES.some((c) => c.constraint === constraint.id),
        `${constraint.id} has no broken copy in this test, so nobody has seen it fail`,
      );
    }
    assert.equal(new Set(DEPLOY_CONSTRAINTS.map((c) => c.id)).size, DEPLOY_CONSTRAINTS.length, "rule ids are unique");
  });

  for (const broken of BROKEN_COPIES) {
    it(`${broken.constraint} catches ${broken.what}`, () => {
      const violations = withSourceCopy(
        "deploy-constraints",
        (source) => editFile(join(source, broken.file), broken.edit),
        (source) => checkDeployConstraints(source),
      );
      const expected = violations.filter((v) => v.constraint === broken.constraint);
      assert.ok(
        expected.some((v) => broken.expect.test(v.message) && v.file === broken.file),
        `expected ${broken.constraint} on ${broken.file} matching ${broken.expect}; got:\n${describeViolations(violations)}`,
      );
      const allowed = new Set([broken.constraint, ...(broken.alsoFires ?? [])]);
      const unexpected = violations.filter((v) => !allowed.has(v.constraint));
      assert.deepEqual(unexpected, [], `the break should only violate ${[...allowed].join(", ")}`);
    });
  }
});
