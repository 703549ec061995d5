// The HandoffIntakeController methods the CS intake panel calls imperatively. Their results are typed unknown here
// (an ambient module cannot import the bundle's own csIntakeModel.ts) and narrowed to the model's types where they
// arrive in csIntakePanel.ts.

// What each HandoffIntakeController.HandoffRow says about the handoff's lifecycle, decided by Apex so no client keeps
// a copy of the status rules: the five intake actions in display order, each allowed or not with the reason in
// words, whose SLA clock runs now, and whether Sales owns the handoff. c/csIntakeModel's HandoffRow carries them.
declare namespace HandoffIntakeController {
  type IntakeActionName = "accept" | "requestInfo" | "return" | "escalate" | "firstTouch" | "planKickoff";
  // The customer recap's actions (c/intakeRecap renders them; the action bar's forms are the ones above).
  type RecapActionName = "sendRecap" | "recordRecapAnswer";
  interface ActionState {
    name: IntakeActionName | RecapActionName;
    allowed: boolean;
    disabledReason: string | null;
  }
  interface RowLifecycle {
    actions: ActionState[];
    clockOwner: "Sales" | "CS" | null;
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
declare module "@salesforce/apex/HandoffIntakeController.getKickoffDraft" {
  const getKickoffDraft: (params: { handoffId: string }) => Promise<unknown>;
  export default getKickoffDraft;
}
declare module "@salesforce/apex/HandoffIntakeController.planKickoff" {
  const planKickoff: (params: {
    handoffId: string;
    startAt: string;
    durationMinutes: number;
    inviteeIds: string[];
    agenda: string;
  }) => Promise<unknown>;
  export default planKickoff;
}
declare module "@salesforce/apex/HandoffIntakeController.sendRecaps" {
  const sendRecaps: (params: { handoffIds: string[]; resend: boolean }) => Promise<unknown[]>;
  export default sendRecaps;
}
declare module "@salesforce/apex/HandoffIntakeController.recordRecapAnswer" {
  const recordRecapAnswer: (params: {
    handoffId: string;
    outcome: string;
    corrections: { fieldApiName: string; correctedValue: string }[];
    note: string | null;
  }) => Promise<unknown>;
  export default recordRecapAnswer;
}
