// Issue 16, kickoff: accepting a handoff starts the kickoff clock (Kickoff SLA Business Days in the settings' Business
// Hours); the kickoff Event's start is followed when it is moved; its end marks the kickoff held; and a kickoff not
// scheduled by its due time, or scheduled after it, adds the Kickoff missed rung to the escalation ladder (logged,
// CSM and CS manager notified). Run on the offline flow runtime with "Handoff Weekdays" (Monday to Friday, 09:00 to
// 17:00 GMT), so the business-day count visibly skips a weekend.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { iso, expectSaved, handoffOrg, type HandoffOrg } from "./handoffOrg.ts";
import type { SObject } from "./runtime.ts";

const flowsDir = process.env.HANDOFF_FLOWS_DIR || undefined;
// Friday 11 December 2026, 10:00 GMT: accepted on a Friday, so three business days end on Wednesday.
const FRIDAY_MORNING = new Date("2026-12-11T10:00:00Z");
const MISSED_FLOW = "Handoff_After_Save_Kickoff_Missed";
const HOUR = 3_600_000;

function kickoffOrg(settings: Record<string, unknown> = {}): HandoffOrg {
  const org = handoffOrg({ flowsDir, now: FRIDAY_MORNING });
  org.changeSettings({
    Business_Hours__c: "Handoff Weekdays",
    Business_Day_Hours__c: 8,
    Kickoff_SLA_Business_Days__c: 3,
    ...settings,
  });
  return org;
}

interface Accepted {
  deal: SObject;
  handoff: SObject;
  csm: SObject;
}

// Closed, submitted and accepted by its CSM at the org's current time.
function acceptedHandoff(org: HandoffOrg): Accepted {
  const deal = org.createDeal();
  org.closeWon(deal.Id);
  const handoff = org.handoffOf(deal.Id);
  expectSaved(
    org.runtime.update("Handoff__c", [{ Id: handoff.Id, Status__c: "Submitted" }], { as: org.rep }),
    "submit",
  );
  const csm = org.runtime.get(org.handoffOf(deal.Id).CS_Owner__c as string);
  expectSaved(org.runtime.update("Handoff__c", [{ Id: handoff.Id, Status__c: "Accepted" }], { as: csm }), "accept");
  return { deal, handoff: org.runtime.get(handoff.Id), csm };
}

// What HandoffKickoffService.plan writes: the Event on the deal, owned by the CSM, then the handoff's stamps.
function planKickoff(org: HandoffOrg, a: Accepted, start: Date, minutes = 60): string {
  const [event] = org.runtime.insert(
    "Event",
    [
      {
        Subject: "Kickoff",
        WhatId: a.deal.Id,
        OwnerId: a.csm.Id,
        StartDateTime: start,
        EndDateTime: new Date(start.getTime() + minutes * 60000),
      },
    ],
    { as: a.csm },
  );
  assert.ok(event.success, `the kickoff Event saves: ${JSON.stringify(event.errors)}`);
  expectSaved(
    org.runtime.update(
      "Handoff__c",
      [
        {
          Id: a.handoff.Id,
          Kickoff_Event_Id__c: event.id,
          Kickoff_Planned_At__c: org.runtime.clock,
          Kickoff_Scheduled_For__c: start,
        },
      ],
      { as: a.csm },
    ),
    "the kickoff stamps",
  );
  return event.id!;
}

function moveEvent(org: HandoffOrg, a: Accepted, eventId: string, start: Date) {
  expectSaved(
    org.runtime.update(
      "Event",
      [{ Id: eventId, StartDateTime: start, EndDateTime: new Date(start.getTime() + HOUR) }],
      {
        as: a.csm,
      },
    ),
    "moving the Event",
  );
}

const kickoffRungs = (org: HandoffOrg, handoffId: string) =>
  org.runtime
    .all("Handoff_Escalation__c", (e) => e.Handoff__c === handoffId && e.Clock__c === "Kickoff")
    .map((e) => ({
      level: e.Level__c,
      rung: e.Rung__c,
      at: iso(e.Escalated_At__c),
      recipient: e.Recipient__c ?? null,
      routedTo: e.Routed_To__c,
    }));
const kickoffBells = (org: HandoffOrg) =>
  org.runtime.outbox.filter((m) => m.channel === "bell" && m.flow === MISSED_FLOW);

describe("the kickoff clock", () => {
  test("accepting on Friday 10:00 with a 3-business-day kickoff SLA makes the kickoff due Wednesday 10:00", () => {
    const org = kickoffOrg();
    const { handoff } = acceptedHandoff(org);
    assert.equal(iso(handoff.Accepted_At__c), "2026-12-11T10:00:00.000Z");
    assert.equal(iso(handoff.Kickoff_Due_At__c), "2026-12-16T10:00:00.000Z", "Fri 7 h + Mon 8 + Tue 8 + Wed 1 = 24 h");
  });

  test("a blank Kickoff SLA Business Days counts 5 business days", () => {
    const org = kickoffOrg({ Kickoff_SLA_Business_Days__c: null });
    const { handoff } = acceptedHandoff(org);
    assert.equal(iso(handoff.Kickoff_Due_At__c), "2026-12-18T10:00:00.000Z", "the Friday after, 40 business hours");
  });
});

describe("the kickoff Event", () => {
  test("moving the kickoff Event moves Kickoff Scheduled For, and Kickoff SLA Met follows", () => {
    const org = kickoffOrg();
    const a = acceptedHandoff(org);
    const eventId = planKickoff(org, a, new Date("2026-12-15T14:00:00Z"));
    assert.equal(org.runtime.get(a.handoff.Id).Kickoff_SLA_Met__c, true, "Tuesday is before Wednesday's due time");
    moveEvent(org, a, eventId, new Date("2026-12-17T14:00:00Z"));
    const moved = org.runtime.get(a.handoff.Id);
    assert.equal(iso(moved.Kickoff_Scheduled_For__c), "2026-12-17T14:00:00.000Z", "the handoff follows the Event");
    assert.equal(moved.Kickoff_SLA_Met__c, false, "Thursday is after the due time");
  });

  test("moving another meeting on the deal leaves the kickoff time alone", () => {
    const org = kickoffOrg();
    const a = acceptedHandoff(org);
    planKickoff(org, a, new Date("2026-12-15T14:00:00Z"));
    const other = planKickoffEventOnly(org, a, new Date("2026-12-14T09:00:00Z"));
    moveEvent(org, a, other, new Date("2026-12-21T09:00:00Z"));
    assert.equal(iso(org.runtime.get(a.handoff.Id).Kickoff_Scheduled_For__c), "2026-12-15T14:00:00.000Z");
  });

  test("the kickoff is marked held at the Event's end, the end it has after being moved", () => {
    const org = kickoffOrg();
    const a = acceptedHandoff(org);
    const eventId = planKickoff(org, a, new Date("2026-12-15T14:00:00Z"));
    moveEvent(org, a, eventId, new Date("2026-12-16T09:00:00Z"));
    org.runtime.advanceTo(new Date("2026-12-15T15:30:00Z"));
    assert.equal(org.runtime.get(a.handoff.Id).Kickoff_Held_At__c ?? null, null, "not held at the old end");
    org.runtime.advanceTo(new Date("2026-12-16T10:00:00Z"));
    assert.equal(
      iso(org.runtime.get(a.handoff.Id).Kickoff_Held_At__c),
      "2026-12-16T10:00:00.000Z",
      "held at the new end",
    );
  });

  test("an Event no longer linked (the kickoff was planned anew) does not mark the kickoff held", () => {
    const org = kickoffOrg();
    const a = acceptedHandoff(org);
    const first = planKickoff(org, a, new Date("2026-12-14T14:00:00Z"));
    const second = planKickoff(org, a, new Date("2026-12-15T14:00:00Z"));
    assert.notEqual(first, second);
    org.runtime.advanceTo(new Date("2026-12-14T16:00:00Z"));
    assert.equal(
      org.runtime.get(a.handoff.Id).Kickoff_Held_At__c ?? null,
      null,
      "the replaced Event's end is no kickoff",
    );
    org.runtime.advanceTo(new Date("2026-12-15T16:00:00Z"));
    assert.equal(iso(org.runtime.get(a.handoff.Id).Kickoff_Held_At__c), "2026-12-15T15:00:00.000Z");
  });
});

// An Event on the deal that no handoff links (a demo, a check-in).
function planKickoffEventOnly(org: HandoffOrg, a: Accepted, start: Date): string {
  const [event] = org.runtime.insert(
    "Event",
    [
      {
        Subject: "Check-in",
        WhatId: a.deal.Id,
        OwnerId: a.csm.Id,
        StartDateTime: start,
        EndDateTime: new Date(start.getTime() + HOUR),
      },
    ],
    { as: a.csm },
  );
  return event.id!;
}

describe("the Kickoff missed rung", () => {
  test("no kickoff by Wednesday 10:00: the rung is logged and the CSM and their manager are notified, once", () => {
    const org = kickoffOrg();
    const a = acceptedHandoff(org);
    org.runtime.advanceTo(new Date("2026-12-16T09:59:00Z"));
    assert.equal(kickoffBells(org).length, 0, "nobody is chased before the due time");
    org.runtime.advanceTo(new Date("2026-12-16T10:00:00Z"));
    assert.deepEqual(kickoffRungs(org, a.handoff.Id), [
      {
        level: 3,
        rung: "Kickoff Missed",
        at: "2026-12-16T10:00:00.000Z",
        recipient: org.csManager.Id,
        routedTo: "CSM's manager",
      },
    ]);
    const bells = kickoffBells(org);
    assert.equal(bells.length, 1, "one notification");
    assert.deepEqual(
      new Set(bells[0].recipientIds),
      new Set([org.csManager.Id, a.csm.Id]),
      "to the CSM and their manager",
    );
    assert.match(bells[0].title ?? "", /^Kickoff missed: /);
    assert.match(bells[0].body ?? "", /no kickoff is scheduled/);
    const escalated = org.runtime.get(a.handoff.Id);
    assert.equal(escalated.Escalation_Level__c, 3, "the handoff is at the CS manager's level");
    assert.equal(escalated.Escalation_Count__c, 1, "one escalation counted");
    org.runtime.advanceHours(72);
    assert.equal(kickoffRungs(org, a.handoff.Id).length, 1, "the rung fires once");
  });

  test("a kickoff scheduled for before the due time: no rung", () => {
    const org = kickoffOrg();
    const a = acceptedHandoff(org);
    planKickoff(org, a, new Date("2026-12-16T09:00:00Z"));
    org.runtime.advanceTo(new Date("2026-12-17T10:00:00Z"));
    assert.deepEqual(kickoffRungs(org, a.handoff.Id), []);
    assert.equal(kickoffBells(org).length, 0);
  });

  test("a kickoff scheduled after the due time counts as missed, and says when it is", () => {
    const org = kickoffOrg();
    const a = acceptedHandoff(org);
    planKickoff(org, a, new Date("2026-12-18T09:00:00Z"));
    org.runtime.advanceTo(new Date("2026-12-16T10:00:00Z"));
    assert.equal(kickoffRungs(org, a.handoff.Id).length, 1, "a late kickoff misses the SLA");
    assert.match(kickoffBells(org)[0].body ?? "", /the kickoff is scheduled for 2026-12-18/);
  });

  test("a CSM without an active manager: the CSM and the CS Lead Group get it", () => {
    const org = kickoffOrg();
    const a = acceptedHandoff(org);
    org.runtime.update("User", [{ Id: org.csManager.Id, IsActive: false }]);
    org.runtime.advanceTo(new Date("2026-12-16T10:00:00Z"));
    const [rung] = kickoffRungs(org, a.handoff.Id);
    assert.equal(rung?.routedTo, "CS Lead Group");
    assert.deepEqual(new Set(kickoffBells(org)[0].recipientIds), new Set([a.csm.Id, org.group("CS_Leads").Id]));
  });

  test("200 handoffs accepted in one save: 200 due times, and at the due time 200 rungs within the limits", () => {
    const org = kickoffOrg();
    // One insert and one close of 200 deals, as a Data Loader run does.
    const inserted = org.runtime.insert(
      "Opportunity",
      Array.from({ length: 200 }, () => org.newDeal()),
      { as: org.rep },
    );
    expectSaved(inserted, "insert 200 deals");
    const deals = inserted.map((r) => ({ Id: r.id! }));
    expectSaved(
      org.runtime.update(
        "Opportunity",
        deals.map((d) => ({ Id: d.Id, StageName: "Closed Won" })),
        { as: org.rep },
      ),
      "close 200 deals",
    );
    const handoffs = deals.map((deal) => org.handoffOf(deal.Id));
    expectSaved(
      org.runtime.update(
        "Handoff__c",
        handoffs.map((h) => ({ Id: h.Id, Status__c: "Submitted" })),
        { as: org.rep },
      ),
      "submit 200",
    );
    expectSaved(
      org.runtime.update(
        "Handoff__c",
        handoffs.map((h) => ({ Id: h.Id, Status__c: "Accepted" })),
        { as: org.csManager },
      ),
      "accept 200",
    );
    const due = handoffs.map((h) => iso(org.runtime.get(h.Id).Kickoff_Due_At__c));
    assert.deepEqual(new Set(due), new Set(["2026-12-16T10:00:00.000Z"]), "every handoff gets its due time");
    org.runtime.advanceTo(new Date("2026-12-16T10:00:00Z"));
    const logged = org.runtime.all("Handoff_Escalation__c", (e) => e.Clock__c === "Kickoff");
    assert.equal(logged.length, 200, "one Kickoff missed rung per handoff");
    assert.equal(org.runtime.flowErrors.length, 0, `no flow failed: ${JSON.stringify(org.runtime.flowErrors[0])}`);
  });
});
