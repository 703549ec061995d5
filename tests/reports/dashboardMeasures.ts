// The measures issue 16 ("Dashboard additions") asks the handoff dashboard to show, each recognised by what a
// component charts rather than by its header, so renaming a tile keeps it and pointing it at the wrong figure does not.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_SOURCE, parseMetadataFile, text, type XmlNode } from "../../scripts/lib/forceApp.ts";
import { asArray } from "../../scripts/admin/checks/reportReferences.ts";

export const DASHBOARD = "dashboards/Sales_to_CS_Handoff_Dashboards/Sales_to_CS_Handoff.dashboard-meta.xml";

export interface DashboardTile {
  header: string;
  componentType: string;
  groupings: string[];
  summaries: { column: string; aggregate?: string }[];
  report: { name: string; buckets: { name: string; source: string }[]; filters: string[] } | null;
}

export interface Measure {
  name: string; // as the issue words it
  shownBy: string; // what a component must chart, for the failure message
  isShownBy: (tile: DashboardTile) => boolean;
}

const groupsBy = (tile: DashboardTile, column: string) => tile.groupings.includes(column);
const charts = (tile: DashboardTile, column: string) => tile.summaries.some((s) => s.column === column);
const groupsByBucketOf = (tile: DashboardTile, column: string) =>
  tile.report?.buckets.some((b) => b.source === column && tile.groupings.includes(b.name)) ?? false;

// Issue 16 lists six: escalation rate, close to first touch, kickoff within SLA, customer-confirmed share, CSAT,
// promises kept / at risk / broken. Kickoff within SLA needs the kickoff fields, which another branch of issue 16
// adds together with its tile; its entry belongs here when that branch is merged.
export const ISSUE_16_MEASURES: Measure[] = [
  {
    name: "Escalation rate",
    shownBy: "a component grouped by a bucket of Handoff__c$Escalation_Count__c (escalated or not)",
    isShownBy: (tile) => groupsByBucketOf(tile, "Handoff__c$Escalation_Count__c"),
  },
  {
    name: "Close to first touch",
    shownBy: "a component charting Handoff__c$Hours_Close_To_First_Touch__c",
    isShownBy: (tile) => charts(tile, "Handoff__c$Hours_Close_To_First_Touch__c"),
  },
  {
    name: "Customer-confirmed share",
    shownBy: "a component grouped by Handoff__c$Customer_Confirmation__c",
    isShownBy: (tile) => groupsBy(tile, "Handoff__c$Customer_Confirmation__c"),
  },
  {
    name: "CSAT",
    shownBy:
      "a component charting Handoff__c.Feedback__r$Rating__c from a report filtered to customer answers (Respondent_Type__c)",
    isShownBy: (tile) =>
      charts(tile, "Handoff__c.Feedback__r$Rating__c") &&
      (tile.report?.filters.includes("Handoff__c.Feedback__r$Respondent_Type__c=Customer") ?? false),
  },
  {
    name: "Promises kept / at risk / broken",
    shownBy: "a component grouped by Handoff__c.Handoff_Promises__r$Status__c",
    isShownBy: (tile) => groupsBy(tile, "Handoff__c.Handoff_Promises__r$Status__c"),
  },
];

function readReport(source: string, name: string): DashboardTile["report"] {
  const path = join(source, "reports", `${name}.report-meta.xml`);
  // A missing report is named by the reference check (scripts/admin/checks/reportReferences.ts); here it shows no measure.
  if (!existsSync(path)) return null;
  const { body } = parseMetadataFile(path);
  return {
    name,
    buckets: asArray(body.buckets).map((b) => ({
      name: text(b.developerName) ?? "",
      source: text(b.sourceColumnName) ?? "",
    })),
    filters: asArray((body.filter as XmlNode | undefined)?.criteriaItems).map(
      (c) =>
        `${text(c.column)}=${asArray(c.value)
          .map((v) => text(v) ?? "")
          .join(",")}`,
    ),
  };
}

export function readDashboardTiles(source = DEFAULT_SOURCE): DashboardTile[] {
  const { body } = parseMetadataFile(join(source, DASHBOARD));
  return asArray((body.dashboardGridLayout as XmlNode | undefined)?.dashboardGridComponents).map((grid) => {
    const component = grid.dashboardComponent as XmlNode;
    return {
      header: text(component.header) ?? text(component.title) ?? "(untitled)",
      componentType: text(component.componentType) ?? "",
      groupings: asArray(component.groupingColumn).map((g) => text(g) ?? ""),
      summaries: asArray(component.chartSummary).map((s) => ({
        column: text(s.column) ?? "",
        aggregate: text(s.aggregate),
      })),
      report: readReport(source, text(component.report) ?? ""),
    };
  });
}

// The measures no component shows, each with what would show it.
export function missingMeasures(source = DEFAULT_SOURCE, measures = ISSUE_16_MEASURES): string[] {
  const tiles = readDashboardTiles(source);
  return measures
    .filter((measure) => !tiles.some((tile) => measure.isShownBy(tile)))
    .map((measure) => `${measure.name}: no component shows it (expected ${measure.shownBy})`);
}
