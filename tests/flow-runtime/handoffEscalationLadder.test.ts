// Business-hours SLAs and the escalation ladder of issue 13, on the offline flow runtime: due times counted in the
// Business Hours of the settings (the HandoffBusinessHoursAction double: GMT calendars, holidays), and the ladder
// reminder -> manager -> leadership, each rung logged as a Handoff Escalation record. The test org's default
// Business Hours are open all week (as a new org's are); tests switch to "Handoff Weekdays" (Monday to Friday,
// 09:00 to 17:00 GMT) through the setting, as an admin would.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { iso, handoffOrg, type HandoffOrg } from "./handoffOrg.ts";
import type { SObject } from "./runtime.ts";

const flowsDir = process.env.HANDOFF_FLOWS_DIR || undefined;
// Friday 11 December 2026, 18:00 GMT: after business hours, before a weekend.
const FRIDAY_EVENING = new Date("2026-12-11T18:00:00Z");

function weekdayOrg(now = FRIDAY_EVENING, settings: Record<string, unknown> = {}): HandoffOrg {
  const org = handoffOrg({ flowsDir, now });
  org.changeSettings({ Business_Hours__c: "Handoff Weekdays", ...settings });
  return org;
}

function close(org: HandoffOrg, values: Record<string, unknown> = {}): { deal: SObject; handoff: SObject } {
  const deal = org.createDeal(values);
  org.closeWon(deal.Id);
  return { deal, handoff: org.handoffOf(deal.Id) };
}

function submit(org: HandoffOrg, handoff: SObject): SObject {
  const [result] = org.runtime.update("Handoff__c", [{ Id: handoff.Id, Status__c: "Submitted" }], { as: org.rep });
  assert.ok(result.success, `the rep's submit should save: ${result.errors.map((e) => e.message).join(" | ")}`);
  return org.runtime.get(handoff.Id);
}

function rungs(org: HandoffOrg, handoffId: string) {
  return org.runtime
    .all("Handoff_Escalation__c", (e) => e.Handoff__c === handoffId)
    .sort((a, b) => (a.Escalated_At__c as Date).getTime() - (b.Escalated_At__c as Date).getTime())
    .map((e) => ({
      level: e.Level__c,
      rung: e.Rung__c,
      clock: e.Clock__c,
      at: iso(e.Escalated_At__c),
      recipient: e.Recipient__c ?? null,
      routedTo: e.Routed_To__c,
    }));
}

const escalationBells = (org: HandoffOrg) =>
  org.runtime.outbox.filter((m) => m.channel === "bell" && m.flow === "Handoff_After_Save_SLA_Escalation");

describe("SLA due times in business hours", () => {
  test("a deal closed Friday evening with an 8-hour handoff SLA is due Monday 17:00, and nobody is chased at the weekend", () => {
    const org = weekdayOrg(FRIDAY_EVENING, { Handoff_SLA_Hours_Low_Touch__c: 8, Escalation_Grace_Hours__c: 8 });
    const { handoff } = close(org);
    assert.equal(iso(handoff.Handoff_Due_At__c), "2026-12-14T17:00:00.000Z", "8 business hours after Friday close");
    assert.equal(
      iso(handoff.Handoff_Escalation_Due_At__c),
      "2026-12-15T17:00:00.000Z",
      "the rep's manager one business day (8 hours) later, Tuesday",
    );
    org.runtime.advanceTo(new Date("2026-12-14T16:59:00Z"));
    assert.equal(escalationBells(org).length, 0, "no reminder on Saturday, Sunday or Monday before the due time");
    assert.equal(org.runtime.get(handoff.Id).Escalation_Level__c, 0);
    org.runtime.advanceTo(new Date("2026-12-14T17:00:00Z"));
    assert.equal(org.sentTo("bell", org.rep.Id).filter((m) => /Handoff overdue/.test(m.title ?? "")).length, 1);
    assert.deepEqual(
      rungs(org, handoff.Id).map((r) => [r.level, r.rung, r.clock, r.at, r.recipient]),
      [[1, "Reminder", "Handoff", "2026-12-14T17:00:00.000Z", org.rep.Id]],
      "the reminder is logged at Monday 17:00 with its level and recipient",
    );
  });

  test("the default 24-hour Low-Touch SLA from Friday evening ends Wednesday 17:00, not Saturday 18:00", () => {
    const org = weekdayOrg();
    const { handoff } = close(org);
    assert.equal(iso(handoff.Handoff_Due_At__c), "2026-12-16T17:00:00.000Z");
    assert.equal(
      iso(handoff.First_Touch_Due_At__c),
      "2026-12-29T17:00:00.000Z",
      "if submitted when due, first touch 72 business hours (nine working days) later, the Tuesday after next",
    );
  });

  test("a holiday of the Business Hours is skipped: Monday off moves the due time to Tuesday", () => {
    const org = weekdayOrg(FRIDAY_EVENING, { Handoff_SLA_Hours_Low_Touch__c: 8 });
    org.runtime.put("Holiday", {
      Name: "Company day",
      ActivityDate: "2026-12-14",
      BusinessHoursId: org.weekdayBusinessHours.Id,
    });
    const { handoff } = close(org);
    assert.equal(iso(handoff.Handoff_Due_At__c), "2026-12-15T17:00:00.000Z");
  });

  test("a submission restarts the first-touch clock in business hours: reminder, due time and leadership rung", () => {
    // High-Touch: first touch 24 business hours; reminder 4 hours before; leadership 24 business hours after.
    const org = weekdayOrg(new Date("2026-12-11T10:00:00Z"), { First_Touch_Reminder_Lead_Hours__c: 4 });
    const { handoff } = close(org, { Amount: 90000 });
    org.runtime.advanceHours(6); // closed Friday morning, submitted the same afternoon
    const submitted = submit(org, handoff);
    assert.equal(iso(submitted.Submitted_At__c), "2026-12-11T16:00:00.000Z");
    assert.equal(iso(submitted.First_Touch_Due_At__c), "2026-12-16T16:00:00.000Z", "Fri 1 h + Mon 8 + Tue 8 + Wed 7");
    assert.equal(iso(submitted.First_Touch_Reminder_At__c), "2026-12-16T12:00:00.000Z", "4 business hours before");
    assert.equal(iso(submitted.Leadership_Escalation_Due_At__c), "2026-12-21T16:00:00.000Z", "24 business hours after");
  });

  test("a Business Hours name that does not exist: the close still makes the handoff, in calendar hours, and the deal says why", () => {
    const org = handoffOrg({ flowsDir, now: FRIDAY_EVENING });
    org.changeSettings({ Business_Hours__c: "Support Hours EU" });
    const { deal, handoff } = close(org);
    assert.equal(iso(handoff.Handoff_Due_At__c), "2026-12-12T18:00:00.000Z", "24 calendar hours, as before");
    assert.equal(iso(handoff.Handoff_Escalation_Due_At__c), "2026-12-13T18:00:00.000Z");
    assert.match(
      String(org.runtime.get(deal.Id).Handoff_Automation_Error__c),
      /business hours.*Business Hours "Support Hours EU" .*does not exist/,
      "the admin reads on the deal which setting is wrong",
    );
    assert.equal(org.runtime.flowErrors.length, 0, "the close is not rolled back and no flow error email goes out");
  });

  test("an inactive Business Hours record is refused with its name, on close and on submit", () => {
    const org = weekdayOrg();
    org.runtime.put("BusinessHours", { ...org.runtime.get(org.weekdayBusinessHours.Id), IsActive: false });
    const { deal, handoff } = close(org);
    assert.match(String(org.runtime.get(deal.Id).Handoff_Automation_Error__c), /"Handoff Weekdays".*is inactive/);
    const submitted = submit(org, handoff);
    assert.equal(submitted.Status__c, "Submitted", "the submit is kept");
    assert.match(String(submitted.Automation_Error__c), /First-touch clock.*"Handoff Weekdays".*is inactive/);
  });

  test("200 deals closed in one Data Loader save get business-hours due times within one transaction's limits", () => {
    const org = weekdayOrg();
    const created = org.runtime.insert(
      "Opportunity",
      Array.from({ length: 200 }, () => org.newDeal()),
      { as: org.rep },
    );
    org.runtime.update(
      "Opportunity",
      created.map((r) => ({ Id: r.id!, StageName: "Closed Won" })),
      { as: org.rep },
    );
    const handoffs = org.runtime.all("Handoff__c");
    assert.equal(handoffs.length, 200);
    assert.ok(
      handoffs.every((h) => iso(h.Handoff_Due_At__c) === "2026-12-16T17:00:00.000Z"),
      "every handoff of the batch is due Wednesday 17:00",
    );
    assert.ok(org.runtime.lastTransaction.limits.soql <= 100, "within the SOQL limit");
  });
});

describe("escalation ladder: reminder, manager, leadership", () => {
  // Default (24/7) Business Hours: Low-Touch first touch 72 h, reminder 4 h before, leadership 24 h after.
  function submittedHandoff(org: HandoffOrg) {
    org.changeSettings({ First_Touch_Reminder_Lead_Hours__c: 4 });
    const { deal, handoff } = close(org);
    return { deal, handoff: submit(org, handoff) };
  }

  test("no first touch: the CSM is reminded before the due time, then the CS manager, then leadership; each rung is logged", () => {
    const org = handoffOrg({ flowsDir });
    org.runtime.settings.scheduledPathUser = "automated process";
    const { deal, handoff } = submittedHandoff(org);
    const submittedAt = (handoff.Submitted_At__c as Date).getTime();
    const at = (hours: number) => new Date(submittedAt + hours * 3_600_000).toISOString();
    org.runtime.advanceHours(68);
    assert.equal(
      org.sentTo("bell", org.lowTouchCsm.Id).filter((m) => /First touch due soon/.test(m.title ?? "")).length,
      1,
    );
    assert.equal(
      org.runtime.get(handoff.Id).Escalation_Level__c,
      0,
      "a reminder before the due time is not an escalation",
    );
    org.runtime.advanceHours(4);
    assert.ok(
      org.tasksOn(deal.Id).some((t) => t.OwnerId === org.csManager.Id && /no first touch/.test(String(t.Subject))),
      "the CS manager's task at the due time",
    );
    org.runtime.advanceHours(24);
    const leadershipBell = org.sentTo("bell", org.leader.Id);
    assert.equal(leadershipBell.length, 1, "the Handoff_Leadership holder is told");
    assert.match(leadershipBell[0].title ?? "", /Leadership escalation/);
    assert.equal(org.sentTo("bell", org.rep.Id).filter((m) => /Leadership/.test(m.title ?? "")).length, 0);
    const escalated = org.runtime.get(handoff.Id);
    assert.equal(escalated.Escalation_Level__c, 4, "leadership is level 4");
    assert.equal(escalated.Escalation_Count__c, 2, "two escalations: CS manager and leadership");
    assert.deepEqual(
      rungs(org, handoff.Id).map((r) => [r.level, r.rung, r.clock, r.at, r.recipient, r.routedTo]),
      [
        [1, "Reminder", "First Touch", at(68), org.lowTouchCsm.Id, "CSM (CS Owner)"],
        [3, "Manager", "First Touch", at(72), org.csManager.Id, "CSM's manager"],
        [4, "Leadership", "First Touch", at(96), null, "Handoff_Leadership holders (1)"],
      ],
      "three rungs logged with level, clock, time and recipient",
    );
    assert.equal(escalated.Automation_Error__c, null, "no fault");
  });

  test("a first touch after the reminder stops the ladder: no manager, no leadership", () => {
    const org = handoffOrg({ flowsDir });
    const { handoff } = submittedHandoff(org);
    org.runtime.advanceHours(70);
    org.runtime.update("Handoff__c", [{ Id: handoff.Id, First_Touch_At__c: org.runtime.clock }]);
    org.runtime.advanceHours(100);
    assert.deepEqual(
      rungs(org, handoff.Id).map((r) => r.rung),
      ["Reminder"],
      "only the reminder before the first touch is logged",
    );
  });

  test("the Leadership Group of the settings is told instead of the permission set holders", () => {
    const org = handoffOrg({ flowsDir });
    const execs = org.runtime.put("Group", { DeveloperName: "CS_Executives", Name: "CS Executives", Type: "Regular" });
    org.changeSettings({ Leadership_Group__c: "CS_Executives" });
    const { handoff } = submittedHandoff(org);
    org.runtime.advanceHours(100);
    assert.equal(org.sentTo("bell", execs.Id).length, 1, "the group is told");
    assert.equal(org.sentTo("bell", org.leader.Id).length, 0, "not the individual holders");
    assert.equal(rungs(org, handoff.Id).at(-1)?.routedTo, "Leadership Group CS_Executives");
  });

  test("nobody in leadership (the only holder is inactive): the rung goes to the CS leads, says why, and does not fail", () => {
    const org = handoffOrg({ flowsDir });
    org.runtime.put("User", { ...org.runtime.get(org.leader.Id), IsActive: false });
    const { handoff } = submittedHandoff(org);
    org.runtime.advanceHours(100);
    assert.equal(org.sentTo("bell", org.leader.Id).length, 0, "the inactive leader is not told");
    assert.equal(
      org.sentTo("bell", org.group("CS_Leads").Id).filter((m) => /Leadership/.test(m.title ?? "")).length,
      1,
      "the CS leads are told in their place",
    );
    assert.match(String(org.runtime.get(handoff.Id).Automation_Error__c), /no active user holding Handoff_Leadership/);
    assert.equal(rungs(org, handoff.Id).at(-1)?.level, 4);
    assert.equal(org.runtime.flowErrors.length, 0);
  });
});

describe("inactive people in the ladder are skipped or rerouted, never a failed path", () => {
  test("an inactive CSM gets no reminder, and the CS manager is still told at the due time", () => {
    const org = handoffOrg({ flowsDir });
    org.changeSettings({ First_Touch_Reminder_Lead_Hours__c: 4 });
    const { handoff } = close(org);
    submit(org, handoff);
    org.runtime.put("User", { ...org.runtime.get(org.lowTouchCsm.Id), IsActive: false });
    org.runtime.advanceHours(72);
    assert.equal(org.sentTo("bell", org.lowTouchCsm.Id).filter((m) => /due soon/.test(m.title ?? "")).length, 0);
    assert.deepEqual(
      rungs(org, handoff.Id).map((r) => r.rung),
      ["Manager"],
      "the reminder is skipped, the manager rung runs",
    );
    assert.equal(org.runtime.flowErrors.length, 0);
  });

  test("an inactive CS manager: the CS leads are told, no task is given to the inactive user, the handoff says why", () => {
    const org = handoffOrg({ flowsDir });
    org.runtime.put("User", { ...org.runtime.get(org.csManager.Id), IsActive: false });
    const { deal, handoff } = close(org);
    submit(org, handoff);
    org.runtime.advanceHours(72);
    assert.equal(org.tasksOn(deal.Id).filter((t) => t.OwnerId === org.csManager.Id).length, 0);
    assert.equal(
      org.sentTo("bell", org.group("CS_Leads").Id).filter((m) => /No first touch/.test(m.title ?? "")).length,
      1,
    );
    assert.match(String(org.runtime.get(handoff.Id).Automation_Error__c), /CSM \(CS Owner\) has no active manager/);
    assert.equal(
      rungs(org, handoff.Id).find((r) => r.rung === "Manager")?.routedTo,
      "CS Lead Group: the CSM has no active manager",
    );
    assert.equal(org.runtime.flowErrors.length, 0, "the path does not fail");
  });

  test("an inactive rep's manager: level 2 goes to the CS leads and the handoff is still Escalated", () => {
    const org = handoffOrg({ flowsDir });
    org.runtime.put("User", { ...org.runtime.get(org.repManager.Id), IsActive: false });
    const { deal, handoff } = close(org);
    org.runtime.advanceHours(48);
    const escalated = org.runtime.get(handoff.Id);
    assert.equal(escalated.Status__c, "Escalated");
    assert.equal(org.tasksOn(deal.Id).filter((t) => t.OwnerId === org.repManager.Id).length, 0);
    assert.match(String(escalated.Automation_Error__c), /rep \(Sales Owner\) has no active manager/);
    assert.deepEqual(
      rungs(org, handoff.Id).map((r) => [r.level, r.rung, r.clock]),
      [
        [1, "Reminder", "Handoff"],
        [2, "Manager", "Handoff"],
      ],
    );
    assert.equal(org.runtime.flowErrors.length, 0);
  });

  test("an inactive rep gets no reminder task (no fault), and the manager rung follows", () => {
    const org = handoffOrg({ flowsDir });
    const { deal, handoff } = close(org);
    org.runtime.put("User", { ...org.runtime.get(org.rep.Id), IsActive: false });
    org.runtime.settings.defaultWorkflowUserId = org.csLead.Id;
    org.runtime.advanceHours(48);
    assert.equal(org.tasksOn(deal.Id).filter((t) => /Handoff overdue/.test(String(t.Subject))).length, 0);
    assert.ok(
      org.tasksOn(deal.Id).some((t) => t.OwnerId === org.repManager.Id),
      "the rep's manager gets the task",
    );
    assert.deepEqual(
      rungs(org, handoff.Id).map((r) => r.rung),
      ["Manager"],
    );
    assert.equal(org.runtime.flowErrors.length, 0);
  });
});
