// The metrics' outputs: a terminal table, CSV (one row per group), JSON and one HTML page with charts.
import type { Dimension, GroupMetrics, MetricsResult } from "./metricsCore.ts";
import { toCsv } from "./csv.ts";
import { barChart, cards, htmlPage, htmlTable, markdownTable, textTable } from "./report.ts";

const fmt = (v: number | null | undefined, unit = "") => (v === null || v === undefined ? "n/a" : `${v}${unit}`);

const HEADER = [
  "Dimension",
  "Group",
  "Handoffs",
  "Submitted",
  "Completion %",
  "Close to handoff median h",
  "Close to handoff p90 h",
  "Handoff to first touch median h",
  "Handoff to first touch p90 h",
  "Handoff SLA met %",
  "First touch SLA met %",
  "Escalated",
  "Escalations",
  "Returned",
  "Close to first touch median h",
  "Close to first touch p90 h",
  "Escalation rate %",
  "Info requested",
  "Recap answered",
  "Customer confirmed %",
];

function row(g: GroupMetrics): unknown[] {
  return [
    g.dimension,
    g.group,
    g.handoffs,
    g.submitted,
    fmt(g.completionPct),
    fmt(g.hoursToHandoff.median),
    fmt(g.hoursToHandoff.p90),
    fmt(g.hoursToFirstTouch.median),
    fmt(g.hoursToFirstTouch.p90),
    fmt(g.handoffSla.attainmentPct),
    fmt(g.firstTouchSla.attainmentPct),
    g.escalated,
    g.escalations,
    g.returned,
    fmt(g.hoursCloseToFirstTouch.median),
    fmt(g.hoursCloseToFirstTouch.p90),
    fmt(g.escalationRatePct),
    g.infoRequested,
    g.recapAnswered,
    fmt(g.customerConfirmedPct),
  ];
}

function feedbackLines(m: MetricsResult): string[] {
  const lines: string[] = [];
  if (m.feedback)
    lines.push(
      `Handoff feedback: ${m.feedback.responses} rating(s), average ${fmt(m.feedback.averageRating)} of 5, CSAT (4 or 5) ${fmt(m.feedback.csatPct, "%")}` +
        (m.feedback.byRespondent.length
          ? ` (${m.feedback.byRespondent.map((r) => `${r.respondent} ${fmt(r.csatPct, "%")} of ${r.responses}`).join(", ")})`
          : ""),
    );
  if (m.feedback?.customerBy.length)
    lines.push(
      `Customer CSAT (survey answers, average of 5): ${m.feedback.customerBy
        .map((c) => `${c.dimension} ${c.group} ${fmt(c.averageRating)} of ${c.responses}`)
        .join(", ")}`,
    );
  const overall = m.groups.find((g) => g.dimension === "overall");
  if (overall?.recapAnswered)
    lines.push(
      `Customer recap: ${overall.recapAnswered} answered, ${overall.customerConfirmed} confirmed as captured (${fmt(overall.customerConfirmedPct, "%")})`,
    );
  if (m.promises)
    lines.push(
      `Promises: ${m.promises.promises} recorded; kept ${m.promises.byStatus.Kept}, at risk ${m.promises.byStatus["At Risk"]}, broken ${m.promises.byStatus.Broken}, open ${m.promises.byStatus.Open} ` +
        `(of those judged: kept ${fmt(m.promises.keptPct, "%")}, at risk ${fmt(m.promises.atRiskPct, "%")}, broken ${fmt(m.promises.brokenPct, "%")})`,
    );
  return lines;
}

const of = (m: MetricsResult, d: Dimension) => m.groups.filter((g) => g.dimension === d);

function period(m: MetricsResult): string {
  return `${m.since ? `closed from ${m.since}` : "all closed"}${m.until ? ` until ${m.until}` : ""}; open SLAs as of ${m.asOf}`;
}

export function metricsCsv(m: MetricsResult): string {
  return toCsv(HEADER, m.groups.map(row));
}

export function metricsJson(m: MetricsResult): string {
  return JSON.stringify({ ok: true, ...m }, null, 2);
}

export function metricsTerminal(m: MetricsResult): string {
  const shown = m.groups.filter((g) => g.dimension === "overall" || g.dimension === "tier" || g.dimension === "cohort");
  return [
    `${m.handoffs} handoffs (${period(m)}), read with the ${m.mode === "bulk" ? "Bulk API 2.0" : "REST API"}.`,
    "",
    textTable(
      HEADER.slice(1, 12),
      shown.map((g) => row(g).slice(1, 12)),
    ),
    ...(m.returnsByReason.length
      ? ["", `Returns by reason: ${m.returnsByReason.map((r) => `${r.reason} ${r.count}`).join(", ")}`]
      : []),
    ...feedbackLines(m).flatMap((l) => ["", l]),
    ...(m.skipped.length
      ? ["", `${m.skipped.length} record(s) skipped: ${m.skipped.map((s) => `${s.id} (${s.problem})`).join("; ")}`]
      : []),
  ].join("\n");
}

export function metricsMarkdown(m: MetricsResult): string {
  const sections = (["overall", "tier", "rep", "csm", "cohort", "week"] as Dimension[]).flatMap((d) => [
    `## ${d === "overall" ? "Overall" : `By ${d === "csm" ? "CSM" : d === "rep" ? "sales rep" : d}`}`,
    "",
    markdownTable(
      HEADER.slice(1),
      of(m, d).map((g) => row(g).slice(1)),
    ),
    "",
  ]);
  return [
    `# Handoff metrics`,
    "",
    `${m.handoffs} handoffs, ${period(m)}. Source: ${m.source}. Generated ${m.generatedAt}.`,
    "",
    `Hours are elapsed hours; p90 is the 90th percentile (nearest rank). SLA attainment = met / (met + missed); handoffs still within their SLA are pending and not counted.`,
    "",
    ...sections,
    `## Returns by reason`,
    "",
    markdownTable(
      ["Reason", "Handoffs"],
      m.returnsByReason.map((r) => [r.reason, r.count]),
    ),
    "",
    `## Feedback and promises`,
    "",
    ...(feedbackLines(m).length ? feedbackLines(m).map((l) => `- ${l}`) : ["Not recorded in this org."]),
    "",
  ].join("\n");
}

export function metricsHtml(m: MetricsResult): string {
  const overall = of(m, "overall")[0];
  return htmlPage(
    `Handoff metrics`,
    `${m.handoffs} handoffs, ${period(m)}. Source: ${m.source}. Generated ${m.generatedAt}.`,
    [
      cards([
        { label: "handoffs", value: overall.handoffs },
        { label: "completion rate", value: fmt(overall.completionPct, "%") },
        { label: "median hours close to handoff", value: fmt(overall.hoursToHandoff.median) },
        { label: "median hours to first CS touch", value: fmt(overall.hoursToFirstTouch.median) },
        { label: "first-touch SLA met", value: fmt(overall.firstTouchSla.attainmentPct, "%") },
        { label: "escalated", value: overall.escalated },
        { label: "handoff CSAT", value: fmt(m.feedback?.csatPct, "%") },
        { label: "promises kept", value: fmt(m.promises?.keptPct, "%") },
      ]),
      `<h2>Time to handoff and to first touch, by tier</h2>`,
      barChart(
        "Median hours from close to submitted handoff",
        of(m, "tier").map((g) => ({
          label: g.group,
          value: g.hoursToHandoff.median,
          note: `(p90 ${fmt(g.hoursToHandoff.p90)})`,
        })),
        { unit: " h" },
      ),
      barChart(
        "Median hours from handoff to first CS touch",
        of(m, "tier").map((g) => ({
          label: g.group,
          value: g.hoursToFirstTouch.median,
          note: `(p90 ${fmt(g.hoursToFirstTouch.p90)})`,
        })),
        { unit: " h" },
      ),
      `<h2>SLA attainment by CSM</h2>`,
      barChart(
        "First-touch SLA met",
        of(m, "csm").map((g) => ({ label: g.group, value: g.firstTouchSla.attainmentPct })),
        { max: 100, unit: "%" },
      ),
      `<h2>Completion by week of close</h2>`,
      barChart(
        "Handoffs submitted",
        of(m, "week").map((g) => ({ label: g.group, value: g.completionPct, note: `(${g.submitted}/${g.handoffs})` })),
        { max: 100, unit: "%" },
      ),
      `<h2>Pilot cohorts</h2>`,
      barChart(
        "Handoff SLA met",
        of(m, "cohort").map((g) => ({ label: g.group, value: g.handoffSla.attainmentPct })),
        { max: 100, unit: "%" },
      ),
      `<h2>Returns by reason</h2>`,
      barChart(
        "Handoffs returned to Sales",
        m.returnsByReason.map((r) => ({ label: r.reason, value: r.count })),
      ),
      `<h2>All figures</h2>`,
      htmlTable(HEADER, m.groups.map(row)),
    ],
  );
}
