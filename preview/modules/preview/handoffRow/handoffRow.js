// HandoffIntakeController.HandoffRow as the preview's Apex stand-in builds it. No imports, so the node test
// (tests/preview/apexStandIn.test.ts) runs it as the page does and holds it to the recorded Apex responses, the
// Jest fixtures of csIntakePanel: same fields, and for the same handoff the same actions, clock owner and side.
// Which actions a status allows is not written here: it is looked up in the recorded rows (lifecycleRows.json),
// one per lifecycle state, so the preview cannot drift from what the Apex answered.

// The Current_SLA_Due_At__c formula's "Sales side": the handoff clock runs while Sales owns the handoff.
export function isSalesSide(fields) {
  return (
    ["Draft", "Info Requested", "Returned"].includes(fields.Status__c) ||
    (fields.Status__c === "Escalated" && !fields.Submitted_At__c)
  );
}

// The customer recap's part of the state: not sent, sent and unanswered (or No Answer, which a late reply may still
// overwrite), or answered by the customer.
function recapState(recapSentAt, customerConfirmation) {
  if (!recapSentAt) return "recap not sent";
  return customerConfirmation === "Confirmed" || customerConfirmation === "Corrected" ? "recap answered" : "recap open";
}

function stateKey(status, firstTouchAt, recapSentAt, customerConfirmation) {
  return `${status ?? ""}|${firstTouchAt ? "first touch logged" : "no first touch"}|${recapState(recapSentAt, customerConfirmation)}`;
}

// The recorded actions of a handoff in the same status and first-touch state; a state nobody recorded allows
// nothing and says so, rather than guessing what the Apex would do.
export function actionsFor(fields, recordedRows) {
  const key = stateKey(
    fields.Status__c,
    fields.First_Touch_At__c,
    fields.Recap_Sent_At__c,
    fields.Customer_Confirmation__c,
  );
  const recorded = recordedRows.find(
    (row) => stateKey(row.status, row.firstTouchAt, row.recapSentAt, row.customerConfirmation) === key,
  );
  if (recorded) return recorded.actions.map((action) => ({ ...action }));
  const reason = `The preview has no recorded Apex answer for a handoff in status ${fields.Status__c}.`;
  // Every recording lists all intake actions in Apex's display order, so their names come from there too.
  return (recordedRows[0]?.actions ?? []).map(({ name }) => ({
    name,
    allowed: false,
    disabledReason: reason,
  }));
}

// names: { account, opportunity, csOwner, salesOwner } (record names the stand-in looked up); brokenPromiseCount.
export function toHandoffRow(handoff, { names, amount, brokenPromiseCount }, recordedRows) {
  const f = handoff.fields;
  const dueAt = f.Current_SLA_Due_At__c ?? null;
  const salesSide = isSalesSide(f);
  return {
    id: handoff.id,
    name: f.Name,
    status: f.Status__c,
    tier: f.Tier__c ?? null,
    accountName: names.account ?? null,
    opportunityName: names.opportunity ?? null,
    opportunityId: f.Opportunity__c ?? null,
    amount: amount ?? null,
    csOwnerId: f.CS_Owner__c ?? null,
    csOwnerName: names.csOwner ?? null,
    salesOwnerName: names.salesOwner ?? null,
    dueAt,
    clockLabel: dueAt === null ? null : salesSide ? "Handoff due from Sales" : "First touch due",
    escalationLevel: f.Escalation_Level__c ?? null,
    brokenPromiseCount,
    firstTouchAt: f.First_Touch_At__c ?? null,
    actions: actionsFor(f, recordedRows),
    clockOwner: dueAt === null ? null : salesSide ? "Sales" : "CS",
    salesSide,
    recapSentAt: f.Recap_Sent_At__c ?? null,
    customerConfirmation: f.Customer_Confirmation__c ?? null,
  };
}
