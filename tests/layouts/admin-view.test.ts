// What an admin sees right after a deploy: the fields that explain a stuck handoff on the Handoff layout and in both
// report types, list views for open, overdue and escalated handoffs, the promises as a related list, and an app
// that opens on a tab every role given the app can open.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { basename, join } from "node:path";
import {
  DEFAULT_SOURCE,
  parseMetadataFile,
  readObjectFields,
  text,
  walkFiles,
  type XmlNode,
} from "../../scripts/lib/forceApp.ts";
import { parse } from "formulon";
import { editFile, replaceOnce, withSourceCopy } from "../lib/tempTree.ts";

// The fields an admin reads to diagnose a handoff: what the automation failed on, whether Slack and the CSM heard
// about it and when Slack is tried again,
// how the CSM was chosen, whether the early intro ran, which clock runs and whether it is late, what CS verified.
export const DIAGNOSTIC_FIELDS = [
  "Automation_Error__c",
  "Slack_Status__c",
  "Slack_Attempts__c",
  "Slack_Last_Error__c",
  "Slack_DM_Status__c",
  "Slack_Next_Attempt_At__c",
  "Assignment_Method__c",
  "Early_Intro__c",
  "Current_SLA_Due_At__c",
  "SLA_Overdue__c",
  "Verified_Items__c",
];
const HANDOFF_LAYOUT = "layouts/Handoff__c-Handoff Layout.layout-meta.xml";
const REPORT_TYPES = ["Handoffs_with_Opportunity", "Handoffs_with_Feedback"];
const APP = "applications/Sales_to_CS_Handoff.app-meta.xml";
const PROMISES_RELATED_LIST = "Handoff_Promise__c.Handoff__c";
// Standard list view columns (the API names list views use for standard fields).
const STANDARD_LIST_VIEW_COLUMNS = new Set(["NAME", "OWNER.ALIAS", "CREATED_DATE", "LAST_UPDATE"]);

interface ExpectedListView {
  name: string;
  // Each filter the view must have, as field:operation:value (value "" for blank).
  filters: string[];
}

const EXPECTED_LIST_VIEWS: ExpectedListView[] = [
  { name: "Open_Handoffs", filters: ["Current_SLA_Due_At__c:notEqual:"] },
  { name: "Overdue_Handoffs", filters: ["SLA_Overdue__c:equals:1"] },
  {
    name: "Escalated_Handoffs",
    filters: ["Status__c:equals:Escalated", "Escalation_Level__c:greaterThan:0", "Current_SLA_Due_At__c:notEqual:"],
  },
];

function list(node: unknown): XmlNode[] {
  if (node === undefined || node === null || node === "") return [];
  return (Array.isArray(node) ? node : [node]) as XmlNode[];
}

function strings(node: unknown): string[] {
  return list(node).map((n) => text(n) ?? "");
}

function layoutFields(source: string): string[] {
  const { body } = parseMetadataFile(join(source, HANDOFF_LAYOUT));
  return list(body.layoutSections).flatMap((section) =>
    list(section.layoutColumns).flatMap((column) => list(column.layoutItems).map((item) => text(item.field) ?? "")),
  );
}

export function diagnosticFieldProblems(source = DEFAULT_SOURCE): string[] {
  const problems: string[] = [];
  const fields = readObjectFields("Handoff__c", source);
  const onLayout = layoutFields(source);
  for (const field of DIAGNOSTIC_FIELDS) {
    if (!fields.has(field)) problems.push(`Handoff__c.${field} does not exist`);
    if (!onLayout.includes(field)) problems.push(`${field} is not on the Handoff layout`);
  }
  for (const reportType of REPORT_TYPES) {
    const { body } = parseMetadataFile(join(source, "reportTypes", `${reportType}.reportType-meta.xml`));
    const offered = list(body.sections).flatMap((section) =>
      list(section.columns)
        .filter((c) => text(c.table) === "Handoff__c")
        .map((c) => text(c.field) ?? ""),
    );
    for (const field of DIAGNOSTIC_FIELDS) {
      if (!offered.includes(field)) problems.push(`${field} is not offered by report type ${reportType}`);
    }
  }
  return problems;
}

export function listViewProblems(source = DEFAULT_SOURCE): string[] {
  const problems: string[] = [];
  const fields = readObjectFields("Handoff__c", source);
  const listViewDir = join(source, "objects/Handoff__c/listViews");
  for (const expected of EXPECTED_LIST_VIEWS) {
    const path = join(listViewDir, `${expected.name}.listView-meta.xml`);
    if (!existsSync(path)) {
      problems.push(`list view ${expected.name} is missing`);
      continue;
    }
    const { body } = parseMetadataFile(path);
    const filters = list(body.filters).map(
      (f) => `${text(f.field) ?? ""}:${text(f.operation) ?? ""}:${strings(f.value)[0] ?? ""}`,
    );
    for (const filter of expected.filters) {
      if (!filters.includes(filter)) problems.push(`${expected.name} does not filter ${filter}`);
    }
    const booleanFilter = text(body.booleanFilter);
    if (booleanFilter) {
      const numbers = [...booleanFilter.matchAll(/\d+/g)].map((m) => Number(m[0]));
      if (numbers.some((n) => n < 1 || n > filters.length)) {
        problems.push(`${expected.name}: booleanFilter ${booleanFilter} names a filter it does not have`);
      }
    }
  }
  for (const path of walkFiles(listViewDir, ".listView-meta.xml")) {
    const { body } = parseMetadataFile(path);
    const name = text(body.fullName);
    for (const column of strings(body.columns)) {
      if (!STANDARD_LIST_VIEW_COLUMNS.has(column) && !fields.has(column)) {
        problems.push(`${name}: column ${column} is not a field of Handoff__c`);
      }
    }
    for (const filter of list(body.filters)) {
      const field = fields.get(text(filter.field) ?? "");
      if (!field) {
        problems.push(`${name}: filter on ${text(filter.field)}, which is not a field of Handoff__c`);
        continue;
      }
      const value = strings(filter.value)[0];
      if (field.type === "Picklist" && value) {
        const { body: fieldBody } = parseMetadataFile(field.path);
        const values = list(
          ((fieldBody.valueSet as XmlNode | undefined)?.valueSetDefinition as XmlNode | undefined)?.value,
        ).map((v) => text(v.fullName));
        for (const wanted of value.split(",")) {
          if (!values.includes(wanted)) problems.push(`${name}: ${field.name} has no value ${wanted}`);
        }
      }
    }
  }
  return problems;
}

export function promisesRelatedListProblems(source = DEFAULT_SOURCE): string[] {
  const { body } = parseMetadataFile(join(source, HANDOFF_LAYOUT));
  const relatedList = list(body.relatedLists).find((r) => text(r.relatedList) === PROMISES_RELATED_LIST);
  if (!relatedList) return [`the Handoff layout has no ${PROMISES_RELATED_LIST} related list (the promises)`];
  const problems: string[] = [];
  const [childObject, lookup] = PROMISES_RELATED_LIST.split(".");
  const childFields = readObjectFields(childObject, source);
  if (childFields.get(lookup)?.referenceTo !== "Handoff__c") {
    problems.push(`${PROMISES_RELATED_LIST} is not a lookup from ${childObject} to Handoff__c`);
  }
  for (const column of strings(relatedList.fields)) {
    if (column !== "NAME" && !childFields.has(column)) {
      problems.push(`promises related list column ${column} is not a field of ${childObject}`);
    }
  }
  return problems;
}

// A permission set that shows the app must also open the tab the app lands on, and read the tab's object.
export function landingTabProblems(source = DEFAULT_SOURCE): string[] {
  const { body: app } = parseMetadataFile(join(source, APP));
  const appName = "Sales_to_CS_Handoff";
  const landing = text(app.defaultLandingTab) ?? "";
  const problems: string[] = [];
  const tabPath = join(source, "tabs", `${landing}.tab-meta.xml`);
  const tabObject =
    existsSync(tabPath) && text(parseMetadataFile(tabPath).body.customObject) === "true" ? landing : undefined;
  for (const path of walkFiles(join(source, "permissionsets"), ".permissionset-meta.xml")) {
    const { body } = parseMetadataFile(path);
    const name = basename(path, ".permissionset-meta.xml");
    const showsApp = list(body.applicationVisibilities).some(
      (a) => text(a.application) === appName && text(a.visible) === "true",
    );
    if (!showsApp || landing.startsWith("standard-")) continue;
    const tabVisible = list(body.tabSettings).some(
      (t) =>
        text(t.tab) === landing &&
        ["Visible", "Available", "DefaultOn", "DefaultOff"].includes(text(t.visibility) ?? ""),
    );
    if (!tabVisible) problems.push(`${name} shows the app but cannot open its landing tab ${landing}`);
    if (tabObject) {
      const reads = list(body.objectPermissions).some(
        (o) => text(o.object) === tabObject && text(o.allowRead) === "true",
      );
      if (!reads) problems.push(`${name} shows the app but cannot read ${tabObject}, the object of its landing tab`);
    }
  }
  return problems;
}

describe("what an admin sees after deploy", () => {
  it("the diagnostic fields are on the Handoff layout and in both report types", () => {
    assert.deepEqual(diagnosticFieldProblems(), []);
  });

  it("list views for open, overdue and escalated handoffs filter on fields and values that exist", () => {
    assert.deepEqual(listViewProblems(), []);
  });

  it("the promises are a related list on the Handoff layout", () => {
    assert.deepEqual(promisesRelatedListProblems(), []);
  });

  it("every role given the app lands on a tab it can open, Handoff_Leadership included", () => {
    assert.deepEqual(landingTabProblems(), []);
    const { body } = parseMetadataFile(
      join(DEFAULT_SOURCE, "permissionsets/Handoff_Leadership.permissionset-meta.xml"),
    );
    assert.ok(
      list(body.applicationVisibilities).some((a) => text(a.visible) === "true"),
      "Handoff_Leadership should see the handoff app, otherwise the landing check above proves nothing for it",
    );
  });
});

// The Overdue Handoffs view filters on SLA_Overdue__c: evaluated with formulon (a Salesforce formula engine) for a
// clock past due, a clock still running and no clock at all.
export function slaOverdue(formula: string, dueAt: Date | null): unknown {
  const result = parse(formula, {
    Current_SLA_Due_At__c: { type: "literal", dataType: "datetime", value: dueAt, options: {} },
  });
  if (result.type !== "literal") throw new Error(`SLA_Overdue__c does not evaluate: ${result.message}`);
  return result.value;
}

describe("SLA_Overdue__c", () => {
  const formula = readObjectFields("Handoff__c").get("SLA_Overdue__c")?.formula ?? "";
  const hour = 3600 * 1000;

  it("is checked only while the running clock is past due", () => {
    assert.equal(slaOverdue(formula, new Date(Date.now() - hour)), true, "a clock due an hour ago is overdue");
    assert.equal(slaOverdue(formula, new Date(Date.now() + hour)), false, "a clock due in an hour is not overdue");
    assert.equal(slaOverdue(formula, null), false, "no running clock is never overdue");
  });

  it("the check notices a formula comparing the wrong way", () => {
    const wrongWay = formula.replace("< NOW()", "> NOW()");
    assert.notEqual(wrongWay, formula, "test setup: the formula should compare with < NOW()");
    assert.equal(slaOverdue(wrongWay, new Date(Date.now() - hour)), false, "a reversed comparison is caught");
  });
});

describe("the admin-view checks catch", () => {
  const broken = (edit: (source: string) => void, check: (source: string) => string[]) =>
    withSourceCopy("admin-view", edit, check);

  it("a diagnostic field dropped from the layout, and one dropped from a report type", () => {
    const problems = broken((source) => {
      editFile(join(source, HANDOFF_LAYOUT), (c) =>
        replaceOnce(
          c,
          /\s*<layoutItems>\s*<behavior>Edit<\/behavior>\s*<field>Slack_Attempts__c<\/field>\s*<\/layoutItems>/,
          "",
        ),
      );
      editFile(join(source, "reportTypes/Handoffs_with_Feedback.reportType-meta.xml"), (c) =>
        replaceOnce(
          c,
          /\s*<columns>\s*<checkedByDefault>false<\/checkedByDefault>\s*<field>Verified_Items__c<\/field>\s*<table>Handoff__c<\/table>\s*<\/columns>/,
          "",
        ),
      );
    }, diagnosticFieldProblems);
    assert.deepEqual(problems, [
      "Slack_Attempts__c is not on the Handoff layout",
      "Verified_Items__c is not offered by report type Handoffs_with_Feedback",
    ]);
  });

  it("an overdue view that lost its filter, a misspelt status filter and columns or filters on fields that do not exist", () => {
    const problems = broken((source) => {
      const dir = join(source, "objects/Handoff__c/listViews");
      editFile(join(dir, "Escalated_Handoffs.listView-meta.xml"), (c) =>
        replaceOnce(c, "<value>Escalated</value>", "<value>Escalate</value>"),
      );
      editFile(join(dir, "Open_Handoffs.listView-meta.xml"), (c) =>
        replaceOnce(c, "<columns>Tier__c</columns>", "<columns>Handoff_Tier__c</columns>"),
      );
      editFile(join(dir, "Overdue_Handoffs.listView-meta.xml"), (c) =>
        replaceOnce(c, "<fullName>Overdue_Handoffs</fullName>", "<fullName>Late_Handoffs</fullName>"),
      );
      editFile(join(dir, "Overdue_Handoffs.listView-meta.xml"), (c) => c.replace(/SLA_Overdue__c/g, "Is_Late__c"));
    }, listViewProblems);
    assert.ok(problems.includes("Escalated_Handoffs does not filter Status__c:equals:Escalated"), problems.join("\n"));
    assert.ok(problems.includes("Escalated_Handoffs: Status__c has no value Escalate"), problems.join("\n"));
    assert.ok(
      problems.includes("Open_Handoffs: column Handoff_Tier__c is not a field of Handoff__c"),
      problems.join("\n"),
    );
    assert.ok(problems.includes("Overdue_Handoffs does not filter SLA_Overdue__c:equals:1"), problems.join("\n"));
    assert.ok(
      problems.includes("Late_Handoffs: filter on Is_Late__c, which is not a field of Handoff__c"),
      problems.join("\n"),
    );
  });

  it("a layout without the promises related list", () => {
    const problems = broken(
      (source) =>
        editFile(join(source, HANDOFF_LAYOUT), (c) =>
          replaceOnce(
            c,
            `<relatedList>${PROMISES_RELATED_LIST}</relatedList>`,
            "<relatedList>Handoff_Feedback__c.Handoff__c</relatedList>",
          ),
        ),
      promisesRelatedListProblems,
    );
    assert.deepEqual(problems, ["the Handoff layout has no Handoff_Promise__c.Handoff__c related list (the promises)"]);
  });

  it("an app landing on the CS Intake tab, which Handoff_Leadership cannot open (the shipped bug)", () => {
    const problems = broken(
      (source) =>
        editFile(join(source, APP), (c) =>
          replaceOnce(
            c,
            "<defaultLandingTab>Handoff__c</defaultLandingTab>",
            "<defaultLandingTab>CS_Intake</defaultLandingTab>",
          ),
        ),
      landingTabProblems,
    );
    assert.deepEqual(problems, ["Handoff_Leadership shows the app but cannot open its landing tab CS_Intake"]);
  });

  it("a role that shows the app but cannot read handoffs", () => {
    const problems = broken(
      (source) =>
        editFile(join(source, "permissionsets/Handoff_Leadership.permissionset-meta.xml"), (c) =>
          replaceOnce(
            c,
            /(<allowRead>)true(<\/allowRead>\s*<modifyAllRecords>false<\/modifyAllRecords>\s*<object>Handoff__c<\/object>)/,
            "$1false$2",
          ),
        ),
      landingTabProblems,
    );
    assert.deepEqual(problems, [
      "Handoff_Leadership shows the app but cannot read Handoff__c, the object of its landing tab",
    ]);
  });
});
