// Offline checks of the CS intake feature (issue 5) that the project-wide schema and reference checks do not cover:
// the Lightning app and tab resolve to what exists, the Apex reads and writes in user mode with no query or DML
// inside a loop, every field the Apex names exists, and the status values agree across picklist, Apex and panel.
// Each check takes the source folder, so the tests can run it on a broken copy in a temp dir.
import { existsSync, readFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { ApexErrorListener, ApexParserFactory } from "@apexdevtools/apex-parser";
import {
  DEFAULT_SOURCE,
  PROJECT_ROOT,
  parseMetadataFile,
  text,
  walkFiles,
  type XmlNode,
} from "../../scripts/lib/forceApp.ts";

export const INTAKE_APP = "Sales_to_CS_Handoff";
export const INTAKE_TAB = "CS_Intake";
export const INTAKE_COMPONENT = "csIntakePanel";
// What CS needs in one place (issue 5): the panel, the handoff records, the deals, and reports and dashboards.
export const REQUIRED_APP_TABS = [
  INTAKE_TAB,
  "Handoff__c",
  "standard-Opportunity",
  "standard-report",
  "standard-Dashboard",
];
// Standard tabs this app may show; anything else named standard-* is a typo until added here.
const KNOWN_STANDARD_TABS = new Set([
  "standard-home",
  "standard-Account",
  "standard-Contact",
  "standard-Opportunity",
  "standard-report",
  "standard-Dashboard",
  "standard-Task",
]);
// The objects the intake Apex works with: a field it names must exist on one of them.
export const INTAKE_OBJECTS = [
  "Handoff__c",
  "Handoff_Promise__c",
  "Opportunity",
  "Handoff_Requirement__mdt",
  "Handoff_Setting__mdt",
];
// The intake Apex, with the lifecycle that decides its actions and the configuration reader it shares with the checklist.
export const INTAKE_CLASS_PATTERN =
  /^(HandoffIntake|HandoffPromise|HandoffLifecycle|HandoffSettings|HandoffChecklist)\w*\.cls$/;

export interface IntakeProblem {
  file: string;
  line?: number;
  problem: string;
}

export function describeIntakeProblem(p: IntakeProblem): string {
  return `${relative(PROJECT_ROOT, p.file) || p.file}${p.line ? `:${p.line}` : ""}: ${p.problem}`;
}

export function describeIntakeProblems(problems: IntakeProblem[]): string {
  return problems.length ? problems.map(describeIntakeProblem).join("\n") : "(none)";
}

function list(node: unknown): string[] {
  if (node === undefined || node === null) return [];
  return (Array.isArray(node) ? node : [node]).map((n) => text(n) ?? "");
}

// ----- Lightning app and tab -----

export function appProblems(source = DEFAULT_SOURCE): IntakeProblem[] {
  const path = join(source, "applications", `${INTAKE_APP}.app-meta.xml`);
  if (!existsSync(path)) return [{ file: path, problem: `the Lightning app ${INTAKE_APP} is missing` }];
  const { body } = parseMetadataFile(path);
  const problems: IntakeProblem[] = [];
  if (text(body.uiType) !== "Lightning")
    problems.push({ file: path, problem: `uiType must be Lightning, found ${text(body.uiType)}` });
  const tabs = list(body.tabs);
  for (const tab of tabs) {
    const exists = tab.startsWith("standard-")
      ? KNOWN_STANDARD_TABS.has(tab)
      : existsSync(join(source, "tabs", `${tab}.tab-meta.xml`));
    if (!exists)
      problems.push({
        file: path,
        problem: `tab ${tab} does not exist (no tabs/${tab}.tab-meta.xml or known standard tab)`,
      });
  }
  for (const required of REQUIRED_APP_TABS) {
    if (!tabs.includes(required)) problems.push({ file: path, problem: `the app must show the ${required} tab` });
  }
  const landing = text(body.defaultLandingTab);
  if (landing && !tabs.includes(landing)) {
    problems.push({ file: path, problem: `defaultLandingTab ${landing} is not one of the app's tabs` });
  }
  return problems;
}

export function intakeTabProblems(source = DEFAULT_SOURCE): IntakeProblem[] {
  const path = join(source, "tabs", `${INTAKE_TAB}.tab-meta.xml`);
  if (!existsSync(path)) return [{ file: path, problem: `the ${INTAKE_TAB} tab is missing` }];
  const component = text(parseMetadataFile(path).body.lwcComponent);
  if (component !== INTAKE_COMPONENT) {
    return [{ file: path, problem: `lwcComponent must be ${INTAKE_COMPONENT}, found ${component ?? "nothing"}` }];
  }
  const meta = join(source, "lwc", component, `${component}.js-meta.xml`);
  if (!existsSync(meta))
    return [{ file: path, problem: `component ${component} does not exist (no ${relative(source, meta)})` }];
  const { body } = parseMetadataFile(meta);
  const problems: IntakeProblem[] = [];
  if (text(body.isExposed) !== "true")
    problems.push({ file: meta, problem: "isExposed must be true for a Lightning tab to show the component" });
  const targets = list((body.targets as XmlNode | undefined)?.target);
  if (!targets.includes("lightning__Tab"))
    problems.push({ file: meta, problem: "targets must include lightning__Tab" });
  return problems;
}

// ----- picklist values agree across metadata, Apex and the panel -----

function picklistValues(source: string, object: string, field: string): string[] {
  const path = join(source, "objects", object, "fields", `${field}.field-meta.xml`);
  const definition = (parseMetadataFile(path).body.valueSet as XmlNode | undefined)?.valueSetDefinition as
    XmlNode | undefined;
  return ((definition?.value as XmlNode[] | undefined) ?? []).map((v) => text(v.fullName) ?? "");
}

function setLiteral(source: string, name: string): string[] | null {
  const match = new RegExp(`\\b${name}\\s*=\\s*new Set<String>\\s*\\{([^}]*)\\}`).exec(source);
  return match ? [...match[1].matchAll(/'([^']*)'/g)].map((m) => m[1]) : null;
}

function stringConstants(source: string, prefix: string): string[] {
  return [...source.matchAll(new RegExp(`\\b${prefix}\\w*\\s*=\\s*'([^']*)'`, "g"))].map((m) => m[1]);
}

export function statusAgreementProblems(source = DEFAULT_SOURCE): IntakeProblem[] {
  const problems: IntakeProblem[] = [];
  const classes = join(source, "classes");
  const model = join(source, "lwc", "csIntakeModel", "csIntakeModel.ts");
  const modelSource = readFileSync(model, "utf8");

  const promiseStatuses = picklistValues(source, "Handoff_Promise__c", "Status__c");
  const promiseService = join(classes, "HandoffPromiseService.cls");
  const apexPromiseStatuses = setLiteral(readFileSync(promiseService, "utf8"), "STATUSES");
  if (
    apexPromiseStatuses === null ||
    [...apexPromiseStatuses].sort().join("|") !== [...promiseStatuses].sort().join("|")
  ) {
    problems.push({
      file: promiseService,
      problem: `STATUSES (${apexPromiseStatuses?.join(", ")}) must equal the Handoff_Promise__c.Status__c values (${promiseStatuses.join(", ")})`,
    });
  }
  const panelMarks = [
    ...(/PROMISE_STATUSES\s*=\s*\[([^\]]*)\]/.exec(modelSource)?.[1] ?? "").matchAll(/"([^"]*)"/g),
  ].map((m) => m[1]);
  for (const status of panelMarks) {
    if (!promiseStatuses.includes(status)) {
      problems.push({
        file: model,
        problem: `PROMISE_STATUSES offers "${status}", which is not a Handoff_Promise__c.Status__c value`,
      });
    }
  }

  const handoffStatuses = picklistValues(source, "Handoff__c", "Status__c");
  const used: { file: string; value: string }[] = [];
  for (const cls of ["HandoffIntakeSelector.cls", "HandoffLifecycle.cls"]) {
    const path = join(classes, cls);
    const apex = readFileSync(path, "utf8");
    for (const value of [...(setLiteral(apex, "OPEN_STATUSES") ?? []), ...stringConstants(apex, "STATUS_")])
      used.push({ file: path, value });
  }
  const filters = /STATUS_FILTERS\s*=\s*\[([\s\S]*?)\];/.exec(modelSource)?.[1] ?? "";
  for (const match of filters.matchAll(/value:\s*"([^"]+)"/g)) used.push({ file: model, value: match[1] });
  for (const { file, value } of used) {
    if (!handoffStatuses.includes(value)) {
      problems.push({
        file,
        problem: `status "${value}" is not a Handoff__c.Status__c value (${handoffStatuses.join(", ")})`,
      });
    }
  }
  return problems;
}

// The one definition of "with Sales" (Handoff__c.With_Sales__c): its statuses, as its formula names them.
export const SALES_SIDE_FIELD = "With_Sales__c";

export function salesSideStatuses(source = DEFAULT_SOURCE): string[] {
  const path = join(source, "objects/Handoff__c/fields", `${SALES_SIDE_FIELD}.field-meta.xml`);
  const formula = text(parseMetadataFile(path).body.formula) ?? "";
  return [...formula.matchAll(/ISPICKVAL\(\s*Status__c\s*,\s*"([^"]+)"\s*\)/g)].map((m) => m[1]);
}

// Where a second copy of the Sales-side statuses would hide: one Apex statement, or one formula (field, flow,
// validation rule) that names every one of them. Values listed one per element (report buckets) are not a rule.
function salesSideCandidates(source: string): { file: string; line: number; text: string }[] {
  const candidates: { file: string; line: number; text: string }[] = [];
  for (const file of walkFiles(join(source, "classes"), ".cls")) {
    const apex = withoutComments(readFileSync(file, "utf8"));
    let start = 0;
    for (const statement of apex.split(";")) {
      const leading = statement.length - statement.trimStart().length;
      candidates.push({ file, line: lineOf(apex, start + leading), text: statement });
      start += statement.length + 1;
    }
  }
  const xmlFiles = [
    ...walkFiles(join(source, "objects"), ".xml"),
    ...walkFiles(join(source, "flows"), ".flow-meta.xml"),
  ].filter((file) => !file.endsWith(`/${SALES_SIDE_FIELD}.field-meta.xml`));
  for (const file of xmlFiles) {
    const xml = readFileSync(file, "utf8");
    for (const match of xml.matchAll(/<(formula|errorConditionFormula|expression)>([\s\S]*?)<\/\1>/g)) {
      candidates.push({ file, line: lineOf(xml, match.index ?? 0), text: match[2].replaceAll("&quot;", '"') });
    }
  }
  return candidates;
}

export function salesSideCopyProblems(source = DEFAULT_SOURCE): IntakeProblem[] {
  const statuses = salesSideStatuses(source);
  if (statuses.length === 0) {
    return [{ file: join(source, "objects/Handoff__c/fields"), problem: `${SALES_SIDE_FIELD} names no status` }];
  }
  return salesSideCandidates(source)
    .filter(({ text: candidate }) => statuses.every((status) => new RegExp(`['"]${status}['"]`).test(candidate)))
    .map(({ file, line }) => ({
      file,
      line,
      problem: `lists the Sales-side statuses (${statuses.join(", ")}) again: read Handoff__c.${SALES_SIDE_FIELD} instead`,
    }));
}

// ----- Apex -----

export function intakeApexFiles(source = DEFAULT_SOURCE): string[] {
  return walkFiles(join(source, "classes"), ".cls").filter((f) => INTAKE_CLASS_PATTERN.test(basename(f)));
}

function isTestClass(apex: string): boolean {
  return /^\s*(\/\*[\s\S]*?\*\/\s*)?@IsTest\b/i.test(apex);
}

function withoutComments(apex: string): string {
  // Keeps line numbers: a block comment becomes the same number of newlines.
  return apex.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, " ")).replace(/\/\/.*$/gm, "");
}

function lineOf(source: string, index: number): number {
  return source.slice(0, index).split("\n").length;
}

// Field names the (non-test) Apex writes anywhere, SOQL strings included: each must exist on an intake object.
export function apexFieldReferenceProblems(source = DEFAULT_SOURCE, files = intakeApexFiles(source)): IntakeProblem[] {
  const fields = new Set<string>();
  const relationships = new Set<string>();
  const objects = new Set<string>(
    walkFiles(join(source, "objects"), ".object-meta.xml").map((p) => basename(p, ".object-meta.xml")),
  );
  for (const object of INTAKE_OBJECTS) {
    for (const path of walkFiles(join(source, "objects", object, "fields"), ".field-meta.xml")) {
      const field = basename(path, ".field-meta.xml");
      fields.add(field.toLowerCase());
      const body = parseMetadataFile(path).body;
      if (text(body.referenceTo)) {
        // Lookup__c is read as Lookup__r from the child, and as <relationshipName>__r from the parent's sub-query.
        relationships.add(field.replace(/__c$/i, "__r").toLowerCase());
        const childRelationship = text(body.relationshipName);
        if (childRelationship) relationships.add(`${childRelationship}__r`.toLowerCase());
      }
    }
  }
  const problems: IntakeProblem[] = [];
  for (const file of files) {
    const raw = readFileSync(file, "utf8");
    // Tests name made-up fields on purpose, to prove they are refused.
    if (isTestClass(raw)) continue;
    const apex = withoutComments(raw);
    for (const match of apex.matchAll(/\b([A-Za-z]\w*?__(c|r|mdt))\b/g)) {
      const name = match[1];
      const kind = match[2];
      const known =
        kind === "c"
          ? fields.has(name.toLowerCase()) || objects.has(name)
          : kind === "r"
            ? relationships.has(name.toLowerCase())
            : objects.has(name);
      if (!known) {
        problems.push({
          file,
          line: lineOf(apex, match.index ?? 0),
          problem: `${name} is not a ${kind === "r" ? "relationship" : kind === "mdt" ? "custom metadata type" : "field"} of ${INTAKE_OBJECTS.join(", ")}`,
        });
      }
    }
  }
  return problems;
}

interface ParseNode {
  children?: ParseNode[] | null;
  constructor: { name: string };
  start?: { line: number };
  getText(): string;
}

// A class that does not parse cannot be checked: say so instead of checking half a tree.
class FailOnSyntaxError extends ApexErrorListener {
  constructor(private readonly file: string) {
    super();
  }
  apexSyntaxError(line: number, column: number, message: string): void {
    throw new Error(`${relative(PROJECT_ROOT, this.file)}:${line}:${column}: Apex syntax error: ${message}`);
  }
}

function parse(file: string, apex: string): ParseNode {
  const { parser } = ApexParserFactory.createLexerAndParser(apex, new FailOnSyntaxError(file));
  return parser.compilationUnit() as unknown as ParseNode;
}

function* descendants(node: ParseNode): Generator<ParseNode> {
  for (const child of node.children ?? []) {
    if (child.children !== undefined) {
      yield child;
      yield* descendants(child);
    }
  }
}

const DML_STATEMENTS = new Set([
  "InsertStatementContext",
  "UpdateStatementContext",
  "DeleteStatementContext",
  "UpsertStatementContext",
  "MergeStatementContext",
  "UndeleteStatementContext",
]);
const LOOPS = new Set(["ForStatementContext", "WhileStatementContext", "DoWhileStatementContext"]);
const QUERYING_CALL =
  /\b(Database\.(query|queryWithBinds|countQuery|insert|update|delete|upsert|undelete)|HandoffIntakeSelector\.select\w*)\(/i;

// Setup objects a CS user cannot read in user mode without View Setup and Configuration (or Assign Permission Sets /
// Manage Users): who holds the CS permission set is read in system mode (HandoffIntakeSelector.selectCsUsers says
// why). Only a query FROM one of these, saying WITH SYSTEM_MODE out loud, is exempt; every other query keeps user mode.
const SETUP_ONLY_OBJECTS = ["PermissionSetAssignment", "PermissionSetGroupComponent"];

function setupOnlyQuery(soqlText: string): boolean {
  // The parser's text has no spaces; drop sub-selects so only the outer FROM counts.
  let outer = soqlText;
  for (let previous = ""; previous !== outer;) {
    previous = outer;
    outer = outer.replace(/\([^()]*\)/g, "");
  }
  return (
    /WITHSYSTEM_MODE/i.test(outer) &&
    SETUP_ONLY_OBJECTS.some((object) => new RegExp(`FROM${object}(WHERE|WITH|ORDER|LIMIT|\\])`, "i").test(outer))
  );
}

// User mode everywhere (issue 5): classes declare `with sharing`, inline SOQL says WITH USER_MODE, DML says
// `as user`, and Database methods get AccessLevel.USER_MODE. Test classes set up data as the admin and are exempt.
export function apexAccessProblems(files: string[]): IntakeProblem[] {
  const problems: IntakeProblem[] = [];
  for (const file of files) {
    const raw = readFileSync(file, "utf8");
    if (isTestClass(raw)) continue;
    const apex = withoutComments(raw);
    const declaration = /\b(public|global)\s+((?:\w+\s+)*?)class\s+(\w+)/i.exec(apex);
    if (!declaration || !/\bwith\s+sharing\b/i.test(declaration[2])) {
      problems.push({
        file,
        problem: `class ${declaration?.[3] ?? basename(file, ".cls")} must be declared with sharing`,
      });
    }
    const tree = parse(file, apex);
    for (const node of descendants(tree)) {
      const kind = node.constructor.name;
      if (kind === "SoqlLiteralContext" && !/WITHUSER_MODE/i.test(node.getText()) && !setupOnlyQuery(node.getText())) {
        problems.push({
          file,
          line: node.start?.line,
          problem: `SOQL without WITH USER_MODE: ${node.getText().slice(0, 80)}`,
        });
      }
      if (DML_STATEMENTS.has(kind) && !/^(insert|update|delete|upsert|merge|undelete)asuser/i.test(node.getText())) {
        problems.push({
          file,
          line: node.start?.line,
          problem: `DML without "as user": ${node.getText().slice(0, 80)}`,
        });
      }
    }
    for (const call of apex.matchAll(
      /\bDatabase\.(query|queryWithBinds|insert|update|delete|upsert|undelete)\s*\(/gi,
    )) {
      const statementEnd = apex.indexOf(";", call.index);
      const statement = apex.slice(call.index, statementEnd);
      if (!/AccessLevel\.USER_MODE/.test(statement)) {
        problems.push({
          file,
          line: lineOf(apex, call.index ?? 0),
          problem: `Database.${call[1]} without AccessLevel.USER_MODE`,
        });
      }
    }
  }
  return problems;
}

// Bulk safety (issue 5): no SOQL, DML or selector call inside a loop body. The header of a for loop may hold a
// query (it runs once); the statements the loop repeats may not.
export function loopProblems(files: string[]): IntakeProblem[] {
  const problems: IntakeProblem[] = [];
  for (const file of files) {
    const raw = readFileSync(file, "utf8");
    if (isTestClass(raw)) continue;
    const tree = parse(file, withoutComments(raw));
    for (const loop of descendants(tree)) {
      if (!LOOPS.has(loop.constructor.name)) continue;
      const body = (loop.children ?? []).find((c) => c.constructor.name === "StatementContext");
      if (!body) continue;
      const offending = [body, ...descendants(body)].find(
        (n) =>
          n.constructor.name === "SoqlLiteralContext" ||
          DML_STATEMENTS.has(n.constructor.name) ||
          (n.constructor.name === "StatementContext" && QUERYING_CALL.test(n.getText())),
      );
      if (offending) {
        problems.push({
          file,
          line: offending.start?.line,
          problem: `query or DML inside a loop (one per record hits governor limits): ${offending.getText().slice(0, 80)}`,
        });
      }
    }
  }
  return problems;
}
