// The handoff dashboard shows every measure issue 16 lists for leadership (tests/reports/dashboardMeasures.ts), and
// stays readable: a grid of whole rows, the issue's measures together.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { DEFAULT_SOURCE, parseMetadataFile, text, type XmlNode } from "../../scripts/lib/forceApp.ts";
import { DASHBOARD, ISSUE_16_MEASURES, missingMeasures } from "./dashboardMeasures.ts";
import { asArray } from "../../scripts/admin/checks/reportReferences.ts";
import { replaceInFile, withSourceCopy } from "../lib/tempTree.ts";

test("the dashboard shows every measure of issue 16", () => {
  const missing = missingMeasures();
  assert.deepEqual(missing, [], `the handoff dashboard lacks measures leadership asked for:\n${missing.join("\n")}`);
});

test("a dashboard without its promise tile, or with CSAT averaged over reps' ratings too, is missing those measures", () => {
  const missing = withSourceCopy(
    "dashboard-measures",
    (source) => {
      replaceInFile(
        join(source, DASHBOARD),
        "<groupingColumn>Handoff__c.Handoff_Promises__r$Status__c</groupingColumn>",
        "<groupingColumn>Handoff__c$Sales_Owner__c</groupingColumn>",
      );
      replaceInFile(
        join(source, "reports/Sales_to_CS_Handoff/Handoff_Customer_CSAT_by_Tier.report-meta.xml"),
        /<criteriaItems>\s*<column>Handoff__c\.Feedback__r\$Respondent_Type__c<\/column>[\s\S]*?<\/criteriaItems>/,
        "",
      );
    },
    (source) => missingMeasures(source),
  );
  assert.deepEqual(
    missing.map((m) => m.split(":")[0]),
    ["CSAT", "Promises kept / at risk / broken"],
    `expected exactly these two measures to be reported missing; got:\n${missing.join("\n")}`,
  );
  assert.match(missing.join("\n"), /expected a component grouped by Handoff__c\.Handoff_Promises__r\$Status__c/);
});

test("each measure is recognised by one component, not by its header", () => {
  for (const measure of ISSUE_16_MEASURES) {
    const renamed = withSourceCopy(
      "dashboard-measure-header",
      (source) => replaceInFile(join(source, DASHBOARD), /<header>[^<]*<\/header>/g, "<header>Tile</header>"),
      (source) => missingMeasures(source, [measure]),
    );
    assert.deepEqual(renamed, [], `${measure.name} must still count after its tile is retitled`);
  }
});

interface Placement {
  header: string;
  row: number;
  rowSpan: number;
  column: number;
  colSpan: number;
}

function placements(source = DEFAULT_SOURCE): { columns: number; tiles: Placement[] } {
  const layout = parseMetadataFile(join(source, DASHBOARD)).body.dashboardGridLayout as XmlNode;
  const tiles = asArray(layout.dashboardGridComponents).map((g) => ({
    header: text((g.dashboardComponent as XmlNode).header) ?? "(untitled)",
    row: Number(text(g.rowIndex)),
    rowSpan: Number(text(g.rowSpan)),
    column: Number(text(g.columnIndex)),
    colSpan: Number(text(g.colSpan)),
  }));
  return { columns: Number(text(layout.numberOfColumns)), tiles };
}

// A band of rows that tiles start in must be filled edge to edge: a hole reads as a missing chart.
function layoutHoles(source = DEFAULT_SOURCE): string[] {
  const { columns, tiles } = placements(source);
  const holes: string[] = [];
  for (const row of [...new Set(tiles.map((t) => t.row))].sort((a, b) => a - b)) {
    const width = tiles.filter((t) => t.row <= row && row < t.row + t.rowSpan).reduce((sum, t) => sum + t.colSpan, 0);
    if (width !== columns) holes.push(`row ${row}: tiles cover ${width} of ${columns} columns`);
  }
  return holes;
}

test("the dashboard reads as whole rows of tiles, the issue-16 measures side by side in rows of three", () => {
  assert.deepEqual(layoutHoles(), [], "every row of the dashboard is filled edge to edge");
  const { tiles } = placements();
  const row = (header: string) => tiles.find((t) => t.header === header);
  const closeToFirstTouch = row("Close to first touch by tier");
  const promises = row("Promises kept / at risk / broken");
  assert.ok(closeToFirstTouch && promises, "the close-to-first-touch and promise tiles are on the dashboard");
  for (const tile of [closeToFirstTouch, row("Close to first touch by week"), promises]) {
    assert.equal(tile?.colSpan, 4, `${tile?.header} is a third of the width, like the tiles beside it`);
  }
  assert.equal(
    closeToFirstTouch.row - 8,
    row("Customer CSAT by tier")?.row,
    "the new tiles sit right below CSAT, confirmed share and escalation rate, the other measures of issue 16",
  );
});

test("a hole in a row of the dashboard is found", () => {
  const holes = withSourceCopy(
    "dashboard-layout",
    (source) =>
      replaceInFile(
        join(source, DASHBOARD),
        /<colSpan>4<\/colSpan>(\s*<columnIndex>8<\/columnIndex>\s*<dashboardComponent>(?:(?!<\/dashboardComponent>)[\s\S])*<header>Promises kept)/,
        "<colSpan>3</colSpan>$1",
      ),
    (source) => layoutHoles(source),
  );
  assert.deepEqual(holes, ["row 56: tiles cover 11 of 12 columns"]);
});
