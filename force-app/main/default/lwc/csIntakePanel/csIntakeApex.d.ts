// The HandoffIntakeController methods the CS intake panel calls imperatively. Their results are typed unknown here
// (an ambient module cannot import the bundle's own csIntakeModel.ts) and narrowed to the model's types where they
// arrive in csIntakePanel.ts.
// What HandoffIntakeController returns with every HandoffRow about the lifecycle, decided by Apex (HandoffLifecycle):
// the panel renders its action buttons and the clock from these instead of its own status tables. Type-only, for
// `import type { HandoffRowLifecycle } from "@salesforce/apex/HandoffIntakeController"` (erased when compiled).
declare module "@salesforce/apex/HandoffIntakeController" {
  // HandoffIntakeController.HandoffAction; always the five, in display order.
  export type IntakeActionName = "accept" | "requestInfo" | "return" | "escalate" | "firstTouch";
  export interface HandoffAction {
    name: IntakeActionName;
    allowed: boolean;
    // null when allowed; otherwise a sentence for the CSM, e.g. "Accepted already: the handoff is with CS."
    disabledReason: string | null;
  }
  export interface HandoffRowLifecycle {
    actions: HandoffAction[];
    // Whose clock runs now; null when no clock runs.
    clockOwner: "Sales" | "CS" | null;
    // Handoff__c.With_Sales__c: Draft, Info Requested, Returned, or Escalated before submission.
    salesSide: boolean;
  }
}
declare module "@salesforce/apex/HandoffIntakeController.getViewerContext" {
  const getViewerContext: () => Promise<unknown>;
  export default getViewerContext;
}
declare module "@salesforce/apex/HandoffIntakeController.getMyHandoffs" {
  const getMyHandoffs: (params: {
    status: string | null;
    tier: string | null;
    searchText: string | null;
    pageSize: number;
    pageNumber: number;
  }) => Promise<unknown>;
  export default getMyHandoffs;
}
declare module "@salesforce/apex/HandoffIntakeController.getTeamHandoffs" {
  const getTeamHandoffs: (params: {
    scope: string;
    atRiskHours: number;
    status: string | null;
    tier: string | null;
    searchText: string | null;
    pageSize: number;
    pageNumber: number;
  }) => Promise<unknown>;
  export default getTeamHandoffs;
}
declare module "@salesforce/apex/HandoffIntakeController.getIntake" {
  const getIntake: (params: { handoffId: string }) => Promise<unknown>;
  export default getIntake;
}
declare module "@salesforce/apex/HandoffIntakeController.getCsUsers" {
  const getCsUsers: () => Promise<{ label: string; value: string }[]>;
  export default getCsUsers;
}
declare module "@salesforce/apex/HandoffIntakeController.acceptHandoffs" {
  const acceptHandoffs: (params: { handoffIds: string[] }) => Promise<unknown[]>;
  export default acceptHandoffs;
}
declare module "@salesforce/apex/HandoffIntakeController.requestMissingInfo" {
  const requestMissingInfo: (params: {
    handoffIds: string[];
    missingFields: string[];
    note: string | null;
  }) => Promise<unknown[]>;
  export default requestMissingInfo;
}
declare module "@salesforce/apex/HandoffIntakeController.returnToSales" {
  const returnToSales: (params: { handoffIds: string[]; reason: string; note: string | null }) => Promise<unknown[]>;
  export default returnToSales;
}
declare module "@salesforce/apex/HandoffIntakeController.escalateHandoffs" {
  const escalateHandoffs: (params: { handoffIds: string[]; note: string | null }) => Promise<unknown[]>;
  export default escalateHandoffs;
}
declare module "@salesforce/apex/HandoffIntakeController.logFirstTouch" {
  const logFirstTouch: (params: { handoffIds: string[]; touchedAt: string | null }) => Promise<unknown[]>;
  export default logFirstTouch;
}
declare module "@salesforce/apex/HandoffIntakeController.reassignHandoffs" {
  const reassignHandoffs: (params: { handoffIds: string[]; newOwnerId: string }) => Promise<unknown[]>;
  export default reassignHandoffs;
}
declare module "@salesforce/apex/HandoffIntakeController.saveVerifiedItems" {
  const saveVerifiedItems: (params: { handoffId: string; verifiedFields: string[] }) => Promise<unknown>;
  export default saveVerifiedItems;
}
declare module "@salesforce/apex/HandoffIntakeController.markPromises" {
  const markPromises: (params: { promiseIds: string[]; status: string; note: string | null }) => Promise<unknown[]>;
  export default markPromises;
}
