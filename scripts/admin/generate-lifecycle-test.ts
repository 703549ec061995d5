// The recorded Apex responses of the CS intake (the Jest fixtures under lwc/*/__tests__/data) replay what
// HandoffLifecycle.actionsFor answers for each handoff row; the Jest tests and the preview's Apex stand-in trust them.
// Apex cannot run here, so every recorded row is generated into
// force-app/test/classes/HandoffLifecycleRecorded_Test.cls, which builds a handoff in memory with the row's status
// first touch and recap state and asserts that actionsFor returns exactly the row's actions: the org's test run proves the
// recordings are true Apex answers.
// tests/lifecycle/recordedLifecycle.test.ts fails when the committed class no longer carries the recorded rows.
//   npm run generate:lifecycle-test            rewrites the Apex test class from the fixtures
//   npm run generate:lifecycle-test -- --check exits 1 when the class is out of date
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { DEFAULT_SOURCE, PROJECT_ROOT } from "../lib/forceApp.ts";
import { apexLabelReferences, labelValues } from "../lib/customLabels.ts";
import {
  apexString,
  formatApex,
  runApexTestGenerator,
  staleApexTestProblem,
  type GeneratedApexTest,
} from "../lib/generatedApexTest.ts";

export const LWC_DIR = join(DEFAULT_SOURCE, "lwc");
export const APEX_TEST_PATH = join(PROJECT_ROOT, "force-app/test/classes/HandoffLifecycleRecorded_Test.cls");
export const LIFECYCLE_CLASS_PATH = join(DEFAULT_SOURCE, "classes/HandoffLifecycle.cls");
const APEX_TEST_CLASS = "HandoffLifecycleRecorded_Test";
const COMMAND = "npm run generate:lifecycle-test";

export interface RecordedAction {
  name: string;
  allowed: boolean;
  disabledReason: string | null;
}

export interface RecordedRow {
  // Where the row was recorded, e.g. "csIntakePanel/__tests__/data/lifecycleRows.json HO-00020".
  source: string;
  status: string | null;
  firstTouchAt: string | null;
  // The customer recap: when it was sent, and the customer's answer; both decide the recap actions.
  recapSentAt: string | null;
  customerConfirmation: string | null;
  actions: RecordedAction[];
}

function actionProblem(action: Partial<RecordedAction>): string | null {
  if (typeof action?.name !== "string" || !action.name) return "an action has no name";
  if (typeof action.allowed !== "boolean") return `action ${action.name}: allowed must be true or false`;
  if (action.disabledReason !== null && typeof action.disabledReason !== "string")
    return `action ${action.name}: disabledReason must be text or null`;
  // HandoffIntakeController.HandoffAction sets allowed from the reason, so Apex never sends one without the other.
  if (action.allowed !== (action.disabledReason === null))
    return `action ${action.name}: Apex sends a disabledReason exactly when allowed is false`;
  return null;
}

// Every handoff row (an object with a status and actions) anywhere in one fixture file.
function rowsIn(value: unknown, found: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(value)) value.forEach((item) => rowsIn(item, found));
  else if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if ("actions" in record && "status" in record) found.push(record);
    else Object.values(record).forEach((item) => rowsIn(item, found));
  }
  return found;
}

function fixtureFiles(lwcDir: string): string[] {
  return readdirSync(lwcDir)
    .sort()
    .map((component) => join(lwcDir, component, "__tests__/data"))
    .filter((dir) => existsSync(dir))
    .flatMap((dir) =>
      readdirSync(dir)
        .filter((file) => file.endsWith(".json"))
        .sort()
        .map((file) => join(dir, file)),
    );
}

// The recorded handoff rows of every component's Jest fixtures, checked to be shaped as Apex sends them.
export function loadRecordedRows(lwcDir = LWC_DIR): RecordedRow[] {
  const rows: RecordedRow[] = [];
  for (const file of fixtureFiles(lwcDir)) {
    for (const row of rowsIn(JSON.parse(readFileSync(file, "utf8")))) {
      const source = `${relative(lwcDir, file)} ${String(row.name ?? row.id ?? "(unnamed row)")}`;
      const fail = (problem: string) => {
        throw new Error(`${file}, row ${String(row.name ?? row.id)}: ${problem}`);
      };
      if (row.status !== null && typeof row.status !== "string") fail("status must be text or null");
      if (row.firstTouchAt !== null && (typeof row.firstTouchAt !== "string" || isNaN(Date.parse(row.firstTouchAt))))
        fail(`firstTouchAt must be an ISO date-time or null, not ${JSON.stringify(row.firstTouchAt)}`);
      for (const field of ["recapSentAt", "customerConfirmation"]) {
        const value = row[field] ?? null;
        if (value !== null && typeof value !== "string") fail(`${field} must be text or null`);
      }
      if (row.recapSentAt && isNaN(Date.parse(row.recapSentAt as string)))
        fail(`recapSentAt must be an ISO date-time or null, not ${JSON.stringify(row.recapSentAt)}`);
      if (!Array.isArray(row.actions) || row.actions.length === 0) fail("actions must list the intake actions");
      const actions = row.actions as Partial<RecordedAction>[];
      const problem = actions.map(actionProblem).find((p) => p !== null);
      if (problem) fail(problem);
      rows.push({
        source,
        status: row.status as string | null,
        firstTouchAt: row.firstTouchAt as string | null,
        recapSentAt: (row.recapSentAt ?? null) as string | null,
        customerConfirmation: (row.customerConfirmation ?? null) as string | null,
        actions: actions as RecordedAction[],
      });
    }
  }
  if (rows.length === 0) throw new Error(`${lwcDir}: no Jest fixture records a handoff row with actions`);
  return rows;
}

// Apex's Datetime.valueOfGmt takes "yyyy-MM-dd HH:mm:ss"; actionsFor only asks whether a first touch is logged.
function apexDatetime(iso: string | null): string {
  if (iso === null) return "null";
  return `Datetime.valueOfGmt(${apexString(new Date(iso).toISOString().slice(0, 19).replace("T", " "))})`;
}

// The Custom Labels HandoffLifecycle.cls reads its reasons from, by their English value (what the fixtures record):
// "Returned to Sales: waiting for the rep to resubmit." -> Handoff_Lifecycle_Returned.
export function lifecycleReasonLabels(
  lifecycleSource = readFileSync(LIFECYCLE_CLASS_PATH, "utf8"),
  englishValues = labelValues(DEFAULT_SOURCE),
): Map<string, string> {
  const byValue = new Map<string, string>();
  const byLowerName = new Map([...englishValues].map(([name, value]) => [name.toLowerCase(), { name, value }]));
  for (const reference of apexLabelReferences(lifecycleSource)) {
    const label = byLowerName.get(reference.toLowerCase());
    if (label) byValue.set(label.value, label.name);
  }
  return byValue;
}

// A recorded reason that is a label's English value is asserted as System.Label.X: the org's test run then compares
// in the running user's language (a German CSM's org passes too) and still proves Apex returns that very label.
function apexReason(reason: string | null, reasonLabels: Map<string, string>): string {
  const label = reason === null ? undefined : reasonLabels.get(reason);
  return label ? `System.Label.${label}` : apexString(reason);
}

function apexAction(action: RecordedAction, reasonLabels: Map<string, string>): string {
  return `describe(${apexString(action.name)}, ${action.allowed}, ${apexReason(action.disabledReason, reasonLabels)})`;
}

export async function apexTestSource(
  rows: RecordedRow[],
  reasonLabels: Map<string, string> = lifecycleReasonLabels(),
): Promise<string> {
  const rowLines = rows.map(
    (row) =>
      `recorded(${apexString(row.source)}, ${apexString(row.status)}, ${apexDatetime(row.firstTouchAt)}, ` +
      `${apexDatetime(row.recapSentAt)}, ${apexString(row.customerConfirmation)}, ` +
      `new List<String>{ ${row.actions.map((action) => apexAction(action, reasonLabels)).join(", ")} })`,
  );
  const source = `// Generated by scripts/admin/generate-lifecycle-test.ts from the Jest fixtures (lwc/*/__tests__/data/*.json):
// do not edit, run ${COMMAND}.
// The org's test run proves that every recorded handoff row carries the actions HandoffLifecycle.actionsFor
// returns, so the Jest tests and the preview's Apex stand-in replay true Apex answers. The fixtures record the English
// reasons; a reason HandoffLifecycle reads from a Custom Label is asserted as that label, so the test holds in any
// running user's language.
@IsTest(isParallel=true)
private class ${APEX_TEST_CLASS} {
  private class Recorded {
    String source;
    Handoff__c handoff;
    List<String> actions;
  }

  private static Recorded recorded(
    String source,
    String status,
    Datetime firstTouchAt,
    Datetime recapSentAt,
    String customerConfirmation,
    List<String> actions
  ) {
    Recorded result = new Recorded();
    result.source = source;
    result.handoff = new Handoff__c(
      Status__c = status,
      First_Touch_At__c = firstTouchAt,
      Recap_Sent_At__c = recapSentAt,
      Customer_Confirmation__c = customerConfirmation
    );
    result.actions = actions;
    return result;
  }

  // One action as the fixture records it: all three fields, so a wrong flag or reworded reason shows.
  private static String describe(String name, Boolean allowed, String disabledReason) {
    return name + ' allowed=' + allowed + ' disabledReason=' + (disabledReason == null ? 'null' : '"' + disabledReason + '"');
  }

  @IsTest
  static void everyRecordedRowCarriesTheActionsApexReturns() {
    List<Recorded> rows = new List<Recorded>{
      ${rowLines.join(",\n      ")}
    };
    List<String> disagreements = new List<String>();
    for (Recorded r : rows) {
      List<String> actual = new List<String>();
      for (HandoffIntakeController.HandoffAction action : HandoffLifecycle.actionsFor(r.handoff)) {
        actual.add(describe(action.name, action.allowed, action.disabledReason));
      }
      if (actual != r.actions) {
        disagreements.add(r.source + ': recorded ' + r.actions + ', Apex returns ' + actual);
      }
    }
    Assert.areEqual(
      new List<String>(),
      disagreements,
      'The Jest fixtures must record what HandoffLifecycle.actionsFor returns: correct the fixture, then run ${COMMAND}'
    );
  }
}
`;
  return formatApex(source, APEX_TEST_PATH);
}

function generated(lwcDir: string, apexPath: string): GeneratedApexTest {
  return {
    apexPath,
    fixturePath: `the Jest fixtures under ${lwcDir}`,
    wouldCheck: "other recorded answers than the Jest tests and the preview replay",
    command: COMMAND,
  };
}

// Why the committed Apex test does not carry the recorded rows; null when it does.
export async function apexTestProblem(lwcDir = LWC_DIR, apexPath = APEX_TEST_PATH): Promise<string | null> {
  return staleApexTestProblem(await apexTestSource(loadRecordedRows(lwcDir)), generated(lwcDir, apexPath));
}

// The single-quoted string literals of an Apex source, unescaped.
function apexLiterals(apexSource: string): Set<string> {
  const literals = new Set<string>();
  for (const [, body] of apexSource.matchAll(/'((?:\\.|[^'\\\n])*)'/g)) {
    literals.add(body.replace(/\\(.)/g, (_, char: string) => ({ n: "\n", t: "\t", r: "\r" })[char] ?? char));
  }
  return literals;
}

// Recorded reasons that HandoffLifecycle.cls neither writes word for word nor reads from a Custom Label whose English
// value they are: wording drift, caught before an org run. (A reason Apex composes from pieces, such as the
// String.format of Handoff_Lifecycle_Status_Closes_Action, would be listed too; none is recorded today.)
export function reasonsNotInApex(
  rows: RecordedRow[],
  lifecycleSource: string,
  englishValues = labelValues(DEFAULT_SOURCE),
): string[] {
  const literals = apexLiterals(lifecycleSource);
  for (const value of lifecycleReasonLabels(lifecycleSource, englishValues).keys()) literals.add(value);
  const missing = new Map<string, string[]>();
  for (const row of rows) {
    for (const action of row.actions) {
      if (action.disabledReason === null || literals.has(action.disabledReason)) continue;
      missing.set(action.disabledReason, [
        ...(missing.get(action.disabledReason) ?? []),
        `${row.source} ${action.name}`,
      ]);
    }
  }
  return [...missing].map(
    ([reason, where]) =>
      `${JSON.stringify(reason)} is not a reason HandoffLifecycle.cls returns (recorded in ${where.join(", ")}); ` +
      "copy Apex's wording (the English value of the label it reads) into the fixture",
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runApexTestGenerator(process.argv.slice(2), generated(LWC_DIR, APEX_TEST_PATH), async () => {
    const rows = loadRecordedRows();
    return { source: await apexTestSource(rows), rowCount: rows.length };
  });
}
