// The gap analysis of the audit (seed task 1), independent of where the deals come from
// (a CSV export of a report, or the org through the API).
import {
  isExcludedDealType,
  requirementAnswerProblem,
  type RequirementAnswerKind,
  type AnswerProblem,
  type HandoffRequirement,
  type HandoffSettings,
  type Tier,
  TIERS,
} from "../../lib/handoffConfig.ts";
import { median, percentile, pct, round } from "./stats.ts";

// How a field's answer is judged: the same kinds and rules as the org's Closed Won validation rules
// (the answer rule of lwc/handoffRules: text must be a real answer, a checkbox ticked, anything else not blank).
export type FieldKind = RequirementAnswerKind;

export interface AuditField {
  field: string;
  label: string;
  group: string;
  kind: FieldKind;
  requiredFor: Record<Tier, boolean>;
  // false when the field does not exist where the deals came from (not deployed, or not in the export)
  available: boolean;
}

export type DealValue = string | boolean | null;

export interface AuditDeal {
  line?: number; // CSV line, when the deal came from an export
  id?: string;
  name: string;
  account: string;
  accountId?: string;
  closeDate: string; // YYYY-MM-DD
  amount: number | null;
  stage: string | null;
  type: string | null;
  owner: string | null;
  complexity: string | null;
  tier: Tier;
  values: Record<string, DealValue>;
  // YYYY-MM-DD of the first CS activity on the account on or after the close date; null: none found;
  // undefined: not known (no activity data).
  firstCsActivity?: string | null;
}

export type GapKind = AnswerProblem | "not captured";

export interface FieldGap {
  field: string;
  label: string;
  problem: GapKind;
}

export interface DealResult {
  deal: AuditDeal;
  excluded: boolean; // deal type excluded from the handoff rules (settings)
  requiredFields: number;
  gaps: FieldGap[];
  wouldBeBlocked: boolean;
  daysToFirstCsTouch: number | null | undefined;
}

export interface FieldStat {
  field: string;
  label: string;
  group: string;
  available: boolean;
  requiredIn: number; // deals for which the field is required
  missing: number;
  blank: number;
  placeholder: number;
  tooShort: number;
  notCaptured: number;
  completenessPct: number | null;
}

export interface AuditSummary {
  deals: number;
  audited: number; // not excluded
  excluded: number;
  wouldBeBlocked: number;
  wouldBeBlockedPct: number | null;
  completeHandoffs: number;
  requiredAnswers: number;
  missingAnswers: number;
  completenessPct: number | null;
  byTier: Record<Tier, { deals: number; wouldBeBlocked: number; completenessPct: number | null }>;
  timing: {
    known: boolean;
    withCsTouch: number;
    withoutCsTouch: number;
    medianDays: number | null;
    p90Days: number | null;
    maxDays: number | null;
  };
}

export interface AuditResult {
  source: string;
  generatedAt: string;
  fields: AuditField[];
  results: DealResult[];
  fieldStats: FieldStat[];
  summary: AuditSummary;
  warnings: string[];
  skippedRows: { line: number; problem: string }[];
}

export function answerProblem(
  value: DealValue | undefined,
  kind: FieldKind,
  settings: HandoffSettings,
): AnswerProblem | null {
  return requirementAnswerProblem(value, kind, settings);
}

// Accepts both the Metadata API type names of force-app (LongTextArea, Lookup, Checkbox...) and the
// describe types the REST API reports (textarea, string, reference, boolean...). Text fields are written answers
// like text areas ("Text" in force-app, "string" in a describe).
export function fieldKindFromSalesforceType(type: string): FieldKind {
  switch (type.toLowerCase()) {
    case "textarea":
    case "longtextarea":
    case "text":
    case "string":
      return "text";
    case "boolean":
    case "checkbox":
      return "checkbox";
    case "picklist":
    case "multipicklist":
    case "multiselectpicklist":
      return "picklist";
    default:
      return "value";
  }
}

export function requirementsToFields(
  requirements: HandoffRequirement[],
  kindOf: (field: string) => FieldKind | undefined,
): AuditField[] {
  return requirements
    .filter((r) => r.requiredFor["High-Touch"] || r.requiredFor["Low-Touch"])
    .map((r) => {
      const kind = kindOf(r.field);
      return {
        field: r.field,
        label: r.label,
        group: r.group,
        kind: kind ?? "value",
        requiredFor: { ...r.requiredFor },
        available: kind !== undefined,
      };
    });
}

function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86_400_000);
}

export function evaluateDeal(deal: AuditDeal, fields: AuditField[], settings: HandoffSettings): DealResult {
  const excluded = isExcludedDealType(deal.type, settings);
  const gaps: FieldGap[] = [];
  let requiredFields = 0;
  for (const f of fields) {
    if (!f.requiredFor[deal.tier]) continue;
    requiredFields++;
    if (!f.available) {
      gaps.push({ field: f.field, label: f.label, problem: "not captured" });
      continue;
    }
    const problem = answerProblem(deal.values[f.field], f.kind, settings);
    if (problem) gaps.push({ field: f.field, label: f.label, problem });
  }
  const days =
    deal.firstCsActivity === undefined
      ? undefined
      : deal.firstCsActivity === null
        ? null
        : daysBetween(deal.closeDate, deal.firstCsActivity);
  return {
    deal,
    excluded,
    requiredFields,
    gaps,
    wouldBeBlocked: !excluded && gaps.length > 0,
    daysToFirstCsTouch: days,
  };
}

export function summarize(
  results: DealResult[],
  fields: AuditField[],
): { fieldStats: FieldStat[]; summary: AuditSummary } {
  const audited = results.filter((r) => !r.excluded);
  const fieldStats: FieldStat[] = fields.map((f) => {
    const applicable = audited.filter((r) => f.requiredFor[r.deal.tier]);
    const gaps = applicable.map((r) => r.gaps.find((g) => g.field === f.field)).filter((g) => g !== undefined);
    const count = (p: GapKind) => gaps.filter((g) => g.problem === p).length;
    return {
      field: f.field,
      label: f.label,
      group: f.group,
      available: f.available,
      requiredIn: applicable.length,
      missing: gaps.length,
      blank: count("blank"),
      placeholder: count("placeholder"),
      tooShort: count("too short"),
      notCaptured: count("not captured"),
      completenessPct: pct(applicable.length - gaps.length, applicable.length),
    };
  });
  const requiredAnswers = audited.reduce((n, r) => n + r.requiredFields, 0);
  const missingAnswers = audited.reduce((n, r) => n + r.gaps.length, 0);
  const byTier = Object.fromEntries(
    TIERS.map((tier) => {
      const inTier = audited.filter((r) => r.deal.tier === tier);
      const req = inTier.reduce((n, r) => n + r.requiredFields, 0);
      const miss = inTier.reduce((n, r) => n + r.gaps.length, 0);
      return [
        tier,
        {
          deals: inTier.length,
          wouldBeBlocked: inTier.filter((r) => r.wouldBeBlocked).length,
          completenessPct: pct(req - miss, req),
        },
      ];
    }),
  ) as AuditSummary["byTier"];
  // Excluded deal types (renewals) are already owned by CS: their timing says nothing about handoffs.
  const timingKnown = audited.some((r) => r.daysToFirstCsTouch !== undefined);
  const days = audited.map((r) => r.daysToFirstCsTouch).filter((d): d is number => typeof d === "number");
  const blocked = audited.filter((r) => r.wouldBeBlocked).length;
  return {
    fieldStats,
    summary: {
      deals: results.length,
      audited: audited.length,
      excluded: results.length - audited.length,
      wouldBeBlocked: blocked,
      wouldBeBlockedPct: pct(blocked, audited.length),
      completeHandoffs: audited.length - blocked,
      requiredAnswers,
      missingAnswers,
      completenessPct: pct(requiredAnswers - missingAnswers, requiredAnswers),
      byTier,
      timing: {
        known: timingKnown,
        withCsTouch: days.length,
        withoutCsTouch: audited.filter((r) => r.daysToFirstCsTouch === null).length,
        medianDays: round(median(days)),
        p90Days: round(percentile(days, 90)),
        maxDays: days.length ? Math.max(...days) : null,
      },
    },
  };
}

export function runAudit(
  deals: AuditDeal[],
  fields: AuditField[],
  settings: HandoffSettings,
  context: { source: string; warnings?: string[]; skippedRows?: { line: number; problem: string }[]; now?: Date },
): AuditResult {
  const results = deals.map((d) => evaluateDeal(d, fields, settings));
  const { fieldStats, summary } = summarize(results, fields);
  return {
    source: context.source,
    generatedAt: (context.now ?? new Date()).toISOString(),
    fields,
    results,
    fieldStats,
    summary,
    warnings: context.warnings ?? [],
    skippedRows: context.skippedRows ?? [],
  };
}
