// npm run audit -- --csv <report export.csv> | --target-org <alias>
// Gap analysis of the last closed-won deals (seed task 1): which required handoff information is captured,
// which is missing, which deals the handoff rules would have blocked, and when CS first engaged.
import { pathToFileURL } from "node:url";
import { loadRequirements, loadSettings } from "../lib/handoffConfig.ts";
import { readObjectFields } from "../lib/forceApp.ts";
import {
  fieldKindFromSalesforceType,
  requirementsToFields,
  runAudit,
  type AuditField,
  type FieldKind,
} from "./lib/auditCore.ts";
import { readDealsFromCsv, type DateFormat } from "./lib/auditCsv.ts";
import { ExportInputError, parseEncoding } from "./lib/exportInput.ts";

function parseEncodingOption(value: string | undefined) {
  try {
    return parseEncoding(value);
  } catch (e) {
    if (e instanceof ExportInputError) throw new UsageError(e.message);
    throw e;
  }
}
import { loadOrgAudit } from "./lib/auditOrg.ts";
import { auditCsv, auditHtml, auditJson, auditMarkdown, auditTerminal } from "./lib/auditReport.ts";
import { connect } from "./lib/salesforce.ts";
import { prepareOutputDir, writeNewFile } from "./lib/report.ts";
import {
  CONNECTION_OPTIONS,
  clientOptionsFromEnv,
  EXIT_OK,
  EXIT_PARTIAL,
  UsageError,
  parseCommandLine,
  parseIsoDate,
  progressReporter,
  runCommand,
  splitList,
} from "./lib/cli.ts";

export const USAGE = `Usage: npm run audit -- (--csv <file> | --target-org <alias>) [options]

Audits the handoff information of the last closed-won deals and writes a gap analysis
(Markdown, CSV, JSON and a self-contained HTML page) to a new folder under ./out/.

Source (one of):
  --csv <file>               a Salesforce report export (Details Only, CSV); works offline
  --target-org, -o <alias>   a Salesforce CLI login (sf org login web --alias <alias>);
                             or set SF_INSTANCE_URL and SF_ACCESS_TOKEN
Options:
  --limit <n>                how many of the latest closed-won deals (default 15)
  --since <YYYY-MM-DD>       deals closed on or after this date (no default limit)
  --fields <a,b,c>           audit these Opportunity fields instead of the requirement records
  --cs-users <u1,u2>         CS users (usernames or Ids) whose activities count as the first CS touch
                             (default: users with the Handoff_CS permission set)
  --cs-permission-set <name> permission set that identifies CS users (default Handoff_CS)
  --delimiter <char>         CSV delimiter (default ,)
  --date-format <mdy|dmy>    how the export writes dates such as 3/4/2026 (default: the --locale's order,
                             else mdy; YYYY-MM-DD always works; a day-first file read as mdy is refused)
  --locale <tag>             how amounts are written, e.g. de-DE (240.000,00 €), fr-FR (1 234,50),
                             en-US (12,500.00), de-CH (1'234.50); default: detected from the amounts
  --encoding <name>          utf-8, utf-16le, utf-16be or windows-1252 (default: detected; a BOM decides)
  --out <folder>             output folder (must be new or empty)
  --json                     print the result as JSON on stdout
  --quiet                    no progress messages
Exit code: 0 done, 1 failed, 2 done but some rows of the export could not be read (listed in the report).
`;

const OPTIONS = {
  ...CONNECTION_OPTIONS,
  csv: { type: "string" },
  limit: { type: "string" },
  since: { type: "string" },
  fields: { type: "string" },
  "cs-users": { type: "string" },
  "cs-permission-set": { type: "string", default: "Handoff_CS" },
  delimiter: { type: "string", default: "," },
  "date-format": { type: "string" },
  locale: { type: "string" },
  encoding: { type: "string" },
} as const;

function repoFields(fieldList: string[] | undefined): AuditField[] {
  const described = readObjectFields("Opportunity");
  const kindOf = (field: string): FieldKind =>
    field === "HasOpportunityLineItem"
      ? "checkbox"
      : described.has(field)
        ? fieldKindFromSalesforceType(described.get(field)!.type)
        : "value";
  if (fieldList?.length) {
    return fieldList.map((field) => ({
      field,
      label: described.get(field)?.label ?? field,
      group: "Notes",
      kind: kindOf(field),
      requiredFor: { "High-Touch": true, "Low-Touch": true },
      available: true,
    }));
  }
  // The export's column headers carry the field labels (e.g. "Concerns Raised During Sales").
  return requirementsToFields(loadRequirements(), kindOf).map((f) => ({
    ...f,
    label: described.get(f.field)?.label ?? f.label,
  }));
}

export async function main(argv: string[]): Promise<number> {
  const args = parseCommandLine(argv, OPTIONS);
  const progress = progressReporter(args.quiet || args.json);
  if (!args.csv && !args["target-org"] && !(process.env.SF_INSTANCE_URL && process.env.SF_ACCESS_TOKEN)) {
    throw new UsageError(
      "Give --csv <file> to audit a report export offline, or --target-org <alias> to audit an org.",
    );
  }
  if (args["date-format"] !== undefined && args["date-format"] !== "mdy" && args["date-format"] !== "dmy")
    throw new UsageError(`--date-format must be mdy or dmy`);
  const limit = args.limit === undefined ? undefined : Number(args.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0 && limit <= 2000))
    throw new UsageError(`--limit must be a whole number from 1 to 2000`);
  const since = parseIsoDate(args.since, "--since");
  const fieldList = args.fields ? splitList(args.fields) : undefined;
  const delimiter = args.delimiter === "\\t" ? "\t" : args.delimiter;

  let audit;
  let apiCalls: number | undefined;
  if (args.csv) {
    const settings = loadSettings();
    progress(`reading ${args.csv}`);
    const read = readDealsFromCsv(args.csv, repoFields(fieldList), settings, {
      delimiter,
      dateFormat: args["date-format"] as DateFormat | undefined,
      locale: args.locale,
      encoding: parseEncodingOption(args.encoding),
    });
    let deals = read.deals;
    if (since) deals = deals.filter((d) => d.closeDate >= since);
    if (limit) deals = [...deals].sort((a, b) => b.closeDate.localeCompare(a.closeDate)).slice(0, limit);
    audit = runAudit(deals, read.fields, settings, {
      source: `CSV export ${args.csv}`,
      warnings: read.warnings,
      skippedRows: read.skippedRows,
    });
  } else {
    const client = await connect({ targetOrg: args["target-org"], ...clientOptionsFromEnv(progress) });
    const input = await loadOrgAudit(
      client,
      {
        limit,
        since,
        fields: fieldList,
        csUsers: args["cs-users"] ? splitList(args["cs-users"]) : undefined,
        csPermissionSet: args["cs-permission-set"]!,
      },
      progress,
    );
    apiCalls = client.calls;
    audit = runAudit(input.deals, input.fields, input.settings, {
      source: `org ${client.session.instanceUrl} (requirements from ${input.requirementSource})`,
      warnings: input.warnings,
    });
  }

  const dir = prepareOutputDir("audit", args.out);
  const csv = auditCsv(audit);
  const json = auditJson(audit);
  const files = [
    writeNewFile(dir, "audit.md", auditMarkdown(audit)),
    writeNewFile(dir, "audit-deals.csv", csv.deals),
    writeNewFile(dir, "audit-fields.csv", csv.fields),
    writeNewFile(dir, "audit.json", json),
    writeNewFile(dir, "audit.html", auditHtml(audit)),
  ];
  if (args.json) {
    process.stdout.write(JSON.stringify({ ...JSON.parse(json), apiCalls, outputDir: dir, files }, null, 2) + "\n");
  } else {
    process.stdout.write(
      `${auditTerminal(audit)}\n\nReport written to ${dir}:\n${files.map((f) => `  ${f}`).join("\n")}\n`,
    );
    if (apiCalls !== undefined) process.stdout.write(`API calls: ${apiCalls}\n`);
  }
  if (audit.skippedRows.length) {
    process.stderr.write(
      `Warning: ${audit.skippedRows.length} row(s) of the export could not be read and are not in the figures: ` +
        `${audit.skippedRows.map((r) => `line ${r.line}`).join(", ")} (reasons in the report).\n`,
    );
    return EXIT_PARTIAL;
  }
  return EXIT_OK;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runCommand(process.argv.slice(2), USAGE, main);
}
