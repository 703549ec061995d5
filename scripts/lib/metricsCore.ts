// Handoff metrics (seed tasks 8 and 12): completion, time from close to handoff and from handoff to
// first CS touch (median, 90th percentile), SLA attainment, escalations and returns, by tier, sales rep,
// CSM, pilot cohort and week. Works on flat rows, whether they came from a REST query or a Bulk API CSV.
import { median, percentile, pct, round } from "./stats.ts";

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
}

export const DIMENSIONS = ["overall", "tier", "rep", "csm", "cohort", "week"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface GroupMetrics {
  dimension: Dimension;
  group: string;
  handoffs: number;
  submitted: number;
  completionPct: number | null;
  hoursToHandoff: { n: number; median: number | null; p90: number | null };
  hoursToFirstTouch: { n: number; median: number | null; p90: number | null };
  handoffSla: { met: number; missed: number; pending: number; attainmentPct: number | null };
  firstTouchSla: { met: number; missed: number; pending: number; attainmentPct: number | null };
  escalated: number;
  escalations: number;
  returned: number;
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
  skipped: { id: string; problem: string }[];
}

const time = (v: string | null | undefined): number | null => {
  if (v === null || v === undefined || v === "") return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? NaN : t;
};

// ISO 8601 week of a UTC instant, e.g. 2026-W47 (weeks start on Monday; week 1 holds the first Thursday).
export function isoWeek(ms: number): string {
  const d = new Date(ms);
  const thursday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  thursday.setUTCDate(thursday.getUTCDate() + 4 - (thursday.getUTCDay() || 7));
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((thursday.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

export function toHandoff(row: HandoffRow): { handoff?: Handoff; problem?: string } {
  const times = {
    closedAt: time(row.Closed_At__c),
    submittedAt: time(row.Submitted_At__c),
    firstTouchAt: time(row.First_Touch_At__c),
    handoffDueAt: time(row.Handoff_Due_At__c),
    firstTouchDueAt: time(row.First_Touch_Due_At__c),
  };
  const bad = Object.entries(times).find(([, v]) => Number.isNaN(v));
  if (bad) return { problem: `${bad[0]} is not a date/time` };
  const cohort = row.Pilot_Cohort__c || (row.Pilot__c === "true" ? "(pilot, no cohort)" : "(not in pilot)");
  return {
    handoff: {
      id: String(row.Id),
      status: row.Status__c ?? "",
      tier: row.Tier__c || "(no tier)",
      rep: row["Sales_Owner__r.Name"] || "(no sales owner)",
      csm: row["CS_Owner__r.Name"] || "(no CS owner)",
      cohort,
      week: times.closedAt === null ? "(not closed)" : isoWeek(times.closedAt),
      ...times,
      escalations: Number(row.Escalation_Count__c || 0),
      returnReason: row.Return_Reason__c || null,
    },
  };
}

const hours = (from: number | null, to: number | null) =>
  from === null || to === null ? null : (to - from) / 3_600_000;

function sla(done: number | null, due: number | null, asOf: number): "met" | "missed" | "pending" | null {
  if (due === null) return null;
  if (done !== null) return done <= due ? "met" : "missed";
  return asOf > due ? "missed" : "pending";
}

export function groupMetrics(dimension: Dimension, group: string, list: Handoff[], asOf: number): GroupMetrics {
  const toHandoffHours = list.map((h) => hours(h.closedAt, h.submittedAt)).filter((v): v is number => v !== null);
  const toTouchHours = list.map((h) => hours(h.submittedAt, h.firstTouchAt)).filter((v): v is number => v !== null);
  const slaCounts = (outcomes: (string | null)[]) => {
    const met = outcomes.filter((o) => o === "met").length;
    const missed = outcomes.filter((o) => o === "missed").length;
    return {
      met,
      missed,
      pending: outcomes.filter((o) => o === "pending").length,
      attainmentPct: pct(met, met + missed),
    };
  };
  const submitted = list.filter((h) => h.submittedAt !== null).length;
  return {
    dimension,
    group,
    handoffs: list.length,
    submitted,
    completionPct: pct(submitted, list.length),
    hoursToHandoff: {
      n: toHandoffHours.length,
      median: round(median(toHandoffHours)),
      p90: round(percentile(toHandoffHours, 90)),
    },
    hoursToFirstTouch: {
      n: toTouchHours.length,
      median: round(median(toTouchHours)),
      p90: round(percentile(toTouchHours, 90)),
    },
    handoffSla: slaCounts(list.map((h) => sla(h.submittedAt, h.handoffDueAt, asOf))),
    firstTouchSla: slaCounts(list.map((h) => sla(h.firstTouchAt, h.firstTouchDueAt, asOf))),
    escalated: list.filter((h) => h.escalations > 0).length,
    escalations: list.reduce((n, h) => n + h.escalations, 0),
    returned: list.filter((h) => h.returnReason).length,
  };
}

export function computeMetrics(
  rows: HandoffRow[],
  context: { asOf: Date; since?: string; until?: string; source: string; mode: "rest" | "bulk"; now?: Date },
): MetricsResult {
  const handoffs: Handoff[] = [];
  const skipped: MetricsResult["skipped"] = [];
  for (const row of rows) {
    const { handoff, problem } = toHandoff(row);
    if (handoff) handoffs.push(handoff);
    else skipped.push({ id: String(row.Id), problem: problem! });
  }
  const asOf = context.asOf.getTime();
  const groups: GroupMetrics[] = [groupMetrics("overall", "All handoffs", handoffs, asOf)];
  for (const dimension of DIMENSIONS.slice(1) as Exclude<Dimension, "overall">[]) {
    const byKey = new Map<string, Handoff[]>();
    for (const h of handoffs) byKey.set(h[dimension], [...(byKey.get(h[dimension]) ?? []), h]);
    for (const key of [...byKey.keys()].sort()) groups.push(groupMetrics(dimension, key, byKey.get(key)!, asOf));
  }
  const reasons = new Map<string, number>();
  for (const h of handoffs) if (h.returnReason) reasons.set(h.returnReason, (reasons.get(h.returnReason) ?? 0) + 1);
  return {
    generatedAt: (context.now ?? new Date()).toISOString(),
    asOf: context.asOf.toISOString(),
    since: context.since,
    until: context.until,
    source: context.source,
    mode: context.mode,
    handoffs: handoffs.length,
    groups,
    returnsByReason: [...reasons]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    skipped,
  };
}

// A REST record ({Sales_Owner__r: {Name}}, booleans, numbers) as the flat strings of a Bulk API CSV row.
export function flattenRecord(
  record: Record<string, unknown>,
  fields: readonly string[],
): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const f of fields) {
    let v: unknown = record;
    for (const part of f.split(".")) v = v === null || v === undefined ? null : (v as Record<string, unknown>)[part];
    out[f] = v === null || v === undefined || v === "" ? null : String(v);
  }
  return out;
}
