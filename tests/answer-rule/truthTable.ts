// The shared truth table of the answer rule (tests/fixtures/answer-rule-truth-table.json) and the Apex test class
// written from it. Apex cannot run here, so its rows are generated into force-app/test/classes/HandoffAnswerRule_Test.cls
// and the org's test run holds HandoffIntakeChecklist.answerProblem to the same rows as TypeScript and the formulas;
// answerRule.test.ts fails when the committed class no longer carries exactly the table's rows.
//   npm run generate:answer-rule-test            rewrites the Apex test class from the table
//   npm run generate:answer-rule-test -- --check exits 1 when the class is out of date
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import * as prettier from "prettier";
import { PROJECT_ROOT } from "../../scripts/lib/forceApp.ts";

export const TRUTH_TABLE_PATH = join(PROJECT_ROOT, "tests/fixtures/answer-rule-truth-table.json");
export const APEX_TEST_PATH = join(PROJECT_ROOT, "force-app/test/classes/HandoffAnswerRule_Test.cls");
export const APEX_TEST_CLASS = "HandoffAnswerRule_Test";

export type Verdict = "ok" | "blank" | "placeholder" | "too short";
export const VERDICTS: readonly Verdict[] = ["ok", "blank", "placeholder", "too short"];

export interface TruthTableRow {
  name: string;
  // The field's type in force-app (Text, TextArea, LongTextArea, Checkbox, Picklist, Date, Lookup).
  fieldType: string;
  value: string | boolean | null;
  // Placeholder_Answers__c as an admin typed it.
  placeholders: string | null;
  minLength: number;
  expected: Verdict;
}

// The type each runtime sees for a force-app field type: LDS's dataType (the checklist, the preview) and Apex's
// Schema.DisplayType (the intake checklist).
export const RUNTIME_TYPES: Record<string, { lds: string; apex: string }> = {
  Text: { lds: "String", apex: "STRING" },
  TextArea: { lds: "TextArea", apex: "TEXTAREA" },
  LongTextArea: { lds: "TextArea", apex: "TEXTAREA" },
  Checkbox: { lds: "Boolean", apex: "BOOLEAN" },
  Picklist: { lds: "Picklist", apex: "PICKLIST" },
  Date: { lds: "Date", apex: "DATE" },
  Lookup: { lds: "Reference", apex: "REFERENCE" },
};

function rowProblem(row: Partial<TruthTableRow>): string | null {
  if (typeof row.name !== "string" || !row.name.trim()) return "name must be a non-empty text";
  if (typeof row.fieldType !== "string" || !RUNTIME_TYPES[row.fieldType])
    return `fieldType "${row.fieldType}" is not one of ${Object.keys(RUNTIME_TYPES).join(", ")}`;
  if (row.value !== null && !["string", "boolean"].includes(typeof row.value))
    return "value must be text, true, false or null";
  if (row.placeholders !== null && typeof row.placeholders !== "string")
    return "placeholders must be text or null (the setting left blank)";
  if (typeof row.minLength !== "number" || !Number.isInteger(row.minLength) || row.minLength < 0)
    return "minLength must be a whole number, 0 or more";
  if (!VERDICTS.includes(row.expected as Verdict)) return `expected must be one of ${VERDICTS.join(", ")}`;
  return null;
}

export function loadTruthTable(path = TRUTH_TABLE_PATH): TruthTableRow[] {
  const rows = (JSON.parse(readFileSync(path, "utf8")) as { rows?: Partial<TruthTableRow>[] }).rows;
  if (!Array.isArray(rows) || rows.length === 0) throw new Error(`${path}: "rows" must list the table's rows`);
  const names = new Set<string>();
  rows.forEach((row, index) => {
    const problem = rowProblem(row) ?? (names.has(row.name!) ? "its name is used by an earlier row" : null);
    if (problem) throw new Error(`${path}, row ${index + 1} (${JSON.stringify(row.name)}): ${problem}`);
    names.add(row.name!);
  });
  return rows as TruthTableRow[];
}

// An Apex string expression for any text: Apex literals have no escape for a no-break space, so it is joined in.
export function apexString(value: string | null): string {
  if (value === null) return "null";
  const pieces = value.split("\u00a0").map((piece) => {
    let literal = "";
    for (const char of piece) {
      if (char === "\\") literal += "\\\\";
      else if (char === "'") literal += "\\'";
      else if (char === "\t") literal += "\\t";
      else if (char === "\n") literal += "\\n";
      else if (char === "\r") literal += "\\r";
      else if (char < " ") throw new Error(`cannot write character U+${char.charCodeAt(0).toString(16)} into Apex`);
      else literal += char;
    }
    return `'${literal}'`;
  });
  return pieces.flatMap((piece, i) => (i === 0 ? [piece] : ["NBSP", piece])).join(" + ");
}

// Apex judges the displayed value (HandoffIntakeChecklist.displayValue): a checkbox shows "Yes" or "No", a lookup
// the related record's name rather than its Id (and an Id typed into Apex is a PMD error).
const RECORD_ID = /^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/;
const DISPLAYED_LOOKUP_NAME = "Dana Whitfield";
function apexValue(row: TruthTableRow): string {
  if (typeof row.value === "boolean") return apexString(row.value ? "Yes" : "No");
  if (row.fieldType === "Lookup" && row.value !== null && RECORD_ID.test(row.value)) {
    return apexString(DISPLAYED_LOOKUP_NAME);
  }
  return apexString(row.value);
}

export async function apexTestSource(rows: TruthTableRow[]): Promise<string> {
  const rowLines = rows.map(
    (row) =>
      `row(${apexString(row.name)}, Schema.DisplayType.${RUNTIME_TYPES[row.fieldType].apex}, ${apexValue(row)}, ` +
      `${apexString(row.placeholders)}, ${row.minLength}, ${apexString(row.expected)})`,
  );
  const source = `// Generated by tests/answer-rule/truthTable.ts from tests/fixtures/answer-rule-truth-table.json: do not edit,
// run npm run generate:answer-rule-test. The org's test run holds HandoffIntakeChecklist.answerProblem to the rows
// that TypeScript (lwc/handoffRules) and the Closed Won validation rules are held to offline.
@IsTest(isParallel=true)
private class ${APEX_TEST_CLASS} {
  private static final String NBSP = String.fromCharArray(new List<Integer>{ 160 });

  private class Row {
    String name;
    Schema.DisplayType type;
    String value;
    String placeholders;
    Integer minLength;
    String expected;
  }

  private static Row row(String name, Schema.DisplayType type, String value, String placeholders, Integer minLength, String expected) {
    Row result = new Row();
    result.name = name;
    result.type = type;
    result.value = value;
    result.placeholders = placeholders;
    result.minLength = minLength;
    result.expected = expected;
    return result;
  }

  @IsTest
  static void judgesEveryAnswerAsTheSharedTruthTableSays() {
    List<Row> rows = new List<Row>{
      ${rowLines.join(",\n      ")}
    };
    List<String> disagreements = new List<String>();
    for (Row r : rows) {
      String problem = HandoffIntakeChecklist.answerProblem(
        r.value,
        r.type,
        HandoffIntakeChecklist.placeholderKeys(r.placeholders),
        r.minLength
      );
      String actual = problem ?? 'ok';
      if (!actual.equals(r.expected)) {
        disagreements.add(r.name + ': the truth table says ' + r.expected + ', Apex says ' + actual);
      }
    }
    Assert.areEqual(
      new List<String>(),
      disagreements,
      'HandoffIntakeChecklist.answerProblem must judge answers as tests/fixtures/answer-rule-truth-table.json says'
    );
  }
}
`;
  const options = (await prettier.resolveConfig(APEX_TEST_PATH)) ?? {};
  return prettier.format(source, { ...options, filepath: APEX_TEST_PATH });
}

// Why the committed Apex test does not carry the table's rows; null when it does.
export async function apexTestProblem(tablePath = TRUTH_TABLE_PATH, apexPath = APEX_TEST_PATH): Promise<string | null> {
  const expected = await apexTestSource(loadTruthTable(tablePath));
  let actual: string;
  try {
    actual = readFileSync(apexPath, "utf8");
  } catch {
    return `${apexPath} is missing: run npm run generate:answer-rule-test`;
  }
  if (actual === expected) return null;
  const expectedLines = expected.split("\n");
  const actualLines = actual.split("\n");
  const line = expectedLines.findIndex((text, i) => text !== actualLines[i]);
  return (
    `${apexPath} does not carry the rows of ${tablePath} (first difference at line ${line + 1}: ` +
    `${JSON.stringify(actualLines[line] ?? "")} instead of ${JSON.stringify(expectedLines[line] ?? "")}), so the ` +
    "org's Apex tests would check another answer rule. Run npm run generate:answer-rule-test."
  );
}

async function main(args: string[]): Promise<number> {
  if (args.includes("--check")) {
    const problem = await apexTestProblem();
    console.log(problem ?? `${APEX_TEST_CLASS} carries every row of the answer-rule truth table.`);
    return problem ? 1 : 0;
  }
  const rows = loadTruthTable();
  writeFileSync(APEX_TEST_PATH, await apexTestSource(rows));
  console.log(`wrote ${APEX_TEST_PATH} with ${rows.length} rows`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
