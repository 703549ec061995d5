// Characterisation of the automation bugs listed in issue 13, as the flows in force-app behave today. Each test
// asserts the CURRENT, WRONG behaviour, so it documents the bug on the runtime and fails the day the flow is fixed:
// the session fixing issue 13 turns each one into a test of the right behaviour (and renames it).
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { handoffOrg } from "./handoffOrg.ts";

const flowsDir = process.env.HANDOFF_FLOWS_DIR || undefined;

describe("known bugs of issue 13 (current behaviour, to be fixed there)", () => {
  test("KNOWN BUG: a preset CSM (from early intro) who became inactive keeps the handoff; the review task fails and nobody is told", () => {
    const org = handoffOrg({ flowsDir });
    const deal = org.createDeal({ Amount: 120000 });
    org.runtime.update("Opportunity", [{ Id: deal.Id, StageName: "Negotiation/Review" }], { as: org.rep });
    org.runtime.put("User", { ...org.runtime.get(org.highTouchCsm.Id), IsActive: false });
    const bellsBefore = org.runtime.outbox.length;
    org.closeWon(deal.Id);
    const handoff = org.handoffOf(deal.Id);
    assert.equal(handoff.CS_Owner__c, org.highTouchCsm.Id, "today: the inactive CSM is kept");
    assert.match(
      String(handoff.Automation_Error__c),
      /INACTIVE_OWNER_OR_USER/,
      "today: the review task cannot be created",
    );
    assert.equal(org.tasksOn(deal.Id).length, 0);
    assert.equal(org.runtime.outbox.length, bellsBefore, "today: no bell, email or Slack for anyone at close");
  });
});
