// The admin guide's row-by-row map of the dashboard (docs/admin-guide.md, section 4) must match the dashboard that
// deploys: a tile added, renamed or moved without the guide fails here.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DASHBOARD } from "../reports/dashboardMeasures.ts";
import { replaceInFile, withSourceCopy } from "../lib/tempTree.ts";
import { DEFAULT_SOURCE, PROJECT_ROOT, parseMetadataFile, text, type XmlNode } from "../../scripts/lib/forceApp.ts";
import { asArray } from "../../scripts/admin/checks/reportReferences.ts";

const GUIDE = join(PROJECT_ROOT, "docs/admin-guide.md");
const TABLE_INTRO = "The **Sales to CS Handoff** dashboard, row by row";

// Tile headers by row of the guide's table, "(from the handoff)"-style notes removed.
function guideRows(guide: string): string[][] {
  const start = guide.indexOf(TABLE_INTRO);
  assert.ok(start >= 0, `docs/admin-guide.md no longer has the paragraph "${TABLE_INTRO}"`);
  const rows: string[][] = [];
  for (const line of guide.slice(start).split("\n").slice(1)) {
    const cells = line.match(/^\|\s*(\d+)\s*\|(.*)\|\s*$/);
    if (cells) rows.push(cells[2].split("·").map((tile) => tile.replace(/\([^)]*\)/g, "").trim()));
    else if (rows.length > 0 && !line.startsWith("|")) break;
  }
  return rows;
}

// Tile headers by row of the dashboard, left to right.
function dashboardRows(source: string): string[][] {
  const layout = parseMetadataFile(join(source, DASHBOARD)).body.dashboardGridLayout as XmlNode;
  const tiles = asArray(layout.dashboardGridComponents).map((g) => ({
    header: text((g.dashboardComponent as XmlNode).header) ?? "(untitled)",
    row: Number(text(g.rowIndex)),
    column: Number(text(g.columnIndex)),
  }));
  return [...new Set(tiles.map((t) => t.row))]
    .sort((a, b) => a - b)
    .map((row) =>
      tiles
        .filter((t) => t.row === row)
        .sort((a, b) => a.column - b.column)
        .map((t) => t.header),
    );
}

test("the admin guide maps the dashboard tile by tile, row by row", () => {
  assert.deepEqual(
    guideRows(readFileSync(GUIDE, "utf8")),
    dashboardRows(DEFAULT_SOURCE),
    "docs/admin-guide.md section 4 lists other tiles than the dashboard shows: update its row-by-row table",
  );
});

test("a tile renamed on the dashboard but not in the guide is found", () => {
  const rows = withSourceCopy(
    "guide-dashboard",
    (source) =>
      replaceInFile(
        join(source, DASHBOARD),
        "<header>Promises kept / at risk / broken</header>",
        "<header>Promise health</header>",
      ),
    dashboardRows,
  );
  assert.notDeepEqual(guideRows(readFileSync(GUIDE, "utf8")), rows, "the stale guide must no longer match");
  assert.deepEqual(
    rows.find((row) => row.includes("Promise health")),
    ["Close to first touch by tier", "Close to first touch by week", "Promise health"],
  );
});
