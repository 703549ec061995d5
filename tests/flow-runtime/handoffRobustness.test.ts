// The automation bugs of issue 13, fixed: each test is a scenario that failed on the flows before the fix (the
// characterisations in issue13KnownBugs.test.ts asserted the wrong behaviour until then). Run on the offline flow
// runtime with the real flows, validation rules and the Apex actions' doubles.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { handoffOrg, type HandoffOrg } from "./handoffOrg.ts";

const flowsDir = process.env.HANDOFF_FLOWS_DIR || undefined;
const newOrg = (): HandoffOrg => handoffOrg({ flowsDir });
const CLOSE_FLOW = "Opportunity_After_Save_Closed_Won_Handoff";

function withSlackChannel(org: HandoffOrg) {
  org.changeSettings({ Slack_Channel__c: "#cs-handoffs" });
}

describe("a fault on close is recorded where an admin sees it", () => {
  for (const element of ["Create_Handoff", "Get_Existing_Handoff"]) {
    test(`a failing ${element} on close is written on the deal (Handoff Automation Error) and the close is kept`, () => {
      const org = newOrg();
      org.runtime.failElement({ flow: CLOSE_FLOW, element, message: "UNABLE_TO_LOCK_ROW: unable to obtain lock" });
      const deal = org.createDeal();
      org.closeWon(deal.Id);
      const closed = org.runtime.get(deal.Id);
      assert.equal(closed.IsWon, true, "the deal stays won");
      assert.equal(org.runtime.all("Handoff__c").length, 0, "no handoff was made");
      assert.match(
        String(closed.Handoff_Automation_Error__c),
        /Closed Won: create or update the handoff: UNABLE_TO_LOCK_ROW/,
        "the admin reads on the deal which step failed and why",
      );
    });
  }
});

describe("one failing notification does not cancel the others", () => {
  const channels: { element: string; step: RegExp; stillSent: ("task" | "bell" | "email" | "slack")[] }[] = [
    { element: "Create_Review_Task", step: /Closed Won: review task: /, stillSent: ["bell", "email", "slack"] },
    {
      element: "Send_Bell_Notification",
      step: /Closed Won: bell notification: /,
      stillSent: ["task", "email", "slack"],
    },
    {
      element: "Get_Notification_Type",
      step: /Closed Won: bell notification: /,
      stillSent: ["task", "email", "slack"],
    },
    { element: "Send_Handoff_Email", step: /Closed Won: email: /, stillSent: ["task", "bell", "slack"] },
    { element: "Get_Email_Template", step: /Closed Won: email: /, stillSent: ["task", "bell", "slack"] },
    { element: "Post_To_Slack", step: /Closed Won: queue the Slack message: /, stillSent: ["task", "bell", "email"] },
  ];
  for (const { element, step, stillSent } of channels) {
    test(`a failing ${element} is recorded on the handoff and ${stillSent.join(", ")} still go out`, () => {
      const org = newOrg();
      withSlackChannel(org);
      org.runtime.failElement({ flow: CLOSE_FLOW, element, message: "INVALID_PARAMETER_VALUE: broken channel" });
      const deal = org.createDeal();
      org.closeWon(deal.Id);
      const handoff = org.handoffOf(deal.Id);
      const csm = org.lowTouchCsm.Id;
      assert.match(String(handoff.Automation_Error__c), step, `the failing ${element} is recorded on the handoff`);
      assert.match(String(handoff.Automation_Error__c), /INVALID_PARAMETER_VALUE: broken channel/);
      if (stillSent.includes("task"))
        assert.equal(org.tasksOn(deal.Id).length, 1, "the CSM's review task is still created");
      if (stillSent.includes("bell")) assert.equal(org.sentTo("bell", csm).length, 1, "the bell still rings");
      if (stillSent.includes("email")) assert.equal(org.sentTo("email", csm).length, 1, "the email still goes out");
      if (stillSent.includes("slack")) {
        assert.equal(handoff.Slack_Status__c, "Pending", "the Slack post is still queued");
        assert.equal(org.runtime.outbox.filter((m) => m.channel === "slack").length, 1, "one Slack post");
      }
    });
  }
});

describe("every won stage closes the deal into a handoff", () => {
  test("a second won stage (IsWon true, not the Won Stage of the settings) creates the handoff", () => {
    const org = newOrg();
    org.runtime.opportunityStages.set("Closed Won - Expansion", { isWon: true, isClosed: true });
    const deal = org.createDeal();
    const [result] = org.runtime.update("Opportunity", [{ Id: deal.Id, StageName: "Closed Won - Expansion" }], {
      as: org.rep,
    });
    assert.ok(result.success, "the close saves");
    const handoff = org.handoffOf(deal.Id);
    assert.equal(handoff.Status__c, "Draft", "one Draft handoff for the deal");
    assert.equal(handoff.CS_Owner__c, org.lowTouchCsm.Id, "assigned to the CSM of the tier");
  });
});

describe("the level-2 escalation passes the status rule whichever user runs the scheduled path", () => {
  for (const user of ["triggering user", "automated process"] as const) {
    test(`level 2 run as the ${user === "triggering user" ? "rep who closed the deal" : "Automated Process user"}: Escalated, the rep's manager gets a task and a bell, no fault`, () => {
      const org = newOrg();
      org.runtime.settings.scheduledPathUser = user;
      const deal = org.createDeal();
      org.closeWon(deal.Id);
      const handoff = org.handoffOf(deal.Id);
      org.runtime.advanceHours(48);
      const after = org.runtime.get(handoff.Id);
      assert.equal(after.Status__c, "Escalated", "level 2 marks the handoff Escalated");
      assert.equal(after.Escalation_Level__c, 2);
      assert.equal(after.Automation_Error__c, null, "the status rule did not block the escalation");
      assert.equal(org.sentTo("bell", org.repManager.Id).length, 1, "the rep's manager is told");
      assert.ok(
        org.tasksOn(deal.Id).some((t) => t.OwnerId === org.repManager.Id),
        "the rep's manager gets a task",
      );
    });
  }

  test("a rep still cannot set Escalated by hand", () => {
    const org = newOrg();
    const deal = org.createDeal();
    org.closeWon(deal.Id);
    const handoff = org.handoffOf(deal.Id);
    const [result] = org.runtime.update("Handoff__c", [{ Id: handoff.Id, Status__c: "Escalated" }], { as: org.rep });
    assert.equal(result.success, false, "the status rule blocks a rep's Escalated");
  });
});

describe("a re-close starts a clean cycle", () => {
  test("re-close clears submission, first touch and escalation, takes the current owner, and schedules the whole ladder again", () => {
    const org = newOrg();
    const deal = org.createDeal();
    org.closeWon(deal.Id);
    const handoff = org.handoffOf(deal.Id);
    org.runtime.advanceHours(30);
    assert.equal(org.runtime.get(handoff.Id).Escalation_Level__c, 1, "the first cycle reached level 1");
    org.runtime.update("Handoff__c", [{ Id: handoff.Id, Status__c: "Submitted" }], { as: org.rep });
    org.runtime.update("Opportunity", [{ Id: deal.Id, StageName: "Qualification" }], { as: org.rep });
    assert.deepEqual(org.runtime.scheduledRuns(handoff.Id), [], "a reopened deal has no pending escalation");
    const newOwner = org.addUser({ FirstName: "Nia", LastName: "New-Rep", ManagerId: org.repManager.Id }, [
      "Handoff_Sales",
    ]);
    org.runtime.update("Opportunity", [{ Id: deal.Id, OwnerId: newOwner.Id }], { as: org.rep });
    org.runtime.advanceHours(1);
    org.closeWon(deal.Id);
    const reclosed = org.handoffOf(deal.Id);
    assert.equal(reclosed.Status__c, "Draft");
    assert.equal(reclosed.Submitted_At__c, null, "the earlier submission is cleared");
    assert.equal(reclosed.First_Touch_At__c, null);
    assert.equal(reclosed.Escalation_Level__c, 0, "escalation starts again from 0");
    assert.equal(reclosed.Escalation_Count__c, 0);
    assert.equal(reclosed.Last_Escalated_At__c, null);
    assert.equal(reclosed.Handoff_SLA_Met__c, false, "a Draft does not claim its SLA was met");
    assert.equal(reclosed.Sales_Owner__c, newOwner.Id, "the deal's current owner is the Sales owner");
    const paths = org.runtime
      .scheduledRuns(handoff.Id)
      .map((r) => r.path)
      .sort();
    assert.deepEqual(
      paths,
      [
        "At_First_Touch_Due",
        "At_First_Touch_Reminder",
        "At_Handoff_Due",
        "At_Handoff_Escalation_Due",
        "At_Leadership_Escalation_Due",
      ],
      "every rung of the ladder is scheduled again",
    );
    org.runtime.advanceHours(200);
    const later = org.handoffOf(deal.Id);
    assert.equal(later.Escalation_Level__c, 2, "the new cycle escalates a Draft to level 2, never level 3");
    assert.equal(later.Status__c, "Escalated");
  });
});

describe("first touch counts from submission, whatever the status", () => {
  test("a CSM's call completed before Accept stamps First Touch At with its completion time", () => {
    const org = newOrg();
    const deal = org.createDeal();
    org.closeWon(deal.Id);
    const handoff = org.handoffOf(deal.Id);
    org.runtime.update("Handoff__c", [{ Id: handoff.Id, Status__c: "Submitted" }], { as: org.rep });
    org.runtime.advanceHours(2);
    const callAt = new Date(org.runtime.clock.getTime());
    org.runtime.insert(
      "Task",
      [
        {
          Subject: "Intro call",
          WhatId: deal.Id,
          OwnerId: org.lowTouchCsm.Id,
          Status: "Completed",
          TaskSubtype: "Call",
        },
      ],
      { as: org.lowTouchCsm },
    );
    const touched = org.runtime.get(handoff.Id);
    assert.equal(touched.Status__c, "Submitted", "the CSM has not accepted yet");
    assert.equal((touched.First_Touch_At__c as Date)?.getTime(), callAt.getTime(), "the call before Accept counts");
  });

  test("editing the completed call later does not move First Touch At", () => {
    const org = newOrg();
    const deal = org.createDeal();
    org.closeWon(deal.Id);
    const handoff = org.handoffOf(deal.Id);
    org.runtime.update("Handoff__c", [{ Id: handoff.Id, Status__c: "Submitted" }], { as: org.rep });
    const [task] = org.runtime.insert(
      "Task",
      [
        {
          Subject: "Intro call",
          WhatId: deal.Id,
          OwnerId: org.lowTouchCsm.Id,
          Status: "Not Started",
          TaskSubtype: "Call",
        },
      ],
      { as: org.lowTouchCsm },
    );
    org.runtime.advanceHours(3);
    const completedAt = new Date(org.runtime.clock.getTime());
    org.runtime.update("Task", [{ Id: task.id!, Status: "Completed" }], { as: org.lowTouchCsm });
    org.runtime.advanceHours(5);
    org.runtime.update("Task", [{ Id: task.id!, Description: "notes added later" }], { as: org.lowTouchCsm });
    assert.equal(
      (org.runtime.get(handoff.Id).First_Touch_At__c as Date)?.getTime(),
      completedAt.getTime(),
      "First Touch At is the completion time",
    );
  });

  test("a meeting before Accept counts at its start", () => {
    const org = newOrg();
    const deal = org.createDeal();
    org.closeWon(deal.Id);
    const handoff = org.handoffOf(deal.Id);
    org.runtime.update("Handoff__c", [{ Id: handoff.Id, Status__c: "Submitted" }], { as: org.rep });
    org.runtime.advanceHours(1);
    const start = new Date(org.runtime.clock.getTime() - 30 * 60_000);
    org.runtime.insert(
      "Event",
      [
        {
          Subject: "Kickoff",
          WhatId: deal.Id,
          OwnerId: org.lowTouchCsm.Id,
          StartDateTime: start,
          EndDateTime: new Date(start.getTime() + 3_600_000),
        },
      ],
      { as: org.lowTouchCsm },
    );
    assert.equal((org.runtime.get(handoff.Id).First_Touch_At__c as Date)?.getTime(), start.getTime());
  });

  test("a call before the handoff is submitted does not count", () => {
    const org = newOrg();
    const deal = org.createDeal();
    org.closeWon(deal.Id);
    const handoff = org.handoffOf(deal.Id);
    org.runtime.insert(
      "Task",
      [
        {
          Subject: "Early call",
          WhatId: deal.Id,
          OwnerId: org.lowTouchCsm.Id,
          Status: "Completed",
          TaskSubtype: "Call",
        },
      ],
      { as: org.lowTouchCsm },
    );
    assert.equal(org.runtime.get(handoff.Id).First_Touch_At__c, null, "a Draft handoff has no first touch yet");
  });
});

describe("an early-intro draft is closed out when the deal is lost", () => {
  test("losing the deal returns the early-intro draft (Deal Not Closed) and it leaves the CSM's workload", () => {
    const org = newOrg();
    const lost = org.createDeal({ Amount: 120000 });
    org.runtime.update("Opportunity", [{ Id: lost.Id, StageName: "Negotiation/Review" }], { as: org.rep });
    const draft = org.handoffOf(lost.Id);
    assert.equal(draft.CS_Owner__c, org.highTouchCsm.Id, "the early intro assigned the High-Touch CSM");
    org.runtime.update("Opportunity", [{ Id: lost.Id, StageName: "Closed Lost" }], { as: org.rep });
    const closedOut = org.handoffOf(lost.Id);
    assert.equal(closedOut.Status__c, "Returned", "the draft is closed out");
    assert.equal(closedOut.Return_Reason__c, "Deal Not Closed", "with the reason");
    assert.deepEqual(org.runtime.scheduledRuns(closedOut.Id), [], "nothing is scheduled for a lost deal");

    // Workload: a second High-Touch CSM with one open handoff; the CSM of the lost deal now has none, so wins.
    const busy = org.addUser({ FirstName: "Bo", LastName: "Busy" }, ["Handoff_CS"], ["CS_High_Touch"]);
    const other = org.createDeal({ Amount: 130000, OwnerId: org.rep.Id });
    org.runtime.put("Handoff__c", {
      Status__c: "Draft",
      CS_Owner__c: busy.Id,
      Opportunity__c: other.Id,
      Opportunity_Key__c: other.Id,
      CreatedDate: new Date(org.runtime.clock.getTime() - 3_600_000),
    });
    const next = org.createDeal({
      Amount: 150000,
      AccountId: org.runtime.put("Account", { Name: "Beta Corp", OwnerId: org.rep.Id }).Id,
    });
    org.closeWon(next.Id);
    assert.equal(
      org.handoffOf(next.Id).CS_Owner__c,
      org.highTouchCsm.Id,
      "the lost deal's draft no longer counts as open work for its CSM",
    );
  });
});

describe("a CSM kept from the early intro is re-checked at close", () => {
  test("a preset CSM who became inactive is replaced: the fallback queue owns the handoff and is told, no fault", () => {
    const org = newOrg();
    const deal = org.createDeal({ Amount: 120000 });
    org.runtime.update("Opportunity", [{ Id: deal.Id, StageName: "Negotiation/Review" }], { as: org.rep });
    assert.equal(org.handoffOf(deal.Id).CS_Owner__c, org.highTouchCsm.Id, "the early intro assigned the CSM");
    org.runtime.put("User", { ...org.runtime.get(org.highTouchCsm.Id), IsActive: false });
    org.closeWon(deal.Id);
    const handoff = org.handoffOf(deal.Id);
    const queue = org.group("CS_Handoff_Fallback");
    assert.equal(handoff.CS_Owner__c, null, "the inactive CSM is not kept");
    assert.equal(handoff.OwnerId, queue.Id, "the fallback queue owns it (the only High-Touch CSM left)");
    assert.equal(handoff.Automation_Error__c, null, "no review task was attempted for an inactive user");
    assert.equal(org.sentTo("bell", queue.Id).length, 1, "the queue is told");
  });

  test("a preset CSM now out of office is replaced by an available CSM of the tier", () => {
    const org = newOrg();
    const cover = org.addUser({ FirstName: "Cy", LastName: "Cover" }, ["Handoff_CS"], ["CS_High_Touch"]);
    const deal = org.createDeal({ Amount: 120000 });
    org.runtime.update("Opportunity", [{ Id: deal.Id, StageName: "Negotiation/Review" }], { as: org.rep });
    const preset = org.handoffOf(deal.Id).CS_Owner__c as string;
    org.runtime.put("User", { ...org.runtime.get(preset), CS_Out_Of_Office__c: true });
    org.closeWon(deal.Id);
    const expected = preset === cover.Id ? org.highTouchCsm.Id : cover.Id;
    assert.equal(org.handoffOf(deal.Id).CS_Owner__c, expected, "the available CSM of the tier takes it");
    assert.equal(org.tasksOn(deal.Id).length, 1, "the new CSM gets the review task");
  });
});

describe("nobody available: the fallback queue and its members, never the rep", () => {
  test("without a fallback queue the rep who closed the deal is not told in the CSM's place", () => {
    const org = newOrg();
    org.changeSettings({ Fallback_CS_Queue__c: "No_Such_Queue" });
    org.runtime.put("User", { ...org.runtime.get(org.lowTouchCsm.Id), CS_Out_Of_Office__c: true });
    const deal = org.createDeal();
    org.closeWon(deal.Id);
    assert.equal(org.handoffOf(deal.Id).CS_Owner__c, null);
    assert.equal(org.sentTo("bell", org.rep.Id).length, 0, "the rep must not get the CSM's handoff notification");
  });

  test("a public group nested in the tier group counts its users", () => {
    const org = newOrg();
    org.runtime.put("User", { ...org.runtime.get(org.lowTouchCsm.Id), CS_Out_Of_Office__c: true });
    const team = org.runtime.put("Group", { DeveloperName: "EMEA_CS_Team", Type: "Regular", Name: "EMEA CS Team" });
    org.runtime.put("GroupMember", { GroupId: org.group("CS_Low_Touch").Id, UserOrGroupId: team.Id });
    const nested = org.addUser({ FirstName: "Ned", LastName: "Nested" }, ["Handoff_CS"]);
    org.runtime.put("GroupMember", { GroupId: team.Id, UserOrGroupId: nested.Id });
    const deal = org.createDeal();
    org.closeWon(deal.Id);
    assert.equal(org.handoffOf(deal.Id).CS_Owner__c, nested.Id, "the nested group's CSM takes the handoff");
  });
});
