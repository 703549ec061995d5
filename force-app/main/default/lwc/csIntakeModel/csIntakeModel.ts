// What the CS intake panel shows, computed from what HandoffIntakeController returns. No DOM, so it is tested as
// plain functions (__tests__/csIntakeModel.test.js) as well as through the panel and its children. Durations read like the Sales checklist's
// clock (c/handoffRules), so Sales and CS see the same words for the same time.
import { clockBadgeClass, formatDuration, isNearDue } from "c/handoffRules";
import { formatLabel } from "c/labelFormat";
import { formatCurrencyAmount, formatNumber } from "c/localeFormat";
import noClockLabel from "@salesforce/label/c.Handoff_Intake_No_Clock";
import overdueByLabel from "@salesforce/label/c.Handoff_Intake_Overdue_By";
import timeLeftLabel from "@salesforce/label/c.Handoff_Intake_Time_Left";
import dueLabel from "@salesforce/label/c.Handoff_Intake_Due";
import noAmountLabel from "@salesforce/label/c.Handoff_Intake_No_Amount";
import noTierLabel from "@salesforce/label/c.Handoff_Intake_No_Tier";
import unassignedLabel from "@salesforce/label/c.Handoff_Intake_Unassigned";
import brokenOneLabel from "@salesforce/label/c.Handoff_Intake_Broken_Promise_One";
import brokenCountLabel from "@salesforce/label/c.Handoff_Intake_Broken_Promise_Count";
import openIntakeLabel from "@salesforce/label/c.Handoff_Intake_Open_Intake";
import allStatusesLabel from "@salesforce/label/c.Handoff_Intake_All_Statuses";
import acceptedPendingLabel from "@salesforce/label/c.Handoff_Intake_Accepted_Pending";
import allTiersLabel from "@salesforce/label/c.Handoff_Intake_All_Tiers";
import teamAllLabel from "@salesforce/label/c.Handoff_Intake_Team_All";
import atRiskLabel from "@salesforce/label/c.Handoff_Intake_At_Risk";
import escalatedLabel from "@salesforce/label/c.Handoff_Intake_Escalated";
import brokenPromisesLabel from "@salesforce/label/c.Handoff_Intake_Broken_Promises";
import problemBlankLabel from "@salesforce/label/c.Handoff_Intake_Problem_Blank";
import problemPlaceholderLabel from "@salesforce/label/c.Handoff_Intake_Problem_Placeholder";
import problemTooShortLabel from "@salesforce/label/c.Handoff_Intake_Problem_Too_Short";
import problemHiddenLabel from "@salesforce/label/c.Handoff_Intake_Problem_Hidden";
import problemDealHiddenLabel from "@salesforce/label/c.Handoff_Intake_Problem_Deal_Hidden";
import problemNotOnOpportunityLabel from "@salesforce/label/c.Handoff_Intake_Problem_Not_On_Opportunity";
import handoffFallbackLabel from "@salesforce/label/c.Handoff_Intake_Handoff_Fallback";
import counterLabel from "@salesforce/label/c.Handoff_Checklist_Counter";

// HandoffIntakeController.HandoffRow
export interface HandoffRow extends HandoffIntakeController.RowLifecycle {
  id: string;
  name: string;
  status: string | null;
  tier: string | null;
  accountName: string | null;
  opportunityName: string | null;
  opportunityId: string | null;
  amount: number | null;
  // The deal's currency in a multi-currency org; absent otherwise (the amount is in the user's default currency).
  currencyIsoCode?: string | null;
  csOwnerId: string | null;
  csOwnerName: string | null;
  salesOwnerName: string | null;
  dueAt: string | null;
  clockLabel: string | null;
  escalationLevel: number | null;
  brokenPromiseCount: number | null;
  firstTouchAt: string | null;
  // The customer recap: when it went out, and the customer's answer (Confirmed, Corrected, No Answer).
  recapSentAt?: string | null;
  customerConfirmation?: string | null;
}

export interface HandoffPage {
  rows: HandoffRow[];
  pageNumber: number;
  pageSize: number;
  hasMore: boolean;
}

// HandoffIntakeChecklist.Item
export interface IntakeItem {
  fieldApiName: string;
  label: string;
  groupName: string | null;
  prompt: string | null;
  why: string | null;
  value: string | null;
  answered: boolean;
  problem: string | null;
  accessible: boolean;
  verified: boolean;
  // Required for the handoff's tier; optional answers (competitor threats, handoff notes) are shown too.
  required: boolean;
}

// HandoffIntakeDetails.ProductLine
export interface ProductLine {
  id: string;
  name: string | null;
  quantity: number | null;
  amount: number | null;
  // The line's currency in a multi-currency org; absent otherwise.
  currencyIsoCode?: string | null;
}

// HandoffIntakeDetails.Stakeholder
export interface Stakeholder {
  role: string;
  fieldApiName: string;
  contactId: string;
  name: string | null;
  title: string | null;
  email: string | null;
  phone: string | null;
}

// HandoffIntakeDetails.TimelineEntry
export interface TimelineEntry {
  changedAt: string | null;
  changedBy: string | null;
  fromStatus: string | null;
  toStatus: string | null;
}

// HandoffPromiseService.PromiseView
export interface PromiseRecord {
  id: string;
  handoffId: string;
  text: string;
  status: string;
  note: string | null;
  notedBy: string | null;
  notedAt: string | null;
}

// HandoffRecapService.RecapAnswer: one answer the recap showed the customer, as the deal holds it now.
export interface RecapAnswer {
  sectionKey: string;
  sectionTitle: string;
  fieldApiName: string;
  label: string;
  kind: "text" | "date";
  value: string | null;
  editable: boolean;
}

// HandoffRecapService.RecapView
export interface RecapView {
  sentAt: string | null;
  answerDueAt: string | null;
  outcome: string | null;
  answeredAt: string | null;
  corrections: string | null;
  recipientName: string | null;
  recipientEmail: string | null;
  ccEmail: string | null;
  cannotSendReason: string | null;
  answers: RecapAnswer[];
}

export interface Intake {
  handoff: HandoffRow;
  missingInfoRequest: string | null;
  intakeNotes: string | null;
  items: IntakeItem[];
  promises: PromiseRecord[];
  productLines?: ProductLine[];
  stakeholders?: Stakeholder[];
  timeline?: TimelineEntry[];
  recap?: RecapView | null;
}

export interface ViewerContext {
  userId: string;
  isManager: boolean;
  canReadHandoffs: boolean;
  returnReasons: string[];
}

export interface ActionResult {
  handoffId: string;
  name: string | null;
  success: boolean;
  message: string;
}

export interface RowView extends HandoffRow {
  timeText: string;
  overdue: boolean;
  nearDue: boolean;
  timeBadgeClass: string;
  statusBadgeClass: string;
  amountText: string;
  ownerText: string;
  tierText: string;
  accountText: string;
  brokenText: string | null;
  openLabel: string;
}

// The values are picklist values and Apex scopes; the labels are Custom Labels (statuses and tiers as picklist
// values, which an admin translates in Translation Workbench with the picklist).
// The list views: the CSM's own handoffs, or one of the team lists (TEAM_SCOPES) for CS managers.
export const VIEW_MINE = "mine";
// A CS manager lands on the team view: unassigned, at risk and escalated handoffs first.
export const VIEW_TEAM = "all";
// A clock that runs out within this many hours puts the handoff in the team view's "At risk" group.
export const AT_RISK_HOURS = 24;

export const TEAM_SCOPES = [
  { value: "all", label: teamAllLabel },
  { value: "unassigned", label: unassignedLabel },
  { value: "atRisk", label: atRiskLabel },
  { value: "escalated", label: escalatedLabel },
  { value: "brokenPromises", label: brokenPromisesLabel },
];

export const STATUS_FILTERS = [
  { value: "", label: allStatusesLabel },
  { value: "Submitted", label: "Submitted" },
  { value: "Info Requested", label: "Info Requested" },
  { value: "Escalated", label: "Escalated" },
  { value: "Accepted", label: acceptedPendingLabel },
];

export const TIER_FILTERS = [
  { value: "", label: allTiersLabel },
  { value: "High-Touch", label: "High-Touch" },
  { value: "Low-Touch", label: "Low-Touch" },
];

export const PROMISE_STATUSES = ["Kept", "At Risk", "Broken"];

// Apex decides which intake actions a handoff's status allows and says why not (csIntakePanel/csIntakeApex.d.ts),
// so the panel keeps no copy of the lifecycle.
export type IntakeAction = HandoffIntakeController.IntakeActionName;
export type ActionState = HandoffIntakeController.ActionState;
export type RecapAction = HandoffIntakeController.RecapActionName;

// What a confirmed intake action carries from its form to the Apex call (empty where the form has no such field).
export interface ActionValues {
  missingFields: string[];
  reason: string;
  note: string;
  touchedAt: string;
  // Plan kickoff only: what its form (c-intake-kickoff) chose.
  kickoff?: KickoffPlan;
}

// HandoffKickoffService.Invitee and KickoffDraft: what Plan kickoff proposes.
export interface KickoffInvitee {
  id: string;
  name: string;
  email: string | null;
  role: string;
}

export interface KickoffDraft {
  handoffId: string;
  opportunityId: string | null;
  subject: string;
  durationMinutes: number;
  invitees: KickoffInvitee[];
  scheduledFor: string | null;
}

// The arguments of HandoffIntakeController.planKickoff besides the handoff.
export interface KickoffPlan {
  startAt: string;
  durationMinutes: number;
  inviteeIds: string[];
  agenda: string;
}

// Said in words, never by colour alone: "First touch due: 3 h 5 min left" or "First touch due: overdue by 2 h 0 min".
export function timeLeft(row: HandoffRow, now: Date): { text: string; overdue: boolean; nearDue: boolean } {
  if (!row.dueAt) return { text: noClockLabel, overdue: false, nearDue: false };
  const remaining = new Date(row.dueAt).getTime() - now.getTime();
  const label = row.clockLabel ?? dueLabel;
  return remaining < 0
    ? { text: formatLabel(overdueByLabel, label, formatDuration(-remaining)), overdue: true, nearDue: false }
    : {
        text: formatLabel(timeLeftLabel, label, formatDuration(remaining)),
        overdue: false,
        nearDue: isNearDue(remaining),
      };
}

// Statuses that need someone's attention read as a warning or an error badge, the others as plain badges.
const STATUS_BADGES: Record<string, string> = {
  Escalated: "slds-badge slds-theme_error",
  Returned: "slds-badge slds-theme_warning",
  "Info Requested": "slds-badge slds-theme_warning",
  Accepted: "slds-badge slds-theme_success",
};

export function statusBadgeClass(status: string | null): string {
  return STATUS_BADGES[status ?? ""] ?? "slds-badge";
}

export function formatAmount(amount: number | null | undefined, currencyIsoCode?: string | null): string {
  if (amount === null || amount === undefined) return noAmountLabel;
  return formatCurrencyAmount(amount, currencyIsoCode);
}

export function toRowView(row: HandoffRow, now: Date): RowView {
  const clock = timeLeft(row, now);
  const broken = row.brokenPromiseCount ?? 0;
  const account = row.accountName ?? row.opportunityName ?? row.name;
  return {
    ...row,
    timeText: clock.text,
    overdue: clock.overdue,
    nearDue: clock.nearDue,
    timeBadgeClass: row.dueAt ? clockBadgeClass(clock) : "slds-badge slds-badge_lightest",
    statusBadgeClass: statusBadgeClass(row.status),
    amountText: formatAmount(row.amount, row.currencyIsoCode),
    ownerText: row.csOwnerName ?? unassignedLabel,
    tierText: row.tier ?? noTierLabel,
    accountText: account,
    brokenText: broken > 0 ? formatLabel(broken === 1 ? brokenOneLabel : brokenCountLabel, broken) : null,
    openLabel: formatLabel(openIntakeLabel, account, row.name),
  };
}

// What each answer problem Apex reports means, in words.
const PROBLEM_TEXT: Record<string, string> = {
  blank: problemBlankLabel,
  placeholder: problemPlaceholderLabel,
  "too short": problemTooShortLabel,
  "hidden from you": problemHiddenLabel,
  "deal hidden from you": problemDealHiddenLabel,
  "not on Opportunity": problemNotOnOpportunityLabel,
};

export function problemText(problem: string): string {
  return PROBLEM_TEXT[problem] ?? problem;
}

// A required answer that fails the answer rules: what a CSM most likely asks the rep for.
export function isFailing(item: IntakeItem): boolean {
  return item.required !== false && item.accessible && !item.answered;
}

// The request form offers every item, the failing answers first and saying why; nothing starts ticked, so the rep
// gets the items the CSM chose, not a list of everything unverified.
export function requestOptions(items: IntakeItem[]): { label: string; value: string }[] {
  const failing = items.filter(isFailing);
  const others = items.filter((item) => !isFailing(item));
  return [
    ...failing.map((item) => ({
      label: `${item.label} (${(item.problem ? problemText(item.problem) : problemBlankLabel).toLowerCase()})`,
      value: item.fieldApiName,
    })),
    ...others.map((item) => ({ label: item.label, value: item.fieldApiName })),
  ];
}

// One sentence per action: what worked, and for each handoff that did not, why. doneLabel is the action's Custom
// Label for several successes, with {0} for their count ("Accepted: {0} handoffs.").
export function summarizeResults(doneLabel: string, results: ActionResult[]): { ok: string | null; failed: string[] } {
  const succeeded = results.filter((r) => r.success);
  const failed = results.filter((r) => !r.success).map((r) => `${r.name ?? handoffFallbackLabel}: ${r.message}`);
  const ok =
    succeeded.length === 0
      ? null
      : succeeded.length === 1
        ? succeeded[0].message
        : formatLabel(doneLabel, succeeded.length);
  return { ok, failed };
}

// Under a note that stops at its field's length: "24 of 255 characters". Null when the length is unknown.
export function counterText(value: string, max: number | null): string | null {
  return max ? formatLabel(counterLabel, formatNumber(value.length), formatNumber(max)) : null;
}

// A field's length from the schema (getObjectInfo), or null when it is not known yet.
export function fieldLength(
  info: { fields?: Record<string, { length?: number } | undefined> } | undefined,
  fieldApiName: string | undefined,
): number | null {
  const length = fieldApiName ? info?.fields?.[fieldApiName]?.length : undefined;
  return typeof length === "number" && length > 0 ? length : null;
}

// The value of a change event from a base component (detail) or a native input (target).
export function eventValue(event: { detail?: { value?: unknown }; target?: unknown }): unknown {
  const fromTarget = (event.target as { value?: unknown } | null | undefined)?.value;
  return event.detail?.value ?? fromTarget;
}
