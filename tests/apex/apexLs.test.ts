// apex-ls over force-app must report nothing at warning level: what it reports, the Apex compiler refuses at deploy
// time. A broken copy shows it catches the mistakes that once blocked a deploy, each reported on its own file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, copyFileSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { PROJECT_ROOT } from "../../scripts/lib/forceApp.ts";
import { copyForceApp, editFile, makeTempDir, removeTempDir, writeFile } from "../lib/tempTree.ts";
import { apexLsIssues, findJava, javaVersion, type ApexLsIssue } from "./apexLs.ts";

const describe = (issues: ApexLsIssue[], root: string) =>
  issues.map((i) => `${relative(root, i.file)}:${i.line}: ${i.category}: ${i.message}`).join("\n");

test("apex-ls finds nothing to fix in force-app", () => {
  const issues = apexLsIssues(PROJECT_ROOT);
  assert.deepEqual(
    issues,
    [],
    `apex-ls reports what the Apex compiler would refuse on deploy:\n${describe(issues, PROJECT_ROOT)}`,
  );
});

test("apex-ls reports a reserved identifier, an unknown field and a type error, each on its file", () => {
  const dir = makeTempDir("apex-ls-broken");
  try {
    const forceApp = copyForceApp(dir);
    copyFileSync(join(PROJECT_ROOT, "sfdx-project.json"), join(dir, "sfdx-project.json"));
    const classes = join(forceApp, "main/default/classes");
    const meta = readFileSync(join(classes, "HandoffSettings.cls-meta.xml"), "utf8");
    // The deploy blocker this check exists for: `when` belongs to switch and cannot name a variable.
    const reserved = join(classes, "HandoffIntakeService.cls");
    editFile(reserved, (source) => source.replaceAll("firstTouchAt", "when"));
    const unknownField = join(classes, "BrokenHandoffField.cls");
    writeFile(
      unknownField,
      "public with sharing class BrokenHandoffField {\n  public static Object status(Handoff__c handoff) {\n    return handoff.Handof_Status__c;\n  }\n}\n",
    );
    writeFile(`${unknownField}-meta.xml`, meta);
    // In the test folder, to show the test classes are checked too.
    const typeError = join(forceApp, "test/classes/BrokenHoursType.cls");
    writeFile(
      typeError,
      "@IsTest\nprivate class BrokenHoursType {\n  @IsTest\n  static void hours() {\n    Integer hours = 'forty-eight';\n    Assert.isNotNull(hours, 'hours');\n  }\n}\n",
    );
    writeFile(`${typeError}-meta.xml`, meta);

    const issues = apexLsIssues(dir);
    const on = (file: string) => issues.filter((i) => i.file === file).map((i) => i.message);
    const report = describe(issues, dir);
    assert.ok(
      on(reserved).some((m) => m.includes("'when' is a reserved identifier")),
      `the variable named when in HandoffIntakeService.cls is not reported:\n${report}`,
    );
    assert.ok(
      on(unknownField).some((m) => m.includes("Unknown field 'Handof_Status__c'")),
      `the misspelled Handoff__c field in BrokenHandoffField.cls is not reported:\n${report}`,
    );
    assert.ok(
      on(typeError).some((m) => m.includes("Incompatible types")),
      `assigning a String to an Integer in BrokenHoursType.cls is not reported:\n${report}`,
    );
  } finally {
    removeTempDir(dir);
  }
});

test("apex-ls refuses a folder that is not an SFDX project instead of reporting it clean", () => {
  const dir = makeTempDir("apex-ls-empty");
  try {
    assert.throws(() => apexLsIssues(dir), /has no sfdx-project\.json/);
  } finally {
    removeTempDir(dir);
  }
});

function fakeJdk(root: string, name: string, release: string | undefined, versionOutput = ""): string {
  const home = join(root, name);
  const java = join(home, "bin/java");
  writeFile(java, `#!/bin/sh\necho '${versionOutput}' >&2\n`);
  chmodSync(java, 0o755);
  if (release !== undefined) writeFile(join(home, "release"), `JAVA_VERSION="${release}"\n`);
  return home;
}

test("without Java 21+ the check stops with one line saying what to install", () => {
  const dir = makeTempDir("apex-ls-java");
  try {
    const old = fakeJdk(dir, "jdk-17", "17.0.15");
    const jvms = join(dir, "jvm");
    fakeJdk(jvms, "java-11", "11.0.2");
    let message = "";
    assert.throws(
      () => findJava({ env: { JAVA_HOME: old, PATH: join(old, "bin") }, jvmRoots: [jvms] }),
      (error: Error) => ((message = error.message), true),
    );
    assert.match(message, /^apex-ls needs Java 21 or newer and none was found/, "the error names what is needed");
    assert.match(message, /JAVA_HOME: Java 17/, "the error says what JAVA_HOME points at");
    assert.match(message, /java-11: Java 11/, "the error lists the installed JVMs it looked at");
    assert.match(message, /set JAVA_HOME/, "the error says how to point the check at a new JDK");
    assert.ok(!message.includes("\n"), `the error is one line:\n${message}`);
  } finally {
    removeTempDir(dir);
  }
});

test("an installed JDK 21+ is found when JAVA_HOME and PATH hold an older one", () => {
  const dir = makeTempDir("apex-ls-java");
  try {
    const old = fakeJdk(dir, "jdk-17", "17.0.15");
    const jvms = join(dir, "jvm");
    fakeJdk(jvms, "java-17", "17.0.15");
    const newest = fakeJdk(jvms, "temurin-25", "25.0.3");
    fakeJdk(jvms, "temurin-21", "21.0.4");
    const found = findJava({ env: { JAVA_HOME: old, PATH: join(old, "bin") }, jvmRoots: [jvms] });
    assert.equal(found.java, join(newest, "bin/java"), "the newest installed JDK is used");
    assert.equal(found.version, 25);
    const preferred = findJava({ env: { JAVA_HOME: join(jvms, "temurin-21"), PATH: "" }, jvmRoots: [jvms] });
    assert.equal(preferred.version, 21, "a JAVA_HOME that is new enough wins over the installed JDKs");
  } finally {
    removeTempDir(dir);
  }
});

test("a JVM without a release file is asked for its version", () => {
  const dir = makeTempDir("apex-ls-java");
  try {
    const home = fakeJdk(dir, "old", undefined, 'java version "1.8.0_392"');
    assert.equal(javaVersion(join(home, "bin/java")), 8, "Java 8 reports itself as 1.8");
    const modern = fakeJdk(dir, "modern", undefined, 'openjdk version "21.0.4" 2024-07-16');
    assert.equal(javaVersion(join(modern, "bin/java")), 21);
  } finally {
    removeTempDir(dir);
  }
});
