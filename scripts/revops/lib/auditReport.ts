// The audit's outputs: gap analysis in Markdown, CSV (per deal and per field), JSON and one HTML page.
import type { AuditResult, DealResult } from "./auditCore.ts";
import { toCsv } from "./csv.ts";
import { barChart, cards, htmlPage, htmlTable, markdownTable, textTable } from "./report.ts";

const fmt = (v: number | null | undefined, unit = "") => (v === null || v === undefined ? "n/a" : `${v}${unit}`);

function gapText(r: DealResult): string {
  return r.gaps.map((g) => `${g.label} (${g.problem})`).join("; ");
}

function dealRows(audit: AuditResult): unknown[][] {
  return audit.results.map((r) => [
    r.deal.line ?? "",
    r.deal.name,
    r.deal.account,
    r.deal.closeDate,
    r.deal.amount ?? "",
    r.deal.tier,
    r.deal.owner ?? "",
    r.excluded ? "excluded type" : r.wouldBeBlocked ? "yes" : "no",
    `${r.requiredFields - r.gaps.length}/${r.requiredFields}`,
    r.daysToFirstCsTouch === undefined ? "unknown" : r.daysToFirstCsTouch === null ? "none yet" : r.daysToFirstCsTouch,
    gapText(r),
  ]);
}

const DEAL_HEADER = [
  "Line",
  "Deal",
  "Account",
  "Close date",
  "Amount",
  "Tier",
  "Owner",
  "Would be blocked",
  "Required answers present",
  "Days to first CS touch",
  "Gaps",
];
const FIELD_HEADER = [
  "Group",
  "Field",
  "API name",
  "Required in deals",
  "Missing",
  "Blank",
  "Placeholder",
  "Too short",
  "Not captured",
  "Complete %",
];

function fieldRows(audit: AuditResult): unknown[][] {
  return audit.fieldStats.map((f) => [
    f.group,
    f.label,
    f.field,
    f.requiredIn,
    f.missing,
    f.blank,
    f.placeholder,
    f.tooShort,
    f.notCaptured,
    fmt(f.completenessPct),
  ]);
}

export function auditCsv(audit: AuditResult): { deals: string; fields: string } {
  return { deals: toCsv(DEAL_HEADER, dealRows(audit)), fields: toCsv(FIELD_HEADER, fieldRows(audit)) };
}

export function auditJson(audit: AuditResult): string {
  return JSON.stringify(
    {
      ok: true,
      source: audit.source,
      generatedAt: audit.generatedAt,
      summary: audit.summary,
      fields: audit.fieldStats,
      deals: audit.results.map((r) => ({
        line: r.deal.line,
        id: r.deal.id,
        name: r.deal.name,
        account: r.deal.account,
        closeDate: r.deal.closeDate,
        amount: r.deal.amount,
        tier: r.deal.tier,
        owner: r.deal.owner,
        excluded: r.excluded,
        wouldBeBlocked: r.wouldBeBlocked,
        requiredFields: r.requiredFields,
        gaps: r.gaps,
        daysToFirstCsTouch: r.daysToFirstCsTouch ?? null,
      })),
      warnings: audit.warnings,
      skippedRows: audit.skippedRows,
    },
    null,
    2,
  );
}

function headline(audit: AuditResult): string[] {
  const s = audit.summary;
  return [
    `${s.deals} closed-won deals read, ${s.audited} audited (${s.excluded} excluded by deal type).`,
    `${s.wouldBeBlocked} of ${s.audited} (${fmt(s.wouldBeBlockedPct, "%")}) would have been blocked by the handoff rules.`,
    `${s.requiredAnswers - s.missingAnswers} of ${s.requiredAnswers} required answers present (${fmt(s.completenessPct, "%")} complete).`,
    s.timing.known
      ? `First CS touch after close: median ${fmt(s.timing.medianDays, " days")}, 90th percentile ${fmt(s.timing.p90Days, " days")}; ${s.timing.withoutCsTouch} deal(s) with no CS activity yet.`
      : "Handoff timing not measured (no CS activity data).",
  ];
}

export function auditTerminal(audit: AuditResult): string {
  const worst = [...audit.fieldStats]
    .filter((f) => f.requiredIn > 0)
    .sort((a, b) => (a.completenessPct ?? 0) - (b.completenessPct ?? 0))
    .slice(0, 8);
  return [
    ...headline(audit),
    "",
    textTable(
      ["Field", "Complete %", "Missing", "of deals"],
      worst.map((f) => [f.label, fmt(f.completenessPct), f.missing, f.requiredIn]),
    ),
    ...(audit.skippedRows.length
      ? [
          "",
          `${audit.skippedRows.length} row(s) skipped:`,
          ...audit.skippedRows.map((r) => `  line ${r.line}: ${r.problem}`),
        ]
      : []),
    ...(audit.warnings.length ? ["", ...audit.warnings.map((w) => `Note: ${w}`)] : []),
  ].join("\n");
}

export function auditMarkdown(audit: AuditResult): string {
  const s = audit.summary;
  return [
    `# Handoff audit: gap analysis`,
    "",
    `Source: ${audit.source}. Generated ${audit.generatedAt}.`,
    "",
    ...headline(audit).map((l) => `- ${l}`),
    "",
    `## By tier`,
    "",
    markdownTable(
      ["Tier", "Deals", "Would be blocked", "Complete %"],
      Object.entries(s.byTier).map(([tier, t]) => [tier, t.deals, t.wouldBeBlocked, fmt(t.completenessPct)]),
    ),
    "",
    `## Required information: what is captured, what is missing`,
    "",
    `Placeholders (such as "TBD") and answers shorter than the minimum count as missing, as the org's validation rules do.`,
    "",
    markdownTable(FIELD_HEADER, fieldRows(audit)),
    "",
    `## Deals`,
    "",
    markdownTable(DEAL_HEADER, dealRows(audit)),
    ...(audit.skippedRows.length
      ? [
          "",
          `## Rows not read`,
          "",
          markdownTable(
            ["Line", "Problem"],
            audit.skippedRows.map((r) => [r.line, r.problem]),
          ),
        ]
      : []),
    ...(audit.warnings.length ? ["", `## Notes`, "", ...audit.warnings.map((w) => `- ${w}`)] : []),
    "",
  ].join("\n");
}

export function auditHtml(audit: AuditResult): string {
  const s = audit.summary;
  const timingBars = audit.results
    .filter((r) => !r.excluded && r.daysToFirstCsTouch !== undefined)
    .map((r) => ({
      label: r.deal.name,
      value: r.daysToFirstCsTouch ?? null,
      note: r.daysToFirstCsTouch === null ? "no CS activity yet" : "",
    }));
  return htmlPage(`Handoff audit: gap analysis`, `Source: ${audit.source}. Generated ${audit.generatedAt}.`, [
    cards([
      { label: "deals audited", value: s.audited },
      { label: "would have been blocked", value: `${s.wouldBeBlocked} (${fmt(s.wouldBeBlockedPct, "%")})` },
      { label: "required answers present", value: fmt(s.completenessPct, "%") },
      { label: "median days to first CS touch", value: s.timing.known ? fmt(s.timing.medianDays) : "not measured" },
    ]),
    ...(audit.skippedRows.length || audit.warnings.length
      ? [
          `<div class="warn">${[
            ...audit.skippedRows.map((r) => `Line ${r.line} not read: ${r.problem}`),
            ...audit.warnings,
          ]
            .map((w) => `<p>${w.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</p>`)
            .join("")}</div>`,
        ]
      : []),
    `<h2>Completeness of each required field</h2>`,
    barChart(
      "Share of deals with a usable answer (placeholders and too-short answers count as missing)",
      audit.fieldStats.filter((f) => f.requiredIn > 0).map((f) => ({ label: f.label, value: f.completenessPct })),
      { max: 100, unit: "%" },
    ),
    htmlTable(FIELD_HEADER, fieldRows(audit)),
    `<h2>By tier</h2>`,
    barChart(
      "Deals that would have been blocked, by tier",
      Object.entries(s.byTier).map(([tier, t]) => ({ label: `${tier} (${t.deals} deals)`, value: t.wouldBeBlocked })),
    ),
    ...(timingBars.length
      ? [
          `<h2>Handoff timing</h2>`,
          barChart("Days from close to the first CS activity on the account", timingBars, { unit: " d" }),
        ]
      : []),
    `<h2>Deals</h2>`,
    htmlTable(DEAL_HEADER, dealRows(audit)),
  ]);
}
