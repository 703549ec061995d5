// The shipped reports and dashboard must open in the org: every column, filter, grouping, bucket and chart refers to
// a field that exists (through the report type), and every dashboard component to a report that exists.
import { test } from "node:test";
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_SOURCE, parseMetadataFile, text, walkFiles } from "../../scripts/lib/forceApp.ts";
import { asArray, findReportProblems } from "../../scripts/admin/checks/reportReferences.ts";
import { replaceInFile, withSourceCopy } from "../lib/tempTree.ts";

const REPORTS = "reports/Sales_to_CS_Handoff";
const DASHBOARD = "dashboards/Sales_to_CS_Handoff_Dashboards/Sales_to_CS_Handoff.dashboard-meta.xml";

function problemsAfter(edit: (source: string) => void): string {
  return withSourceCopy("handoff-reports", edit, (source) => findReportProblems(source).join("\n"));
}

test("every report, report type and dashboard component refers to something that exists", () => {
  const problems = findReportProblems();
  assert.deepEqual(problems, [], `broken report references:\n${problems.join("\n")}`);
});

test("the reports and the dashboard the handoff process promises are shipped", () => {
  const reports = walkFiles(join(DEFAULT_SOURCE, REPORTS), ".report-meta.xml").map(
    (p) => text(parseMetadataFile(p).body.name) ?? "",
  );
  for (const name of [
    "Handoff Summary",
    "Handoff SLA Breaches",
    "Handoff Escalations",
    "Handoff Completion by Rep",
    "Handoff Returns by Reason",
    "Handoff Pilot Comparison",
    "Handoff Pilot Friction Points",
  ]) {
    assert.ok(reports.includes(name), `the report "${name}" is missing from ${REPORTS}`);
  }
  const { body } = parseMetadataFile(join(DEFAULT_SOURCE, DASHBOARD));
  assert.equal(text(body.title), "Sales to CS Handoff", "dashboard title");
  const headers = asArray((body.dashboardGridLayout as Record<string, unknown>).dashboardGridComponents).map(
    (g) => text((g.dashboardComponent as Record<string, unknown>).header) ?? "",
  );
  for (const header of [
    "Completion rate",
    "Median time to first touch",
    "Escalations",
    "Handoff SLA attainment by tier",
    "Trend by week",
  ]) {
    assert.ok(headers.includes(header), `the dashboard has no "${header}" component (has: ${headers.join(", ")})`);
  }
  assert.notEqual(
    text(body.dashboardType),
    "SpecifiedUser",
    "a SpecifiedUser dashboard would need an org-specific user name",
  );
});

test("a report naming a field that does not exist is reported with its file and column", () => {
  const problems = problemsAfter((source) =>
    replaceInFile(
      join(source, REPORTS, "Handoff_Escalations.report-meta.xml"),
      "<field>Handoff__c$Last_Escalated_At__c</field>",
      "<field>Handoff__c$Last_Escalation_Date__c</field>",
    ),
  );
  assert.match(
    problems,
    /Handoff_Escalations\.report-meta\.xml: column Handoff__c\$Last_Escalation_Date__c is not a column of report type Handoffs_with_Opportunity/,
  );
});

test("a field deleted from the object is reported in the report type that offers it", () => {
  const problems = problemsAfter((source) =>
    rmSync(join(source, "objects/Handoff__c/fields/Hours_To_First_Touch__c.field-meta.xml")),
  );
  assert.match(
    problems,
    /Handoffs_with_Opportunity\.reportType-meta\.xml: column Handoff__c\.Hours_To_First_Touch__c: Handoff__c has no field Hours_To_First_Touch__c/,
  );
  assert.match(problems, /Handoffs_with_Feedback\.reportType-meta\.xml: column Handoff__c\.Hours_To_First_Touch__c/);
});

test("a lookup path to a missing Opportunity field and a wrong filter column are reported", () => {
  const problems = problemsAfter((source) => {
    replaceInFile(
      join(source, "reportTypes/Handoffs_with_Opportunity.reportType-meta.xml"),
      "<field>Opportunity__c.Business_Goals__c</field>",
      "<field>Opportunity__c.Customer_Goals__c</field>",
    );
    replaceInFile(
      join(source, REPORTS, "Handoff_SLA_Breaches.report-meta.xml"),
      "<column>Handoff__c$Handoff_SLA_Met__c</column>",
      "<column>Handoff__c$SLA_Met__c</column>",
    );
  });
  assert.match(
    problems,
    /column Handoff__c\.Opportunity__c\.Customer_Goals__c: Opportunity has no field Customer_Goals__c/,
  );
  assert.match(problems, /Handoff_SLA_Breaches\.report-meta\.xml: filter Handoff__c\$SLA_Met__c is not a column/);
});

test("a report type joined through a child relationship that does not exist is reported", () => {
  const problems = problemsAfter((source) =>
    replaceInFile(
      join(source, "objects/Handoff_Feedback__c/fields/Handoff__c.field-meta.xml"),
      "<relationshipName>Feedback</relationshipName>",
      "<relationshipName>Feedbacks</relationshipName>",
    ),
  );
  assert.match(
    problems,
    /Handoffs_with_Feedback\.reportType-meta\.xml: join relationship Feedback__r is not a child relationship of Handoff__c/,
  );
});

test("a completion bucket sorting a status that is not a Status__c value is reported", () => {
  const problems = problemsAfter((source) =>
    replaceInFile(
      join(source, REPORTS, "Handoff_Completion_Rate.report-meta.xml"),
      "<sourceValue>Accepted</sourceValue>",
      "<sourceValue>Done</sourceValue>",
    ),
  );
  assert.match(
    problems,
    /Handoff_Completion_Rate\.report-meta\.xml: bucket BucketField_Completion sorts "Done", which is not a value of Handoff__c\.Status__c/,
  );
});

test("a dashboard component on a missing report, a missing grouping or an uncomputed median is reported", () => {
  const problems = problemsAfter((source) => {
    const dashboard = join(source, DASHBOARD);
    replaceInFile(
      dashboard,
      "<report>Sales_to_CS_Handoff/Handoff_Escalations</report>",
      "<report>Sales_to_CS_Handoff/Handoff_Escalation_Log</report>",
    );
    replaceInFile(
      dashboard,
      "<groupingColumn>Handoff__c$Return_Reason__c</groupingColumn>",
      "<groupingColumn>Handoff__c$Status__c</groupingColumn>",
    );
    replaceInFile(
      join(source, REPORTS, "Handoff_Weekly_Trend.report-meta.xml"),
      /<aggregateTypes>Median<\/aggregateTypes>\s*<field>Handoff__c\$Hours_To_First_Touch__c<\/field>/,
      "<aggregateTypes>Average</aggregateTypes><field>Handoff__c$Hours_To_First_Touch__c</field>",
    );
  });
  assert.match(
    problems,
    /component "Escalations" shows report Sales_to_CS_Handoff\/Handoff_Escalation_Log, which is not in force-app\/reports/,
  );
  assert.match(
    problems,
    /component "Returns by reason" groups by Handoff__c\$Status__c, which is not a grouping of Sales_to_CS_Handoff\/Handoff_Returns_by_Reason/,
  );
  assert.match(
    problems,
    /component "Median time to first touch" shows the Median of Handoff__c\$Hours_To_First_Touch__c, but the report only computes Average/,
  );
});

test("reports and dashboards outside a folder with folder metadata are reported", () => {
  const problems = problemsAfter((source) => {
    rmSync(join(source, "reports/Sales_to_CS_Handoff.reportFolder-meta.xml"));
    rmSync(join(source, "dashboards/Sales_to_CS_Handoff_Dashboards.dashboardFolder-meta.xml"));
  });
  assert.match(
    problems,
    /Handoff_Summary\.report-meta\.xml: its folder Sales_to_CS_Handoff has no Sales_to_CS_Handoff\.reportFolder-meta\.xml/,
  );
  assert.match(
    problems,
    /its folder Sales_to_CS_Handoff_Dashboards has no Sales_to_CS_Handoff_Dashboards\.dashboardFolder-meta\.xml/,
  );
});

test("a dashboard tile that names no aggregate is read as a Sum the report does not compute", () => {
  const problems = problemsAfter((source) =>
    replaceInFile(
      join(source, DASHBOARD),
      /(<chartSummary>\s*)<aggregate>Median<\/aggregate>(\s*<axisBinding>y<\/axisBinding>\s*<column>Handoff__c\$Hours_Close_To_First_Touch__c<\/column>\s*<\/chartSummary>\s*<componentType>Column)/,
      "$1$2",
    ),
  );
  assert.match(
    problems,
    /component "Close to first touch by tier" shows the Sum of Handoff__c\$Hours_Close_To_First_Touch__c, but the report only computes Average, Median/,
  );
});
