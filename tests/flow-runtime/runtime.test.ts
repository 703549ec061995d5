// The flow runtime's own behaviour, on small flows written for each test (Account and Contact, which the handoff
// flows do not touch): what it refuses to run, fault paths, entry conditions, $Record__Prior, loops, bulk counting,
// governor limits and the running user of scheduled paths.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FLOWS_DIR } from "../flows/flowModel.ts";
import { MUTATIONS } from "./mutate.ts";
import { FlowRuntime, LimitExceeded, UnsupportedByRuntime } from "./runtime.ts";

function flow(name: string, start: string, elements: string): [string, string] {
  return [
    name,
    `<?xml version="1.0" encoding="UTF-8"?>
<Flow xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>66.0</apiVersion>
${elements}
    <processType>AutoLaunchedFlow</processType>
    <start>
${start}
    </start>
    <status>Active</status>
</Flow>
`,
  ];
}

function runtimeWith(...flows: [string, string][]): FlowRuntime {
  const dir = mkdtempSync(join(tmpdir(), "runtime-flows-"));
  for (const [name, xml] of flows) writeFileSync(join(dir, `${name}.flow-meta.xml`), xml);
  return new FlowRuntime({ flowsDir: dir });
}

const afterSaveAccount = (connector: string, extra = "", type = "CreateAndUpdate") => `
        <connector><targetReference>${connector}</targetReference></connector>
        <object>Account</object>
        <recordTriggerType>${type}</recordTriggerType>
        <triggerType>RecordAfterSave</triggerType>${extra}`;

const createTask = (name: string, subject: string, extra = "") => `
    <recordCreates>
        <name>${name}</name>${extra}
        <inputAssignments><field>Subject</field><value>${subject}</value></inputAssignments>
        <inputAssignments><field>WhatId</field><value><elementReference>$Record.Id</elementReference></value></inputAssignments>
        <object>Task</object>
        <storeOutputAutomatically>true</storeOutputAutomatically>
    </recordCreates>`;

const tasks = (runtime: FlowRuntime) => runtime.all("Task");

describe("the flow runtime", () => {
  test("an element kind it does not model makes the save throw, naming the flow and the element", () => {
    const runtime = runtimeWith(
      flow(
        "Account_Subflow",
        afterSaveAccount("Call_Subflow"),
        `
    <subflows>
        <name>Call_Subflow</name>
        <flowName>Some_Subflow</flowName>
    </subflows>`,
      ),
    );
    assert.throws(
      () => runtime.insert("Account", [{ Name: "Acme" }]),
      (e: Error) =>
        e instanceof UnsupportedByRuntime && /Account_Subflow: element Call_Subflow \(subflows\)/.test(e.message),
    );
    assert.equal(runtime.all("Account").length, 0, "the save is rolled back");
  });

  test("an operator it does not model makes the save throw instead of choosing a branch", () => {
    const runtime = runtimeWith(
      flow(
        "Account_Decision",
        afterSaveAccount("Is_Blank"),
        `
    <decisions>
        <name>Is_Blank</name>
        <rules>
            <name>Blank</name>
            <conditionLogic>and</conditionLogic>
            <conditions>
                <leftValueReference>$Record.Name</leftValueReference>
                <operator>IsBlank</operator>
                <rightValue><booleanValue>true</booleanValue></rightValue>
            </conditions>
        </rules>
    </decisions>`,
      ),
    );
    assert.throws(() => runtime.insert("Account", [{ Name: "Acme" }]), /operator IsBlank is not supported/);
  });

  test("a failing element takes its fault connector with $Flow.FaultMessage; without one the save fails with the flow error", () => {
    const handled = runtimeWith(
      flow(
        "Account_Fault",
        afterSaveAccount("Create_First"),
        `${createTask(
          "Create_First",
          "<stringValue>first</stringValue>",
          "\n        <faultConnector><targetReference>Record_Fault</targetReference></faultConnector>",
        )}${createTask("Record_Fault", "<elementReference>$Flow.FaultMessage</elementReference>")}`,
      ),
    );
    handled.failElement({ flow: "Account_Fault", element: "Create_First", message: "UNABLE_TO_LOCK_ROW" });
    const [saved] = handled.insert("Account", [{ Name: "Acme" }]);
    assert.ok(saved.success, "a handled fault keeps the save");
    assert.deepEqual(
      tasks(handled).map((t) => t.Subject),
      ["UNABLE_TO_LOCK_ROW"],
      "the fault path ran with the message",
    );

    const unhandled = runtimeWith(
      flow(
        "Account_No_Fault",
        afterSaveAccount("Create_First"),
        createTask("Create_First", "<stringValue>x</stringValue>"),
      ),
    );
    unhandled.failElement({ flow: "Account_No_Fault", element: "Create_First", message: "UNABLE_TO_LOCK_ROW" });
    const [failed] = unhandled.insert("Account", [{ Name: "Acme" }]);
    assert.equal(failed.success, false);
    assert.match(failed.errors[0].message, /Account_No_Fault.*Create_First: UNABLE_TO_LOCK_ROW/);
    assert.equal(unhandled.all("Account").length, 0, "the save is rolled back");
    assert.equal(unhandled.flowErrors.length, 1, "the admin gets the flow error");
  });

  test("'only when a record is updated to meet the condition requirements' runs once per change into the condition", () => {
    const runtime = runtimeWith(
      flow(
        "Account_Became_Customer",
        afterSaveAccount(
          "Create_Welcome",
          `
        <doesRequireRecordChangedToMeetCriteria>true</doesRequireRecordChangedToMeetCriteria>
        <filterFormula>{!$Record.Type} = "Customer"</filterFormula>`,
        ),
        createTask("Create_Welcome", "<stringValue>welcome</stringValue>"),
      ),
    );
    const [account] = runtime.insert("Account", [{ Name: "Acme", Type: "Prospect" }]);
    runtime.update("Account", [{ Id: account.id!, Type: "Customer" }]);
    runtime.update("Account", [{ Id: account.id!, Name: "Acme Inc" }]);
    assert.equal(tasks(runtime).length, 1, "still a customer: no second run");
    runtime.update("Account", [{ Id: account.id!, Type: "Prospect" }]);
    runtime.update("Account", [{ Id: account.id!, Type: "Customer" }]);
    assert.equal(tasks(runtime).length, 2, "met the condition again after leaving it");
  });

  test("$Record__Prior holds the record before the save; custom condition logic is evaluated", () => {
    const runtime = runtimeWith(
      flow(
        "Account_Renamed",
        afterSaveAccount("Was_Renamed", "", "Update"),
        `
    <decisions>
        <name>Was_Renamed</name>
        <rules>
            <name>Renamed_From_Old</name>
            <conditionLogic>1 AND (2 OR 3)</conditionLogic>
            <conditions>
                <leftValueReference>$Record__Prior.Name</leftValueReference>
                <operator>EqualTo</operator>
                <rightValue><stringValue>Old</stringValue></rightValue>
            </conditions>
            <conditions>
                <leftValueReference>$Record.Name</leftValueReference>
                <operator>EqualTo</operator>
                <rightValue><stringValue>Nope</stringValue></rightValue>
            </conditions>
            <conditions>
                <leftValueReference>$Record.Name</leftValueReference>
                <operator>StartsWith</operator>
                <rightValue><stringValue>New</stringValue></rightValue>
            </conditions>
            <connector><targetReference>Create_Note</targetReference></connector>
        </rules>
    </decisions>${createTask("Create_Note", "<elementReference>$Record__Prior.Name</elementReference>")}`,
      ),
    );
    const [account] = runtime.insert("Account", [{ Name: "Old" }]);
    runtime.update("Account", [{ Id: account.id!, Name: "New name" }]);
    runtime.update("Account", [{ Id: account.id!, Name: "Newer name" }]);
    assert.deepEqual(
      tasks(runtime).map((t) => t.Subject),
      ["Old"],
      "only the rename from Old matches",
    );
  });

  test("a loop visits every record of a Get Records; assignments add to a collection and text", () => {
    const runtime = runtimeWith(
      flow(
        "Account_List_Contacts",
        afterSaveAccount("Get_Contacts", "", "Update"),
        `
    <assignments>
        <name>Add_Name</name>
        <assignmentItems>
            <assignToReference>varNames</assignToReference>
            <operator>Add</operator>
            <value><elementReference>varContact.LastName</elementReference></value>
        </assignmentItems>
        <assignmentItems>
            <assignToReference>varIds</assignToReference>
            <operator>Add</operator>
            <value><elementReference>varContact.Id</elementReference></value>
        </assignmentItems>
        <connector><targetReference>Each_Contact</targetReference></connector>
    </assignments>
    <loops>
        <name>Each_Contact</name>
        <collectionReference>Get_Contacts</collectionReference>
        <iterationOrder>Asc</iterationOrder>
        <assignNextValueToReference>varContact</assignNextValueToReference>
        <nextValueConnector><targetReference>Add_Name</targetReference></nextValueConnector>
        <noMoreValuesConnector><targetReference>Create_Summary</targetReference></noMoreValuesConnector>
    </loops>
    <recordLookups>
        <name>Get_Contacts</name>
        <connector><targetReference>Each_Contact</targetReference></connector>
        <filterLogic>and</filterLogic>
        <filters><field>AccountId</field><operator>EqualTo</operator><value><elementReference>$Record.Id</elementReference></value></filters>
        <getFirstRecordOnly>false</getFirstRecordOnly>
        <object>Contact</object>
        <sortField>LastName</sortField>
        <sortOrder>Asc</sortOrder>
        <storeOutputAutomatically>true</storeOutputAutomatically>
    </recordLookups>${createTask("Create_Summary", "<elementReference>varNames</elementReference>")}
    <variables><name>varContact</name><dataType>SObject</dataType><isCollection>false</isCollection><objectType>Contact</objectType></variables>
    <variables><name>varIds</name><dataType>String</dataType><isCollection>true</isCollection></variables>
    <variables><name>varNames</name><dataType>String</dataType><isCollection>false</isCollection></variables>`,
      ),
    );
    const [account] = runtime.insert("Account", [{ Name: "Acme" }]);
    for (const name of ["Chen", "Adams", "Baker"]) runtime.put("Contact", { LastName: name, AccountId: account.id });
    runtime.update("Account", [{ Id: account.id!, Name: "Acme Inc" }]);
    assert.deepEqual(
      tasks(runtime).map((t) => t.Subject),
      ["AdamsBakerChen"],
      "sorted, every contact visited once",
    );
  });

  test("collection processors filter and sort a collection", () => {
    const runtime = runtimeWith(
      flow(
        "Account_Pick_Contact",
        afterSaveAccount("Get_Contacts", "", "Update"),
        `
    <collectionProcessors>
        <name>Only_With_Email</name>
        <assignNextValueToReference>currentContact</assignNextValueToReference>
        <collectionProcessorType>FilterCollectionProcessor</collectionProcessorType>
        <collectionReference>Get_Contacts</collectionReference>
        <conditionLogic>and</conditionLogic>
        <conditions>
            <leftValueReference>currentContact.Email</leftValueReference>
            <operator>IsNull</operator>
            <rightValue><booleanValue>false</booleanValue></rightValue>
        </conditions>
        <connector><targetReference>Each_Filtered</targetReference></connector>
    </collectionProcessors>
    <collectionProcessors>
        <name>Newest_Name_Last</name>
        <collectionProcessorType>SortCollectionProcessor</collectionProcessorType>
        <collectionReference>Get_Contacts</collectionReference>
        <limit>2</limit>
        <sortOptions>
            <doesPutEmptyStringAndNullFirst>false</doesPutEmptyStringAndNullFirst>
            <sortField>LastName</sortField>
            <sortOrder>Desc</sortOrder>
        </sortOptions>
        <connector><targetReference>Only_With_Email</targetReference></connector>
    </collectionProcessors>
    <loops>
        <name>Each_Filtered</name>
        <collectionReference>Only_With_Email</collectionReference>
        <assignNextValueToReference>varContact</assignNextValueToReference>
        <nextValueConnector><targetReference>Add_Name</targetReference></nextValueConnector>
        <noMoreValuesConnector><targetReference>Create_Summary</targetReference></noMoreValuesConnector>
    </loops>
    <assignments>
        <name>Add_Name</name>
        <assignmentItems>
            <assignToReference>varNames</assignToReference>
            <operator>Add</operator>
            <value><elementReference>varContact.LastName</elementReference></value>
        </assignmentItems>
        <connector><targetReference>Each_Filtered</targetReference></connector>
    </assignments>
    <recordLookups>
        <name>Get_Contacts</name>
        <connector><targetReference>Newest_Name_Last</targetReference></connector>
        <getFirstRecordOnly>false</getFirstRecordOnly>
        <object>Contact</object>
        <storeOutputAutomatically>true</storeOutputAutomatically>
    </recordLookups>${createTask("Create_Summary", "<elementReference>varNames</elementReference>")}
    <variables><name>currentContact</name><dataType>SObject</dataType><isCollection>false</isCollection><objectType>Contact</objectType></variables>
    <variables><name>varContact</name><dataType>SObject</dataType><isCollection>false</isCollection><objectType>Contact</objectType></variables>
    <variables><name>varNames</name><dataType>String</dataType><isCollection>false</isCollection></variables>`,
      ),
    );
    runtime.put("Contact", { LastName: "Adams", Email: "a@x.test" });
    runtime.put("Contact", { LastName: "Baker" });
    runtime.put("Contact", { LastName: "Chen", Email: "c@x.test" });
    const [account] = runtime.insert("Account", [{ Name: "Acme" }]);
    runtime.update("Account", [{ Id: account.id!, Name: "Acme Inc" }]);
    assert.deepEqual(
      tasks(runtime).map((t) => t.Subject),
      ["Chen"],
      "sorted by last name descending and cut to two (Chen, Baker), then filtered to those with an email",
    );
  });

  const bulkFlow = () =>
    flow(
      "Account_Bulk",
      afterSaveAccount("Get_Contacts", "", "Create"),
      `
    <recordLookups>
        <name>Get_Contacts</name>
        <connector><targetReference>Create_Task</targetReference></connector>
        <filterLogic>and</filterLogic>
        <filters><field>AccountId</field><operator>EqualTo</operator><value><elementReference>$Record.Id</elementReference></value></filters>
        <getFirstRecordOnly>true</getFirstRecordOnly>
        <object>Contact</object>
        <storeOutputAutomatically>true</storeOutputAutomatically>
    </recordLookups>${createTask("Create_Task", "<stringValue>hello</stringValue>")}`,
    );

  test("200 records saved in one call run each data element once for the batch: one query, one DML statement", () => {
    const runtime = runtimeWith(bulkFlow());
    const results = runtime.insert(
      "Account",
      Array.from({ length: 200 }, (_, i) => ({ Name: `Acme ${i}` })),
    );
    assert.ok(results.every((r) => r.success));
    assert.equal(tasks(runtime).length, 200, "one interview per record");
    assert.deepEqual(runtime.lastTransaction.limits, { soql: 1, dmlStatements: 2, dmlRows: 400, queryRows: 0 });
  });

  test("a query inside a loop exceeds the 100-query limit and fails the whole transaction", () => {
    const runtime = runtimeWith(
      flow(
        "Account_Query_In_Loop",
        afterSaveAccount("Get_All", "", "Create"),
        `
    <loops>
        <name>Each_Contact</name>
        <collectionReference>Get_All</collectionReference>
        <iterationOrder>Asc</iterationOrder>
        <assignNextValueToReference>varContact</assignNextValueToReference>
        <nextValueConnector><targetReference>Get_One</targetReference></nextValueConnector>
    </loops>
    <recordLookups>
        <name>Get_All</name>
        <connector><targetReference>Each_Contact</targetReference></connector>
        <getFirstRecordOnly>false</getFirstRecordOnly>
        <object>Contact</object>
        <storeOutputAutomatically>true</storeOutputAutomatically>
    </recordLookups>
    <recordLookups>
        <name>Get_One</name>
        <connector><targetReference>Each_Contact</targetReference></connector>
        <filterLogic>and</filterLogic>
        <filters><field>Id</field><operator>EqualTo</operator><value><elementReference>varContact.Id</elementReference></value></filters>
        <getFirstRecordOnly>true</getFirstRecordOnly>
        <object>Contact</object>
        <storeOutputAutomatically>true</storeOutputAutomatically>
    </recordLookups>
    <variables><name>varContact</name><dataType>SObject</dataType><isCollection>false</isCollection><objectType>Contact</objectType></variables>`,
      ),
    );
    for (let i = 0; i < 100; i++) runtime.put("Contact", { LastName: `C${i}` });
    assert.throws(
      () => runtime.insert("Account", [{ Name: "Acme" }]),
      (e: Error) => e instanceof LimitExceeded && /soql 101/.test(e.message),
    );
    assert.equal(runtime.all("Account").length, 0, "rolled back");
  });

  test("a scheduled path runs as the user who made the change, the Default Workflow User when that user is inactive, or the Automated Process user", () => {
    const make = () => {
      const runtime = runtimeWith(
        flow(
          "Account_Later",
          afterSaveAccount(
            "Create_Now",
            `
        <filterFormula>{!$Record.Type} = "Customer"</filterFormula>
        <doesRequireRecordChangedToMeetCriteria>true</doesRequireRecordChangedToMeetCriteria>
        <scheduledPaths>
            <name>One_Hour_Later</name>
            <connector><targetReference>Create_Later</targetReference></connector>
            <offsetNumber>1</offsetNumber>
            <offsetUnit>Hours</offsetUnit>
            <timeSource>RecordTriggerEvent</timeSource>
        </scheduledPaths>`,
          ),
          `${createTask("Create_Now", "<stringValue>now</stringValue>")}${createTask("Create_Later", "<stringValue>later</stringValue>")}`,
        ),
      );
      const user = runtime.put("User", { LastName: "Rep", IsActive: true, UserType: "Standard" });
      runtime.insert("Account", [{ Name: "Acme", Type: "Customer" }], { as: user });
      return { runtime, user };
    };
    const laterBy = (runtime: FlowRuntime) => {
      runtime.advanceHours(1);
      return runtime.all("Task", (t) => t.Subject === "later").map((t) => t.CreatedById);
    };
    const asTriggering = make();
    assert.deepEqual(laterBy(asTriggering.runtime), [asTriggering.user.Id], "documented default: the triggering user");

    const inactive = make();
    const fallback = inactive.runtime.put("User", { LastName: "Workflow", IsActive: true, UserType: "Standard" });
    inactive.runtime.settings.defaultWorkflowUserId = fallback.Id;
    inactive.runtime.put("User", { ...inactive.user, IsActive: false });
    assert.deepEqual(
      laterBy(inactive.runtime),
      [fallback.Id],
      "an inactive triggering user: the Default Workflow User",
    );

    const automated = make();
    automated.runtime.settings.scheduledPathUser = "automated process";
    assert.deepEqual(laterBy(automated.runtime), [automated.runtime.automatedProcessUser.Id]);
  });

  test("a scheduled path no longer runs once the record stops meeting the entry conditions", () => {
    const runtime = runtimeWith(
      flow(
        "Account_Later",
        afterSaveAccount(
          "Create_Now",
          `
        <filterFormula>{!$Record.Type} = "Customer"</filterFormula>
        <doesRequireRecordChangedToMeetCriteria>true</doesRequireRecordChangedToMeetCriteria>
        <scheduledPaths>
            <name>Two_Hours_Later</name>
            <connector><targetReference>Create_Later</targetReference></connector>
            <offsetNumber>2</offsetNumber>
            <offsetUnit>Hours</offsetUnit>
            <timeSource>RecordTriggerEvent</timeSource>
        </scheduledPaths>`,
        ),
        `${createTask("Create_Now", "<stringValue>now</stringValue>")}${createTask("Create_Later", "<stringValue>later</stringValue>")}`,
      ),
    );
    const [account] = runtime.insert("Account", [{ Name: "Acme", Type: "Customer" }]);
    runtime.advanceHours(1);
    runtime.update("Account", [{ Id: account.id!, Type: "Prospect" }]);
    runtime.advanceHours(5);
    assert.deepEqual(
      tasks(runtime).map((t) => t.Subject),
      ["now"],
    );
  });

  test("an unhandled fault in a scheduled path rolls back that record only; the rest of the batch runs", () => {
    const runtime = runtimeWith(
      flow(
        "Account_Later",
        afterSaveAccount(
          "Create_Now",
          `
        <filterFormula>{!$Record.Type} = "Customer"</filterFormula>
        <doesRequireRecordChangedToMeetCriteria>true</doesRequireRecordChangedToMeetCriteria>
        <scheduledPaths>
            <name>One_Hour_Later</name>
            <connector><targetReference>Create_Later</targetReference></connector>
            <offsetNumber>1</offsetNumber>
            <offsetUnit>Hours</offsetUnit>
            <timeSource>RecordTriggerEvent</timeSource>
        </scheduledPaths>`,
          "Create",
        ),
        `${createTask("Create_Now", "<stringValue>now</stringValue>")}${createTask("Create_Later", "<elementReference>$Record.Name</elementReference>")}`,
      ),
    );
    runtime.insert(
      "Account",
      ["Good", "Bad", "Fine"].map((Name) => ({ Name, Type: "Customer" })),
    );
    runtime.failElement({
      flow: "Account_Later",
      element: "Create_Later",
      message: "row locked",
      when: ({ record }) => record?.Name === "Bad",
    });
    runtime.advanceHours(1);
    assert.deepEqual(
      tasks(runtime)
        .filter((t) => t.Subject !== "now")
        .map((t) => t.Subject)
        .sort(),
      ["Fine", "Good"],
      "the records without a fault keep their scheduled work",
    );
    assert.deepEqual(
      runtime.flowErrors.map((e) => `${e.element}: ${e.message}`),
      ["Create_Later: row locked"],
    );
  });

  test("every mutation of the mutation run still changes the flows it targets", () => {
    for (const mutation of MUTATIONS) {
      const original = readFileSync(join(FLOWS_DIR, `${mutation.flow}.flow-meta.xml`), "utf8");
      assert.notEqual(mutation.change(original), original, `${mutation.name}: out of date with the flow XML`);
    }
  });
});
