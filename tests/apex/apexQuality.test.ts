// The project's Apex, offline: it parses, it is Prettier-formatted, PMD finds nothing in the Security, Performance and
// Error Prone categories, every class has a test class and every class is API 66.0. The same checks run on broken
// copies in a temp dir to show each one reports a realistic mistake by file and problem.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  apexFiles,
  classesWithoutTests,
  describeProblem,
  formattingProblems,
  metaProblems,
  pmdProblems,
  syntaxProblems,
  type ApexProblem,
} from "./apexQuality.ts";

const projectFiles = apexFiles();
const brokenDir = mkdtempSync(join(tmpdir(), "broken-apex-"));
const META = readFileSync(
  join(import.meta.dirname, "../../force-app/main/default/classes/HandoffSettings.cls-meta.xml"),
  "utf8",
);

function writeClass(name: string, source: string, meta = META): string {
  const path = join(brokenDir, `${name}.cls`);
  writeFileSync(path, source);
  writeFileSync(`${path}-meta.xml`, meta);
  return path;
}

// Realistic mistakes, each in its own file so a report can be traced to the mistake.
const soqlInLoop = writeClass(
  "BrokenSoqlInLoop",
  `public with sharing class BrokenSoqlInLoop {
  public static void run(List<Id> ids) {
    for (Id handoffId : ids) {
      List<Handoff__c> rows = [SELECT Id FROM Handoff__c WHERE Id = :handoffId WITH USER_MODE];
    }
  }
}
`,
);
const noSharing = writeClass(
  "BrokenNoSharing",
  `public class BrokenNoSharing {
  public static List<Handoff__c> all() {
    return [SELECT Id FROM Handoff__c WHERE Status__c = 'Draft' WITH USER_MODE LIMIT 10];
  }
}
`,
);
const syntaxError = writeClass(
  "BrokenSyntax",
  "public with sharing class BrokenSyntax {\n  public static void run() {\n    Integer x = ;\n  }\n}\n",
);
const unformatted = writeClass(
  "BrokenFormat",
  "public with sharing class BrokenFormat {\npublic static Integer two() { return 1+1; }\n}\n",
);
const oldVersion = writeClass(
  "BrokenVersion",
  "public with sharing class BrokenVersion {\n}\n",
  META.replace("66.0", "58.0"),
);
const brokenFiles = [soqlInLoop, noSharing, syntaxError, unformatted, oldVersion];

let pmdByFile = new Map<string, ApexProblem[]>();

before(async () => {
  // One PMD run for the project and the broken copies: the JVM start dominates the time.
  const all = await pmdProblems([...projectFiles, soqlInLoop, noSharing]);
  pmdByFile = new Map();
  for (const p of all) pmdByFile.set(p.file, [...(pmdByFile.get(p.file) ?? []), p]);
});

test("the project has Apex to check", () => {
  assert.ok(projectFiles.length > 0, "no .cls files found under force-app: the check would pass on nothing");
});

test("all Apex parses", () => {
  assert.deepEqual(syntaxProblems(projectFiles).map(describeProblem), []);
});

test("all Apex is Prettier-formatted", async () => {
  assert.deepEqual((await formattingProblems(projectFiles)).map(describeProblem), []);
});

test("PMD finds no Security, Performance or Error Prone violation", () => {
  const problems = projectFiles.flatMap((f) => pmdByFile.get(f) ?? []);
  assert.deepEqual(problems.map(describeProblem), []);
});

test("every class has a test class and every class is API 66.0", () => {
  assert.deepEqual([...classesWithoutTests(projectFiles), ...metaProblems(projectFiles)].map(describeProblem), []);
});

test("broken copy: a syntax error is reported with its line", () => {
  const problems = syntaxProblems(brokenFiles);
  assert.equal(problems.length > 0, true, "the syntax error was not found");
  assert.ok(
    problems.every((p) => p.file === syntaxError),
    `only BrokenSyntax.cls is broken: ${problems.map(describeProblem).join("; ")}`,
  );
  assert.equal(problems[0].line, 3, "the error is on line 3");
});

test("broken copy: unformatted Apex is reported", async () => {
  const problems = await formattingProblems([unformatted]);
  assert.deepEqual(
    problems.map((p) => p.file),
    [unformatted],
  );
  assert.match(describeProblem(problems[0]), /BrokenFormat\.cls: not Prettier-formatted/);
});

test("broken copy: PMD reports a SOQL query in a loop and a class without sharing", () => {
  const loop = (pmdByFile.get(soqlInLoop) ?? []).map(describeProblem).join("\n");
  assert.match(loop, /BrokenSoqlInLoop\.cls:4: PMD OperationWithLimitsInLoop/, `got: ${loop}`);
  const sharing = (pmdByFile.get(noSharing) ?? []).map(describeProblem).join("\n");
  assert.match(sharing, /BrokenNoSharing\.cls:\d+: PMD ApexSharingViolations/, `got: ${sharing}`);
});

test("broken copy: a class without test class and an old API version are reported", () => {
  const missing = classesWithoutTests([...brokenFiles]).map(describeProblem);
  assert.ok(
    missing.some((p) => /class BrokenNoSharing has no test class/.test(p)),
    missing.join("; "),
  );
  const versions = metaProblems(brokenFiles).map(describeProblem);
  assert.deepEqual(versions.length, 1, versions.join("; "));
  assert.match(versions[0], /BrokenVersion\.cls-meta\.xml: apiVersion is 58\.0, expected 66\.0/);
});
