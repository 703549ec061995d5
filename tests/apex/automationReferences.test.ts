// Everything the handoff flows and Apex find by name exists in force-app; broken copies show each check reports
// the file and the missing name.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_SOURCE } from "../../scripts/lib/forceApp.ts";
import {
  apexCustomNameProblems,
  describeReference,
  flowApexActionProblems,
  flowLookupProblems,
  flowLookupsByName,
  namedCredentialProblems,
  settingsGroupProblems,
} from "./automationReferences.ts";

const FOLDERS = [
  "objects",
  "classes",
  "flows",
  "notificationtypes",
  "email",
  "groups",
  "queues",
  "customMetadata",
  "namedCredentials",
  "externalCredentials",
];

function copyOfSource(): string {
  const dir = mkdtempSync(join(tmpdir(), "broken-refs-"));
  for (const folder of FOLDERS) cpSync(join(DEFAULT_SOURCE, folder), join(dir, folder), { recursive: true });
  return dir;
}

function edit(path: string, from: string | RegExp, to: string): void {
  const before = readFileSync(path, "utf8");
  const after = before.replace(from, to);
  assert.notEqual(after, before, `the edit to ${path} changed nothing: the test is out of date`);
  writeFileSync(path, after);
}

test("Apex names only custom objects and fields that exist", () => {
  assert.deepEqual(apexCustomNameProblems().map(describeReference), []);
});

test("flows call existing Apex actions with their real parameter names", () => {
  assert.deepEqual(flowApexActionProblems().map(describeReference), []);
});

test("notification types, email templates, groups and settings looked up by flows exist", () => {
  const looked = new Set(flowLookupsByName().map((l) => `${l.object}:${l.developerName}`));
  for (const expected of [
    "CustomNotificationType:Handoff_Notification",
    "CustomNotificationType:Handoff_Escalation",
    "EmailTemplate:Handoff_Assigned_CSM",
    "Handoff_Setting__mdt:Default",
  ]) {
    assert.ok(looked.has(expected), `no flow looks up ${expected}: the check below would pass on nothing`);
  }
  assert.deepEqual(flowLookupProblems().map(describeReference), []);
});

test("Apex callouts use a Named Credential whose External Credential exists", () => {
  assert.deepEqual(namedCredentialProblems().map(describeReference), []);
});

test("the groups and queue named in the settings exist", () => {
  assert.deepEqual(settingsGroupProblems().map(describeReference), []);
});

test("broken copies: each missing name is reported with its file", () => {
  const dir = copyOfSource();
  try {
    edit(
      join(dir, "classes/AssignCsOwnerAction.cls"),
      "CS_Out_Of_Office__c = FALSE\n        WITH SYSTEM_MODE\n        ORDER BY Id",
      "CS_Away__c = FALSE\n        WITH SYSTEM_MODE\n        ORDER BY Id",
    );
    edit(
      join(dir, "flows/Opportunity_After_Save_Closed_Won_Handoff.flow-meta.xml"),
      "<name>notifyRecipientId</name>",
      "<name>notifyRecipient</name>",
    );
    edit(
      join(dir, "flows/Opportunity_After_Save_Reopened_Handoff.flow-meta.xml"),
      "<actionName>RecordHandoffAutomationErrorAction</actionName>",
      "<actionName>RecordHandoffError</actionName>",
    );
    edit(
      join(dir, "flows/Handoff_After_Save_SLA_Escalation.flow-meta.xml"),
      "<stringValue>Handoff_Escalation</stringValue>",
      "<stringValue>Handoff_Escalations</stringValue>",
    );
    rmSync(join(dir, "externalCredentials/Slack_Handoff.externalCredential-meta.xml"));
    edit(join(dir, "customMetadata/Handoff_Setting.Default.md-meta.xml"), ">CS_Low_Touch<", ">CS_Low<");

    const found = [
      ...apexCustomNameProblems(dir),
      ...flowApexActionProblems(dir),
      ...flowLookupProblems(dir),
      ...namedCredentialProblems(dir),
      ...settingsGroupProblems(dir),
    ].map(describeReference);
    const expected = [
      /AssignCsOwnerAction\.cls: CS_Away__c is not a custom object or field/,
      /Opportunity_After_Save_Closed_Won_Handoff\.flow-meta\.xml: Assign_CS_Owner passes or reads "notifyRecipient", which is not an @InvocableVariable of AssignCsOwnerAction/,
      /Opportunity_After_Save_Reopened_Handoff\.flow-meta\.xml: Record_Reopen_Fault calls Apex action RecordHandoffError, which is not a class/,
      /Handoff_After_Save_SLA_Escalation\.flow-meta\.xml: Get_Escalation_Type looks up CustomNotificationType "Handoff_Escalations"/,
      /Slack_Handoff\.namedCredential-meta\.xml: Named Credential Slack_Handoff uses External Credential Slack_Handoff, which is not in/,
      /Handoff_Setting\.Default\.md-meta\.xml: Low_Touch_CS_Group__c names CS_Low, which is not in force-app\/groups/,
    ];
    for (const pattern of expected)
      assert.ok(
        found.some((p) => pattern.test(p)),
        `not reported: ${pattern}\nreported:\n${found.join("\n")}`,
      );
    assert.equal(found.length, expected.length, `unexpected extra reports:\n${found.join("\n")}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
