// The before/after table: the audit of the sample export (the baseline) next to the metrics of the
// small org (the pilot), both hand-counted in their own tests, read through the same definitions.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { FakeSalesforce } from "../../testkit/fake-salesforce/fakeSalesforce.ts";
import { orgSchema, SAMPLE_EXPORT } from "../../testkit/fake-salesforce/orgFixture.ts";
import { smallOrg } from "./support/handoffFixture.ts";
import { describeRun, runScript, tempDir } from "./support/run.ts";

test("npm run compare writes the before/after table from audit.json and metrics.json", async () => {
  const auditDir = join(tempDir("cmp-audit-"), "a");
  const audit = await runScript("audit.ts", ["--csv", SAMPLE_EXPORT, "--json", "--out", auditDir]);
  assert.equal(audit.code, 0, describeRun(audit));

  const org = new FakeSalesforce({ schema: orgSchema(true), records: smallOrg() });
  await org.start();
  const metricsDir = join(tempDir("cmp-metrics-"), "m");
  try {
    const metrics = await runScript(
      "metrics.ts",
      [
        "--json",
        "--out",
        metricsDir,
        "--since",
        "2026-11-01",
        "--until",
        "2026-11-30",
        "--as-of",
        "2026-11-26T12:00:00Z",
      ],
      { SF_INSTANCE_URL: org.instanceUrl, SF_ACCESS_TOKEN: org.accessToken },
    );
    assert.equal(metrics.code, 0, describeRun(metrics));
  } finally {
    await org.stop();
  }

  const out = join(tempDir("cmp-out-"), "c");
  const r = await runScript("compare.ts", [
    "--baseline",
    join(auditDir, "audit.json"),
    "--metrics",
    join(metricsDir, "metrics.json"),
    "--out",
    out,
    "--json",
  ]);
  assert.equal(r.code, 0, describeRun(r));
  const row = (key: string) => r.json!.rows.find((x: { key: string }) => x.key === key);
  // Before (sample export): 4 of 14 audited deals complete = 28.6 %; days to first CS touch median 3,
  // p90 11; 1 of 14 with no CS touch = 7.1 %.
  // After (small org): 5 of 7 submitted = 71.4 %; close to first touch 34, 48, 78, 96 h -> median 63 h =
  // 2.6 days, p90 96 h = 4 days; 3 of 7 without a first touch = 42.9 %.
  assert.deepEqual(
    [row("completeHandoffsPct").before, row("completeHandoffsPct").after, row("completeHandoffsPct").change],
    [28.6, 71.4, 42.8],
  );
  assert.equal(row("completeHandoffsPct").verdict, "better");
  assert.deepEqual([row("closeToFirstTouchMedianDays").before, row("closeToFirstTouchMedianDays").after], [3, 2.6]);
  assert.equal(row("closeToFirstTouchMedianDays").verdict, "better", "fewer days is better");
  assert.deepEqual([row("closeToFirstTouchP90Days").before, row("closeToFirstTouchP90Days").after], [11, 4]);
  assert.deepEqual(
    [row("noCsTouchPct").before, row("noCsTouchPct").after, row("noCsTouchPct").verdict],
    [7.1, 42.9, "worse"],
  );
  assert.deepEqual(
    [row("firstTouchSlaPct").before, row("firstTouchSlaPct").after],
    [null, 60],
    "no SLA before the app",
  );
  assert.deepEqual(
    ["escalationRatePct", "infoRequestPct", "csatPct", "promisesKeptPct"].map((k) => row(k).after),
    [42.9, 14.3, 50, 50],
  );
  const md = readFileSync(join(out, "compare.md"), "utf8");
  assert.match(md, /\| Complete handoffs \| 28\.6 % \| 71\.4 % \| \+42\.8 pts \(better\) \|/);
  assert.match(md, /\| First-touch SLA met \| n\/a \| 60 % \|/);
  assert.match(md, /## Definitions/);
  assert.deepEqual(JSON.parse(readFileSync(join(out, "compare.json"), "utf8")).rows, r.json!.rows);
});

test("compare refuses files that are not an audit.json and a metrics.json, naming the option", async () => {
  const dir = tempDir("cmp-bad-");
  const metricsLike = join(dir, "metrics.json");
  writeFileSync(metricsLike, JSON.stringify({ handoffs: 1, groups: [] }));
  const r = await runScript("compare.ts", ["--baseline", metricsLike, "--metrics", metricsLike]);
  assert.equal(r.code, 1, describeRun(r));
  assert.match(r.stderr, /--baseline .*metrics\.json: not an audit\.json from npm run audit/);
  const missing = await runScript("compare.ts", ["--baseline", join(dir, "nope.json"), "--metrics", metricsLike]);
  assert.match(missing.stderr, /--baseline .*nope\.json: cannot read the file \(ENOENT\)/);
});
