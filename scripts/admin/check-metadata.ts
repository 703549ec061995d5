// Offline pre-deploy check for admins: validates every metadata file in force-app against the Metadata API schema and
// checks that every field, object, record, permission, class and tab the metadata names exists. Needs no org.
//
//   npx tsx scripts/admin/check-metadata.ts            # the project's force-app
//   npx tsx scripts/admin/check-metadata.ts --root path/to/force-app --json
//
// Exit codes: 0 no problem, 1 problems found (listed), 2 the command line was wrong.
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  FORCE_APP,
  formatSchemaProblem,
  listMetadataFiles,
  validateMetadataFiles,
  type SchemaProblem,
} from "./checks/metadataSchema.ts";
import { checkReferences, formatUnresolvedReference, type ReferenceCheckResult } from "./checks/metadataReferences.ts";
import { checkDeployConstraints, formatViolation, type ConstraintViolation } from "./checks/deployConstraints.ts";
import { findReportProblems } from "./checks/reportReferences.ts";

const USAGE = `Usage: npx tsx scripts/admin/check-metadata.ts [--root <force-app folder>] [--json]

Checks, offline and before a deploy:
  1. every *-meta.xml file is valid against the strict Metadata API v66 schema
     (scripts/admin/checks/schema/metadata-v66.xsd, with the exceptions named in scripts/admin/checks/metadataSchema.ts);
  2. every field, object, custom metadata record, permission, Apex class and tab named by formulas, validation
     rules, layouts, permission sets, custom metadata records, lookup filters, flows and components exists in
     force-app or is a standard field (scripts/admin/checks/standard-fields.json);
  3. the deploy rules the schema cannot express (scripts/admin/checks/deployConstraints.ts, each citing its page): field
     attributes per field type, formula and validation rule limits, custom metadata and platform event field types, Lightning page
     names, chart types against report groupings, and dashboard tiles on the grid (in bounds, not overlapping, at
     most 20);
  4. every report type, report and dashboard component names columns, groupings, buckets, summaries and reports
     that exist (scripts/admin/checks/reportReferences.ts): a tile grouped or summarised by something its report
     does not group or compute fails here, not in the org.

Options:
  --root <dir>   the source folder to check (default: force-app)
  --json         print the result as JSON on stdout
  -h, --help     show this help`;

export interface MetadataCheckResult {
  root: string;
  files: number;
  schemaProblems: SchemaProblem[];
  references: ReferenceCheckResult;
  deployConstraints: ConstraintViolation[];
  reportProblems: string[];
}

// Paths in problems are relative to relativeTo (the current directory on the command line).
export async function runMetadataChecks(root = FORCE_APP, relativeTo = process.cwd()): Promise<MetadataCheckResult> {
  const files = listMetadataFiles(root);
  const schemaProblems = await validateMetadataFiles(files, { relativeTo });
  const references = checkReferences({ root, relativeTo });
  const deployConstraints = checkDeployConstraints(root);
  // Reports name fields as the source folder lays them out: force-app/main/default, or a folder shaped like it.
  const source = existsSync(join(root, "main/default")) ? join(root, "main/default") : root;
  const reportProblems = findReportProblems(source);
  return { root, files: files.length, schemaProblems, references, deployConstraints, reportProblems };
}

export function formatReport(result: MetadataCheckResult): string {
  const lines: string[] = [];
  const checkedReferences = Object.values(result.references.checked).reduce((sum, n) => sum + n, 0);
  lines.push(`Metadata check of ${relative(process.cwd(), result.root) || "."} (${result.files} metadata files)`);
  lines.push("");
  lines.push(
    `1. Metadata API schema (v66, strict): ${result.schemaProblems.length === 0 ? "all files valid" : `${result.schemaProblems.length} problem(s)`}`,
  );
  for (const problem of result.schemaProblems) lines.push(`   ${formatSchemaProblem(problem)}`);
  lines.push(
    `2. References: ${checkedReferences} checked, ${
      result.references.problems.length === 0 ? "all resolve" : `${result.references.problems.length} do not resolve`
    }`,
  );
  for (const [category, count] of Object.entries(result.references.checked))
    lines.push(`   - ${category}: ${count} checked`);
  for (const problem of result.references.problems) lines.push(`   ${formatUnresolvedReference(problem)}`);
  lines.push(
    `3. Deploy rules: ${
      result.deployConstraints.length === 0 ? "all hold" : `${result.deployConstraints.length} broken`
    }`,
  );
  for (const violation of result.deployConstraints) {
    lines.push(
      `   ${formatViolation({ ...violation, file: relative(process.cwd(), join(result.root, violation.file)) })}`,
    );
  }
  lines.push(
    `4. Reports and dashboards: ${
      result.reportProblems.length === 0
        ? "all columns, groupings and tiles resolve"
        : `${result.reportProblems.length} problem(s)`
    }`,
  );
  for (const problem of result.reportProblems) lines.push(`   ${problem}`);
  const total = problemCount(result);
  lines.push("");
  lines.push(total === 0 ? "OK: no problem found." : `FAILED: ${total} problem(s). Fix them before deploying.`);
  return lines.join("\n");
}

function problemCount(result: MetadataCheckResult): number {
  return (
    result.schemaProblems.length +
    result.references.problems.length +
    result.deployConstraints.length +
    result.reportProblems.length
  );
}

export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

const STANDARD_OUTPUT: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

export async function main(argv: string[], io: Output = STANDARD_OUTPUT): Promise<number> {
  let values: { root?: string; json?: boolean; help?: boolean };
  try {
    values = parseArgs({
      args: argv,
      options: { root: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
      strict: true,
    }).values;
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  const root = values.root ? resolve(values.root) : FORCE_APP;
  const result = await runMetadataChecks(root);
  io.out(values.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatReport(result)}\n`);
  return problemCount(result) === 0 ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
