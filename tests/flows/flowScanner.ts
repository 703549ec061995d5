// Lightning Flow Scanner (the engine behind the community Flow Scanner) over the project's flows: every rule it
// ships runs at its own severity, and errors and warnings fail the check. A rule is switched off only in
// tests/flows/flow-scanner.config.json, with a one-line reason.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import flowScanner, { type IRulesConfig, type ParsedFlow } from "@flow-scanner/lightning-flow-scanner-core";
import { walkFiles } from "../../scripts/lib/forceApp.ts";
import { FLOWS_DIR } from "./flowModel.ts";

export const SCANNER_CONFIG_PATH = join(import.meta.dirname, "flow-scanner.config.json");
export const FAILING_SEVERITIES = ["error", "warning"];

export interface ScannerConfig {
  // Rule name -> the one-line reason it is off for this project.
  disabledRules: Record<string, string>;
}

export interface FlowFinding {
  file: string;
  flow: string;
  rule: string;
  severity: string;
  element: string;
  line?: number;
}

export function readScannerConfig(path = SCANNER_CONFIG_PATH): ScannerConfig {
  const config = JSON.parse(readFileSync(path, "utf8")) as Partial<ScannerConfig>;
  return { disabledRules: config.disabledRules ?? {} };
}

export function allRuleNames(): string[] {
  return flowScanner.getRules().map((rule) => rule.name);
}

// Problems with the config itself: a rule that does not exist, or one switched off without a reason.
export function configProblems(config: ScannerConfig): string[] {
  const known = new Set(allRuleNames());
  return Object.entries(config.disabledRules).flatMap(([rule, reason]) => [
    ...(known.has(rule) ? [] : [`${rule} is not a Flow Scanner rule (known: ${[...known].join(", ")})`]),
    ...(typeof reason === "string" && reason.trim() && !reason.includes("\n")
      ? []
      : [`${rule} is switched off without a one-line reason`]),
  ]);
}

// The scanner turns XML into JSON with one quirk its GetRecordAllFields rule trips over: a Get Records element
// with a single <queriedFields> comes back as a string, not a list, so a lookup that queries only Id is reported
// as storing all fields. Reading it as the one-element list it is keeps the rule meaningful for every lookup.
// tests/flows/flowScanner.test.ts shows the quirk is still there, so this goes when the scanner fixes it.
function listSingleQueriedFields(parsed: ParsedFlow[]): void {
  for (const { flow } of parsed) {
    for (const element of flow?.elements ?? []) {
      const node = element.element as { queriedFields?: unknown };
      if (element.subtype === "recordLookups" && typeof node.queriedFields === "string")
        node.queriedFields = [node.queriedFields];
    }
  }
}

export async function scanFlows(
  files: string[],
  config: ScannerConfig = readScannerConfig(),
  options: { normalise?: boolean } = {},
): Promise<FlowFinding[]> {
  const parsed = await flowScanner.parse(files);
  // The scanner's XML reader is lenient: a truncated file parses into a flow with no elements and passes every
  // rule, so a flow in which it read no element (Get Records, Decision, ...) is a finding of its own.
  const findings: FlowFinding[] = parsed
    .filter((p) => p.errorMessage || !p.flow?.elements?.some((e) => e.metaType === "node"))
    .map((p) => ({
      file: p.uri,
      flow: p.flow?.name ?? "",
      rule: "parse",
      severity: "error",
      element: p.errorMessage ?? "no flow elements could be read",
    }));
  if (options.normalise !== false) listSingleQueriedFields(parsed);
  // Naming the rules to run replaces the default set, so name every rule that is not switched off.
  const rules: IRulesConfig["rules"] = Object.fromEntries(
    allRuleNames()
      .filter((rule) => !(rule in config.disabledRules))
      .map((rule) => [rule, {}]),
  );
  const fileOf = new Map(parsed.map((p) => [p.flow?.name, p.uri]));
  for (const result of flowScanner.scan(parsed, { rules })) {
    const flow = result.flow.name ?? "";
    const file = fileOf.get(result.flow.name) ?? flow;
    for (const rule of result.ruleResults) {
      if (rule.errorMessage)
        findings.push({ file, flow, rule: rule.ruleName, severity: "error", element: rule.errorMessage });
      if (!rule.occurs) continue;
      for (const violation of rule.details)
        findings.push({
          file,
          flow,
          rule: rule.ruleName,
          severity: rule.severity,
          element: violation.name,
          line: violation.lineNumber,
        });
    }
  }
  return findings;
}

export function flowFiles(dir = FLOWS_DIR): string[] {
  return walkFiles(dir, ".flow-meta.xml");
}

export function failing(findings: FlowFinding[]): FlowFinding[] {
  return findings.filter((f) => FAILING_SEVERITIES.includes(f.severity));
}

export function describeFinding(f: FlowFinding): string {
  return `${f.flow || f.file}${f.line ? `:${f.line}` : ""} (${f.element}): ${f.severity} ${f.rule}`;
}
