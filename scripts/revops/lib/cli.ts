// What the three RevOps commands share on the command line: options, progress on stderr, --json on
// stdout, and exit codes (0 done, 1 failed, 2 done but some input rows were skipped).
import { parseArgs, type ParseArgsConfig } from "node:util";
import { SalesforceError, type ClientOptions } from "./salesforce.ts";
import { OutputError } from "./report.ts";
import { CsvExportError } from "./auditCsv.ts";

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_PARTIAL = 2;

export class UsageError extends Error {}

export const CONNECTION_OPTIONS = {
  "target-org": { type: "string", short: "o" },
  json: { type: "boolean", default: false },
  out: { type: "string" },
  quiet: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const satisfies ParseArgsConfig["options"];

export function parseCommandLine<O extends NonNullable<ParseArgsConfig["options"]>>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: false, strict: true }).values;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export function progressReporter(quiet: boolean): (message: string) => void {
  return (message) => {
    if (!quiet) process.stderr.write(`… ${message}\n`);
  };
}

export function parseIsoDate(value: string | undefined, option: string): string | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) throw new UsageError(`${option} must be a date like 2026-01-31, not "${value}"`);
  // Date.parse accepts 2026-02-30 (as 2 March): the date must come back as written.
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (date.toISOString().slice(0, 10) !== value)
    throw new UsageError(
      `${option} ${value} is not a real date (${Number(m[2]) < 1 || Number(m[2]) > 12 ? `there is no month ${m[2]}` : `${m[1]}-${m[2]} has no day ${Number(m[3])}`})`,
    );
  return value;
}

export function splitList(value: string | undefined): string[] {
  return (value ?? "")
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

// Runs a command: failures become one clear line on stderr (and a JSON error with --json) and exit 1.
export async function runCommand(
  argv: string[],
  usage: string,
  main: (argv: string[]) => Promise<number>,
): Promise<void> {
  const json = argv.includes("--json");
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(usage);
    return;
  }
  try {
    process.exitCode = await main(argv);
  } catch (e) {
    const known =
      e instanceof SalesforceError ||
      e instanceof UsageError ||
      e instanceof OutputError ||
      e instanceof CsvExportError;
    const message = known ? (e as Error).message : `Unexpected error: ${(e as Error).stack ?? String(e)}`;
    if (json) {
      process.stdout.write(
        JSON.stringify(
          { ok: false, error: message, errorCode: e instanceof SalesforceError ? e.errorCode : undefined },
          null,
          2,
        ) + "\n",
      );
    }
    process.stderr.write(`Error: ${message}\n`);
    if (e instanceof UsageError) process.stderr.write(`\n${usage}`);
    process.exitCode = EXIT_FAILED;
  }
}

// Tuning for automation and tests (documented in docs/revops-scripts.md); defaults suit a real org.
export function clientOptionsFromEnv(progress: (m: string) => void): ClientOptions {
  const n = (v: string | undefined) => (v === undefined || v === "" ? undefined : Number(v));
  return {
    progress,
    backoffMs: n(process.env.SF_RETRY_BACKOFF_MS),
    retries: n(process.env.SF_RETRIES),
    bulkPollMs: n(process.env.SF_BULK_POLL_MS),
    requestTimeoutMs: n(process.env.SF_REQUEST_TIMEOUT_MS),
  };
}
