// npm run metrics -- --target-org <alias> [--since YYYY-MM-DD] [--until YYYY-MM-DD]
// Handoff metrics for the leadership dashboard and the pilot review (seed tasks 8 and 12).
import { pathToFileURL } from "node:url";
import { connect, type SalesforceClient } from "./lib/salesforce.ts";
import { computeMetrics, flattenRecord, HANDOFF_FIELDS, type HandoffRow } from "./lib/metricsCore.ts";
import { metricsCsv, metricsHtml, metricsJson, metricsMarkdown, metricsTerminal } from "./lib/metricsReport.ts";
import { prepareOutputDir, writeNewFile } from "./lib/report.ts";
import {
  CONNECTION_OPTIONS,
  clientOptionsFromEnv,
  EXIT_OK,
  UsageError,
  parseCommandLine,
  parseIsoDate,
  progressReporter,
  runCommand,
} from "./lib/cli.ts";

export const USAGE = `Usage: npm run metrics -- --target-org <alias> [options]

Handoff metrics: completion rate, hours from close to handoff and from handoff to first CS touch
(median and 90th percentile), SLA attainment, escalations and returns by reason; overall and by tier,
sales rep, CSM, pilot cohort and week of close. Uses the Bulk API 2.0 above 2,000 handoffs.

  --target-org, -o <alias>   a Salesforce CLI login; or set SF_INSTANCE_URL and SF_ACCESS_TOKEN
  --since <YYYY-MM-DD>       handoffs of deals closed on or after this date (UTC)
  --until <YYYY-MM-DD>       ... and on or before this date (UTC)
  --as-of <ISO date-time>    judge open SLAs at this moment (default: now)
  --out <folder>             output folder (must be new or empty; default ./out/metrics-<time>)
  --json                     print the result as JSON on stdout
  --quiet                    no progress messages
`;

const OPTIONS = {
  ...CONNECTION_OPTIONS,
  since: { type: "string" },
  until: { type: "string" },
  "as-of": { type: "string" },
} as const;

export function handoffSoql(since?: string, until?: string): { soql: string; countSoql: string } {
  const where: string[] = [];
  if (since) where.push(`Closed_At__c >= ${since}T00:00:00Z`);
  if (until) {
    const next = new Date(Date.parse(`${until}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    where.push(`Closed_At__c < ${next}T00:00:00Z`);
  }
  const clause = where.length ? ` WHERE ${where.join(" AND ")}` : "";
  return {
    soql: `SELECT ${HANDOFF_FIELDS.join(", ")} FROM Handoff__c${clause}`,
    countSoql: `SELECT COUNT() FROM Handoff__c${clause}`,
  };
}

export async function readHandoffs(client: SalesforceClient, since?: string, until?: string) {
  const { soql, countSoql } = handoffSoql(since, until);
  const { mode, records } = await client.queryAuto(soql, countSoql, "handoffs");
  const rows = records.map((r) =>
    mode === "bulk"
      ? (Object.fromEntries(HANDOFF_FIELDS.map((f) => [f, (r as Record<string, string>)[f] || null])) as HandoffRow)
      : (flattenRecord(r, HANDOFF_FIELDS) as HandoffRow),
  );
  return { mode, rows };
}

export async function main(argv: string[]): Promise<number> {
  const args = parseCommandLine(argv, OPTIONS);
  const progress = progressReporter(args.quiet || args.json);
  const since = parseIsoDate(args.since, "--since");
  const until = parseIsoDate(args.until, "--until");
  if (since && until && since > until) throw new UsageError(`--since ${since} is after --until ${until}`);
  const asOf = args["as-of"] ? new Date(args["as-of"]) : new Date();
  if (Number.isNaN(asOf.getTime())) throw new UsageError(`--as-of must be a date-time like 2026-11-26T12:00:00Z`);

  const client = await connect({ targetOrg: args["target-org"], ...clientOptionsFromEnv(progress) });
  progress("reading handoffs");
  const { mode, rows } = await readHandoffs(client, since, until);
  const metrics = computeMetrics(rows, { asOf, since, until, source: `org ${client.session.instanceUrl}`, mode });

  const dir = prepareOutputDir("metrics", args.out);
  const files = [
    writeNewFile(dir, "metrics.md", metricsMarkdown(metrics)),
    writeNewFile(dir, "metrics.csv", metricsCsv(metrics)),
    writeNewFile(dir, "metrics.json", metricsJson(metrics)),
    writeNewFile(dir, "metrics.html", metricsHtml(metrics)),
  ];
  if (args.json) {
    process.stdout.write(
      JSON.stringify({ ok: true, ...metrics, apiCalls: client.calls, outputDir: dir, files }, null, 2) + "\n",
    );
  } else {
    process.stdout.write(
      `${metricsTerminal(metrics)}\n\nReport written to ${dir}:\n${files.map((f) => `  ${f}`).join("\n")}\nAPI calls: ${client.calls}\n`,
    );
  }
  return EXIT_OK;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runCommand(process.argv.slice(2), USAGE, main);
}
