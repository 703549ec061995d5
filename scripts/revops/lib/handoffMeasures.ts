// The before/after measures of the executive summary, defined once: the audit (the baseline, from
// closed-won deals before the app) and the metrics (handoffs after it) are read through the same
// definitions, so the comparison sets like against like. A measure one side cannot know is "n/a".
import type { AuditSummary } from "./auditCore.ts";
import { pct, round } from "./stats.ts";

// The parts of the audit's and the metrics' JSON output the measures read (the audit's shape is its summary's).
export interface AuditJson {
  summary: Pick<AuditSummary, "audited" | "completeHandoffs"> & {
    timing: Omit<AuditSummary["timing"], "maxDays">;
  };
}

interface Durations {
  n: number;
  median: number | null;
  p90: number | null;
}

export interface MetricsJson {
  handoffs: number;
  groups: {
    dimension: string;
    handoffs: number;
    submitted: number;
    completionPct: number | null;
    hoursCloseToFirstTouch?: Durations;
    firstTouchSla: { attainmentPct: number | null };
    handoffSla: { attainmentPct: number | null };
    escalationRatePct?: number | null;
    infoRequestPct?: number | null;
    returned: number;
  }[];
  feedback?: { csatPct: number | null };
  promises?: { keptPct: number | null; brokenPct: number | null };
}

export interface Measure {
  key: string;
  label: string;
  definition: string;
  unit: "%" | "days";
  better: "higher" | "lower";
  baseline: (a: AuditJson) => number | null;
  current: (m: MetricsJson) => number | null;
}

const overall = (m: MetricsJson) => m.groups.find((g) => g.dimension === "overall");
const hoursToDays = (h: number | null | undefined) => (h === null || h === undefined ? null : round(h / 24));

export const MEASURES: Measure[] = [
  {
    key: "completeHandoffsPct",
    label: "Complete handoffs",
    definition:
      "Share of closed-won deals whose handoff holds every required answer. Before: deals the handoff rules would not have blocked. After: handoffs submitted (the rules block an incomplete one).",
    unit: "%",
    better: "higher",
    baseline: (a) => pct(a.summary.completeHandoffs, a.summary.audited),
    current: (m) => overall(m)?.completionPct ?? null,
  },
  {
    key: "closeToFirstTouchMedianDays",
    label: "Close to first CS touch, median",
    definition: "Days from the close of the deal to the first CS activity (audit) or first touch (handoff), median.",
    unit: "days",
    better: "lower",
    baseline: (a) => (a.summary.timing.known ? a.summary.timing.medianDays : null),
    current: (m) => hoursToDays(overall(m)?.hoursCloseToFirstTouch?.median),
  },
  {
    key: "closeToFirstTouchP90Days",
    label: "Close to first CS touch, 90th percentile",
    definition: "The same days, 90th percentile by nearest rank (a value that really occurred).",
    unit: "days",
    better: "lower",
    baseline: (a) => (a.summary.timing.known ? a.summary.timing.p90Days : null),
    current: (m) => hoursToDays(overall(m)?.hoursCloseToFirstTouch?.p90),
  },
  {
    key: "noCsTouchPct",
    label: "Deals with no CS touch yet",
    definition: "Share of closed-won deals (handoffs) with no CS activity (first touch) recorded yet.",
    unit: "%",
    better: "lower",
    baseline: (a) =>
      a.summary.timing.known
        ? pct(a.summary.timing.withoutCsTouch, a.summary.timing.withCsTouch + a.summary.timing.withoutCsTouch)
        : null,
    current: (m) => {
      const o = overall(m);
      return o?.hoursCloseToFirstTouch ? pct(o.handoffs - o.hoursCloseToFirstTouch.n, o.handoffs) : null;
    },
  },
  {
    key: "firstTouchSlaPct",
    label: "First-touch SLA met",
    definition: "Met / (met + missed) of the first-touch clock; not measured before the app.",
    unit: "%",
    better: "higher",
    baseline: () => null,
    current: (m) => overall(m)?.firstTouchSla.attainmentPct ?? null,
  },
  {
    key: "handoffSlaPct",
    label: "Handoff SLA met",
    definition: "Met / (met + missed) of the handoff clock; not measured before the app.",
    unit: "%",
    better: "higher",
    baseline: () => null,
    current: (m) => overall(m)?.handoffSla.attainmentPct ?? null,
  },
  {
    key: "escalationRatePct",
    label: "Escalation rate",
    definition: "Share of handoffs escalated at least once.",
    unit: "%",
    better: "lower",
    baseline: () => null,
    current: (m) => overall(m)?.escalationRatePct ?? null,
  },
  {
    key: "infoRequestPct",
    label: "Info-request loops",
    definition: "Share of handoffs CS sent back to Sales for missing information at least once.",
    unit: "%",
    better: "lower",
    baseline: () => null,
    current: (m) => overall(m)?.infoRequestPct ?? null,
  },
  {
    key: "csatPct",
    label: "Handoff CSAT",
    definition: "Share of handoff feedback ratings of 4 or 5 out of 5.",
    unit: "%",
    better: "higher",
    baseline: () => null,
    current: (m) => m.feedback?.csatPct ?? null,
  },
  {
    key: "promisesKeptPct",
    label: "Promises kept",
    definition: "Kept / (kept + at risk + broken) of the promises recorded at handoff.",
    unit: "%",
    better: "higher",
    baseline: () => null,
    current: (m) => m.promises?.keptPct ?? null,
  },
];

export interface ComparisonRow {
  key: string;
  label: string;
  unit: string;
  before: number | null;
  after: number | null;
  change: number | null;
  verdict: "better" | "worse" | "same" | "n/a";
  definition: string;
}

export function compare(audit: AuditJson, metrics: MetricsJson): ComparisonRow[] {
  return MEASURES.map((m) => {
    const before = m.baseline(audit);
    const after = m.current(metrics);
    const change = before === null || after === null ? null : round(after - before);
    const verdict =
      change === null ? "n/a" : change === 0 ? "same" : change > 0 === (m.better === "higher") ? "better" : "worse";
    return { key: m.key, label: m.label, unit: m.unit, before, after, change, verdict, definition: m.definition };
  });
}
