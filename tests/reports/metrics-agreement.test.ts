// The dashboard and `npm run metrics` must tell a leader the same thing. Close to first touch: the dashboard charts
// the formula field Handoff__c.Hours_Close_To_First_Touch__c, the script computes the hours from the two
// timestamps; evaluated with formulon (a Salesforce formula engine) on the same rows, they must give the same hours.
// Promises: the report counts the promises of handoffs closed in its period by the statuses the script counts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { parse, type FormulonLiteral } from "formulon";
import { DEFAULT_SOURCE, parseMetadataFile, readObjectFields, text } from "../../scripts/lib/forceApp.ts";
import {
  computeMetrics,
  hoursCloseToFirstTouch,
  PromiseAccumulator,
  toHandoff,
  type Handoff,
  type HandoffRow,
} from "../../scripts/revops/lib/metricsCore.ts";
import { median } from "../../scripts/revops/lib/stats.ts";
import { smallOrg, users } from "../scripts/support/handoffFixture.ts";
import { asArray } from "../../scripts/admin/checks/reportReferences.ts";
import { replaceInFile, withSourceCopy } from "../lib/tempTree.ts";

const FIELD = "Hours_Close_To_First_Touch__c";
const REPORTS = "reports/Sales_to_CS_Handoff";

// The metrics tests' small org, as the script reads it (owner names through the lookups), plus deals the fixture
// lacks: a close on a Friday evening touched on Monday (calendar hours count the weekend) and times off the
// whole hour, where the field's one decimal and the script's whole minutes must still round alike.
function sampleRows(): HandoffRow[] {
  const name = (id: unknown) => users.find((u) => u.Id === id)?.Name ?? null;
  const fixture = smallOrg().Handoff__c.map((h) => {
    const record = h as Record<string, unknown>;
    return {
      ...record,
      "Sales_Owner__r.Name": name(record.Sales_Owner__c),
      "CS_Owner__r.Name": name(record.CS_Owner__c),
    } as unknown as HandoffRow;
  });
  const extra = (id: string, tier: string, closedAt: string, firstTouchAt: string) =>
    ({ Id: id, Tier__c: tier, Closed_At__c: closedAt, First_Touch_At__c: firstTouchAt }) as unknown as HandoffRow;
  return [
    ...fixture,
    extra("a0H0000000000A1AAA", "Low-Touch", "2026-11-20T17:45:00.000+0000", "2026-11-23T09:10:00.000+0000"),
    extra("a0H0000000000A2AAA", "High-Touch", "2026-11-04T08:13:27.000+0000", "2026-11-05T16:02:51.000+0000"),
    extra("a0H0000000000A3AAA", "High-Touch", "2026-11-06T23:59:00.000+0000", "2026-11-07T00:02:00.000+0000"),
  ];
}

function handoffOf(row: HandoffRow): Handoff {
  const { handoff, problem } = toHandoff(row);
  assert.ok(handoff, `sample row ${row.Id} does not read as a handoff: ${problem}`);
  return handoff;
}

// A date-time merge field as formulon takes it; blank stays blank.
function dateTime(value: string | null | undefined): FormulonLiteral {
  const iso = value ? value.replace(/\+0000$/, "Z") : null;
  return { type: "literal", dataType: "datetime", value: iso ? new Date(iso) : null, options: {} };
}

// What the org computes for one row, or null for blank. With "treat blank fields as blanks", arithmetic on a blank
// field is blank in the org; formulon refuses it with a type error (and evaluates both branches of IF). So a refusal
// on a row with a blank timestamp reads as blank when the formula evaluates once the blanks are filled in: the
// blank caused it, not a mistake in the formula.
function evaluate(formula: string, row: HandoffRow, what: string): number | null {
  const fields = ["Closed_At__c", "Submitted_At__c", "First_Touch_At__c"] as const;
  const run = (fill?: string) => parse(formula, Object.fromEntries(fields.map((f) => [f, dateTime(row[f] || fill)])));
  const result = run();
  if (result.type === "error" && fields.some((f) => !row[f]) && run("2026-01-01T00:00:00Z").type === "literal") {
    return null;
  }
  assert.equal(result.type, "literal", `${what} does not evaluate: ${"message" in result ? result.message : ""}`);
  const value = (result as FormulonLiteral).value;
  return value === null ? null : Number(value);
}

function fieldValue(field: { formula: string; scale: number }, row: HandoffRow): number | null {
  const value = evaluate(field.formula, row, FIELD);
  return value === null ? null : round(value, field.scale);
}

// The org rounds half up in decimal arithmetic; in binary floats 3 minutes is 0.0499999… hours, so values are
// nudged by far less than a second before rounding, as the org would see them.
function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f + 1e-9) / f;
}

function readField(source: string): { formula: string; scale: number } {
  const field = readObjectFields("Handoff__c", source).get(FIELD);
  assert.ok(field?.formula, `Handoff__c.${FIELD} is missing or not a formula field`);
  const { body } = parseMetadataFile(field.path);
  assert.equal(text(body.formulaTreatBlanksAs), "BlankAsBlank", `${FIELD} must stay blank, not 0, until first touch`);
  const scale = Number(text(body.scale));
  return { formula: field.formula, scale };
}

// Rows on which the field and the script disagree, named so a newcomer sees which definition moved.
function disagreements(
  source = DEFAULT_SOURCE,
  scriptHours: (h: Handoff) => number | null = hoursCloseToFirstTouch,
): string[] {
  const field = readField(source);
  const problems: string[] = [];
  for (const row of sampleRows()) {
    const fromField = fieldValue(field, row);
    const hours = scriptHours(handoffOf(row));
    const fromScript = hours === null ? null : round(hours, field.scale);
    if (fromField !== fromScript) {
      problems.push(
        `${row.Id} (closed ${row.Closed_At__c}, first touch ${row.First_Touch_At__c}): ${FIELD} = ${fromField}, npm run metrics = ${fromScript}`,
      );
    }
  }
  return problems;
}

test("the close-to-first-touch field and npm run metrics give the same hours on the same handoffs", () => {
  const problems = disagreements();
  assert.deepEqual(problems, [], `the dashboard and the metrics script count close to first touch differently`);
  const values = sampleRows().map((row) => fieldValue(readField(DEFAULT_SOURCE), row));
  assert.ok(values.filter((v) => v === null).length >= 2, "the sample must include handoffs not touched yet");
  assert.ok(
    values.includes(63.4),
    "Friday 17:45 to Monday 09:10 is 63.4 calendar hours (the weekend counts: the customer waited through it)",
  );
});

test("the dashboard's median by tier is the script's median by tier", () => {
  const field = readField(DEFAULT_SOURCE);
  const rows = sampleRows();
  const result = computeMetrics(rows, { asOf: new Date("2026-12-01T00:00:00Z"), source: "sample", mode: "rest" });
  const tiers = [...new Set(rows.map((r) => handoffOf(r).tier))];
  assert.ok(tiers.length >= 2, "the sample covers more than one tier");
  for (const tier of tiers) {
    const values = rows
      .filter((r) => handoffOf(r).tier === tier)
      .map((r) => fieldValue(field, r))
      .filter((v): v is number => v !== null);
    const script = result.groups.find((g) => g.dimension === "tier" && g.group === tier)!.hoursCloseToFirstTouch;
    assert.equal(script.n, values.length, `${tier}: the report and the script count the same touched handoffs`);
    // The field keeps one decimal and the script whole minutes, so a median of two can differ in the rounding.
    assert.ok(
      Math.abs((median(values) ?? NaN) - (script.median ?? NaN)) <= 0.1,
      `${tier}: report median ${median(values)} h, npm run metrics median ${script.median} h`,
    );
  }
});

test("close to first touch is the time to handoff plus the time to first touch", () => {
  const fields = readObjectFields("Handoff__c");
  const part = (name: string) => fields.get(name)!.formula!;
  for (const row of sampleRows().filter((r) => r.Closed_At__c && r.Submitted_At__c && r.First_Touch_At__c)) {
    const whole = evaluate(part(FIELD), row, FIELD)!;
    const sum =
      evaluate(part("Hours_To_Handoff__c"), row, "Hours_To_Handoff__c")! +
      evaluate(part("Hours_To_First_Touch__c"), row, "Hours_To_First_Touch__c")!;
    assert.ok(
      Math.abs(whole - sum) < 1e-9,
      `${row.Id}: ${whole} h from close to first touch, but the parts add to ${sum}`,
    );
  }
});

test("the agreement check catches a field that counts from the handoff instead of the close", () => {
  const problems = withSourceCopy(
    "close-to-first-touch",
    (source) =>
      replaceInFile(
        join(source, `objects/Handoff__c/fields/${FIELD}.field-meta.xml`),
        "(First_Touch_At__c - Closed_At__c) * 24",
        "(First_Touch_At__c - Submitted_At__c) * 24",
      ),
    (source) => disagreements(source),
  );
  assert.ok(problems.length > 0, "a field counting from the handoff must disagree with the script");
  assert.match(problems.join("\n"), /a0H000000000001AAA .*Hours_Close_To_First_Touch__c = 10, npm run metrics = 34/);
});

test("the agreement check catches a script that counts business days instead of hours", () => {
  const problems = disagreements(DEFAULT_SOURCE, (h) => {
    const hours = hoursCloseToFirstTouch(h);
    return hours === null ? null : hours / 24;
  });
  assert.match(problems.join("\n"), /a0H000000000001AAA .*Hours_Close_To_First_Touch__c = 34, npm run metrics = 1.4/);
});

// The report's side of the promise counts, read from its metadata.
function promiseReportShape(source: string) {
  const { body } = parseMetadataFile(join(source, REPORTS, "Handoff_Promises_by_Status.report-meta.xml"));
  const groupings = asArray(body.groupingsDown).map((g) => text(g.field) ?? "");
  const timeFrame = body.timeFrameFilter as Record<string, unknown> | undefined;
  const statusField = readObjectFields("Handoff_Promise__c", source).get("Status__c")!;
  const definition = (parseMetadataFile(statusField.path).body.valueSet as Record<string, unknown>)
    .valueSetDefinition as Record<string, unknown>;
  return {
    groupings,
    dateColumn: text(timeFrame?.dateColumn),
    statuses: asArray(definition.value).map((v) => text(v.fullName) ?? ""),
  };
}

function promiseDisagreements(source = DEFAULT_SOURCE): string[] {
  const report = promiseReportShape(source);
  const counted = Object.keys(new PromiseAccumulator().result().byStatus);
  const problems: string[] = [];
  if (report.groupings[0] !== "Handoff__c.Handoff_Promises__r$Status__c") {
    problems.push(`the promise report groups first by ${report.groupings[0]}, not by the promise's status`);
  }
  if (report.dateColumn !== "Handoff__c$Closed_At__c") {
    problems.push(
      `the promise report's period runs on ${report.dateColumn}; npm run metrics picks promises by their handoff's close (Closed_At__c)`,
    );
  }
  for (const status of report.statuses.filter((s) => !counted.includes(s))) {
    problems.push(`Handoff_Promise__c.Status__c has "${status}", which npm run metrics does not count`);
  }
  for (const status of counted.filter((s) => !report.statuses.includes(s))) {
    problems.push(`npm run metrics counts "${status}", which is not a value of Handoff_Promise__c.Status__c`);
  }
  return problems;
}

test("the promise report and npm run metrics count the same promises by the same statuses", () => {
  assert.deepEqual(promiseDisagreements(), []);
  assert.ok(
    promiseReportShape(DEFAULT_SOURCE).groupings.includes("Handoff__c$Sales_Owner__c"),
    "the promise report breaks each status down by the rep who made the promise",
  );
});

test("the promise agreement check catches a new status and a report period on another date", () => {
  const problems = withSourceCopy(
    "promise-agreement",
    (source) => {
      replaceInFile(
        join(source, "objects/Handoff_Promise__c/fields/Status__c.field-meta.xml"),
        "</valueSetDefinition>",
        "<value><fullName>Dropped</fullName><default>false</default><label>Dropped</label></value></valueSetDefinition>",
      );
      replaceInFile(
        join(source, REPORTS, "Handoff_Promises_by_Status.report-meta.xml"),
        "<dateColumn>Handoff__c$Closed_At__c</dateColumn>",
        "<dateColumn>Handoff__c.Handoff_Promises__r$Noted_At__c</dateColumn>",
      );
    },
    (source) => promiseDisagreements(source).join("\n"),
  );
  assert.match(problems, /Status__c has "Dropped", which npm run metrics does not count/);
  assert.match(problems, /period runs on Handoff__c\.Handoff_Promises__r\$Noted_At__c/);
});
