// The audit on a CSV export of a Salesforce report, offline: the sample export shipped in the repo,
// and broken exports (missing columns, wrong delimiter, empty file, bad dates, malformed rows).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { describeRun, runScript, tempDir } from "./support/run.ts";
import { SAMPLE_EXPORT } from "../../testkit/fake-salesforce/orgFixture.ts";

const sample = readFileSync(SAMPLE_EXPORT, "utf8");
const sampleLines = sample.split("\r\n");

function writeExport(name: string, content: string): string {
  const path = join(tempDir("audit-csv-"), name);
  writeFileSync(path, content);
  return path;
}

async function auditJson(csv: string, extra: string[] = []) {
  const r = await runScript("audit.ts", [
    "--csv",
    csv,
    "--json",
    "--out",
    join(tempDir("audit-out-"), "report"),
    ...extra,
  ]);
  return r;
}

// Hand count for the sample (scripts/revops/samples/closed-won-export.csv, 15 deals):
// - "Harbor Freight Co - Renewal 2027" is a Renewal, an excluded deal type: 14 deals audited.
// - High-Touch (Amount >= 50,000 or complexity High): Northwind, Bluepeak, Vertex, Orbit, Summit (High), Cobalt,
//   Redwood, Meridian = 8 deals x 17 required fields = 136 answers; Low-Touch: Canyon, Lumen, Greenleaf, Atlas,
//   Pinecrest, Quayside = 6 deals x 8 fields = 48 answers. 184 in all.
// - Missing: Bluepeak 2 (Executive Sponsor blank, Key Conversations "TBD"), Vertex 3 ("see notes", "Go live"
//   too short, Implementation Timeline blank), Orbit 2 (no products, Contract Terms blank), Summit 4, Cobalt 1,
//   Redwood 3, Meridian 1 ("Email" too short) = 16 High-Touch; Lumen 2, Atlas 1, Pinecrest 2 = 5 Low-Touch.
//   21 missing: 163/184 = 88.6 %; blocked: 7 High-Touch + 3 Low-Touch = 10 of 14 = 71.4 %.
// - Days from close to first CS activity (audited deals): 1,6,2,8,3,3,11,2,1,13,4,3,3 and Greenleaf none yet:
//   sorted 1,1,2,2,3,3,3,3,4,6,8,11,13 -> median 3, 90th percentile (nearest rank 12 of 13) 11, max 13.
test("audit of the sample export: gap analysis figures match the hand count", async () => {
  const out = join(tempDir("audit-out-"), "report");
  const r = await runScript("audit.ts", ["--csv", SAMPLE_EXPORT, "--json", "--out", out]);
  assert.equal(r.code, 0, `the sample export must audit cleanly on a fresh clone\n${describeRun(r)}`);
  const s = r.json!.summary;
  assert.deepEqual(
    {
      deals: s.deals,
      audited: s.audited,
      excluded: s.excluded,
      blocked: s.wouldBeBlocked,
      blockedPct: s.wouldBeBlockedPct,
    },
    { deals: 15, audited: 14, excluded: 1, blocked: 10, blockedPct: 71.4 },
    "deal counts and blocked deals differ from the hand count",
  );
  assert.deepEqual(
    { required: s.requiredAnswers, missing: s.missingAnswers, pct: s.completenessPct },
    { required: 184, missing: 21, pct: 88.6 },
    "required/missing answer counts differ from the hand count",
  );
  assert.deepEqual(
    s.byTier,
    {
      "High-Touch": { deals: 8, wouldBeBlocked: 7, completenessPct: 88.2 },
      "Low-Touch": { deals: 6, wouldBeBlocked: 3, completenessPct: 89.6 },
    },
    "per-tier figures differ from the hand count",
  );
  assert.deepEqual(
    { median: s.timing.medianDays, p90: s.timing.p90Days, max: s.timing.maxDays, none: s.timing.withoutCsTouch },
    { median: 3, p90: 11, max: 13, none: 1 },
    "handoff timing differs from the hand count",
  );
  assert.deepEqual(
    r.json!.skippedRows,
    [],
    "the report footer of a Salesforce export must not be reported as malformed rows",
  );

  const deal = (name: string) => r.json!.deals.find((d: { name: string }) => d.name === name);
  assert.deepEqual(
    deal("Vertex Manufacturing - MES Rollout").gaps.map(
      (g: { field: string; problem: string }) => `${g.field}:${g.problem}`,
    ),
    ["Pain_Points__c:placeholder", "Success_Criteria__c:too short", "Implementation_Timeline__c:blank"],
    "placeholders and too-short answers must count as missing, as the org's validation rules do",
  );
  assert.equal(
    deal("Harbor Freight Co - Renewal 2027").wouldBeBlocked,
    false,
    "a renewal (excluded deal type) must not be reported as blocked",
  );
  assert.equal(
    deal("Canyon Outfitters - Starter").wouldBeBlocked,
    false,
    "a Low-Touch deal must not be blocked by High-Touch-only fields",
  );
  assert.equal(
    deal("Orbit Fintech - Risk Module").gaps[0].field,
    "HasOpportunityLineItem",
    "a deal without products must miss 'Products purchased'",
  );
  const execSponsor = r.json!.fields.find((f: { field: string }) => f.field === "Executive_Sponsor__c");
  assert.deepEqual(
    [execSponsor.requiredIn, execSponsor.missing, execSponsor.completenessPct],
    [8, 2, 75],
    "Executive sponsor: required in 8 High-Touch deals, blank in 2",
  );

  for (const file of ["audit.md", "audit-deals.csv", "audit-fields.csv", "audit.json", "audit.html"]) {
    assert.ok(existsSync(join(out, file)), `${file} was not written to ${out}`);
  }
  const md = readFileSync(join(out, "audit.md"), "utf8");
  assert.match(
    md,
    /10 of 14 \(71\.4%\) would have been blocked/,
    "the Markdown report must state how many deals would have been blocked",
  );
  const html = readFileSync(join(out, "audit.html"), "utf8");
  assert.match(html, /<svg[^>]*role="img"/, "the HTML page must carry its charts as inline SVG");
  assert.doesNotMatch(
    html,
    /<script|<link|src=|href=|@import|url\(/i,
    "the HTML page must not load anything: it has to open offline from a file",
  );
  const dealsCsv = readFileSync(join(out, "audit-deals.csv"), "utf8").trim().split("\r\n");
  assert.equal(dealsCsv.length, 16, "audit-deals.csv must have a header and one row per deal");
});

test("the audit never writes into a folder that already holds files", async () => {
  const out = tempDir("audit-existing-");
  writeFileSync(join(out, "audit.md"), "my own notes");
  const r = await runScript("audit.ts", ["--csv", SAMPLE_EXPORT, "--out", out]);
  assert.equal(r.code, 1, `a non-empty --out folder must be refused\n${describeRun(r)}`);
  assert.match(r.stderr, /is not empty/, "the message must say why the folder was refused");
  assert.equal(readFileSync(join(out, "audit.md"), "utf8"), "my own notes", "the user's file was overwritten");
});

test("an export without the Close Date column is refused with the missing column named", async () => {
  const header = sampleLines[0].split('","');
  const drop = header.findIndex((h) => h === "Close Date");
  const without = sampleLines.map((line) => {
    const cells = line.split('","');
    return cells.length === header.length ? cells.filter((_, i) => i !== drop).join('","') : line;
  });
  const path = writeExport("no-close-date.csv", without.join("\r\n"));
  const r = await auditJson(path);
  assert.equal(r.code, 1, describeRun(r));
  assert.match(
    r.stderr,
    /no-close-date\.csv: line 1: missing column\(s\) "Close Date"/,
    "the error must name the file, the line and the missing column",
  );
});

test("a semicolon-separated export is recognised, and --delimiter reads it", async () => {
  const path = writeExport("semicolons.csv", sample.replace(/","/g, '";"'));
  const refused = await auditJson(path);
  assert.equal(refused.code, 1, describeRun(refused));
  assert.match(
    refused.stderr,
    /semicolons\.csv: line 1: .*semicolon-separated.*--delimiter ';'/,
    "the error must name the delimiter problem and the fix",
  );
  const read = await auditJson(path, ["--delimiter", ";"]);
  assert.equal(read.code, 0, describeRun(read));
  assert.equal(
    read.json!.summary.wouldBeBlocked,
    10,
    "with --delimiter ';' the same export must give the same figures",
  );
});

test("an empty export is refused with a message that says how to export", async () => {
  const r = await auditJson(writeExport("empty.csv", "\r\n"));
  assert.equal(r.code, 1, describeRun(r));
  assert.match(
    r.stderr,
    /empty\.csv: the file is empty\. Export the report/,
    "the error must say the file is empty and how to export it",
  );
});

test("rows with bad dates are reported with their line numbers and left out of the figures", async () => {
  const lines = [...sampleLines];
  lines[2] = lines[2].replace('"11/18/2026"', '"13/45/2026"'); // Bluepeak, line 3
  lines[3] = lines[3].replace('"11/19/2026"', '"next week"'); // Canyon Outfitters' first CS activity, line 4
  const r = await auditJson(writeExport("bad-dates.csv", lines.join("\r\n")));
  assert.equal(r.code, 2, `skipped rows must give exit code 2\n${describeRun(r)}`);
  assert.deepEqual(
    r.json!.skippedRows.map((s: { line: number }) => s.line),
    [3, 4],
    "the two rows with bad dates must be reported by line number",
  );
  assert.match(
    r.json!.skippedRows[0].problem,
    /"Close Date" "13\/45\/2026" is not a date/,
    "the problem must quote the bad value",
  );
  assert.match(
    r.json!.skippedRows[1].problem,
    /"First CS Activity Date" "next week" is not a date/,
    "the problem must quote the bad value",
  );
  assert.equal(r.json!.summary.deals, 13, "13 of the 15 deals remain");
  assert.match(r.stderr + r.stdout, /line 3/, "the skipped lines must also be shown to the user");
});

test("malformed rows (extra comma, quote never closed) are reported by physical line, also after a multi-line value", async () => {
  const lines = [...sampleLines];
  // A multi-line answer on the first deal (line 2-3): later records start one physical line further down.
  lines[1] = lines[1].replace(
    "Champion is new in role; loop her manager into the kickoff.",
    "Champion is new in role;\nloop her manager into the kickoff.",
  );
  lines[5] = lines[5].replace('"Tom Okafor",', "Tom, Okafor,"); // Vertex (line 6): an unquoted comma adds a column; line 7 after the shift
  lines[15] = lines[15].replace('"10/5/2026"', '"10/5/2026'); // Meridian: the last value's quote is never closed
  const r = await auditJson(writeExport("malformed.csv", lines.slice(0, 16).join("\r\n")));
  assert.equal(r.code, 2, describeRun(r));
  const skipped = r.json!.skippedRows as { line: number; problem: string }[];
  assert.deepEqual(
    skipped.map((s) => s.line),
    [7, 17],
    `expected lines 7 and 17 to be reported, got ${JSON.stringify(skipped)}`,
  );
  assert.match(
    skipped[0].problem,
    /has 29 values but the header has 28 columns/,
    "the column-count problem must be explained",
  );
  assert.match(skipped[1].problem, /never closed/, "the unclosed quote must be explained");
  assert.equal(r.json!.summary.deals, 13, "the other 13 deals are still audited");
});

test("deal rows that are not closed-won are reported, not audited", async () => {
  const lines = [...sampleLines];
  lines[3] = lines[3].replace('"Closed Won"', '"Negotiation/Review"');
  const r = await auditJson(writeExport("open-deal.csv", lines.join("\r\n")));
  assert.equal(r.code, 2, describeRun(r));
  assert.equal(r.json!.skippedRows[0].line, 4, "the open deal's line must be reported");
  assert.match(r.json!.skippedRows[0].problem, /not the won stage "Closed Won"/);
});

test("a missing handoff column is a warning and counts as not captured", async () => {
  const header = sampleLines[0].split('","');
  const drop = header.findIndex((h) => h === "Promises Made");
  const without = sampleLines.map((line) => {
    const cells = line.split('","');
    return cells.length === header.length ? cells.filter((_, i) => i !== drop).join('","') : line;
  });
  const r = await auditJson(writeExport("no-promises.csv", without.join("\r\n")));
  assert.equal(r.code, 0, describeRun(r));
  assert.match(
    r.json!.warnings.join("\n"),
    /Not in the export, counted as not captured: Promises Made \(Promises_Made__c\)/,
  );
  const promises = r.json!.fields.find((f: { field: string }) => f.field === "Promises_Made__c");
  assert.deepEqual(
    [promises.available, promises.notCaptured],
    [false, 14],
    "all 14 audited deals require Promises made: all not captured",
  );
  // Northwind, Canyon, Greenleaf and Quayside were complete; without the column none is.
  assert.equal(r.json!.summary.wouldBeBlocked, 14, "every audited deal now misses Promises made");
});

test("an output folder given with --out that does not exist yet is created", async () => {
  const out = join(tempDir("audit-new-"), "a", "b");
  mkdirSync(join(out, ".."), { recursive: true });
  const r = await runScript("audit.ts", ["--csv", SAMPLE_EXPORT, "--out", out, "--quiet"]);
  assert.equal(r.code, 0, describeRun(r));
  assert.ok(existsSync(join(out, "audit.html")), "the report must be written into the new folder");
  assert.match(
    r.stdout,
    /10 of 14 \(71\.4%\) would have been blocked/,
    "the terminal summary must show the headline figure",
  );
});
