// Reading Salesforce date-times fast must not read them differently: the same instants as Date.parse,
// and impossible dates refused instead of rolled over.
import { test } from "node:test";
import assert from "node:assert/strict";
import { time } from "../../scripts/revops/lib/metricsCore.ts";

test("date-times as REST and the Bulk API write them give the same instant as Date.parse", () => {
  const same: [string, string][] = [
    ["2026-11-02T10:00:00.000+0000", "2026-11-02T10:00:00.000Z"],
    ["2026-11-02T10:00:00Z", "2026-11-02T10:00:00Z"],
    ["2026-11-02T10:00:00.5Z", "2026-11-02T10:00:00.500Z"],
    ["2026-11-02T10:00:00-0530", "2026-11-02T15:30:00Z"],
    ["2026-11-02T10:00:00+05:30", "2026-11-02T04:30:00Z"],
    ["2024-02-29T23:59:59.999Z", "2024-02-29T23:59:59.999Z"],
  ];
  for (const [salesforce, iso] of same) assert.equal(time(salesforce), Date.parse(iso), salesforce);
  assert.ok(Number.isNaN(time("2026-02-29T00:00:00Z")), "29 February 2026 does not exist (Date.parse rolls it over)");
  assert.ok(Number.isNaN(time("2026-13-01T00:00:00Z")), "no month 13");
  assert.ok(Number.isNaN(time("next week")), "not a date-time");
  assert.equal(time(""), null, "blank is no value, not an error");
});
