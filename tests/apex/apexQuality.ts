// Offline quality gates for the project's Apex: it parses, it is Prettier-formatted, it passes the Salesforce Code
// Analyzer PMD rules of the Security, Performance and Error Prone categories, and every class has a test class.
// Each check takes the folders to look in, so the tests can point it at a broken copy in a temp dir.
import { readFileSync, existsSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { ApexErrorListener, ApexParserFactory } from "@apexdevtools/apex-parser";
import * as prettier from "prettier";
import { CodeAnalyzer, CodeAnalyzerConfig } from "@salesforce/code-analyzer-core";
import * as pmdEngine from "@salesforce/code-analyzer-pmd-engine";
import { PROJECT_ROOT, walkFiles } from "../../scripts/lib/forceApp.ts";

export const APEX_FOLDERS = [
  join(PROJECT_ROOT, "force-app/main/default/classes"),
  join(PROJECT_ROOT, "force-app/main/default/triggers"),
  join(PROJECT_ROOT, "force-app/test/classes"),
];
export const CHECKED_PMD_CATEGORIES = ["Security", "Performance", "ErrorProne"] as const;

export interface ApexProblem {
  file: string;
  line?: number;
  problem: string;
}

export function apexFiles(folders: string[] = APEX_FOLDERS): string[] {
  return folders.flatMap((folder) => [...walkFiles(folder, ".cls"), ...walkFiles(folder, ".trigger")]);
}

export function describeProblem(p: ApexProblem): string {
  const where = relative(PROJECT_ROOT, p.file) + (p.line ? `:${p.line}` : "");
  return `${where}: ${p.problem}`;
}

class CollectingErrorListener extends ApexErrorListener {
  readonly errors: { line: number; column: number; message: string }[] = [];
  apexSyntaxError(line: number, column: number, message: string): void {
    this.errors.push({ line, column, message });
  }
}

export function syntaxProblems(files: string[]): ApexProblem[] {
  const problems: ApexProblem[] = [];
  for (const file of files) {
    const listener = new CollectingErrorListener();
    const { parser } = ApexParserFactory.createLexerAndParser(readFileSync(file, "utf8"), listener);
    if (file.endsWith(".trigger")) parser.triggerUnit();
    else parser.compilationUnit();
    for (const e of listener.errors)
      problems.push({ file, line: e.line, problem: `syntax error at column ${e.column}: ${e.message}` });
  }
  return problems;
}

export async function formattingProblems(files: string[]): Promise<ApexProblem[]> {
  const problems: ApexProblem[] = [];
  for (const file of files) {
    // The project's config, also for copies outside the project (the broken copies of the tests).
    const options = (await prettier.resolveConfig(file, { config: join(PROJECT_ROOT, ".prettierrc.json") })) ?? {};
    const source = readFileSync(file, "utf8");
    if (!(await prettier.check(source, { ...options, filepath: file }))) {
      problems.push({ file, problem: "not Prettier-formatted (run npx prettier --write on it)" });
    }
  }
  return problems;
}

// Test classes are recognised by @IsTest on the class; a class is covered when some test class is named after it
// (<Class>_Test) or mentions it by name.
export function classesWithoutTests(files: string[]): ApexProblem[] {
  const classes = files.filter((f) => f.endsWith(".cls"));
  const isTest = (f: string) =>
    /@IsTest\b[\s\S]*?\bclass\b/i.test(
      readFileSync(f, "utf8")
        .replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "")
        .slice(0, 2000),
    );
  const tests = classes.filter(isTest);
  const testSources = tests.map((f) => ({ name: basename(f, ".cls"), source: readFileSync(f, "utf8") }));
  return classes
    .filter((f) => !isTest(f))
    .map((f) => basename(f, ".cls"))
    .filter((name) => {
      const named = testSources.some((t) => t.name.toLowerCase() === `${name}_test`.toLowerCase());
      const mentioned = testSources.some((t) => new RegExp(`\\b${name}\\b`).test(t.source));
      return !named && !mentioned;
    })
    .map((name) => ({
      file: classes.find((f) => basename(f, ".cls") === name)!,
      problem: `class ${name} has no test class (${name}_Test or a test that uses it)`,
    }));
}

export function metaProblems(files: string[], apiVersion = "66.0"): ApexProblem[] {
  const problems: ApexProblem[] = [];
  for (const file of files) {
    const meta = `${file}-meta.xml`;
    if (!existsSync(meta)) {
      problems.push({ file, problem: `missing ${basename(meta)}` });
      continue;
    }
    const version = /<apiVersion>([^<]+)<\/apiVersion>/.exec(readFileSync(meta, "utf8"))?.[1];
    if (version !== apiVersion)
      problems.push({ file: meta, problem: `apiVersion is ${version ?? "missing"}, expected ${apiVersion}` });
  }
  return problems;
}

export async function pmdProblems(files: string[]): Promise<ApexProblem[]> {
  if (files.length === 0) return [];
  // Apex rules only and no copy-paste detector: rule discovery for every PMD language costs several seconds of JVM time.
  const config = CodeAnalyzerConfig.fromObject({
    engines: { pmd: { rule_languages: ["apex"] }, cpd: { disable_engine: true } },
  });
  const analyzer = new CodeAnalyzer(config);
  await analyzer.addEnginePlugin(pmdEngine.createEnginePlugin());
  const workspace = await analyzer.createWorkspace(files);
  const selectors = CHECKED_PMD_CATEGORIES.map((c) => `pmd:${c}`);
  const rules = await analyzer.selectRules(selectors, { workspace });
  const results = await analyzer.run(rules, { workspace });
  return results.getViolations().map((v) => {
    const location = v.getPrimaryLocation();
    return {
      file: location.getFile() ?? "(unknown file)",
      line: location.getStartLine(),
      problem: `PMD ${v.getRule().getName()} [${v.getRule().getTags().join(", ")}]: ${v.getMessage()}`,
    };
  });
}
