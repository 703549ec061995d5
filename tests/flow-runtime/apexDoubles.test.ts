// The Apex doubles against the expectations of the Apex tests they stand in for (force-app/test/classes):
// each test here restates one Apex test's scenario and assertions on the offline runtime.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { MAX_NESTED_GROUP_LEVELS } from "./apexDoubles.ts";
import { handoffOrg, type HandoffOrg } from "./handoffOrg.ts";

function handoffs(
  org: HandoffOrg,
  count: number,
  tier: string,
  csOwner: string | null,
  accountId: string | null = null,
) {
  const results = org.runtime.insert(
    "Handoff__c",
    Array.from({ length: count }, () => ({
      Tier__c: tier,
      CS_Owner__c: csOwner,
      Account__c: accountId,
      Status__c: "Draft",
    })),
  );
  assert.ok(
    results.every((r) => r.success),
    "test handoffs save",
  );
  return results.map((r) => r.id!);
}

const assign = (org: HandoffOrg, ids: (string | null)[]) =>
  org.runtime.invokeApex(
    "AssignCsOwnerAction",
    ids.map((handoffId) => ({ handoffId })),
  );

describe("AssignCsOwnerAction double (AssignCsOwnerAction_Test)", () => {
  test("skipsOutOfOfficeAndInactiveCsms", () => {
    const org = handoffOrg();
    org.runtime.put("User", { ...org.runtime.get(org.lowTouchCsm.Id), CS_Out_Of_Office__c: true });
    org.addUser({ LastName: "Gone", IsActive: false }, ["Handoff_CS"], ["CS_Low_Touch"]);
    const present = org.addUser({ LastName: "Present" }, ["Handoff_CS"], ["CS_Low_Touch"]);
    const ids = handoffs(org, 1, "Low-Touch", null);
    const [result] = assign(org, ids);
    const handoff = org.runtime.get(ids[0]);
    assert.equal(handoff.CS_Owner__c, present.Id, "Only the active, available CSM may receive handoffs");
    assert.equal(handoff.Assignment_Method__c, "Round Robin");
    assert.equal(result.csOwnerId, present.Id, "The result names the CSM for the review task");
    assert.equal(result.notifyRecipientId, present.Id, "The CSM is the one notified");
  });

  test("keepsTheAccountsExistingCsmForAnExpansion", () => {
    const org = handoffOrg();
    handoffs(org, 1, "Low-Touch", org.lowTouchCsm.Id, org.account.Id);
    handoffs(org, 3, "High-Touch", org.lowTouchCsm.Id);
    const ids = handoffs(org, 1, "High-Touch", null, org.account.Id);
    assign(org, ids);
    const assigned = org.runtime.get(ids[0]);
    assert.equal(assigned.CS_Owner__c, org.lowTouchCsm.Id, "An expansion stays with the account's CSM, even if busier");
    assert.equal(assigned.Assignment_Method__c, "Account CSM");
  });

  test("givesNewHandoffsToTheLeastLoadedCsmOfTheTierGroup", () => {
    const org = handoffOrg();
    const busy = org.highTouchCsm;
    const free = org.addUser({ LastName: "Free" }, ["Handoff_CS"], ["CS_High_Touch"]);
    handoffs(org, 2, "High-Touch", busy.Id);
    org.runtime.advanceHours(1);
    const ids = handoffs(org, 3, "High-Touch", null);
    assign(org, ids);
    const received = new Map<unknown, number>();
    for (const id of ids) {
      const owner = org.runtime.get(id).CS_Owner__c;
      received.set(owner, (received.get(owner) ?? 0) + 1);
    }
    assert.equal(received.get(free.Id), 2, "The CSM with no open handoffs catches up first (2 of 3)");
    assert.equal(received.get(busy.Id), 1, "Once loads are equal the busy CSM gets the next one");
    assert.equal(received.get(org.lowTouchCsm.Id), undefined, "A Low-Touch CSM never receives a High-Touch handoff");
  });

  test("fallsBackToTheQueueWhenNobodyIsAvailable", () => {
    const org = handoffOrg();
    org.runtime.put("User", { ...org.runtime.get(org.lowTouchCsm.Id), CS_Out_Of_Office__c: true });
    const queueId = org.group("CS_Handoff_Fallback").Id;
    const ids = handoffs(org, 1, "Low-Touch", null);
    const [result] = assign(org, ids);
    const assigned = org.runtime.get(ids[0]);
    assert.equal(assigned.CS_Owner__c, null, "No CSM is invented when nobody is available");
    assert.equal(assigned.OwnerId, queueId, "The fallback queue owns the handoff");
    assert.equal(assigned.Assignment_Method__c, "Fallback Queue");
    assert.equal(result.csOwnerId, null, "No CSM means no review task owner");
    assert.equal(result.notifyRecipientId, queueId, "The queue is notified instead");
  });

  test("answersEveryRequestInOrderAndKeepsAnOwnerAlreadySet", () => {
    const org = handoffOrg();
    const other = org.addUser({ LastName: "Other" }, ["Handoff_CS"], ["CS_Low_Touch"]);
    const [preset] = handoffs(org, 1, "Low-Touch", org.lowTouchCsm.Id);
    const [open] = handoffs(org, 1, "Low-Touch", null);
    const results = assign(org, [preset, open, null]);
    assert.equal(results.length, 3, "One result per request, including an empty one");
    assert.equal(results[0].csOwnerId, org.lowTouchCsm.Id, "A CS owner set by hand is kept");
    assert.equal(results[1].csOwnerId, other.Id, "The open handoff goes to the CSM with fewer open handoffs");
    assert.equal(results[2].csOwnerId, undefined, "An empty request gets an empty result, not an error");
  });
});

describe("RecordHandoffAutomationErrorAction double (RecordHandoffAutomationErrorAction_Test)", () => {
  test("recordsTheErrorFoundByHandoffIdOrByOpportunityId, newest first; an unknown key changes nothing", () => {
    const org = handoffOrg();
    const deal = org.createDeal();
    org.closeWon(deal.Id);
    const handoff = org.handoffOf(deal.Id);
    const record = (recordKey: string, step: string, message: string) =>
      org.runtime.invokeApex("RecordHandoffAutomationErrorAction", [{ recordKey, step, message }]);
    record(deal.Id, "Closed Won", "older error");
    org.runtime.advanceHours(1);
    record(handoff.Id, "SLA escalation", "INSUFFICIENT_ACCESS newer error");
    record("not-an-id", "Nowhere", "lost");
    const recorded = String(org.runtime.get(handoff.Id).Automation_Error__c);
    assert.match(recorded, /Closed Won: older error/, "Found by the opportunity Id (Opportunity Key)");
    assert.match(recorded, /SLA escalation: INSUFFICIENT_ACCESS/, "Found by the handoff Id");
    assert.ok(recorded.indexOf("newer error") < recorded.indexOf("older error"), `Newest first: ${recorded}`);
    assert.doesNotMatch(recorded, /lost/);
  });
});

describe("RecordHandoffAutomationErrorAction double: a deal without a handoff", () => {
  test("recordsOnTheDealWhenTheDealHasNoHandoff", () => {
    const org = handoffOrg();
    const deal = org.createDeal();
    org.runtime.invokeApex("RecordHandoffAutomationErrorAction", [
      { recordKey: deal.Id, step: "Closed Won: create or update the handoff", message: "UNABLE_TO_LOCK_ROW" },
    ]);
    assert.match(
      String(org.runtime.get(deal.Id).Handoff_Automation_Error__c),
      /Closed Won: create or update the handoff: UNABLE_TO_LOCK_ROW/,
      "A deal without a handoff carries the error where an admin sees it",
    );
  });
});

describe("AssignCsOwnerAction double: preset CS owners are re-checked", () => {
  test("replacesAPresetCsmWhoIsInactiveOrOutOfOffice", () => {
    const org = handoffOrg();
    const other = org.addUser({ LastName: "Other" }, ["Handoff_CS"], ["CS_Low_Touch"]);
    const [preset] = handoffs(org, 1, "Low-Touch", org.lowTouchCsm.Id);
    org.runtime.put("User", { ...org.runtime.get(org.lowTouchCsm.Id), IsActive: false });
    const [result] = assign(org, [preset]);
    assert.equal(result.csOwnerId, other.Id, "An inactive preset CSM is replaced by an available CSM of the tier");
    assert.equal(org.runtime.get(preset).CS_Owner__c, other.Id);
  });
});

describe("PostHandoffToSlackAction double (PostHandoffToSlackAction_Test)", () => {
  test("aReCloseStartsANewRoundOfMessages: the event is kept and the channel post and CSM message are cleared", () => {
    const org = handoffOrg();
    org.changeSettings({ Slack_Channel__c: "#cs" });
    const [id] = handoffs(org, 1, "Low-Touch", org.lowTouchCsm.Id);
    org.runtime.put("Handoff__c", {
      ...org.runtime.get(id),
      Slack_Status__c: "Sent",
      Slack_Attempts__c: 2,
      Slack_Posted_At__c: "2026-11-27T10:00:00.000Z",
      Slack_DM_Status__c: "Sent",
      Slack_Next_Attempt_At__c: "2026-11-27T10:05:00.000Z",
    });
    org.runtime.invokeApex("PostHandoffToSlackAction", [{ handoffId: id, event: "Closed Won" }]);
    const handoff = org.runtime.get(id);
    assert.equal(handoff.Slack_Status__c, "Pending", "the new close is queued");
    assert.equal(handoff.Slack_Event__c, "Closed Won", "the event is kept for the job and its retries");
    assert.equal(handoff.Slack_Attempts__c, 0, "attempts start again");
    assert.equal(handoff.Slack_Posted_At__c, null, "the channel hears about the new close");
    assert.equal(handoff.Slack_DM_Status__c, null, "the CSM is messaged again");
    assert.equal(handoff.Slack_Next_Attempt_At__c, null, "no old retry is left waiting");
    org.runtime.invokeApex("PostHandoffToSlackAction", [{ handoffId: id, event: "x".repeat(100) }]);
    assert.equal(String(org.runtime.get(id).Slack_Event__c).length, 80, "a long event is cut to the field's 80");
  });
  test("queuesOneJobForTheWholeBatch with a channel; Not Configured without one", () => {
    const org = handoffOrg();
    const ids = handoffs(org, 3, "Low-Touch", org.lowTouchCsm.Id);
    org.runtime.invokeApex(
      "PostHandoffToSlackAction",
      ids.map((handoffId) => ({ handoffId, event: "Closed Won" })),
    );
    assert.ok(
      ids.every((id) => org.runtime.get(id).Slack_Status__c === "Not Configured"),
      "The admin sees that Slack is off",
    );
    assert.equal(org.runtime.outbox.filter((m) => m.channel === "slack").length, 0, "No Slack channel, no job");
    org.changeSettings({ Slack_Channel__c: "#cs" });
    org.runtime.invokeApex(
      "PostHandoffToSlackAction",
      ids.map((handoffId) => ({ handoffId, event: "Closed Won" })),
    );
    assert.ok(
      ids.every((id) => org.runtime.get(id).Slack_Status__c === "Pending"),
      "Queued messages show Pending",
    );
    assert.equal(org.runtime.lastTransaction.limits.dmlStatements, 1, "one update for the batch");
  });
});

describe("HandoffBusinessHoursAction double (HandoffBusinessHoursAction_Test)", () => {
  const addHours = (org: HandoffOrg, requests: Record<string, unknown>[]) =>
    org.runtime.invokeApex("HandoffBusinessHoursAction", requests);

  test("fridayEveningPlusEightBusinessHoursIsDueOnAWeekdayNotSaturday", () => {
    const org = handoffOrg();
    org.changeSettings({ Business_Hours__c: "Handoff Weekdays" });
    const [result] = addHours(org, [{ startAt: new Date("2027-02-05T17:00:00Z"), hours: 8 }]);
    assert.equal(
      (result.dueAt as Date).toISOString(),
      "2027-02-08T17:00:00.000Z",
      "Friday closing + 8 business hours is Monday's closing, not Saturday",
    );
  });

  test("blankSettingUsesTheOrgDefaultBusinessHours (open all week in the test org)", () => {
    const org = handoffOrg();
    const [result] = addHours(org, [{ startAt: new Date("2027-02-05T17:00:00Z"), hours: 8 }]);
    assert.equal((result.dueAt as Date).toISOString(), "2027-02-06T01:00:00.000Z", "24/7: plain hours");
  });

  test("aMissingRecordGivesAnErrorNamingIt, and an inactive one too", () => {
    const org = handoffOrg();
    org.changeSettings({ Business_Hours__c: "No Such Hours 8b1f" });
    assert.throws(
      () => addHours(org, [{ startAt: new Date(), hours: 8 }]),
      /"No Such Hours 8b1f".*does not exist/,
      "The error names the missing record",
    );
    org.changeSettings({ Business_Hours__c: "Handoff Weekdays" });
    org.runtime.put("BusinessHours", { ...org.runtime.get(org.weekdayBusinessHours.Id), IsActive: false });
    assert.throws(() => addHours(org, [{ startAt: new Date(), hours: 8 }]), /"Handoff Weekdays".*is inactive/);
  });

  test("reminderAndNextRungAreCountedInTheSameBusinessHours", () => {
    const org = handoffOrg();
    org.changeSettings({ Business_Hours__c: "Handoff Weekdays" });
    const startAt = new Date("2027-02-03T10:00:00Z"); // Wednesday
    const [result] = addHours(org, [{ startAt, hours: 24, reminderLeadHours: 4, nextRungHours: 8 }]);
    assert.equal((result.dueAt as Date).toISOString(), "2027-02-08T10:00:00.000Z", "Wed 7 + Thu 8 + Fri 8 + Mon 1");
    assert.equal((result.reminderAt as Date).toISOString(), "2027-02-05T14:00:00.000Z", "20 business hours");
    assert.equal((result.nextRungAt as Date).toISOString(), "2027-02-09T10:00:00.000Z", "one working day later");
    const [early] = addHours(org, [{ startAt: new Date("2027-02-06T12:00:00Z"), hours: 2, reminderLeadHours: 30 }]);
    assert.equal(
      (early.reminderAt as Date).toISOString(),
      "2027-02-08T09:00:00.000Z",
      "A lead longer than the SLA reminds when business hours next open",
    );
  });

  test("twoHundredRequestsQueryBusinessHoursOnce", () => {
    const org = handoffOrg();
    const results = addHours(
      org,
      Array.from({ length: 200 }, (_, i) => ({ startAt: new Date(Date.UTC(2027, 1, 3, 10, i)), hours: 24 })),
    );
    assert.equal(results.length, 200, "One result per request, in order");
    assert.equal(
      org.runtime.lastTransaction.limits.soql,
      1,
      "A Data Loader close of 200 deals reads Business Hours once",
    );
  });

  test("negativeHoursAndABlankStartAreRefusedWithTheReason", () => {
    const org = handoffOrg();
    assert.throws(() => addHours(org, [{ startAt: new Date(), hours: -1 }]), /Hours must be 0 or more/);
    assert.throws(() => addHours(org, [{ startAt: null, hours: 8 }]), /Start At is blank/);
  });
});

describe("HandoffLeadershipRecipientsAction double (HandoffLeadershipRecipientsAction_Test)", () => {
  test("theNamedLeadershipGroupIsTold", () => {
    const org = handoffOrg();
    const leaders = org.runtime.put("Group", { DeveloperName: "Handoff_Test_Leaders", Name: "L", Type: "Regular" });
    org.changeSettings({ Leadership_Group__c: "Handoff_Test_Leaders" });
    const [result] = org.runtime.invokeApex("HandoffLeadershipRecipientsAction", [{ handoffId: null }]);
    assert.deepEqual(result.recipientIds, [leaders.Id], "The group named in the settings is told");
    assert.equal(result.recipientCount, 1);
  });

  test("withoutAGroupTheActiveLeadershipHoldersAreToldAndInactiveOnesSkipped", () => {
    const org = handoffOrg();
    const gone = org.addUser({ LastName: "Gone", IsActive: false }, ["Handoff_Leadership"]);
    org.changeSettings({ Leadership_Group__c: "No_Such_Leaders_Group" });
    const results = org.runtime.invokeApex("HandoffLeadershipRecipientsAction", [{}, {}, {}]);
    assert.equal(results.length, 3, "One result per escalated handoff");
    assert.ok((results[0].recipientIds as string[]).includes(org.leader.Id), "An active holder is told");
    assert.ok(!(results[0].recipientIds as string[]).includes(gone.Id), "An inactive holder is skipped");
    assert.match(String(results[0].routedTo), /No_Such_Leaders_Group not found/);
  });
});

describe("AssignCsOwnerAction double: nested public groups (AssignCsOwnerAction_Test)", () => {
  // A public group nested in `parent`, as an admin adds a group to a group in Setup.
  const nestedGroup = (org: HandoffOrg, name: string, parent: string) => {
    const created = org.runtime.put("Group", { DeveloperName: name, Name: name, Type: "Regular" });
    org.runtime.put("GroupMember", { GroupId: org.group(parent).Id, UserOrGroupId: created.Id });
    return created;
  };
  const ownersOf = (org: HandoffOrg, ids: string[]) => ids.map((id) => org.runtime.get(id).CS_Owner__c);

  test("countsTheUsersOfGroupsNestedThreeLevelsDeepAndEndsOnACycle", () => {
    const regionTeamPod = (withCycle: boolean) => {
      const org = handoffOrg();
      org.runtime.put("User", { ...org.runtime.get(org.lowTouchCsm.Id), CS_Out_Of_Office__c: true });
      nestedGroup(org, "Region", "CS_Low_Touch");
      nestedGroup(org, "Team", "Region");
      nestedGroup(org, "Pod", "Team");
      // The pod group also contains the region group: a cycle Setup lets an admin build.
      if (withCycle)
        org.runtime.put("GroupMember", { GroupId: org.group("Pod").Id, UserOrGroupId: org.group("Region").Id });
      const csms = ["Region", "Team", "Pod"].map((g) => org.addUser({ LastName: g }, ["Handoff_CS"], [g]).Id);
      const ids = handoffs(org, 3, "Low-Touch", null);
      assign(org, ids);
      return {
        owners: new Set(ownersOf(org, ids)),
        csms: new Set(csms),
        queries: org.runtime.lastTransaction.limits.soql,
      };
    };
    const withCycle = regionTeamPod(true);
    assert.deepEqual(
      withCycle.owners,
      withCycle.csms,
      "one handoff each for the CSMs one, two and three levels below the tier group",
    );
    assert.equal(
      withCycle.queries,
      regionTeamPod(false).queries,
      "a cycle of nested groups is read once, not again level after level until the depth cap",
    );
  });

  test("readsManyNestedGroupsWithOneQueryPerLevel", () => {
    const queriesFor = (teamCount: number) => {
      const org = handoffOrg();
      for (let i = 0; i < teamCount; i++) nestedGroup(org, `Team_${i}`, "CS_Low_Touch");
      const ids = handoffs(org, 1, "Low-Touch", null);
      assign(org, ids);
      return org.runtime.lastTransaction.limits.soql;
    };
    assert.equal(queriesFor(30), queriesFor(1), "30 nested groups cost the same queries as one");
  });

  test("stops MAX_NESTED_GROUP_LEVELS levels below the tier group and ignores a role as a member", () => {
    const org = handoffOrg();
    org.runtime.put("User", { ...org.runtime.get(org.lowTouchCsm.Id), CS_Out_Of_Office__c: true });
    let parent = "CS_Low_Touch";
    for (let level = 1; level <= MAX_NESTED_GROUP_LEVELS + 1; level++) {
      nestedGroup(org, `Level_${level}`, parent);
      parent = `Level_${level}`;
    }
    const role = org.runtime.put("Group", { DeveloperName: "CS_Role", Name: "CS Role", Type: "Role" });
    org.runtime.put("GroupMember", { GroupId: org.group("CS_Low_Touch").Id, UserOrGroupId: role.Id });
    const deepest = org.addUser({ LastName: "Deepest" }, ["Handoff_CS"], [`Level_${MAX_NESTED_GROUP_LEVELS}`]);
    org.addUser({ LastName: "Too deep" }, ["Handoff_CS"], [`Level_${MAX_NESTED_GROUP_LEVELS + 1}`]);
    const ids = handoffs(org, 2, "Low-Touch", null);
    assign(org, ids);
    assert.deepEqual(
      ownersOf(org, ids),
      [deepest.Id, deepest.Id],
      `a CSM ${MAX_NESTED_GROUP_LEVELS} levels down is a candidate, one level deeper is not`,
    );
  });
});
