// Apex test classes written from a JSON fixture (the answer-rule truth table, the recorded intake lifecycle rows).
// Apex cannot run here, so the rows are generated into a committed test class that the org's test run executes, and a
// node test fails when the committed class no longer matches the fixture. This file holds what those generators
// share: Apex string literals, formatting as the repo's Prettier does, and the stale-class check with its fix.
import { readFileSync, writeFileSync } from "node:fs";
import * as prettier from "prettier";

// An Apex string expression for any text: Apex literals have no escape for a no-break space, so it is joined in
// from a NBSP constant the generated class declares.
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

// The class as `npm run format` would leave it, so a generated file passes format:check.
export async function formatApex(source: string, apexPath: string): Promise<string> {
  const options = (await prettier.resolveConfig(apexPath)) ?? {};
  return prettier.format(source, { ...options, filepath: apexPath });
}

export interface GeneratedApexTest {
  apexPath: string;
  // The fixture the rows come from, named in the message.
  fixturePath: string;
  // What the org would check instead when the class is stale, e.g. "another answer rule".
  wouldCheck: string;
  // The command that rewrites the class, e.g. "npm run generate:answer-rule-test".
  command: string;
}

// Why the committed Apex test does not carry the fixture's rows; null when it does. expected: the class generated now.
export function staleApexTestProblem(expected: string, generated: GeneratedApexTest): string | null {
  const { apexPath, fixturePath, wouldCheck, command } = generated;
  let actual: string;
  try {
    actual = readFileSync(apexPath, "utf8");
  } catch {
    return `${apexPath} is missing: run ${command}`;
  }
  if (actual === expected) return null;
  const expectedLines = expected.split("\n");
  const actualLines = actual.split("\n");
  const line = expectedLines.findIndex((text, i) => text !== actualLines[i]);
  return (
    `${apexPath} does not carry the rows of ${fixturePath} (first difference at line ${line + 1}: ` +
    `${JSON.stringify(actualLines[line] ?? "")} instead of ${JSON.stringify(expectedLines[line] ?? "")}), so the ` +
    `org's Apex tests would check ${wouldCheck}. Run ${command}.`
  );
}

// The generator's command line: write the class, or with --check exit 1 when the committed class is stale.
export async function runApexTestGenerator(
  args: string[],
  generated: GeneratedApexTest,
  build: () => Promise<{ source: string; rowCount: number }>,
): Promise<number> {
  const { source, rowCount } = await build();
  if (args.includes("--check")) {
    const problem = staleApexTestProblem(source, generated);
    console.log(problem ?? `${generated.apexPath} carries every row of ${generated.fixturePath}.`);
    return problem ? 1 : 0;
  }
  writeFileSync(generated.apexPath, source);
  console.log(`wrote ${generated.apexPath} with ${rowCount} rows`);
  return 0;
}
