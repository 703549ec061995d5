// npm run compare -- --baseline <audit.json> --metrics <metrics.json> [--out <folder>] [--json]
// The before/after table of the executive summary: the audit's baseline next to the metrics, through
// the same definitions (scripts/revops/lib/handoffMeasures.ts).
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { compare, type AuditJson, type ComparisonRow, type MetricsJson } from "./lib/handoffMeasures.ts";
import { markdownTable, prepareOutputDir, textTable, writeNewFile } from "./lib/report.ts";
import { EXIT_OK, UsageError, parseCommandLine, runCommand } from "./lib/cli.ts";

export const USAGE = `Usage: npm run compare -- --baseline <audit.json> --metrics <metrics.json> [options]

Writes the before/after table of the executive summary (compare.md and compare.json): the audit of
closed-won deals before the app (its audit.json) next to the handoff metrics after it (metrics.json).

  --baseline <file>   audit.json written by npm run audit
  --metrics <file>    metrics.json written by npm run metrics
  --out <folder>      output folder (must be new or empty; default ./out/compare-<time>)
  --json              print the table as JSON on stdout
`;

const OPTIONS = {
  baseline: { type: "string" },
  metrics: { type: "string" },
  out: { type: "string" },
  json: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

function readJson<T>(
  path: string | undefined,
  option: string,
  looksRight: (j: Record<string, unknown>) => boolean,
  what: string,
): T {
  if (!path) throw new UsageError(`${option} <file> is required`);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new UsageError(
      `${option} ${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError(`${option} ${path}: not JSON`);
  }
  if (!looksRight(json)) throw new UsageError(`${option} ${path}: not ${what}`);
  return json as T;
}

const show = (v: number | null, unit: string) => (v === null ? "n/a" : unit === "%" ? `${v} %` : `${v} days`);
const showChange = (r: ComparisonRow) =>
  r.change === null ? "" : `${r.change > 0 ? "+" : ""}${r.change}${r.unit === "%" ? " pts" : " days"} (${r.verdict})`;

export function comparisonMarkdown(rows: ComparisonRow[], baseline: string, metrics: string): string {
  return [
    "# Handoffs before and after",
    "",
    `Before: ${baseline}. After: ${metrics}.`,
    "",
    markdownTable(
      ["Measure", "Before", "After", "Change"],
      rows.map((r) => [r.label, show(r.before, r.unit), show(r.after, r.unit), showChange(r)]),
    ),
    "",
    "## Definitions",
    "",
    ...rows.map((r) => `- **${r.label}**: ${r.definition}`),
    "",
  ].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const args = parseCommandLine(argv, OPTIONS);
  const audit = readJson<AuditJson & { source?: string }>(
    args.baseline,
    "--baseline",
    (j) => typeof j.summary === "object" && j.summary !== null && "timing" in (j.summary as object),
    "an audit.json from npm run audit",
  );
  const metrics = readJson<MetricsJson & { source?: string; since?: string; until?: string }>(
    args.metrics,
    "--metrics",
    (j) => Array.isArray(j.groups) && typeof j.handoffs === "number",
    "a metrics.json from npm run metrics",
  );
  const rows = compare(audit, metrics);
  const before = `audit of ${audit.summary.audited} closed-won deals (${audit.source ?? args.baseline})`;
  const after = `${metrics.handoffs} handoffs${metrics.since ? ` closed from ${metrics.since}` : ""}${metrics.until ? ` until ${metrics.until}` : ""} (${metrics.source ?? args.metrics})`;
  const dir = prepareOutputDir("compare", args.out);
  const files = [
    writeNewFile(dir, "compare.md", comparisonMarkdown(rows, before, after)),
    writeNewFile(dir, "compare.json", JSON.stringify({ ok: true, before, after, rows }, null, 2)),
  ];
  if (args.json)
    process.stdout.write(JSON.stringify({ ok: true, before, after, rows, outputDir: dir, files }, null, 2) + "\n");
  else
    process.stdout.write(
      `${textTable(
        ["Measure", "Before", "After", "Change"],
        rows.map((r) => [r.label, show(r.before, r.unit), show(r.after, r.unit), showChange(r)]),
      )}\n\nWritten to ${dir}:\n${files.map((f) => `  ${f}`).join("\n")}\n`,
    );
  return EXIT_OK;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runCommand(process.argv.slice(2), USAGE, main);
}
