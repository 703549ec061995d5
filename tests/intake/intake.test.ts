// The CS intake feature (issue 5) offline: each check passes on the real source and names the file and the problem
// on a copy broken the way a person would break it.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  apexAccessProblems,
  apexFieldReferenceProblems,
  appProblems,
  describeIntakeProblems,
  intakeApexFiles,
  intakeTabProblems,
  loopProblems,
  salesSideCopyProblems,
  statusAgreementProblems,
  type IntakeProblem,
} from "./intakeChecks.ts";
import { copyForceApp, editFile, makeTempDir, removeTempDir, replaceOnce } from "../lib/tempTree.ts";

function assertReports(problems: IntakeProblem[], file: string, fragment: string, what: string): void {
  const found = problems.some((p) => p.file.endsWith(file) && p.problem.includes(fragment));
  assert.ok(
    found,
    `${what}: expected a problem in ${file} mentioning "${fragment}", got:\n${describeIntakeProblems(problems)}`,
  );
}

describe("CS intake metadata and Apex, as committed", () => {
  it("the Sales to CS Handoff app shows the intake tab, handoffs, opportunities, reports and dashboards", () => {
    const problems = appProblems();
    assert.deepEqual(problems, [], `Lightning app problems:\n${describeIntakeProblems(problems)}`);
  });

  it("the CS Intake tab opens the exposed csIntakePanel component", () => {
    const problems = intakeTabProblems();
    assert.deepEqual(problems, [], `CS Intake tab problems:\n${describeIntakeProblems(problems)}`);
  });

  it("status values agree across the picklists, the Apex and the panel", () => {
    const problems = statusAgreementProblems();
    assert.deepEqual(problems, [], `Status values out of step:\n${describeIntakeProblems(problems)}`);
  });

  it("the Sales-side statuses are written once, in Handoff__c.With_Sales__c", () => {
    const problems = salesSideCopyProblems();
    assert.deepEqual(problems, [], `second copies of the Sales-side statuses:\n${describeIntakeProblems(problems)}`);
  });

  it("the intake Apex is found, names only fields that exist, runs in user mode and never queries in a loop", () => {
    const files = intakeApexFiles();
    assert.ok(
      files.length >= 6,
      `expected the intake classes under force-app/main/default/classes, found ${files.length}`,
    );
    const problems = [
      ...apexFieldReferenceProblems(undefined, files),
      ...apexAccessProblems(files),
      ...loopProblems(files),
    ];
    assert.deepEqual(problems, [], `Apex problems:\n${describeIntakeProblems(problems)}`);
  });
});

describe("CS intake checks catch realistic mistakes", () => {
  let dir: string;
  let source: string;
  const classes = () => join(source, "classes");

  before(() => {
    dir = makeTempDir("intake-checks");
    source = join(copyForceApp(dir), "main/default");
  });
  after(() => removeTempDir(dir));

  it("reports an app tab with a typo, a missing required tab and a landing tab outside the app", () => {
    const app = join(source, "applications/Sales_to_CS_Handoff.app-meta.xml");
    editFile(app, (xml) =>
      replaceOnce(
        replaceOnce(
          replaceOnce(xml, "<tabs>CS_Intake</tabs>", "<tabs>CS_Intak</tabs>"),
          "<tabs>standard-report</tabs>\n",
          "",
        ),
        "<tabs>Handoff__c</tabs>\n",
        "",
      ),
    );
    const problems = appProblems(source);
    assertReports(problems, "Sales_to_CS_Handoff.app-meta.xml", "tab CS_Intak does not exist", "misspelt tab");
    assertReports(
      problems,
      "Sales_to_CS_Handoff.app-meta.xml",
      "must show the standard-report tab",
      "reports tab removed",
    );
    assertReports(
      problems,
      "Sales_to_CS_Handoff.app-meta.xml",
      "defaultLandingTab Handoff__c",
      "landing tab not in the app",
    );
  });

  it("reports a tab whose component is not exposed to tabs", () => {
    const meta = join(source, "lwc/csIntakePanel/csIntakePanel.js-meta.xml");
    editFile(meta, (xml) => replaceOnce(xml, "<target>lightning__Tab</target>", ""));
    assertReports(intakeTabProblems(source), "csIntakePanel.js-meta.xml", "lightning__Tab", "tab target removed");
  });

  it("reports a promise status the picklist does not have, and a panel filter on a status that does not exist", () => {
    editFile(join(source, "objects/Handoff_Promise__c/fields/Status__c.field-meta.xml"), (xml) =>
      xml.replace(/\s*<value>\s*<fullName>At Risk<\/fullName>[\s\S]*?<\/value>/, ""),
    );
    editFile(join(source, "lwc/csIntakeModel/csIntakeModel.ts"), (ts) =>
      replaceOnce(
        ts,
        '{ value: "Info Requested", label: "Info Requested" }',
        '{ value: "Info Needed", label: "Info Needed" }',
      ),
    );
    const problems = statusAgreementProblems(source);
    assertReports(
      problems,
      "HandoffPromiseService.cls",
      "must equal the Handoff_Promise__c.Status__c values",
      "picklist lost At Risk",
    );
    assertReports(problems, "csIntakeModel.ts", 'PROMISE_STATUSES offers "At Risk"', "panel offers a removed status");
    assertReports(
      problems,
      "csIntakeModel.ts",
      'status "Info Needed" is not a Handoff__c.Status__c value',
      "misspelt filter",
    );
  });

  it("reports a lifecycle status the Handoff__c.Status__c picklist does not have", () => {
    editFile(join(classes(), "HandoffLifecycle.cls"), (apex) =>
      replaceOnce(apex, "STATUS_RETURNED = 'Returned'", "STATUS_RETURNED = 'Sent Back'"),
    );
    assertReports(
      statusAgreementProblems(source),
      "HandoffLifecycle.cls",
      'status "Sent Back" is not a Handoff__c.Status__c value',
      "lifecycle status renamed in Apex only",
    );
    editFile(join(classes(), "HandoffLifecycle.cls"), (apex) =>
      replaceOnce(apex, "STATUS_RETURNED = 'Sent Back'", "STATUS_RETURNED = 'Returned'"),
    );
  });

  it("reports the Sales-side statuses listed again in Apex or in a formula field", () => {
    editFile(join(classes(), "HandoffIntakeController.cls"), (apex) =>
      replaceOnce(
        apex,
        "salesSide = record.With_Sales__c == true;",
        "salesSide =\n        new Set<String>{ 'Draft', 'Info Requested', 'Returned' }.contains(record.Status__c) ||\n" +
          "        (record.Status__c == 'Escalated' && record.Submitted_At__c == null);",
      ),
    );
    editFile(join(source, "objects/Handoff__c/fields/Current_SLA_Due_At__c.field-meta.xml"), (xml) =>
      replaceOnce(
        xml,
        "IF(With_Sales__c,",
        "IF(OR(ISPICKVAL(Status__c, &quot;Draft&quot;), ISPICKVAL(Status__c, &quot;Info Requested&quot;), " +
          "ISPICKVAL(Status__c, &quot;Returned&quot;), AND(ISPICKVAL(Status__c, &quot;Escalated&quot;), " +
          "ISBLANK(Submitted_At__c))),",
      ),
    );
    const problems = salesSideCopyProblems(source);
    assertReports(problems, "HandoffIntakeController.cls", "read Handoff__c.With_Sales__c", "status set in Apex");
    assertReports(problems, "Current_SLA_Due_At__c.field-meta.xml", "Sales-side statuses", "formula copy");
    assert.equal(problems.length, 2, `exactly the two copies, got:\n${describeIntakeProblems(problems)}`);
    const apexProblem = problems.find((p) => p.file.endsWith("HandoffIntakeController.cls"));
    const apexLines = readFileSync(join(classes(), "HandoffIntakeController.cls"), "utf8").split("\n");
    assert.match(
      apexLines[(apexProblem?.line ?? 0) - 1] ?? "",
      /salesSide =/,
      "the problem points at the line where the copied statement starts",
    );
  });

  it("reports a misspelt field and relationship in the Apex", () => {
    const selector = join(classes(), "HandoffIntakeSelector.cls");
    editFile(selector, (apex) =>
      apex.replace("Verified_Items__c", "Verifed_Items__c").replace("CS_Owner__r.Name", "CSOwner__r.Name"),
    );
    const problems = apexFieldReferenceProblems(source, intakeApexFiles(source));
    assertReports(problems, "HandoffIntakeSelector.cls", "Verifed_Items__c is not a field", "misspelt field");
    assertReports(problems, "HandoffIntakeSelector.cls", "CSOwner__r is not a relationship", "misspelt relationship");
  });

  it("reports system-mode access: without sharing, SOQL without USER_MODE, DML without as user, Database call without AccessLevel", () => {
    const promises = join(classes(), "HandoffPromiseService.cls");
    editFile(promises, (apex) =>
      replaceOnce(
        replaceOnce(
          apex,
          "public with sharing class HandoffPromiseService",
          "public without sharing class HandoffPromiseService",
        ),
        "insert as user toInsert;",
        "insert toInsert;",
      ),
    );
    const selector = join(classes(), "HandoffIntakeSelector.cls");
    editFile(selector, (apex) =>
      replaceOnce(
        replaceOnce(apex, /WHERE Id IN :promiseIds\s+WITH USER_MODE/, "WHERE Id IN :promiseIds"),
        "Database.queryWithBinds(soql, binds, AccessLevel.USER_MODE)",
        "Database.queryWithBinds(soql, binds, AccessLevel.SYSTEM_MODE)",
      ),
    );
    const problems = apexAccessProblems(intakeApexFiles(source));
    assertReports(problems, "HandoffPromiseService.cls", "must be declared with sharing", "without sharing");
    assertReports(problems, "HandoffPromiseService.cls", 'DML without "as user"', "system-mode insert");
    assertReports(problems, "HandoffIntakeSelector.cls", "SOQL without WITH USER_MODE", "system-mode inline query");
    assertReports(
      problems,
      "HandoffIntakeSelector.cls",
      "Database.queryWithBinds without AccessLevel.USER_MODE",
      "system-mode dynamic query",
    );
  });

  it("lets only the setup-object reads of selectCsUsers run in system mode, and only when they say so", () => {
    const selector = join(classes(), "HandoffIntakeSelector.cls");
    editFile(selector, (apex) =>
      replaceOnce(
        replaceOnce(
          apex,
          /WHERE Handoff__c IN :handoffIds\s+WITH USER_MODE/,
          "WHERE Handoff__c IN :handoffIds\n      WITH SYSTEM_MODE",
        ),
        /(FROM PermissionSetAssignment[\s\S]*?)WITH SYSTEM_MODE\s+/,
        "$1",
      ),
    );
    const problems = apexAccessProblems(intakeApexFiles(source)).filter((p) =>
      p.file.endsWith("HandoffIntakeSelector.cls"),
    );
    assertReports(
      problems,
      "HandoffIntakeSelector.cls",
      "SELECTId,Handoff__c,Promise__c,Line_Number__c",
      "promises read in system mode",
    );
    assertReports(problems, "HandoffIntakeSelector.cls", "FROMPermissionSetAssignment", "access mode left implicit");
    assert.ok(
      !problems.some((p) => p.problem.includes("FROMPermissionSetGroupComponent")),
      `the PermissionSetGroupComponent read says WITH SYSTEM_MODE and must pass:\n${describeIntakeProblems(problems)}`,
    );
  });

  it("reports a query and a DML statement moved inside a loop", () => {
    const service = join(classes(), "HandoffIntakeService.cls");
    editFile(service, (apex) =>
      replaceOnce(
        apex,
        "for (Handoff__c handoff : plan.allowed) {\n      Handoff__c change",
        "for (Handoff__c handoff : plan.allowed) {\n      List<Handoff__c> again = HandoffIntakeSelector.selectByIds(new Set<Id>{ handoff.Id });\n      Handoff__c change",
      ),
    );
    const promises = join(classes(), "HandoffPromiseService.cls");
    editFile(promises, (apex) =>
      replaceOnce(
        apex,
        /toInsert\.add\(\s*new Handoff_Promise__c\(/,
        "insert as user new Handoff_Promise__c(Handoff__c = handoff.Id);\n        toInsert.add(new Handoff_Promise__c(",
      ),
    );
    const problems = loopProblems(intakeApexFiles(source));
    assertReports(problems, "HandoffIntakeService.cls", "HandoffIntakeSelector.selectByIds", "selector call in a loop");
    assertReports(problems, "HandoffPromiseService.cls", "query or DML inside a loop", "insert in a loop");
  });
});
