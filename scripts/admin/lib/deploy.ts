// `npm run deploy`: builds the Lightning components' JavaScript, then deploys force-app with the Salesforce CLI in
// two ordered steps. Formulas that read custom metadata records ($CustomMetadata.Handoff_Setting__mdt.Default... in
// the Handoff Tier formula and the Closed Won validation rules) only compile when those records already exist, and
// one Metadata API deploy does not promise to create records before it compiles formulas. So step 1 deploys the
// custom metadata types with their records, step 2 everything (step 1 again included, unchanged).
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, readdirSync, readFileSync } from "node:fs";
import { delimiter, join, relative } from "node:path";
import { parseArgs } from "node:util";
import { walkFiles } from "../../lib/forceApp.ts";

export const DEFAULT_WAIT_MINUTES = 60;
const MAX_LISTED_FAILURES = 20;

export const DEPLOY_USAGE = `Usage: npm run deploy -- --target-org <alias> [--dry-run] [--settings-only] [--wait <minutes>]

Builds the Lightning components (npm run build), then deploys force-app with sf project deploy start in two steps:
  1. the custom metadata types and their records (the formulas of step 2 read them)
  2. everything in force-app, running the app's Apex test classes (RunSpecifiedTests)

  -o, --target-org <alias>  the org to deploy to (an alias from: npx sf org list)
  --dry-run                 validate only (check-only deploys, tests run, nothing is saved)
  --settings-only           step 1 only: the custom metadata types and records
  --wait <minutes>          how long each step may take (default ${DEFAULT_WAIT_MINUTES})
  -h, --help                this help
`;

export class DeployError extends Error {}

export interface DeployOptions {
  targetOrg: string;
  dryRun: boolean;
  settingsOnly: boolean;
  wait: number;
}

export interface DeployContext {
  projectRoot: string;
  env: NodeJS.ProcessEnv;
  out: (line: string) => void;
  err: (line: string) => void;
}

export interface DeployStep {
  title: string;
  args: string[];
}

export function parseDeployArgs(argv: string[]): DeployOptions | "help" {
  let values;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        "target-org": { type: "string", short: "o" },
        "dry-run": { type: "boolean", default: false },
        "settings-only": { type: "boolean", default: false },
        wait: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    }).values;
  } catch (e) {
    throw new DeployError(`${(e as Error).message} (see npm run deploy -- --help)`);
  }
  if (values.help) return "help";
  const targetOrg = values["target-org"]?.trim();
  if (!targetOrg) throw new DeployError("--target-org <alias> is required: the org to deploy to (see npx sf org list)");
  const wait = values.wait === undefined ? DEFAULT_WAIT_MINUTES : Number(values.wait);
  if (!Number.isInteger(wait) || wait < 1)
    throw new DeployError(`--wait must be a number of minutes, not "${values.wait}"`);
  return { targetOrg, dryRun: values["dry-run"], settingsOnly: values["settings-only"], wait };
}

// Step 1's sources: every custom metadata type's folder and the records.
export function settingsSourceDirs(projectRoot: string): string[] {
  const objects = join(projectRoot, "force-app/main/default/objects");
  const types = existsSync(objects) ? readdirSync(objects).filter((name) => name.endsWith("__mdt")) : [];
  return [
    ...types.sort().map((name) => `force-app/main/default/objects/${name}`),
    ...(existsSync(join(projectRoot, "force-app/main/default/customMetadata"))
      ? ["force-app/main/default/customMetadata"]
      : []),
  ];
}

// The classes with test methods: an @IsTest class, and in it an @IsTest method (or the old testMethod keyword).
// Test data factories and mocks are @IsTest classes without test methods, so they are not named as tests.
export function apexTestClasses(projectRoot: string): string[] {
  const testMethod =
    /@IsTest\b(\s*\([^)]*\))?\s+(?:(?:public|private|global|static)\s+)*void\s+\w+\s*\(|\btestMethod\b/i;
  return walkFiles(join(projectRoot, "force-app"), ".cls")
    .filter((file) => {
      const source = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
      return /^\s*@IsTest\b[\s\S]*?\bclass\b/i.test(source) && testMethod.test(source);
    })
    .map((file) =>
      file
        .split("/")
        .pop()!
        .replace(/\.cls$/, ""),
    )
    .sort();
}

export function deploySteps(options: DeployOptions, projectRoot: string): DeployStep[] {
  const common = [
    "--target-org",
    options.targetOrg,
    "--wait",
    String(options.wait),
    ...(options.dryRun ? ["--dry-run"] : []),
    "--json",
  ];
  const settings: DeployStep = {
    title: "custom metadata types and records",
    args: [
      "project",
      "deploy",
      "start",
      ...settingsSourceDirs(projectRoot).flatMap((dir) => ["--source-dir", dir]),
      ...common,
      // No Apex in this step, so no tests (allowed in production for deploys without Apex).
      "--test-level",
      "NoTestRun",
    ],
  };
  if (options.settingsOnly) return [settings];
  const tests = apexTestClasses(projectRoot);
  const everything: DeployStep = {
    title: "everything in force-app",
    args: [
      "project",
      "deploy",
      "start",
      "--source-dir",
      "force-app",
      ...common,
      "--test-level",
      "RunSpecifiedTests",
      ...tests.flatMap((name) => ["--tests", name]),
    ],
  };
  return [settings, everything];
}

export function findOnPath(command: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? "").split(delimiter).filter(Boolean)) {
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

// LWC sources whose JavaScript (what deploys) is missing.
export function lwcWithoutJs(projectRoot: string): string[] {
  return walkFiles(join(projectRoot, "force-app/main/default/lwc"), ".ts")
    .filter((file) => !file.endsWith(".d.ts") && !file.includes("__tests__"))
    .map((file) => file.replace(/\.ts$/, ".js"))
    .filter((js) => !existsSync(js))
    .map((js) => relative(projectRoot, js));
}

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

interface SfJson {
  status?: number;
  message?: string;
  name?: string;
  result?: {
    status?: string;
    success?: boolean;
    errorMessage?: string;
    numberComponentsDeployed?: number;
    numberTestsCompleted?: number;
    details?: {
      componentFailures?: SfComponentFailure | SfComponentFailure[];
      runTestResult?: { failures?: SfTestFailure | SfTestFailure[] };
    };
  };
}
interface SfComponentFailure {
  fileName?: string;
  fullName?: string;
  lineNumber?: number | string;
  problem?: string;
}
interface SfTestFailure {
  name?: string;
  methodName?: string;
  message?: string;
}

const asList = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

function parseJson(text: string): SfJson | undefined {
  const start = text.indexOf("{");
  const end = text.lastIndexOf("}");
  if (start < 0 || end < start) return undefined;
  try {
    return JSON.parse(text.slice(start, end + 1)) as SfJson;
  } catch {
    return undefined;
  }
}

// sf --json writes a deploy's result to stdout, and some errors (an alias it has no login for) to stderr.
function readSfJson(stdout: string, stderr: string): SfJson | undefined {
  const fromStdout = parseJson(stdout);
  return fromStdout?.result ? fromStdout : (parseJson(stderr) ?? fromStdout);
}

function failureDetails(json: SfJson | undefined): string[] {
  const details = json?.result?.details;
  const components = asList(details?.componentFailures).map(
    (f) => `  ${f.fileName ?? f.fullName ?? "?"}${f.lineNumber ? `:${f.lineNumber}` : ""}: ${oneLine(f.problem ?? "")}`,
  );
  const tests = asList(details?.runTestResult?.failures).map(
    (f) => `  test ${f.name ?? "?"}.${f.methodName ?? "?"}: ${oneLine(f.message ?? "")}`,
  );
  const all = [...components, ...tests];
  return all.length > MAX_LISTED_FAILURES
    ? [...all.slice(0, MAX_LISTED_FAILURES), `  … and ${all.length - MAX_LISTED_FAILURES} more`]
    : all;
}

function runStep(sf: string, step: DeployStep, label: string, options: DeployOptions, context: DeployContext): void {
  context.out(
    `${label}: ${options.dryRun ? "validating" : "deploying"} ${step.title} (waits up to ${options.wait} min)`,
  );
  const run = spawnSync(sf, step.args, {
    cwd: context.projectRoot,
    env: context.env,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.error) throw new DeployError(`${label} could not start sf (${sf}): ${run.error.message}`);
  const json = readSfJson(run.stdout ?? "", run.stderr ?? "");
  const failedResult = json?.result?.success === false || (json?.result?.status && json.result.status !== "Succeeded");
  if (run.status === 0 && json && !failedResult) {
    const components = json.result?.numberComponentsDeployed;
    const tests = json.result?.numberTestsCompleted;
    context.out(
      `${label} ${options.dryRun ? "validated" : "deployed"}` +
        (components !== undefined ? `: ${components} components` : "") +
        (tests ? `, ${tests} Apex tests passed` : ""),
    );
    return;
  }
  const reason = oneLine(
    json?.result?.errorMessage ??
      (json?.result ? `the deploy ${json.result.status ?? "failed"}` : undefined) ??
      json?.message ??
      ((run.stderr || run.stdout || "").trim().split("\n")[0] || `sf exited with ${run.status}`),
  );
  const lines = [
    `${label} (${step.title}) failed on ${options.targetOrg}, nothing of this step was saved: ${reason}`,
    ...failureDetails(json),
  ];
  if (options.dryRun && step.title.startsWith("everything"))
    lines.push(
      "  A dry run cannot create the custom metadata records the formulas read: on an org that never had them, " +
        `run npm run deploy -- --target-org ${options.targetOrg} --settings-only first.`,
    );
  throw new DeployError(lines.join("\n"));
}

export function deploy(options: DeployOptions, context: DeployContext): void {
  const sf = findOnPath("sf", context.env);
  if (!sf)
    throw new DeployError(
      "the Salesforce CLI (sf) is not on PATH: run npm install, then npm run deploy (it uses the sf this project pins in node_modules/.bin)",
    );
  const npm = findOnPath("npm", context.env);
  if (!npm) throw new DeployError("npm is not on PATH: install Node.js 20 with npm, then run npm run deploy");
  context.out("Building the Lightning components' JavaScript (npm run build)");
  const build = spawnSync(npm, ["run", "build"], { cwd: context.projectRoot, env: context.env, encoding: "utf8" });
  if (build.status !== 0) {
    const output = `${build.stdout ?? ""}${build.stderr ?? ""}`.trim().split("\n").slice(-5).join("\n");
    throw new DeployError(`npm run build failed, nothing was deployed:\n${output}`);
  }
  const missing = lwcWithoutJs(context.projectRoot);
  if (missing.length > 0)
    throw new DeployError(
      `refusing to deploy: ${missing.length} Lightning component file(s) have no JavaScript after npm run build ` +
        `(${missing.join(", ")}); run npm run build and fix what it reports`,
    );
  const steps = deploySteps(options, context.projectRoot);
  steps.forEach((step, i) => runStep(sf, step, `Step ${i + 1}/${steps.length}`, options, context));
  if (options.dryRun) context.out(`Validation passed on ${options.targetOrg}; nothing was saved.`);
  else if (options.settingsOnly)
    context.out(`Custom metadata deployed to ${options.targetOrg}; run without --settings-only for the rest.`);
  else
    context.out(
      `Deployed to ${options.targetOrg}. Next: assign the permission sets and follow the post-deploy steps in the README (Deploy to an org).`,
    );
}

// The command: one clear message and exit 1 on any failure.
export function runDeployCommand(argv: string[], context: DeployContext): number {
  try {
    const options = parseDeployArgs(argv);
    if (options === "help") {
      context.out(DEPLOY_USAGE);
      return 0;
    }
    deploy(options, context);
    return 0;
  } catch (e) {
    if (!(e instanceof DeployError)) throw e;
    context.err(`npm run deploy: ${e.message}`);
    return 1;
  }
}
