// Issue 16, the customer recap: what HandoffRecapService writes when the CSM sends the recap (Recap Sent At, and on a
// resend the previous answer cleared in the same save) is what the recap flows need to count the No Answer days again.
// Run on the offline flow runtime with the "Handoff Weekdays" calendar (Monday to Friday, 09:00 to 17:00 GMT).
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { iso, expectSaved, handoffOrg, type HandoffOrg } from "./handoffOrg.ts";
import type { SObject } from "./runtime.ts";

const flowsDir = process.env.HANDOFF_FLOWS_DIR || undefined;
const FRIDAY_MORNING = new Date("2026-12-11T09:00:00Z");
const NO_ANSWER_FLOW = "Handoff_After_Save_Customer_Recap_No_Answer";

// The fields HandoffRecapService.sendRecaps sets in one update when the email went out.
function sendRecap(org: HandoffOrg, handoff: SObject, csm: SObject, what: string) {
  expectSaved(
    org.runtime.update(
      "Handoff__c",
      [
        {
          Id: handoff.Id,
          Recap_Sent_At__c: org.runtime.clock,
          Customer_Confirmation__c: null,
          Customer_Confirmed_At__c: null,
          Corrections__c: null,
        },
      ],
      { as: csm },
    ),
    what,
  );
}

function acceptedHandoff(org: HandoffOrg): { handoff: SObject; csm: SObject } {
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
  return { handoff: org.runtime.get(handoff.Id), csm };
}

describe("sending the customer recap again", () => {
  test("after No Answer, a resend clears the answer, restarts the count and ends in No Answer again with a second bell", () => {
    const org = handoffOrg({ flowsDir, now: FRIDAY_MORNING });
    org.changeSettings({
      Business_Hours__c: "Handoff Weekdays",
      Recap_Reminder_Business_Days__c: 2,
      Business_Day_Hours__c: 8,
    });
    const { handoff, csm } = acceptedHandoff(org);
    sendRecap(org, handoff, csm, "the first recap");
    assert.equal(iso(org.runtime.get(handoff.Id).Recap_Answer_Due_At__c), "2026-12-15T11:00:00.000Z");
    org.runtime.advanceTo(new Date("2026-12-15T11:00:00Z"));
    assert.equal(org.runtime.get(handoff.Id).Customer_Confirmation__c, "No Answer", "no reply in two business days");

    org.runtime.advanceTo(new Date("2026-12-16T09:00:00Z"));
    sendRecap(org, handoff, csm, "the recap sent again");
    const resent = org.runtime.get(handoff.Id);
    assert.equal(resent.Customer_Confirmation__c, null, "sending again asks again: No Answer is cleared");
    assert.equal(
      iso(resent.Recap_Answer_Due_At__c),
      "2026-12-17T17:00:00.000Z",
      "the clock counts two business days again from Wednesday 09:00 (Wednesday 8 h, Thursday 8 h)",
    );
    org.runtime.advanceTo(new Date("2026-12-17T16:59:00Z"));
    assert.equal(org.runtime.get(handoff.Id).Customer_Confirmation__c, null, "still waiting before the new due time");
    org.runtime.advanceTo(new Date("2026-12-17T17:00:00Z"));
    assert.equal(org.runtime.get(handoff.Id).Customer_Confirmation__c, "No Answer", "no reply to the second recap");
    const bells = org.runtime.outbox.filter((m) => m.channel === "bell" && m.flow === NO_ANSWER_FLOW);
    assert.equal(bells.length, 2, "one reminder per unanswered recap");
  });

  test("a resend after Confirmed clears the confirmation, so the customer-confirmed reports wait for the new answer", () => {
    const org = handoffOrg({ flowsDir, now: FRIDAY_MORNING });
    org.changeSettings({
      Business_Hours__c: "Handoff Weekdays",
      Recap_Reminder_Business_Days__c: 2,
      Business_Day_Hours__c: 8,
    });
    const { handoff, csm } = acceptedHandoff(org);
    sendRecap(org, handoff, csm, "the first recap");
    expectSaved(
      org.runtime.update(
        "Handoff__c",
        [{ Id: handoff.Id, Customer_Confirmation__c: "Confirmed", Customer_Confirmed_At__c: org.runtime.clock }],
        { as: csm },
      ),
      "the customer's confirmation",
    );
    org.runtime.advanceHours(24);
    sendRecap(org, handoff, csm, "the recap sent again");
    const resent = org.runtime.get(handoff.Id);
    assert.equal(resent.Customer_Confirmation__c, null);
    assert.equal(resent.Customer_Confirmed_At__c, null);
    assert.ok(resent.Recap_Answer_Due_At__c, "a new answer due time is stamped for the resent recap");
  });
});
