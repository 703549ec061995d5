// npm run metrics -- --target-org <alias> [--since YYYY-MM-DD] [--until YYYY-MM-DD]
// Handoff metrics for the leadership dashboard and the pilot review (seed tasks 8 and 12).
import { pathToFileURL } from "node:url";
import {
  connect,
  explainError,
  queryUrl,
  type CompositeSubresponse,
  type QueryResult,
  type SalesforceClient,
  type SalesforceError,
  type SalesforceRecord,
} from "./lib/salesforce.ts";
import {
  FEEDBACK_FIELDS,
  FeedbackAccumulator,
  HANDOFF_FIELDS,
  MetricsAccumulator,
  PROMISE_FIELDS,
  PromiseAccumulator,
  time,
  type HandoffRow,
} from "./lib/metricsCore.ts";
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

Handoff metrics: completion rate, hours from close to handoff, from handoff and from close to first CS
touch (median and 90th percentile), SLA attainment per clock, escalation rate, returns by reason and
info-request loops; overall and by tier, sales rep, CSM, pilot cohort and week of close. CSAT from
handoff feedback and promises kept / at risk / broken. Uses the Bulk API 2.0 (streamed page by page)
above 2,000 handoffs; progress on stderr unless --json or --quiet.

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

// Handoffs of deals closed in the period; the feedback and promises of those handoffs (through the lookup).
export function periodClause(since?: string, until?: string, prefix = ""): string {
  const where: string[] = [];
  if (since) where.push(`${prefix}Closed_At__c >= ${since}T00:00:00Z`);
  if (until) {
    const next = new Date(Date.parse(`${until}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    where.push(`${prefix}Closed_At__c < ${next}T00:00:00Z`);
  }
  return where.length ? ` WHERE ${where.join(" AND ")}` : "";
}

export function handoffSoql(since?: string, until?: string): { soql: string; countSoql: string } {
  const clause = periodClause(since, until);
  return {
    soql: `SELECT ${HANDOFF_FIELDS.join(", ")} FROM Handoff__c${clause}`,
    countSoql: `SELECT COUNT() FROM Handoff__c${clause}`,
  };
}

const CHILDREN = [
  { object: "Handoff_Feedback__c", fields: FEEDBACK_FIELDS },
  { object: "Handoff_Promise__c", fields: PROMISE_FIELDS },
] as const;

// One composite call counts the handoffs, the feedback and the promises of the period and reads the
// first page of feedback and promises (usually all of them).
async function firstCall(client: SalesforceClient, since?: string, until?: string) {
  const handoffs = handoffSoql(since, until);
  const childClause = periodClause(since, until, "Handoff__r.");
  const children = CHILDREN.map((c) => ({
    ...c,
    soql: `SELECT ${c.fields.join(", ")} FROM ${c.object}${childClause}`,
    countSoql: `SELECT COUNT() FROM ${c.object}${childClause}`,
  }));
  const answers = await client.composite([
    { method: "GET", url: queryUrl(client, handoffs.countSoql), referenceId: "handoffCount" },
    ...children.flatMap((c) => [
      { method: "GET" as const, url: queryUrl(client, c.countSoql), referenceId: `${c.object}_count` },
      { method: "GET" as const, url: queryUrl(client, c.soql), referenceId: `${c.object}_page` },
    ]),
  ]);
  const handoffCount = answers.get("handoffCount");
  if (!handoffCount || handoffCount.httpStatusCode >= 300) throw subresponseError(handoffCount);
  return { handoffs, handoffCount: (handoffCount.body as QueryResult<SalesforceRecord>).totalSize, children, answers };
}

function subresponseError(sub: CompositeSubresponse | undefined): SalesforceError {
  const body = sub?.body;
  return explainError(Array.isArray(body) ? body[0] : (body ?? { message: "no response" }));
}

export async function main(argv: string[]): Promise<number> {
  const args = parseCommandLine(argv, OPTIONS);
  const progress = progressReporter(args.quiet || args.json);
  const since = parseIsoDate(args.since, "--since");
  const until = parseIsoDate(args.until, "--until");
  if (since && until && since > until) throw new UsageError(`--since ${since} is after --until ${until}`);
  // Read like the handoffs' own date-times, so 2026-02-30T12:00:00Z is refused rather than rolled over.
  const asOfMs = args["as-of"] ? (/^\d{4}-\d{2}-\d{2}T/.test(args["as-of"]) ? time(args["as-of"]) : NaN) : Date.now();
  if (asOfMs === null || Number.isNaN(asOfMs))
    throw new UsageError(`--as-of must be a real date-time like 2026-11-26T12:00:00Z, not "${args["as-of"]}"`);
  const asOf = new Date(asOfMs);

  const client = await connect({ targetOrg: args["target-org"], ...clientOptionsFromEnv(progress) });
  progress("counting handoffs, feedback and promises");
  const first = await firstCall(client, since, until);
  progress(`reading ${first.handoffCount} handoffs`);
  const accumulator = new MetricsAccumulator(asOf);
  const { mode } = await client.readEach(
    first.handoffs.soql,
    first.handoffCount,
    HANDOFF_FIELDS,
    (row) => accumulator.add(row as HandoffRow),
    "handoffs",
  );
  // Feedback and promises are read when the org has them; an org on an older version of the app lacks
  // the objects, and the handoff figures still stand.
  const warnings: string[] = [];
  const readChild = async <T>(
    child: (typeof first.children)[number],
    acc: { add(row: Record<string, string | null>): void; result(): T },
  ): Promise<T | undefined> => {
    const count = first.answers.get(`${child.object}_count`);
    const page = first.answers.get(`${child.object}_page`);
    if (!count || count.httpStatusCode >= 300 || !page || page.httpStatusCode >= 300) {
      const e = subresponseError(count && count.httpStatusCode >= 300 ? count : page);
      if (e.errorCode === "INVALID_TYPE" || e.errorCode === "INVALID_FIELD") {
        warnings.push(
          `${child.object} is not in this org (deploy the app's latest version): its figures are left out.`,
        );
        return undefined;
      }
      throw e;
    }
    await client.readEach(
      child.soql,
      (count.body as QueryResult<SalesforceRecord>).totalSize,
      child.fields,
      (row) => acc.add(row),
      child.object,
      page.body as QueryResult<SalesforceRecord>,
    );
    return acc.result();
  };
  const feedback = await readChild(first.children[0], new FeedbackAccumulator());
  const promises = await readChild(first.children[1], new PromiseAccumulator());
  const metrics = accumulator.result({
    asOf,
    since,
    until,
    source: `org ${client.session.instanceUrl}`,
    mode,
    feedback,
    promises,
  });
  for (const w of warnings) progress(w);

  const dir = prepareOutputDir("metrics", args.out);
  const files = [
    writeNewFile(dir, "metrics.md", metricsMarkdown(metrics)),
    writeNewFile(dir, "metrics.csv", metricsCsv(metrics)),
    writeNewFile(dir, "metrics.json", metricsJson(metrics)),
    writeNewFile(dir, "metrics.html", metricsHtml(metrics)),
  ];
  if (args.json) {
    process.stdout.write(
      JSON.stringify({ ok: true, ...metrics, warnings, apiCalls: client.calls, outputDir: dir, files }, null, 2) + "\n",
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
