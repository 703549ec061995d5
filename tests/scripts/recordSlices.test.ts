// Bulk API result pages are parsed in slices; a slice must never end inside a quoted value.
import { test } from "node:test";
import assert from "node:assert/strict";
import { recordSlices } from "../../scripts/revops/lib/salesforce.ts";
import { parseCsv } from "../../scripts/revops/lib/csv.ts";

test("a CSV page cut into slices gives the same records, also with line breaks inside quoted values", () => {
  const rows = Array.from({ length: 500 }, (_, i) =>
    i % 7 === 0 ? `"${i}","a ""quoted""\nmulti-line, value","x"` : `"${i}","plain","y"`,
  );
  const csv = ['"Id","Text","Other"', ...rows].join("\n") + "\n";
  const slices = [...recordSlices(csv, 256)];
  assert.ok(slices.length > 10, `expected many slices, got ${slices.length}`);
  assert.equal(slices.join(""), csv, "the slices are the page, in order");
  const whole = parseCsv(csv).records.map((r) => r.cells);
  const sliced = slices.flatMap((s) => parseCsv(s).records.map((r) => r.cells));
  assert.deepEqual(sliced, whole, "every record parses the same from the slices");
  assert.deepEqual([...recordSlices("", 256)], [], "an empty page has no slices");
});
