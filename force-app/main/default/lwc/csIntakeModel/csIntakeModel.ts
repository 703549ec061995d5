// What the CS intake panel shows, computed from what HandoffIntakeController returns. No DOM, so it is tested as
// plain functions (__tests__/csIntakeModel.test.js) as well as through the panel and its children. Durations read like the Sales checklist's
// clock (c/handoffRules), so Sales and CS see the same words for the same time.
import { clockBadgeClass, formatDuration, isNearDue } from "c/handoffRules";

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
  csOwnerId: string | null;
  csOwnerName: string | null;
  salesOwnerName: string | null;
  dueAt: string | null;
  clockLabel: string | null;
  escalationLevel: number | null;
  brokenPromiseCount: number | null;
  firstTouchAt: string | null;
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

export interface Intake {
  handoff: HandoffRow;
  missingInfoRequest: string | null;
  intakeNotes: string | null;
  items: IntakeItem[];
  promises: PromiseRecord[];
  productLines?: ProductLine[];
  stakeholders?: Stakeholder[];
  timeline?: TimelineEntry[];
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

export interface OwnerGroup {
  key: string;
  title: string;
  rows: RowView[];
  countText: string;
}

// The list views: the CSM's own handoffs, or one of the team lists (TEAM_SCOPES) for CS managers.
export const VIEW_MINE = "mine";
// A CS manager lands on the team view: unassigned, at risk and escalated handoffs first.
export const VIEW_TEAM = "all";
// A clock that runs out within this many hours puts the handoff in the team view's "At risk" group.
export const AT_RISK_HOURS = 24;

export const TEAM_SCOPES = [
  { value: "all", label: "All open, by CSM" },
  { value: "unassigned", label: "Unassigned" },
  { value: "atRisk", label: "At risk" },
  { value: "escalated", label: "Escalated" },
  { value: "brokenPromises", label: "Broken promises" },
];

export const STATUS_FILTERS = [
  { value: "", label: "All open statuses" },
  { value: "Submitted", label: "Submitted" },
  { value: "Info Requested", label: "Info Requested" },
  { value: "Escalated", label: "Escalated" },
  { value: "Accepted", label: "Accepted, first touch pending" },
];

export const TIER_FILTERS = [
  { value: "", label: "All tiers" },
  { value: "High-Touch", label: "High-Touch" },
  { value: "Low-Touch", label: "Low-Touch" },
];

export const PROMISE_STATUSES = ["Kept", "At Risk", "Broken"];

// Apex decides which intake actions a handoff's status allows and says why not (csIntakePanel/csIntakeApex.d.ts),
// so the panel keeps no copy of the lifecycle.
export type IntakeAction = HandoffIntakeController.IntakeActionName;
export type ActionState = HandoffIntakeController.ActionState;

// What a confirmed intake action carries from its form to the Apex call (empty where the form has no such field).
export interface ActionValues {
  missingFields: string[];
  reason: string;
  note: string;
  touchedAt: string;
}

// Said in words, never by colour alone: "First touch due: 3 h 5 min left" or "First touch due: overdue by 2 h 0 min".
export function timeLeft(row: HandoffRow, now: Date): { text: string; overdue: boolean; nearDue: boolean } {
  if (!row.dueAt) return { text: "No clock running", overdue: false, nearDue: false };
  const remaining = new Date(row.dueAt).getTime() - now.getTime();
  const label = row.clockLabel ?? "Due";
  return remaining < 0
    ? { text: `${label}: overdue by ${formatDuration(-remaining)}`, overdue: true, nearDue: false }
    : { text: `${label}: ${formatDuration(remaining)} left`, overdue: false, nearDue: isNearDue(remaining) };
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

export function formatAmount(amount: number | null | undefined): string {
  if (amount === null || amount === undefined) return "No amount";
  return new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 }).format(
    amount,
  );
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
    amountText: formatAmount(row.amount),
    ownerText: row.csOwnerName ?? "Unassigned",
    tierText: row.tier ?? "No tier",
    accountText: account,
    brokenText: broken > 0 ? `${broken} broken promise${broken === 1 ? "" : "s"}` : null,
    openLabel: `Open intake for ${account} (${row.name})`,
  };
}

// Most urgent first: overdue before due, earliest due time first, handoffs with no running clock last.
// The server already sorts this way; sorting again keeps the page right if rows arrive in another order.
function dueTime(row: HandoffRow): number {
  if (!row.dueAt) return Number.POSITIVE_INFINITY;
  return new Date(row.dueAt).getTime();
}

export function byUrgency(a: HandoffRow, b: HandoffRow): number {
  const diff = dueTime(a) - dueTime(b);
  if (diff !== 0 && !Number.isNaN(diff)) return diff < 0 ? -1 : 1;
  return a.name.localeCompare(b.name);
}

export function myRows(rows: HandoffRow[], now: Date): RowView[] {
  return [...rows].sort(byUrgency).map((row) => toRowView(row, now));
}

function unassignedFirstThenByName(a: OwnerGroup, b: OwnerGroup): number {
  if (a.key === "unassigned") return -1;
  if (b.key === "unassigned") return 1;
  return a.title.localeCompare(b.title);
}

// A handoff at risk: its clock is overdue or runs out within the hours the team view is asked for.
export function isAtRisk(row: HandoffRow, now: Date, atRiskHours: number): boolean {
  if (!row.dueAt) return false;
  return new Date(row.dueAt).getTime() - now.getTime() <= atRiskHours * 3600000;
}

// What a CS manager looks at first: nobody's handoffs, then the ones running out of time, then the escalated.
const ATTENTION_GROUPS: { key: string; title: string; test: (row: HandoffRow, now: Date, hours: number) => boolean }[] =
  [
    { key: "unassigned", title: "Unassigned", test: (row) => !row.csOwnerId },
    { key: "atRisk", title: "At risk", test: (row, now, hours) => isAtRisk(row, now, hours) },
    { key: "escalated", title: "Escalated", test: (row) => row.status === "Escalated" },
  ];

// The team view: the attention groups first (each handoff in the first one it belongs to), then the rest by CSM,
// each group most urgent first.
export function groupByOwner(rows: HandoffRow[], now: Date, atRiskHours = 0): OwnerGroup[] {
  const groups = new Map<string, OwnerGroup>();
  for (const attention of ATTENTION_GROUPS) {
    groups.set(attention.key, { key: attention.key, title: attention.title, rows: [], countText: "" });
  }
  for (const row of [...rows].sort(byUrgency)) {
    const attention = ATTENTION_GROUPS.find((group) => group.test(row, now, atRiskHours));
    const key = attention?.key ?? `owner-${row.csOwnerId}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, title: row.csOwnerName ?? "Unassigned", rows: [], countText: "" };
      groups.set(key, group);
    }
    group.rows.push(toRowView(row, now));
  }
  const attentionKeys = ATTENTION_GROUPS.map((group) => group.key);
  const list = [
    ...attentionKeys.map((key) => groups.get(key) as OwnerGroup).filter((group) => group.rows.length > 0),
    ...[...groups.values()].filter((group) => !attentionKeys.includes(group.key)).sort(unassignedFirstThenByName),
  ];
  for (const group of list) {
    group.countText = `${group.rows.length} handoff${group.rows.length === 1 ? "" : "s"}`;
  }
  return list;
}

export interface ItemView extends IntakeItem {
  valueText: string;
  statusText: string;
  requirementText: string;
  verifyLabel: string;
  verifyDisabled: boolean;
}

export interface ItemGroup {
  key: string;
  title: string;
  items: ItemView[];
}

const PROBLEM_TEXT: Record<string, string> = {
  blank: "Missing",
  placeholder: "Placeholder answer",
  "too short": "Too short to be useful",
  "hidden from you": "Hidden from you: ask your admin for access",
  "deal hidden from you": "You cannot see the deal: ask the rep or your admin to share it",
  "not on Opportunity": "Field not found on Opportunity: ask your admin",
};

export function toItemView(item: IntakeItem, verified: boolean): ItemView {
  const optionalBlank = item.required === false && item.problem === "blank";
  const statusText = optionalBlank
    ? "Not answered (optional)"
    : item.problem
      ? (PROBLEM_TEXT[item.problem] ?? item.problem)
      : "Answered";
  return {
    ...item,
    verified,
    requirementText: item.required === false ? "Optional" : "Required",
    valueText: item.accessible ? (item.value ?? "(no answer)") : "(not visible to you)",
    statusText,
    verifyLabel: `Verified: ${item.label}`,
    verifyDisabled: !item.accessible,
  };
}

export function groupItems(items: IntakeItem[], verified: ReadonlySet<string>): ItemGroup[] {
  const groups: ItemGroup[] = [];
  for (const item of items) {
    const title = item.groupName ?? "Other";
    let group = groups.find((g) => g.title === title);
    if (!group) {
      group = { key: title, title, items: [] };
      groups.push(group);
    }
    group.items.push(toItemView(item, verified.has(item.fieldApiName)));
  }
  return groups;
}

export function verificationText(items: IntakeItem[], verified: ReadonlySet<string>): string {
  const done = items.filter((i) => verified.has(i.fieldApiName)).length;
  return `${done} of ${items.length} items verified`;
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
      label: `${item.label} (${(PROBLEM_TEXT[item.problem ?? ""] ?? item.problem ?? "Missing").toLowerCase()})`,
      value: item.fieldApiName,
    })),
    ...others.map((item) => ({ label: item.label, value: item.fieldApiName })),
  ];
}

export interface ProductLineView extends ProductLine {
  nameText: string;
  // Follows the name on the same line: " · Quantity 20 · $24,000".
  detailText: string;
  quantityText: string;
  amountText: string;
}

export function toProductLineViews(lines: ProductLine[] | undefined): ProductLineView[] {
  return (lines ?? []).map((line) => ({
    ...line,
    nameText: line.name ?? "Product",
    quantityText: line.quantity === null ? "Quantity not set" : `Quantity ${line.quantity}`,
    amountText: formatAmount(line.amount),
    detailText: ` · ${line.quantity === null ? "Quantity not set" : `Quantity ${line.quantity}`} · ${formatAmount(line.amount)}`,
  }));
}

export interface StakeholderView extends Stakeholder {
  nameText: string;
  titleText: string;
  emailHref: string | null;
  phoneHref: string | null;
}

export function toStakeholderViews(stakeholders: Stakeholder[] | undefined): StakeholderView[] {
  return (stakeholders ?? []).map((person) => ({
    ...person,
    nameText: person.name ?? "(no name)",
    titleText: person.title ?? "No title recorded",
    emailHref: person.email ? `mailto:${person.email}` : null,
    phoneHref: person.phone ? `tel:${person.phone.replace(/[^\d+]/g, "")}` : null,
  }));
}

export interface TimelineView extends TimelineEntry {
  key: string;
  whenText: string;
  changeText: string;
}

export function toTimelineViews(entries: TimelineEntry[] | undefined): TimelineView[] {
  return (entries ?? []).map((entry, index) => ({
    ...entry,
    key: `change-${index}`,
    whenText: entry.changedAt
      ? new Date(entry.changedAt).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" })
      : "Time not recorded",
    changeText: `${entry.fromStatus ?? "New"} → ${entry.toStatus ?? "(blank)"}${entry.changedBy ? ` by ${entry.changedBy}` : ""}`,
  }));
}

export interface PromiseView extends PromiseRecord {
  statusText: string;
  notedText: string | null;
  actions: { key: string; status: string; label: string; disabled: boolean }[];
}

export function toPromiseViews(promises: PromiseRecord[]): PromiseView[] {
  return promises.map((promise) => ({
    ...promise,
    statusText: promise.status,
    notedText: promise.notedBy
      ? `${promise.status} per ${promise.notedBy}${promise.note ? `: ${promise.note}` : ""}`
      : null,
    actions: PROMISE_STATUSES.map((status) => ({
      key: `${promise.id}-${status}`,
      status,
      label: `Mark "${promise.text}" as ${status}`,
      disabled: promise.status === status,
    })),
  }));
}

export function promiseSummary(promises: PromiseRecord[]): string {
  if (promises.length === 0) return "Sales recorded no promises for this deal.";
  const count = (status: string) => promises.filter((p) => p.status === status).length;
  return `${promises.length} promises: ${count("Open")} open, ${count("Kept")} kept, ${count("At Risk")} at risk, ${count("Broken")} broken`;
}

// One sentence per action: what worked, and for each handoff that did not, why.
export function summarizeResults(verb: string, results: ActionResult[]): { ok: string | null; failed: string[] } {
  const succeeded = results.filter((r) => r.success);
  const failed = results.filter((r) => !r.success).map((r) => `${r.name ?? "Handoff"}: ${r.message}`);
  const ok =
    succeeded.length === 0
      ? null
      : succeeded.length === 1
        ? succeeded[0].message
        : `${verb}: ${succeeded.length} handoffs.`;
  return { ok, failed };
}

// Under a note that stops at its field's length: "24 of 255 characters". Null when the length is unknown.
export function counterText(value: string, max: number | null): string | null {
  return max ? `${value.length.toLocaleString("en-US")} of ${max.toLocaleString("en-US")} characters` : null;
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
