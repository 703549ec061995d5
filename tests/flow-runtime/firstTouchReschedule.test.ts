// First Touch At when a CS meeting is moved (issue 13, "stamp the earliest when a meeting is rescheduled"): the
// earliest real contact wins; a stamp that came from another activity never moves later; a stamp that came from the
// moved meeting follows it (to the new start once that has passed, to a call or meeting that happened in between,
// or it is cleared while the meeting is still ahead). Run on the offline flow runtime with the real flows.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { handoffOrg, type HandoffOrg } from "./handoffOrg.ts";
import type { SObject } from "./runtime.ts";

const flowsDir = process.env.HANDOFF_FLOWS_DIR || undefined;
const HOUR = 3_600_000;

interface Scenario {
  org: HandoffOrg;
  deal: SObject;
  handoffId: string;
  submittedAt: number;
  csm: SObject;
}

// A Low-Touch deal closed and submitted now; the CSM assigned to it is the one whose activities count.
function submittedHandoff(): Scenario {
  const org = handoffOrg({ flowsDir });
  const deal = org.createDeal();
  org.closeWon(deal.Id);
  const handoff = org.handoffOf(deal.Id);
  org.runtime.update("Handoff__c", [{ Id: handoff.Id, Status__c: "Submitted" }], { as: org.rep });
  const csm = org.runtime.get(org.handoffOf(deal.Id).CS_Owner__c as string);
  return { org, deal, handoffId: handoff.Id, submittedAt: org.runtime.clock.getTime(), csm };
}

const at = (s: Scenario, hoursAfterSubmission: number) => new Date(s.submittedAt + hoursAfterSubmission * HOUR);

function meeting(s: Scenario, hoursAfterSubmission: number): string {
  const start = at(s, hoursAfterSubmission);
  const [saved] = s.org.runtime.insert(
    "Event",
    [
      {
        Subject: "Kickoff",
        WhatId: s.deal.Id,
        OwnerId: s.csm.Id,
        StartDateTime: start,
        EndDateTime: new Date(start.getTime() + HOUR),
      },
    ],
    { as: s.csm },
  );
  assert.ok(saved.success, `the meeting saves: ${JSON.stringify(saved.errors)}`);
  return saved.id!;
}

function move(s: Scenario, eventId: string, hoursAfterSubmission: number) {
  const start = at(s, hoursAfterSubmission);
  const [saved] = s.org.runtime.update(
    "Event",
    [{ Id: eventId, StartDateTime: start, EndDateTime: new Date(start.getTime() + HOUR) }],
    { as: s.csm },
  );
  assert.ok(saved.success, `moving the meeting saves: ${JSON.stringify(saved.errors)}`);
}

function completedCall(s: Scenario) {
  const [saved] = s.org.runtime.insert(
    "Task",
    [{ Subject: "Call", WhatId: s.deal.Id, OwnerId: s.csm.Id, Status: "Completed", TaskSubtype: "Call" }],
    { as: s.csm },
  );
  assert.ok(saved.success, "the call saves");
}

const advanceTo = (s: Scenario, hoursAfterSubmission: number) => s.org.runtime.advanceTo(at(s, hoursAfterSubmission));

// First Touch At in hours after the submission, or null.
function firstTouch(s: Scenario): number | null {
  const stamp = s.org.runtime.get(s.handoffId).First_Touch_At__c as Date | null;
  return stamp ? (stamp.getTime() - s.submittedAt) / HOUR : null;
}

describe("a meeting moved earlier moves First Touch At earlier", () => {
  test("a meeting logged at +3h and corrected to +1h stamps +1h", () => {
    const s = submittedHandoff();
    advanceTo(s, 4);
    const kickoff = meeting(s, 3);
    assert.equal(firstTouch(s), 3, "the logged meeting is the first touch");
    move(s, kickoff, 1);
    assert.equal(firstTouch(s), 1, "moved earlier, the meeting's new start is the first touch");
  });

  test("a meeting moved to before a call that set First Touch At takes its place", () => {
    const s = submittedHandoff();
    advanceTo(s, 2);
    completedCall(s);
    advanceTo(s, 4);
    const kickoff = meeting(s, 3);
    assert.equal(firstTouch(s), 2, "the earlier call stays the first touch when a later meeting is logged");
    move(s, kickoff, 1);
    assert.equal(firstTouch(s), 1, "the meeting that really came first wins");
  });

  test("a meeting logged after the fact that came before the call that set First Touch At replaces it", () => {
    const s = submittedHandoff();
    advanceTo(s, 3);
    completedCall(s);
    meeting(s, 1);
    assert.equal(firstTouch(s), 1, "the meeting at +1h, logged at +3h after the call, is the first contact");
  });

  test("a meeting moved to before the submission does not count", () => {
    const s = submittedHandoff();
    advanceTo(s, 4);
    const kickoff = meeting(s, 3);
    move(s, kickoff, -2);
    assert.equal(firstTouch(s), 3, "a meeting before the submission is not a first touch of this handoff");
  });
});

describe("a meeting moved later", () => {
  test("never moves a First Touch At that a call set", () => {
    const s = submittedHandoff();
    advanceTo(s, 1);
    completedCall(s);
    advanceTo(s, 5);
    const kickoff = meeting(s, 2);
    move(s, kickoff, 4);
    assert.equal(firstTouch(s), 1, "the call at +1h stays the first touch");
  });

  test("that set First Touch At and has still taken place carries it to its new start", () => {
    const s = submittedHandoff();
    advanceTo(s, 5);
    const kickoff = meeting(s, 1);
    assert.equal(firstTouch(s), 1);
    move(s, kickoff, 3);
    assert.equal(firstTouch(s), 3, "the meeting took place at +3h, not +1h: the stamp follows it");
  });

  test("that set First Touch At and is now ahead (a no-show rescheduled) clears it: a future meeting is not a touch", () => {
    const s = submittedHandoff();
    advanceTo(s, 1);
    const kickoff = meeting(s, 2);
    assert.equal(firstTouch(s), null, "a booked meeting is not a touch before it starts");
    advanceTo(s, 3);
    assert.equal(firstTouch(s), 2, "it counts at its start (scheduled path)");
    move(s, kickoff, 48);
    assert.equal(firstTouch(s), null, "the customer did not show up: no first touch yet");
  });

  test("that set First Touch At falls back to a call made between the old and the new start", () => {
    const s = submittedHandoff();
    advanceTo(s, 2);
    const kickoff = meeting(s, 1);
    advanceTo(s, 3);
    completedCall(s);
    advanceTo(s, 4);
    move(s, kickoff, 48);
    assert.equal(firstTouch(s), 3, "the call at +3h is the first real contact");
  });

  test("that set First Touch At falls back to another meeting held between the old and the new start", () => {
    const s = submittedHandoff();
    advanceTo(s, 6);
    const kickoff = meeting(s, 1);
    meeting(s, 4);
    assert.equal(firstTouch(s), 1);
    move(s, kickoff, 5);
    assert.equal(firstTouch(s), 4, "the other meeting at +4h came before the moved one at +5h");
  });

  test("that was booked ahead and moved before it started counts at its new start only", () => {
    const s = submittedHandoff();
    advanceTo(s, 1);
    const kickoff = meeting(s, 2);
    move(s, kickoff, 6);
    advanceTo(s, 3);
    assert.equal(firstTouch(s), null, "nothing happened at the old start");
    advanceTo(s, 7);
    assert.equal(firstTouch(s), 6, "the meeting counts when its new start comes");
  });
});

test("200 meetings on 200 handoffs moved in one save stay within the limits and each stamps its handoff", () => {
  const org = handoffOrg({ flowsDir });
  const dealRows = Array.from({ length: 200 }, (_, i) => {
    const account = org.runtime.put("Account", { Name: `Customer ${i}`, OwnerId: org.rep.Id });
    return org.newDeal({ AccountId: account.Id });
  });
  const dealIds = org.runtime.insert("Opportunity", dealRows, { as: org.rep }).map((r) => r.id!);
  org.runtime.update(
    "Opportunity",
    dealIds.map((Id) => ({ Id, StageName: "Closed Won" })),
    { as: org.rep },
  );
  const handoffs = dealIds.map((dealId) => org.handoffOf(dealId));
  org.runtime.update(
    "Handoff__c",
    handoffs.map((h) => ({ Id: h.Id, Status__c: "Submitted" })),
    { as: org.rep },
  );
  const submittedAt = org.runtime.clock.getTime();
  org.runtime.advanceHours(10);
  const rows = dealIds.map((dealId, i) => ({
    Subject: "Kickoff",
    WhatId: dealId,
    OwnerId: handoffs[i].CS_Owner__c,
    StartDateTime: new Date(submittedAt + 5 * HOUR),
    EndDateTime: new Date(submittedAt + 6 * HOUR),
  }));
  const eventIds = org.runtime.insert("Event", rows).map((r) => r.id!);
  org.runtime.update(
    "Event",
    eventIds.map((Id) => ({ Id, StartDateTime: new Date(submittedAt + 2 * HOUR) })),
  );
  const stamps = handoffs.map((h) => (org.runtime.get(h.Id).First_Touch_At__c as Date | null)?.getTime());
  assert.ok(
    stamps.every((t) => t === submittedAt + 2 * HOUR),
    "every handoff's first touch follows its meeting to +2h",
  );
  const { soql, dmlStatements } = org.runtime.lastTransaction.limits;
  assert.ok(
    soql <= 10 && dmlStatements <= 10,
    `one query and one DML per flow element for the batch: ${soql} queries, ${dmlStatements} DML`,
  );
});
