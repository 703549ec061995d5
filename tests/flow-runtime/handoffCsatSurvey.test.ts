// Issue 16, CSAT: N business days after the CSM's first touch the customer survey email goes to the deal's
// champion, once. Run on the offline flow runtime with the "Handoff Weekdays" calendar (Monday to Friday, 09:00 to
// 17:00 GMT) so the business-day count visibly skips a weekend, as in handoffEscalationLadder.test.ts.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { iso, expectSaved, handoffOrg, type HandoffOrg } from "./handoffOrg.ts";
import type { SObject } from "./runtime.ts";

const flowsDir = process.env.HANDOFF_FLOWS_DIR || undefined;
// Friday 11 December 2026, 09:00 GMT: the first touch lands on a Friday, so two business days end on Tuesday.
const FRIDAY_MORNING = new Date("2026-12-11T09:00:00Z");
const SURVEY_FLOW = "Handoff_After_Save_CSAT_Survey";

function surveyOrg(settings: Record<string, unknown> = {}): HandoffOrg {
  const org = handoffOrg({ flowsDir, now: FRIDAY_MORNING });
  org.changeSettings({
    Business_Hours__c: "Handoff Weekdays",
    CSAT_Survey_Business_Days__c: 2,
    Business_Day_Hours__c: 8,
    ...settings,
  });
  return org;
}

// Closed, submitted, accepted, then a completed call by the CSM at 11:00 Friday: the first touch.
function firstTouchedHandoff(org: HandoffOrg, beforeTouch = () => {}): { deal: SObject; handoff: SObject } {
  const deal = org.createDeal();
  org.closeWon(deal.Id);
  const handoff = org.handoffOf(deal.Id);
  expectSaved(
    org.runtime.update("Handoff__c", [{ Id: handoff.Id, Status__c: "Submitted" }], { as: org.rep }),
    "submit",
  );
  org.runtime.advanceHours(1);
  const csm = org.runtime.get(org.handoffOf(deal.Id).CS_Owner__c as string);
  expectSaved(org.runtime.update("Handoff__c", [{ Id: handoff.Id, Status__c: "Accepted" }], { as: csm }), "accept");
  org.runtime.advanceHours(1);
  beforeTouch();
  expectSaved(
    org.runtime.insert(
      "Task",
      [{ Subject: "Kickoff call", WhatId: deal.Id, OwnerId: csm.Id, Status: "Completed", TaskSubtype: "Call" }],
      { as: csm },
    ),
    "the CSM's completed call",
  );
  return { deal, handoff: org.runtime.get(handoff.Id) };
}

const surveyTemplateId = (org: HandoffOrg) =>
  org.runtime.all("EmailTemplate", (t) => t.DeveloperName === "Handoff_Feedback_Customer_Survey")[0].Id;
const surveyEmails = (org: HandoffOrg) =>
  org.runtime.outbox.filter((m) => m.channel === "email" && m.flow === SURVEY_FLOW);

describe("CSAT survey after the first touch", () => {
  test("two business days after a Friday 11:00 first touch the champion gets the survey on Tuesday 11:00, once", () => {
    const org = surveyOrg({ CSAT_Survey_Link__c: "https://survey.example.com/handoff" });
    org.runtime.put("Contact", { ...org.contact, Email: "ada@acme.example" });
    const { handoff } = firstTouchedHandoff(org);
    assert.equal(iso(handoff.First_Touch_At__c), "2026-12-11T11:00:00.000Z", "the call is the first touch");
    assert.equal(
      iso(handoff.CSAT_Survey_Due_At__c),
      "2026-12-15T11:00:00.000Z",
      "16 business hours after Friday 11:00: Friday 6 h, Monday 8 h, Tuesday 2 h (the weekend does not count)",
    );
    assert.equal(handoff.CSAT_Survey_Link__c, "https://survey.example.com/handoff", "the settings' link is copied");

    org.runtime.advanceTo(new Date("2026-12-15T10:59:00Z"));
    assert.equal(surveyEmails(org).length, 0, "no survey before it is due");
    org.runtime.advanceTo(new Date("2026-12-15T11:00:00Z"));
    const sent = surveyEmails(org);
    assert.equal(sent.length, 1, "exactly one survey email when due");
    assert.deepEqual(sent[0].recipientIds, [org.contact.Id], "the survey goes to the deal's champion");
    assert.equal(sent[0].templateId, surveyTemplateId(org), "the survey email uses the customer survey template");
    assert.equal(sent[0].targetId, handoff.Id, "the handoff is the related record, so its merge fields fill in");
    const after = org.runtime.get(handoff.Id);
    assert.equal(iso(after.CSAT_Survey_Sent_At__c), "2026-12-15T11:00:00.000Z", "the send time is stamped");
    assert.equal(after.CSAT_Survey_Status__c, "Sent");
    assert.equal(after.Automation_Error__c, null, "nothing failed");
  });

  test("re-saving the handoff, before or after the send, and another touch never send a second survey", () => {
    const org = surveyOrg();
    org.runtime.put("Contact", { ...org.contact, Email: "ada@acme.example" });
    const { deal, handoff } = firstTouchedHandoff(org);
    const csm = org.runtime.get(handoff.CS_Owner__c as string);
    expectSaved(
      org.runtime.update("Handoff__c", [{ Id: handoff.Id, Intake_Notes__c: "Kickoff went well." }], { as: csm }),
      "the CSM's note before the survey",
    );
    assert.equal(
      org.runtime.scheduledRuns(handoff.Id).filter((r) => r.flow === SURVEY_FLOW).length,
      1,
      "a re-save while the survey is pending queues no second survey",
    );
    org.runtime.advanceTo(new Date("2026-12-16T09:00:00Z"));
    assert.equal(surveyEmails(org).length, 1, "one survey at the due time");
    expectSaved(
      org.runtime.update("Handoff__c", [{ Id: handoff.Id, Intake_Notes__c: "Customer replied: 4 of 5." }], {
        as: csm,
      }),
      "the CSM's note after the survey",
    );
    org.runtime.insert(
      "Task",
      [{ Subject: "Follow-up", WhatId: deal.Id, OwnerId: csm.Id, Status: "Completed", TaskSubtype: "Call" }],
      { as: csm },
    );
    org.runtime.advanceTo(new Date("2026-12-31T09:00:00Z"));
    assert.equal(surveyEmails(org).length, 1, "still exactly one survey two weeks later");
  });

  test("a champion without an email address gets nothing, and the handoff says so without an error", () => {
    const org = surveyOrg();
    const { handoff } = firstTouchedHandoff(org);
    org.runtime.advanceTo(new Date("2026-12-16T09:00:00Z"));
    assert.equal(surveyEmails(org).length, 0, "no email can go to a champion without an address");
    const after = org.runtime.get(handoff.Id);
    assert.equal(after.CSAT_Survey_Status__c, "No Champion Email", "the CSM sees why no survey went out");
    assert.equal(after.CSAT_Survey_Sent_At__c, null, "not marked sent");
    assert.equal(after.Automation_Error__c, null, "a missing address is a data gap, not an automation error");
  });

  test("a failed send is written on the handoff and the survey is not marked sent", () => {
    const org = surveyOrg();
    org.runtime.put("Contact", { ...org.contact, Email: "ada@acme.example" });
    org.runtime.failElement({
      flow: SURVEY_FLOW,
      element: "Send_Survey_Email",
      message: "SINGLE_EMAIL_LIMIT_EXCEEDED: daily email limit reached",
    });
    const { handoff } = firstTouchedHandoff(org);
    org.runtime.advanceTo(new Date("2026-12-16T09:00:00Z"));
    const after = org.runtime.get(handoff.Id);
    assert.match(
      String(after.Automation_Error__c),
      /CSAT survey email[\s\S]*SINGLE_EMAIL_LIMIT_EXCEEDED/,
      "Automation Error names the step and the reason",
    );
    assert.equal(after.CSAT_Survey_Sent_At__c, null, "a failed survey is not marked sent");
    assert.equal(after.CSAT_Survey_Status__c, null);
    assert.equal(org.runtime.flowErrors.length, 0, "the fault path handles it: no flow error email to the admin");
  });

  test("with CSAT Survey Business Days blank no survey is scheduled", () => {
    const org = surveyOrg({ CSAT_Survey_Business_Days__c: null });
    org.runtime.put("Contact", { ...org.contact, Email: "ada@acme.example" });
    const { handoff } = firstTouchedHandoff(org);
    assert.equal(handoff.CSAT_Survey_Due_At__c, null, "no due time without the setting");
    org.runtime.advanceTo(new Date("2027-01-15T09:00:00Z"));
    assert.equal(surveyEmails(org).length, 0, "the survey is off");
  });

  test("a misnamed Business Hours record is written on the handoff and the first touch still counts", () => {
    const org = surveyOrg();
    const { handoff } = firstTouchedHandoff(org, () => org.changeSettings({ Business_Hours__c: "No Such Calendar" }));
    assert.equal(iso(handoff.First_Touch_At__c), "2026-12-11T11:00:00.000Z", "the first touch is stamped anyway");
    assert.equal(handoff.CSAT_Survey_Due_At__c, null, "no survey scheduled");
    assert.match(
      String(handoff.Automation_Error__c),
      /CSAT survey schedule[\s\S]*No Such Calendar/,
      "Automation Error names the survey step and the misnamed calendar",
    );
  });
});

describe("customer recap without an answer", () => {
  const RECAP_FLOW = "Handoff_After_Save_Customer_Recap_No_Answer";
  const recapBells = (org: HandoffOrg) =>
    org.runtime.outbox.filter((m) => m.channel === "bell" && m.flow === RECAP_FLOW);

  function recapSent(org: HandoffOrg): { handoff: SObject; csm: SObject } {
    const { handoff } = firstTouchedHandoff(org);
    const csm = org.runtime.get(handoff.CS_Owner__c as string);
    expectSaved(
      org.runtime.update("Handoff__c", [{ Id: handoff.Id, Recap_Sent_At__c: org.runtime.clock }], { as: csm }),
      "the CSM recording the recap as sent",
    );
    return { handoff: org.runtime.get(handoff.Id), csm };
  }

  test("two business days after a Friday 11:00 recap without an answer: No Answer on Tuesday 11:00 and one bell to the CSM", () => {
    const org = surveyOrg({ Recap_Reminder_Business_Days__c: 2 });
    const { handoff, csm } = recapSent(org);
    assert.equal(
      iso(handoff.Recap_Answer_Due_At__c),
      "2026-12-15T11:00:00.000Z",
      "16 business hours after Friday 11:00, the weekend skipped",
    );
    org.runtime.advanceTo(new Date("2026-12-15T10:59:00Z"));
    assert.equal(org.runtime.get(handoff.Id).Customer_Confirmation__c, null, "still waiting before the due time");
    org.runtime.advanceTo(new Date("2026-12-15T11:00:00Z"));
    assert.equal(org.runtime.get(handoff.Id).Customer_Confirmation__c, "No Answer", "recorded for the reports");
    const bells = recapBells(org);
    assert.equal(bells.length, 1, "one reminder");
    assert.deepEqual(bells[0].recipientIds, [csm.Id], "the reminder goes to the handoff's CSM");
    assert.match(bells[0].title ?? "", /^Recap unanswered: /);
    org.runtime.advanceTo(new Date("2026-12-31T09:00:00Z"));
    assert.equal(recapBells(org).length, 1, "no second reminder");
  });

  test("an answer recorded in time stands: no No Answer, no reminder", () => {
    const org = surveyOrg({ Recap_Reminder_Business_Days__c: 2 });
    const { handoff, csm } = recapSent(org);
    org.runtime.advanceTo(new Date("2026-12-14T12:00:00Z"));
    expectSaved(
      org.runtime.update(
        "Handoff__c",
        [{ Id: handoff.Id, Customer_Confirmation__c: "Confirmed", Customer_Confirmed_At__c: org.runtime.clock }],
        { as: csm },
      ),
      "the CSM recording the customer's confirmation",
    );
    org.runtime.advanceTo(new Date("2026-12-31T09:00:00Z"));
    assert.equal(org.runtime.get(handoff.Id).Customer_Confirmation__c, "Confirmed", "the customer's answer is kept");
    assert.equal(recapBells(org).length, 0, "nobody is reminded about an answered recap");
  });
});
