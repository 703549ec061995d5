// The status rules of the intake Apex (HandoffIntakeService, HandoffIntakeSelector, HandoffPromiseService), as the
// Apex stand-in applies them. Kept apart with no imports so a node test can compare them with the Apex source
// (tests/preview/apexRules.test.ts): when an Apex rule changes, that test names the rule to update here.
export const APEX_SETS = {
  "HandoffIntakeService.ACCEPT_FROM": ["Submitted", "Info Requested", "Escalated"],
  "HandoffIntakeService.REQUEST_INFO_FROM": ["Submitted", "Info Requested", "Escalated"],
  "HandoffIntakeService.RETURN_FROM": ["Submitted", "Info Requested", "Escalated"],
  "HandoffIntakeService.ESCALATE_FROM": ["Draft", "Submitted", "Info Requested", "Returned", "Escalated"],
  "HandoffIntakeService.FIRST_TOUCH_FROM": ["Submitted", "Info Requested", "Escalated", "Accepted"],
  "HandoffIntakeSelector.OPEN_STATUSES": ["Submitted", "Info Requested", "Escalated", "Accepted"],
  "HandoffIntakeSelector.TEAM_SCOPES": ["all", "unassigned", "atRisk", "escalated", "brokenPromises"],
  "HandoffPromiseService.STATUSES": ["Open", "Kept", "At Risk", "Broken"],
};

export const APEX_INTEGERS = {
  "HandoffIntakeService.CS_MANAGER_ESCALATION_LEVEL": 3,
  "HandoffIntakeSelector.MAX_PAGE_SIZE": 200,
};
