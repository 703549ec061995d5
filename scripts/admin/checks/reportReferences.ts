// Offline reference check for the shipped report types, reports and dashboards: every column, filter, grouping,
// bucket and chart names something that exists, so a renamed or deleted field fails here instead of at deploy.
//
// Report column naming for custom report types (verified against public retrieved reports): a column is
// `<table>$<field>`, where <table> and <field> are a column declared in the report type's sections, e.g.
// `Handoff__c$Status__c`, a lookup path `Handoff__c$Opportunity__c.Amount`, a child object's field
// `Handoff__c.Feedback__r$Rating__c`. A report's `reportType` is the report type's developer name plus `__c`.
import { existsSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import {
  DEFAULT_SOURCE,
  listObjects,
  parseMetadataFile,
  readObjectFields,
  text,
  walkFiles,
  type XmlNode,
} from "../../lib/forceApp.ts";

// Standard fields the shipped reports use, from the Salesforce Object Reference (API 66.0).
const STANDARD_FIELDS: Record<string, string[]> = {
  "*": ["Id", "Name", "CreatedDate", "CreatedById", "LastModifiedDate", "LastModifiedById", "OwnerId"],
  Opportunity: ["AccountId", "Amount", "CloseDate", "StageName", "Type", "Probability", "IsWon", "IsClosed"],
};

export function asArray(node: unknown): XmlNode[] {
  if (node === undefined || node === null || node === "") return [];
  return (Array.isArray(node) ? node : [node]) as XmlNode[];
}

function texts(node: unknown): string[] {
  return asArray(node)
    .map((n) => text(n) ?? "")
    .filter((s) => s !== "");
}

function where(path: string, source: string): string {
  return join("force-app/main/default", relative(source, path));
}

function fieldExists(object: string, field: string, source: string): boolean {
  return (
    readObjectFields(object, source).has(field) ||
    STANDARD_FIELDS["*"].includes(field) ||
    (STANDARD_FIELDS[object] ?? []).includes(field)
  );
}

// Follows a lookup path such as Opportunity__c.Amount; returns a problem or null.
export function fieldPathProblem(object: string, path: string, source = DEFAULT_SOURCE): string | null {
  const segments = path.split(".");
  let current = object;
  for (const lookup of segments.slice(0, -1)) {
    const field = readObjectFields(current, source).get(lookup);
    if (!field || !field.referenceTo) return `${current} has no lookup field ${lookup}`;
    current = field.referenceTo;
  }
  const last = segments[segments.length - 1];
  return fieldExists(current, last, source) ? null : `${current} has no field ${last}`;
}

// "Handoff__c.Feedback__r" -> the child object whose lookup to Handoff__c is named Feedback.
export function resolveTable(table: string, baseObject: string, source = DEFAULT_SOURCE): string | null {
  const [first, ...relationships] = table.split(".");
  if (first !== baseObject) return null;
  let current: string = baseObject;
  for (const relationship of relationships) {
    const name = relationship.replace(/__r$/, "");
    const child = listObjects(source).find((object) =>
      [...readObjectFields(object, source).values()].some(
        (f) => f.referenceTo === current && parseRelationshipName(f.path) === name,
      ),
    );
    if (!child) return null;
    current = child;
  }
  return current;
}

function parseRelationshipName(fieldPath: string): string | undefined {
  return text(parseMetadataFile(fieldPath).body.relationshipName);
}

export interface ReportTypeInfo {
  path: string;
  columns: Set<string>;
}

export function loadReportTypes(source = DEFAULT_SOURCE, problems: string[] = []): Map<string, ReportTypeInfo> {
  const types = new Map<string, ReportTypeInfo>();
  for (const path of walkFiles(join(source, "reportTypes"), ".reportType-meta.xml")) {
    const { body } = parseMetadataFile(path);
    const baseObject = text(body.baseObject) ?? "";
    if (!listObjects(source).includes(baseObject) && !STANDARD_FIELDS[baseObject]) {
      problems.push(`${where(path, source)}: base object ${baseObject} does not exist`);
    }
    let join = body.join as XmlNode | undefined;
    let table = baseObject;
    while (join) {
      table = `${table}.${text(join.relationship)}`;
      if (!resolveTable(table, baseObject, source)) {
        problems.push(
          `${where(path, source)}: join relationship ${text(join.relationship)} is not a child relationship of ${table.split(".").slice(-2, -1)[0]}`,
        );
      }
      join = join.join as XmlNode | undefined;
    }
    const columns = new Set<string>();
    for (const section of asArray(body.sections)) {
      for (const column of asArray(section.columns)) {
        const columnTable = text(column.table) ?? "";
        const field = text(column.field) ?? "";
        columns.add(`${columnTable}$${field}`);
        const object = resolveTable(columnTable, baseObject, source);
        if (!object) {
          problems.push(
            `${where(path, source)}: column ${field} names table ${columnTable}, which this report type does not join`,
          );
          continue;
        }
        const problem = fieldPathProblem(object, field, source);
        if (problem) problems.push(`${where(path, source)}: column ${columnTable}.${field}: ${problem}`);
      }
    }
    types.set(basename(path, ".reportType-meta.xml"), { path, columns });
  }
  return types;
}

interface ReportInfo {
  path: string;
  groupings: Set<string>;
  columnAggregates: Map<string, Set<string>>;
}

function picklistValues(fieldPath: string): string[] {
  const { body } = parseMetadataFile(fieldPath);
  const definition = (body.valueSet as XmlNode | undefined)?.valueSetDefinition as XmlNode | undefined;
  return asArray(definition?.value).map((v) => text(v.fullName) ?? "");
}

export function checkReports(source = DEFAULT_SOURCE, problems: string[] = []): Map<string, ReportInfo> {
  const reportTypes = loadReportTypes(source, problems);
  const reports = new Map<string, ReportInfo>();
  const reportsDir = join(source, "reports");
  for (const path of walkFiles(reportsDir, ".report-meta.xml")) {
    const folder = basename(dirname(path));
    if (!existsSync(join(reportsDir, `${folder}.reportFolder-meta.xml`))) {
      problems.push(`${where(path, source)}: its folder ${folder} has no ${folder}.reportFolder-meta.xml`);
    }
    const { body } = parseMetadataFile(path);
    const reportTypeName = text(body.reportType) ?? "";
    const reportType = reportTypes.get(reportTypeName.replace(/__c$/, ""));
    if (!reportTypeName.endsWith("__c") || !reportType) {
      problems.push(
        `${where(path, source)}: report type ${reportTypeName} is not a report type in force-app/reportTypes (write its developer name plus __c)`,
      );
      continue;
    }
    const buckets = new Set(asArray(body.buckets).map((b) => text(b.developerName) ?? ""));
    const known = (column: string) => reportType.columns.has(column) || buckets.has(column);
    const check = (what: string, column: string) => {
      if (!known(column)) {
        problems.push(
          `${where(path, source)}: ${what} ${column} is not a column of report type ${reportTypeName.replace(/__c$/, "")} (nor a bucket of this report)`,
        );
      }
    };

    const columnAggregates = new Map<string, Set<string>>();
    for (const column of asArray(body.columns)) {
      const field = text(column.field) ?? "";
      check("column", field);
      columnAggregates.set(field, new Set(texts(column.aggregateTypes)));
    }
    const groupings = new Set<string>();
    for (const grouping of [...asArray(body.groupingsDown), ...asArray(body.groupingsAcross)]) {
      const field = text(grouping.field) ?? "";
      check("grouping", field);
      groupings.add(field);
    }
    for (const item of asArray((body.filter as XmlNode | undefined)?.criteriaItems))
      check("filter", text(item.column) ?? "");
    for (const sortColumn of texts(body.sortColumn)) check("sort column", sortColumn);
    const timeFrame = body.timeFrameFilter as XmlNode | undefined;
    if (timeFrame) check("time frame date column", text(timeFrame.dateColumn) ?? "");

    for (const bucket of asArray(body.buckets)) {
      const sourceColumn = text(bucket.sourceColumnName) ?? "";
      if (!reportType.columns.has(sourceColumn)) {
        check(`bucket ${text(bucket.developerName)} source`, sourceColumn);
        continue;
      }
      if (text(bucket.bucketType) !== "picklist") continue;
      const [table, fieldPath] = sourceColumn.split("$");
      const object = resolveTable(table, table.split(".")[0], source);
      const field = object ? readObjectFields(object, source).get(fieldPath) : undefined;
      if (!field) continue;
      const allowed = picklistValues(field.path);
      for (const value of asArray(bucket.values)) {
        for (const sourceValue of asArray(value.sourceValues).map((s) => text(s.sourceValue) ?? "")) {
          if (!allowed.includes(sourceValue)) {
            problems.push(
              `${where(path, source)}: bucket ${text(bucket.developerName)} sorts "${sourceValue}", which is not a value of ${object}.${fieldPath} (${allowed.join(", ")})`,
            );
          }
        }
      }
    }

    const chart = body.chart as XmlNode | undefined;
    if (chart) {
      for (const groupingColumn of [...texts(chart.groupingColumn), ...texts(chart.secondaryGroupingColumn)]) {
        if (!groupings.has(groupingColumn)) {
          problems.push(
            `${where(path, source)}: the chart groups by ${groupingColumn}, which is not a grouping of the report`,
          );
        }
      }
      for (const summary of asArray(chart.chartSummaries)) {
        summaryProblem(text(summary.column) ?? "", text(summary.aggregate), columnAggregates, (p) =>
          problems.push(`${where(path, source)}: chart ${p}`),
        );
      }
    }
    reports.set(`${folder}/${basename(path, ".report-meta.xml")}`, { path, groupings, columnAggregates });
  }
  return reports;
}

function summaryProblem(
  column: string,
  aggregate: string | undefined,
  columnAggregates: Map<string, Set<string>>,
  report: (problem: string) => void,
): void {
  if (column === "RowCount") return;
  const aggregates = columnAggregates.get(column);
  // A summary that names no aggregate plots the Sum (as deployConstraints.ts reads it too).
  const shown = aggregate ?? "Sum";
  if (!aggregates) report(`summarises ${column}, which is not a column of the report`);
  else if (!aggregates.has(shown)) {
    report(
      `shows the ${shown} of ${column}, but the report only computes ${[...aggregates].join(", ") || "no summary"} for it`,
    );
  }
}

export function checkDashboards(source = DEFAULT_SOURCE, problems: string[] = []): void {
  const reports = checkReports(source, []);
  const dashboardsDir = join(source, "dashboards");
  for (const path of walkFiles(dashboardsDir, ".dashboard-meta.xml")) {
    const folder = basename(dirname(path));
    if (!existsSync(join(dashboardsDir, `${folder}.dashboardFolder-meta.xml`))) {
      problems.push(`${where(path, source)}: its folder ${folder} has no ${folder}.dashboardFolder-meta.xml`);
    }
    const { body } = parseMetadataFile(path);
    const components = [
      ...["leftSection", "middleSection", "rightSection"].flatMap((s) =>
        asArray((body[s] as XmlNode | undefined)?.components),
      ),
      ...asArray((body.dashboardGridLayout as XmlNode | undefined)?.dashboardGridComponents).map(
        (g) => g.dashboardComponent as XmlNode,
      ),
    ];
    if (components.length === 0) problems.push(`${where(path, source)}: the dashboard has no components`);
    for (const component of components) {
      const name = text(component.header) ?? text(component.title) ?? "(untitled component)";
      const reportName = text(component.report) ?? "";
      const report = reports.get(reportName);
      if (!report) {
        problems.push(
          `${where(path, source)}: component "${name}" shows report ${reportName}, which is not in force-app/reports`,
        );
        continue;
      }
      for (const groupingColumn of texts(component.groupingColumn)) {
        if (!report.groupings.has(groupingColumn)) {
          problems.push(
            `${where(path, source)}: component "${name}" groups by ${groupingColumn}, which is not a grouping of ${reportName}`,
          );
        }
      }
      for (const summary of asArray(component.chartSummary)) {
        summaryProblem(text(summary.column) ?? "", text(summary.aggregate), report.columnAggregates, (p) =>
          problems.push(`${where(path, source)}: component "${name}" ${p} (${reportName})`),
        );
      }
    }
  }
}

export function findReportProblems(source = DEFAULT_SOURCE): string[] {
  const problems: string[] = [];
  checkReports(source, problems);
  checkDashboards(source, problems);
  return [...new Set(problems)];
}
