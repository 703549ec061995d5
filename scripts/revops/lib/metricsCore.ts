// Handoff metrics (seed tasks 8 and 12, and the playbook's pilot review): completion, time from close to
// handoff, from close and from handoff to first CS touch (median, 90th percentile), SLA attainment per
// clock, escalation rate, returns by reason, info-request loops; by tier, sales rep, CSM, pilot cohort
// and week. Rows are folded one at a time into per-group accumulators, so a million handoffs read from
// Bulk API pages never exist as a list of objects.
import { DurationHistogram, pct } from "./stats.ts";

export const HANDOFF_FIELDS = [
  "Id",
  "Status__c",
  "Tier__c",
  "Sales_Owner__r.Name",
  "CS_Owner__r.Name",
  "Pilot__c",
  "Pilot_Cohort__c",
  "Closed_At__c",
  "Submitted_At__c",
  "First_Touch_At__c",
  "Handoff_Due_At__c",
  "First_Touch_Due_At__c",
  "Escalation_Count__c",
  "Return_Reason__c",
  "Missing_Info_Request__c",
  "Customer_Confirmation__c",
] as const;

export type HandoffRow = Record<(typeof HANDOFF_FIELDS)[number], string | null>;

export interface Handoff {
  id: string;
  status: string;
  tier: string;
  rep: string;
  csm: string;
  cohort: string;
  week: string;
  closedAt: number | null;
  submittedAt: number | null;
  firstTouchAt: number | null;
  handoffDueAt: number | null;
  firstTouchDueAt: number | null;
  escalations: number;
  returnReason: string | null;
  infoRequested: boolean;
  // The customer's answer to the recap of what Sales captured: Confirmed, Corrected, No Answer, or null (not asked).
  customerConfirmation: string | null;
}

export const DIMENSIONS = ["overall", "tier", "rep", "csm", "cohort", "week"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

type Durations = { n: number; median: number | null; p90: number | null };
type SlaCounts = { met: number; missed: number; pending: number; attainmentPct: number | null };

export interface GroupMetrics {
  dimension: Dimension;
  group: string;
  handoffs: number;
  submitted: number;
  completionPct: number | null;
  hoursToHandoff: Durations; // close -> submitted
  hoursToFirstTouch: Durations; // submitted -> first CS touch
  hoursCloseToFirstTouch: Durations; // close -> first CS touch
  handoffSla: SlaCounts;
  firstTouchSla: SlaCounts;
  escalated: number;
  escalations: number;
  escalationRatePct: number | null;
  returned: number;
  infoRequested: number; // handoffs CS sent back to Sales for missing information at least once
  infoRequestPct: number | null;
  recapAnswered: number; // handoffs whose recap outcome is recorded: Confirmed, Corrected or No Answer
  customerConfirmed: number;
  customerConfirmedPct: number | null; // confirmed as captured / recap outcome recorded
}

export interface FeedbackMetrics {
  responses: number;
  averageRating: number | null;
  csatPct: number | null; // ratings of 4 or 5 out of 5, as a share of all ratings
  byRespondent: { respondent: string; responses: number; averageRating: number | null; csatPct: number | null }[];
  // The customers' own ratings (Respondent Type Customer, the survey answers) by the handoff's tier, rep and CSM.
  customerBy: {
    dimension: CustomerCsatDimension;
    group: string;
    responses: number;
    averageRating: number | null;
    csatPct: number | null;
  }[];
}

export interface PromiseMetrics {
  promises: number;
  byStatus: { Open: number; Kept: number; "At Risk": number; Broken: number };
  keptPct: number | null; // kept / (kept + at risk + broken): open promises are not judged yet
  atRiskPct: number | null;
  brokenPct: number | null;
}

export interface MetricsResult {
  generatedAt: string;
  asOf: string;
  since?: string;
  until?: string;
  source: string;
  mode: "rest" | "bulk";
  handoffs: number;
  groups: GroupMetrics[];
  returnsByReason: { reason: string; count: number }[];
  feedback?: FeedbackMetrics;
  promises?: PromiseMetrics;
  skipped: { id: string; problem: string }[];
}

// Salesforce writes date-times as 2026-11-02T10:00:00.000+0000 (REST) or ...Z (Bulk API). That form
// is read here character by character, without allocating: at a million rows times five fields
// Date.parse (or a regular expression and a Date per value) is a large part of the run. Anything else
// goes through Date.parse.
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digits(v: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const c = v.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

function salesforceDateTime(v: string): number | undefined {
  if (v.length < 20 || v[4] !== "-" || v[7] !== "-" || v[10] !== "T" || v[13] !== ":" || v[16] !== ":")
    return undefined;
  const year = digits(v, 0, 4);
  const month = digits(v, 5, 2);
  const day = digits(v, 8, 2);
  const hour = digits(v, 11, 2);
  const minute = digits(v, 14, 2);
  const second = digits(v, 17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  let i = 19;
  let ms = 0;
  if (v[i] === ".") {
    i++;
    let scale = 100;
    while (i < v.length && v.charCodeAt(i) >= 48 && v.charCodeAt(i) <= 57) {
      ms += (v.charCodeAt(i) - 48) * scale;
      scale /= 10;
      i++;
    }
    ms = Math.floor(ms);
  }
  let offset = 0;
  if (v[i] === "Z" && i + 1 === v.length) offset = 0;
  else if ((v[i] === "+" || v[i] === "-") && (v.length === i + 5 || (v.length === i + 6 && v[i + 3] === ":"))) {
    const hh = digits(v, i + 1, 2);
    const mm = digits(v, v.length - 2, 2);
    if (hh < 0 || mm < 0) return undefined;
    offset = (v[i] === "-" ? -1 : 1) * (hh * 60 + mm) * 60_000;
  } else return undefined;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const monthDays = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  if (month < 1 || month > 12 || day < 1 || day > monthDays || hour > 23 || minute > 59 || second > 59) return NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offset;
}

export function time(v: string | null | undefined): number | null {
  if (v === null || v === undefined || v === "") return null;
  const fast = salesforceDateTime(v);
  if (fast !== undefined) return fast;
  const t = Date.parse(v);
  return Number.isNaN(t) ? NaN : t;
}

// ISO 8601 week of a UTC instant, e.g. 2026-W47 (weeks start on Monday; week 1 holds the first Thursday).
export function isoWeek(ms: number): string {
  const d = new Date(ms);
  const thursday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  thursday.setUTCDate(thursday.getUTCDate() + 4 - (thursday.getUTCDay() || 7));
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((thursday.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

// Many handoffs close in the same week: the week of each UTC day is worked out once.
const weekOfDay = new Map<number, string>();
function weekOf(ms: number): string {
  const day = Math.floor(ms / 86_400_000);
  let week = weekOfDay.get(day);
  if (week === undefined) {
    week = isoWeek(ms);
    weekOfDay.set(day, week);
  }
  return week;
}

export function toHandoff(row: HandoffRow): { handoff?: Handoff; problem?: string } {
  const closedAt = time(row.Closed_At__c);
  const submittedAt = time(row.Submitted_At__c);
  const firstTouchAt = time(row.First_Touch_At__c);
  const handoffDueAt = time(row.Handoff_Due_At__c);
  const firstTouchDueAt = time(row.First_Touch_Due_At__c);
  if (
    Number.isNaN(closedAt) ||
    Number.isNaN(submittedAt) ||
    Number.isNaN(firstTouchAt) ||
    Number.isNaN(handoffDueAt) ||
    Number.isNaN(firstTouchDueAt)
  ) {
    const times = { closedAt, submittedAt, firstTouchAt, handoffDueAt, firstTouchDueAt };
    const bad = Object.entries(times).find(([, v]) => Number.isNaN(v))!;
    return { problem: `${bad[0]} is not a date/time` };
  }
  const cohort = row.Pilot_Cohort__c || (row.Pilot__c === "true" ? "(pilot, no cohort)" : "(not in pilot)");
  return {
    handoff: {
      id: String(row.Id),
      status: row.Status__c ?? "",
      tier: row.Tier__c || "(no tier)",
      rep: row["Sales_Owner__r.Name"] || "(no sales owner)",
      csm: row["CS_Owner__r.Name"] || "(no CS owner)",
      cohort,
      week: closedAt === null ? "(not closed)" : weekOf(closedAt),
      closedAt,
      submittedAt,
      firstTouchAt,
      handoffDueAt,
      firstTouchDueAt,
      escalations: Number(row.Escalation_Count__c || 0),
      returnReason: row.Return_Reason__c || null,
      infoRequested: !!row.Missing_Info_Request__c || row.Status__c === "Info Requested",
      customerConfirmation: row.Customer_Confirmation__c || null,
    },
  };
}

const hours = (from: number | null, to: number | null) =>
  from === null || to === null ? null : (to - from) / 3_600_000;

// Calendar hours from the deal's close to CS first touch, or null until both are recorded: the definition of the
// formula field Handoff__c.Hours_Close_To_First_Touch__c that the dashboard charts (tests/reports prove they agree).
export const hoursCloseToFirstTouch = (h: Pick<Handoff, "closedAt" | "firstTouchAt">): number | null =>
  hours(h.closedAt, h.firstTouchAt);

// SLA outcome of one clock: met if done by the due time, missed if done late or still open past it,
// pending while open and not yet due. No due time: the clock does not apply.
export function slaOutcome(done: number | null, due: number | null, asOf: number): "met" | "missed" | "pending" | null {
  if (due === null) return null;
  if (done !== null) return done <= due ? "met" : "missed";
  return asOf > due ? "missed" : "pending";
}

class SlaTally {
  met = 0;
  missed = 0;
  pending = 0;
  add(outcome: "met" | "missed" | "pending" | null) {
    if (outcome) this[outcome]++;
  }
  result(): SlaCounts {
    return {
      met: this.met,
      missed: this.missed,
      pending: this.pending,
      attainmentPct: pct(this.met, this.met + this.missed),
    };
  }
}

// What each group adds up about one handoff, worked out once however many groups it belongs to.
interface Derived {
  toHandoff: number | null;
  toFirstTouch: number | null;
  closeToFirstTouch: number | null;
  handoffSla: "met" | "missed" | "pending" | null;
  firstTouchSla: "met" | "missed" | "pending" | null;
}

function derive(h: Handoff, asOf: number): Derived {
  return {
    toHandoff: hours(h.closedAt, h.submittedAt),
    toFirstTouch: hours(h.submittedAt, h.firstTouchAt),
    closeToFirstTouch: hoursCloseToFirstTouch(h),
    handoffSla: slaOutcome(h.submittedAt, h.handoffDueAt, asOf),
    firstTouchSla: slaOutcome(h.firstTouchAt, h.firstTouchDueAt, asOf),
  };
}

// Handoff__c.Customer_Confirmation__c values; anything else (a value added in the org later) is not counted.
const RECAP_OUTCOMES = new Set(["Confirmed", "Corrected", "No Answer"]);

// Everything one group's figures need, updated in constant time per handoff.
export class GroupAccumulator {
  handoffs = 0;
  submitted = 0;
  escalated = 0;
  escalations = 0;
  returned = 0;
  infoRequested = 0;
  recapAnswered = 0;
  customerConfirmed = 0;
  readonly toHandoff = new DurationHistogram();
  readonly toFirstTouch = new DurationHistogram();
  readonly closeToFirstTouch = new DurationHistogram();
  readonly handoffSla = new SlaTally();
  readonly firstTouchSla = new SlaTally();

  add(h: Handoff, d: Derived): void {
    this.handoffs++;
    if (h.submittedAt !== null) this.submitted++;
    if (d.toHandoff !== null) this.toHandoff.addHours(d.toHandoff);
    if (d.toFirstTouch !== null) this.toFirstTouch.addHours(d.toFirstTouch);
    if (d.closeToFirstTouch !== null) this.closeToFirstTouch.addHours(d.closeToFirstTouch);
    this.handoffSla.add(d.handoffSla);
    this.firstTouchSla.add(d.firstTouchSla);
    if (h.escalations > 0) this.escalated++;
    this.escalations += h.escalations;
    if (h.returnReason) this.returned++;
    if (h.infoRequested) this.infoRequested++;
    if (h.customerConfirmation && RECAP_OUTCOMES.has(h.customerConfirmation)) {
      this.recapAnswered++;
      if (h.customerConfirmation === "Confirmed") this.customerConfirmed++;
    }
  }

  result(dimension: Dimension, group: string): GroupMetrics {
    return {
      dimension,
      group,
      handoffs: this.handoffs,
      submitted: this.submitted,
      completionPct: pct(this.submitted, this.handoffs),
      hoursToHandoff: this.toHandoff.summary(),
      hoursToFirstTouch: this.toFirstTouch.summary(),
      hoursCloseToFirstTouch: this.closeToFirstTouch.summary(),
      handoffSla: this.handoffSla.result(),
      firstTouchSla: this.firstTouchSla.result(),
      escalated: this.escalated,
      escalations: this.escalations,
      escalationRatePct: pct(this.escalated, this.handoffs),
      returned: this.returned,
      infoRequested: this.infoRequested,
      infoRequestPct: pct(this.infoRequested, this.handoffs),
      recapAnswered: this.recapAnswered,
      customerConfirmed: this.customerConfirmed,
      customerConfirmedPct: pct(this.customerConfirmed, this.recapAnswered),
    };
  }
}

const GROUPED = DIMENSIONS.slice(1) as Exclude<Dimension, "overall">[];

// Folds handoff rows into the overall and per-group accumulators as they arrive.
export class MetricsAccumulator {
  private readonly overall = new GroupAccumulator();
  private readonly byDimension = new Map(GROUPED.map((d) => [d, new Map<string, GroupAccumulator>()]));
  private readonly reasons = new Map<string, number>();
  readonly skipped: MetricsResult["skipped"] = [];
  private readonly asOf: number;

  constructor(asOf: Date) {
    this.asOf = asOf.getTime();
  }

  add(row: HandoffRow): void {
    const { handoff: h, problem } = toHandoff(row);
    if (!h) {
      this.skipped.push({ id: String(row.Id), problem: problem! });
      return;
    }
    const d = derive(h, this.asOf);
    this.overall.add(h, d);
    for (const dimension of GROUPED) {
      const groups = this.byDimension.get(dimension)!;
      let acc = groups.get(h[dimension]);
      if (!acc) groups.set(h[dimension], (acc = new GroupAccumulator()));
      acc.add(h, d);
    }
    if (h.returnReason) this.reasons.set(h.returnReason, (this.reasons.get(h.returnReason) ?? 0) + 1);
  }

  result(context: {
    asOf: Date;
    since?: string;
    until?: string;
    source: string;
    mode: "rest" | "bulk";
    now?: Date;
    feedback?: FeedbackMetrics;
    promises?: PromiseMetrics;
  }): MetricsResult {
    const groups: GroupMetrics[] = [this.overall.result("overall", "All handoffs")];
    for (const dimension of GROUPED) {
      const byKey = this.byDimension.get(dimension)!;
      for (const key of [...byKey.keys()].sort()) groups.push(byKey.get(key)!.result(dimension, key));
    }
    return {
      generatedAt: (context.now ?? new Date()).toISOString(),
      asOf: context.asOf.toISOString(),
      since: context.since,
      until: context.until,
      source: context.source,
      mode: context.mode,
      handoffs: this.overall.handoffs,
      groups,
      returnsByReason: [...this.reasons]
        .map(([reason, count]) => ({ reason, count }))
        .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
      ...(context.feedback ? { feedback: context.feedback } : {}),
      ...(context.promises ? { promises: context.promises } : {}),
      skipped: this.skipped,
    };
  }
}

export function computeMetrics(
  rows: Iterable<HandoffRow>,
  context: Parameters<MetricsAccumulator["result"]>[0],
): MetricsResult {
  const acc = new MetricsAccumulator(context.asOf);
  for (const row of rows) acc.add(row);
  return acc.result(context);
}

// CSAT from handoff feedback: Rating__c runs from 1 (poor) to 5 (excellent); a 4 or 5 counts as satisfied.
export const FEEDBACK_FIELDS = [
  "Rating__c",
  "Respondent_Type__c",
  "Handoff__r.Tier__c",
  "Handoff__r.Sales_Owner__r.Name",
  "Handoff__r.CS_Owner__r.Name",
] as const;

export const CUSTOMER_CSAT_DIMENSIONS = ["tier", "rep", "csm"] as const;
export type CustomerCsatDimension = (typeof CUSTOMER_CSAT_DIMENSIONS)[number];

// The handoff's group of a feedback row, named as the handoff figures name it.
function feedbackGroup(row: Record<string, string | null>, dimension: CustomerCsatDimension): string {
  switch (dimension) {
    case "tier":
      return row["Handoff__r.Tier__c"] || "(no tier)";
    case "rep":
      return row["Handoff__r.Sales_Owner__r.Name"] || "(no sales owner)";
    case "csm":
      return row["Handoff__r.CS_Owner__r.Name"] || "(no CS owner)";
  }
}

export class FeedbackAccumulator {
  private readonly all = { n: 0, sum: 0, satisfied: 0 };
  private readonly byRespondent = new Map<string, { n: number; sum: number; satisfied: number }>();
  private readonly customerBy = new Map(
    CUSTOMER_CSAT_DIMENSIONS.map((d) => [d, new Map<string, { n: number; sum: number; satisfied: number }>()]),
  );

  add(row: Record<string, string | null>): void {
    if (!row.Rating__c) return;
    const rating = Number(row.Rating__c);
    if (!Number.isFinite(rating)) return;
    const key = row.Respondent_Type__c || "(respondent not recorded)";
    let t = this.byRespondent.get(key);
    if (!t) this.byRespondent.set(key, (t = { n: 0, sum: 0, satisfied: 0 }));
    const tallies = [this.all, t];
    if (key === "Customer") {
      for (const dimension of CUSTOMER_CSAT_DIMENSIONS) {
        const groups = this.customerBy.get(dimension)!;
        const group = feedbackGroup(row, dimension);
        let g = groups.get(group);
        if (!g) groups.set(group, (g = { n: 0, sum: 0, satisfied: 0 }));
        tallies.push(g);
      }
    }
    for (const tally of tallies) {
      tally.n++;
      tally.sum += rating;
      if (rating >= 4) tally.satisfied++;
    }
  }

  result(): FeedbackMetrics {
    const avg = (t: { n: number; sum: number }) => (t.n ? Math.round((t.sum / t.n) * 100) / 100 : null);
    return {
      responses: this.all.n,
      averageRating: avg(this.all),
      csatPct: pct(this.all.satisfied, this.all.n),
      byRespondent: [...this.byRespondent.keys()].sort().map((respondent) => {
        const t = this.byRespondent.get(respondent)!;
        return { respondent, responses: t.n, averageRating: avg(t), csatPct: pct(t.satisfied, t.n) };
      }),
      customerBy: CUSTOMER_CSAT_DIMENSIONS.flatMap((dimension) => {
        const groups = this.customerBy.get(dimension)!;
        return [...groups.keys()].sort().map((group) => {
          const t = groups.get(group)!;
          return { dimension, group, responses: t.n, averageRating: avg(t), csatPct: pct(t.satisfied, t.n) };
        });
      }),
    };
  }
}

export const PROMISE_FIELDS = ["Status__c"] as const;

export class PromiseAccumulator {
  private readonly byStatus: PromiseMetrics["byStatus"] = { Open: 0, Kept: 0, "At Risk": 0, Broken: 0 };
  private n = 0;

  add(row: Record<string, string | null>): void {
    this.n++;
    const status = (row.Status__c || "Open") as keyof PromiseMetrics["byStatus"];
    if (status in this.byStatus) this.byStatus[status]++;
    else this.byStatus.Open++;
  }

  result(): PromiseMetrics {
    const judged = this.byStatus.Kept + this.byStatus["At Risk"] + this.byStatus.Broken;
    return {
      promises: this.n,
      byStatus: { ...this.byStatus },
      keptPct: pct(this.byStatus.Kept, judged),
      atRiskPct: pct(this.byStatus["At Risk"], judged),
      brokenPct: pct(this.byStatus.Broken, judged),
    };
  }
}
