// The statistics every report relies on: median, and the 90th percentile by nearest rank.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DurationHistogram, median, percentile, pct } from "../../scripts/revops/lib/stats.ts";

test("median: middle value, or mean of the two middle values; none for no data", () => {
  assert.equal(median([7, 1, 3]), 3, "odd count: the middle value after sorting");
  assert.equal(median([4, 1, 3, 2]), 2.5, "even count: mean of the two middle values");
  assert.equal(median([]), null, "no data must give no median, not 0");
});

test("90th percentile by nearest rank: a value that really occurred", () => {
  // rank = ceil(0.9 * n): n = 6 -> rank 6 (5.4 rounded up, not to the nearest whole number)
  assert.equal(percentile([6, 5, 4, 3, 2, 1], 90), 6, "n=6: the 6th smallest");
  assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90), 9, "n=10: the 9th smallest");
  assert.equal(percentile([1, 2, 3, 4], 50), 2, "p50 by nearest rank of 4 values is the 2nd");
  assert.equal(percentile([42], 90), 42, "one value is its own percentile");
  assert.equal(percentile([], 90), null, "no data must give no percentile");
});

test("percentages are rounded to one decimal and undefined for an empty whole", () => {
  assert.equal(pct(2, 3), 66.7);
  assert.equal(pct(0, 0), null, "0 of 0 is not 0 %");
});

test("the streaming duration histogram gives the same median and nearest-rank p90 as the list functions", () => {
  // Whole-minute durations in hours, odd and even counts, with repeats.
  for (const values of [
    [3, 1, 2],
    [4, 1, 3, 2],
    [0.5, 0.5, 12, 7.25, 7.25, 100, 3],
    Array.from({ length: 1000 }, (_, i) => (i * 37) % 91),
  ]) {
    const h = new DurationHistogram();
    for (const v of values) h.addHours(v);
    assert.equal(h.median(), median(values), `median of ${values.length} values`);
    assert.equal(h.percentile(90), percentile(values, 90), `p90 of ${values.length} values`);
  }
  assert.deepEqual(new DurationHistogram().summary(), { n: 0, median: null, p90: null }, "no data, no figures");
});
