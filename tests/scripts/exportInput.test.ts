// Exports as analysts really have them: Excel's encodings, amounts and dates written the local way.
// The fixtures (tests/scripts/fixtures) hold the same three deals each way; hand count:
//   Müller Maschinenbau, closed 20 Nov 2026, 240,000.00 -> High-Touch (>= 50,000), first CS touch 23 Nov: 3 days
//   Böhm Logistik, closed 5 Nov 2026, 12,500.00 -> Low-Touch, first CS touch 13 Nov: 8 days
//   Café Zürich, closed 1 Oct 2026 -> no CS touch yet. Days 3 and 8: median 5.5, p90 8.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describeRun, runScript, tempDir } from "./support/run.ts";
import { PROJECT_ROOT } from "../../scripts/lib/forceApp.ts";
import {
  decodeExport,
  detectNumberStyle,
  ExportInputError,
  parseAmount,
  styleOfLocale,
} from "../../scripts/revops/lib/exportInput.ts";

const fixture = (name: string) => join(PROJECT_ROOT, "tests/scripts/fixtures", name);

async function audit(csv: string, extra: string[] = []) {
  return runScript("audit.ts", ["--csv", csv, "--json", "--out", join(tempDir("audit-enc-"), "r"), ...extra]);
}

function assertHandCount(r: Awaited<ReturnType<typeof audit>>, what: string) {
  assert.equal(r.code, 0, `${what}\n${describeRun(r)}`);
  const j = r.json!;
  assert.deepEqual(
    j.deals.map((d: { account: string; amount: number; tier: string }) => [d.account, d.amount, d.tier]),
    [
      ["Müller Maschinenbau GmbH", 240000, "High-Touch"],
      ["Böhm Logistik", 12500, "Low-Touch"],
      ["Café Zürich AG", j.deals[2].amount, j.deals[2].tier],
    ],
    `${what}: names must keep their umlauts and amounts their real value`,
  );
  assert.deepEqual(
    [j.summary.timing.medianDays, j.summary.timing.p90Days, j.summary.timing.withoutCsTouch],
    [5.5, 8, 1],
    `${what}: dates must be read the way the file writes them`,
  );
  assert.doesNotMatch(r.stdout, /\uFFFD|\u0080/, `${what}: no replacement or control characters in the output`);
  return j;
}

test("a Windows-1252 export (Excel on Windows) keeps Müller and reads €240,000.00 and (1,200.00)", async () => {
  const j = assertHandCount(await audit(fixture("windows-1252-euro.csv")), "Windows-1252");
  assert.equal(j.deals[2].amount, -1200, "(1,200.00) is a negative amount");
  assert.match(j.warnings[0], /Read as Windows-1252/, "the detected encoding is said, with the option to change it");
});

test("a de-DE export with semicolons: 240.000,00 € is 240,000, and day-first dates need --locale or --date-format", async () => {
  const refused = await audit(fixture("de-DE-semicolon.csv"), ["--delimiter", ";"]);
  assert.equal(refused.code, 1, describeRun(refused));
  assert.match(
    refused.stderr,
    /line 2: the date "20\.11\.2026" is day-first .*pass --date-format dmy/,
    "a month-first reading of day-first dates must be refused with the flag to use",
  );
  const j = assertHandCount(
    await audit(fixture("de-DE-semicolon.csv"), ["--delimiter", ";", "--locale", "de-DE"]),
    "de-DE",
  );
  assert.equal(j.deals[2].amount, 1234567.89);
  assert.equal(j.deals[2].tier, "High-Touch");
});

test("UTF-16 with a byte order mark (little and big endian), fr-FR amounts with (narrow) no-break spaces", async () => {
  for (const name of ["fr-FR-utf-16le.csv", "fr-FR-utf-16be.csv"]) {
    const j = assertHandCount(await audit(fixture(name), ["--locale", "fr-FR"]), name);
    assert.equal(j.deals[2].amount, 1234567.89, `${name}: "1 234 567,89 €"`);
  }
});

test("--encoding overrides detection; bytes that are not valid in it give an error naming the line", async () => {
  const r = await audit(fixture("windows-1252-euro.csv"), ["--encoding", "utf-8"]);
  assert.equal(r.code, 1, describeRun(r));
  assert.match(r.stderr, /windows-1252-euro\.csv: line 2: byte 0xFC is not valid UTF-8.*--encoding windows-1252/);
  assert.doesNotMatch(r.stdout + r.stderr, /\uFFFD/, "never a replacement character");
  const bad = join(tempDir("enc-"), "bad.csv");
  writeFileSync(bad, Buffer.from('"Opportunity Name"\r\n"ok"\r\n"x\x81y"\r\n', "latin1"));
  const r2 = await audit(bad, ["--encoding", "windows-1252"]);
  assert.equal(r2.code, 1, describeRun(r2));
  assert.match(r2.stderr, /bad\.csv: line 3: byte 0x81 is not Windows-1252 text/);
  const r3 = await audit(bad, ["--encoding", "ebcdic"]);
  assert.match(r3.stderr, /--encoding must be one of utf-8, utf-16le, utf-16be, windows-1252/);
});

test("decoding: BOMs decide, valid UTF-8 is UTF-8, anything else is Windows-1252, BOM-less UTF-16 is refused", () => {
  const text = "Name\nMüller €\n";
  assert.deepEqual(decodeExport(Buffer.from(text, "utf8"), "f").text, text);
  assert.equal(decodeExport(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), "f").text, text);
  assert.equal(decodeExport(Buffer.from([0x4d, 0xfc, 0x80, 0x93, 0x94]), "f").text, "Mü€“”");
  assert.throws(
    () =>
      decodeExport(Buffer.concat([Buffer.from("Name\nMüller\n", "utf8"), Buffer.from("Böhm\n", "latin1")]), "f.csv"),
    (e: ExportInputError) =>
      /f\.csv: line 3: byte 0xF6 is not valid UTF-8, though the rest of the file is UTF-8/.test(e.message),
    "a UTF-8 file with one Windows-1252 line is refused, not read as Windows-1252 (which would make Müller MÃ¼ller)",
  );
  assert.throws(
    () => decodeExport(Buffer.from(text, "utf16le"), "f.csv"),
    (e: ExportInputError) => /UTF-16 without a byte order mark: pass --encoding utf-16le/.test(e.message),
  );
  assert.throws(
    () => decodeExport(Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x0a, 0x00, 0x00, 0xd8, 0x41, 0x00]), "f.csv"),
    (e: ExportInputError) => /line 2: bytes that are not valid UTF-16/.test(e.message),
    "an unpaired surrogate is named by its line",
  );
});

test("amounts in every style the brief names, and detection from the file's amounts as a whole", () => {
  const cases: [string, "point" | "comma", number | null][] = [
    ["240.000,00 €", "comma", 240000],
    ["1 234,50", "comma", 1234.5],
    ["1\u00a0234,50", "comma", 1234.5],
    ["1\u202f234,50", "comma", 1234.5],
    ["CHF 1'234.50", "point", 1234.5],
    ["CHF 1’234.50", "point", 1234.5],
    ["USD 12,500.00", "point", 12500],
    ["(1,200.00)", "point", -1200],
    ["-1.234,5", "comma", -1234.5],
    ["$120,000", "point", 120000],
    ["", "point", null],
  ];
  for (const [raw, style, value] of cases) {
    const r = parseAmount(raw, style);
    assert.equal(r.problem, undefined, `${raw}: ${r.problem}`);
    assert.equal(r.value, value, `"${raw}" read with a decimal ${style}`);
  }
  assert.match(parseAmount("240.000,00 €", "point").problem!, /not an amount written with a decimal point/);
  assert.deepEqual(styleOfLocale("de-DE"), "comma");
  assert.deepEqual(styleOfLocale("de-CH"), "point");
  assert.deepEqual(styleOfLocale("fr-FR"), "comma");

  const at = (...raws: string[]) => raws.map((raw, i) => ({ raw, line: i + 2 }));
  assert.deepEqual(detectNumberStyle(at("120000", "240.000,00 €", "1.234")), { style: "comma" });
  assert.deepEqual(detectNumberStyle(at("1.234", "12,500.00")), { style: "point" });
  const ambiguous = detectNumberStyle(at("120000", "1.234"));
  assert.ok(
    "problem" in ambiguous && /"1\.234" on line 3 could be 1\.234 or 1234: pass --locale/.test(ambiguous.problem),
  );
  const mixed = detectNumberStyle(at("240.000,00", "12,500.00"));
  assert.ok(
    "problem" in mixed && /written two ways.*line 2.*line 3.*--locale/.test(mixed.problem),
    JSON.stringify(mixed),
  );
});

test("an export whose only amounts are ambiguous is refused with a message naming --locale", async () => {
  const path = join(tempDir("amb-"), "ambiguous.csv");
  writeFileSync(
    path,
    '"Opportunity Name","Account Name","Close Date","Amount"\r\n"A","A Inc","11/20/2026","1.234"\r\n"B","B Inc","11/21/2026","120000"\r\n',
  );
  const r = await audit(path);
  assert.equal(r.code, 1, describeRun(r));
  assert.match(r.stderr, /the amount "1\.234" on line 2 could be 1\.234 or 1234: pass --locale/);
  const ok = await audit(path, ["--locale", "de-DE", "--date-format", "mdy"]);
  assert.equal(ok.code, 0, describeRun(ok));
  assert.equal(ok.json!.deals[0].amount, 1234, "with --locale de-DE, 1.234 is one thousand two hundred thirty-four");
});

test("--since 2026-02-30 is refused: dates are validated for real", async () => {
  const r = await runScript("metrics.ts", ["--since", "2026-02-30"], {
    SF_INSTANCE_URL: "http://127.0.0.1:9",
    SF_ACCESS_TOKEN: "x",
  });
  assert.equal(r.code, 1, describeRun(r));
  assert.match(r.stderr, /--since 2026-02-30 is not a real date \(2026-02 has no day 30\)/);
  const asOf = await runScript("metrics.ts", ["--as-of", "2026-02-30T12:00:00Z"], {
    SF_INSTANCE_URL: "http://127.0.0.1:9",
    SF_ACCESS_TOKEN: "x",
  });
  assert.match(asOf.stderr, /--as-of must be a real date-time like 2026-11-26T12:00:00Z, not "2026-02-30T12:00:00Z"/);
  const a = await audit(fixture("windows-1252-euro.csv"), ["--since", "2026-13-01"]);
  assert.match(a.stderr, /--since 2026-13-01 is not a real date/);
});
