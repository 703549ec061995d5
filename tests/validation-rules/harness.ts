// Evaluates the Opportunity validation rules and the Handoff_Tier__c formula with formulon, a real Salesforce
// formula engine, for one deal at a time. formulon cannot evaluate ISNEW() or ISCHANGED(): they are rewritten
// here into variables the test sets; the deployed formulas are never changed. Merge fields ($CustomMetadata,
// $Permission) are variables too, filled from the custom metadata records the test hands in.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { runInThisContext } from "node:vm";
import { parse, type FormulonError, type FormulonLiteral } from "formulon";
import {
  DEFAULT_SOURCE,
  readCustomMetadataRecords,
  readObjectFields,
  type CustomMetadataRecord,
  type CustomMetadataValue,
} from "../../scripts/lib/forceApp.ts";
import {
  SETTINGS_RECORD,
  loadRequirementFields,
  loadRequirements,
  type HandoffRequirement,
  type RequirementField,
  type RequirementValue,
} from "../../scripts/lib/handoffConfig.ts";

// formulon's parser backtracks at every nested call: parsing one of these rules takes 10-30 ms, evaluating the
// parsed tree well under 1 ms, and parse() parses again on every call. So the harness parses each formula once
// and evaluates the tree with formulon's own evaluator: replace() and traverse(), the steps parse() runs after
// parsing. lib/formulon.js keeps them module-private, so it is loaded here with those names exported as well.
// A test holds this path to formulon's public parse() on every rule.
interface FormulonInternals {
  build(formula: string): FormulonTree;
  replace(tree: FormulonTree, substitutions: Record<string, FormulonLiteral>): FormulonTree;
  traverse(tree: FormulonTree): FormulonLiteral | FormulonError;
  coerceLiteral(literal: FormulonLiteral): FormulonLiteral;
}
type FormulonTree = { type: string; name?: string; arguments?: FormulonTree[] } & Record<string, unknown>;

function loadFormulonInternals(): FormulonInternals {
  const require = createRequire(import.meta.url);
  const file = require.resolve("formulon");
  const names = ["build", "replace", "traverse", "coerceLiteral"];
  const source = readFileSync(file, "utf8");
  for (const name of names) {
    if (!new RegExp(`^const ${name} = `, "m").test(source)) {
      throw new Error(
        `${file} no longer defines ${name}(): update tests/validation-rules/harness.ts for this formulon`,
      );
    }
  }
  const module = { exports: {} as Record<string, unknown> };
  const load = runInThisContext(
    `(function (exports, require, module) {${source}\n${names.map((n) => `exports.${n} = ${n};`).join(" ")}\n})`,
    { filename: file },
  ) as (exports: object, require: NodeJS.Require, module: object) => void;
  load(module.exports, require, module);
  return module.exports as unknown as FormulonInternals;
}
const formulon = loadFormulonInternals();

export const IS_NEW_VARIABLE = "Harness_IsNew";
export const isChangedVariable = (field: string) => `Harness_IsChanged_${field}`;
export const BYPASS_PERMISSION = "$Permission.Bypass_Handoff_Validation";

export const priorValueVariable = (field: string) => `Harness_PriorValue_${field}`;

// PRIORVALUE(Field) is rewritten only when a caller asks for it (rules on records whose earlier value matters, such
// as the handoff status rule); by default the harness keeps refusing it, so an Opportunity rule cannot start using
// it unnoticed by the Opportunity truth tables, which do not know prior values.
export interface RewriteOptions {
  priorValues?: boolean;
}

export function rewriteForFormulon(formula: string, options: RewriteOptions = {}): string {
  let rewritten = formula
    .replace(/\bISNEW\s*\(\s*\)/gi, IS_NEW_VARIABLE)
    .replace(/\bISCHANGED\s*\(\s*([A-Za-z0-9_]+)\s*\)/gi, (_match, field: string) => isChangedVariable(field));
  if (options.priorValues) {
    rewritten = rewritten.replace(/\bPRIORVALUE\s*\(\s*([A-Za-z0-9_]+)\s*\)/gi, (_match, field: string) =>
      priorValueVariable(field),
    );
  }
  const unsupported = /\b(ISNEW|ISCHANGED|PRIORVALUE|VLOOKUP)\s*\(/i.exec(rewritten);
  if (unsupported) {
    throw new Error(`the formula uses ${unsupported[1]}(...) in a form the test harness cannot rewrite for formulon`);
  }
  return rewritten;
}

// One deal being saved, as the rule sees it. Blank picklists are "" (what TEXT() of a blank picklist gives).
export interface DealState {
  stage: string;
  // Opportunity.IsWon: whether the stage is a won one (the org's stage settings decide, not the stage's name).
  won: boolean;
  isNew: boolean;
  stageChanged: boolean;
  closeDate: string; // YYYY-MM-DD
  type: string;
  amount: number | null;
  complexity: string;
  bypass: boolean;
  values: Record<string, RequirementValue>; // requirement field API name -> value; missing = blank
}

// Everything a rule reads besides the deal: the custom metadata records and the field facts.
export interface RuleContext {
  settingsRecord: CustomMetadataRecord;
  settingFieldTypes: Map<string, string>;
  requirements: HandoffRequirement[];
  fields: Map<string, RequirementField>; // by requirement DeveloperName
  tierFormula: string;
}

export function loadRuleContext(source = DEFAULT_SOURCE): RuleContext {
  const settingsRecord = readCustomMetadataRecords("Handoff_Setting__mdt", source).find(
    (r) => r.developerName === SETTINGS_RECORD,
  );
  if (!settingsRecord) throw new Error(`no Handoff_Setting__mdt.${SETTINGS_RECORD} record in ${source}`);
  const tierFormula = readObjectFields("Opportunity", source).get("Handoff_Tier__c")?.formula;
  if (!tierFormula) throw new Error(`Opportunity.Handoff_Tier__c has no formula in ${source}`);
  const requirements = loadRequirements(source);
  return {
    settingsRecord,
    settingFieldTypes: new Map(
      [...readObjectFields("Handoff_Setting__mdt", source).values()].map((f) => [f.name, f.type]),
    ),
    requirements,
    fields: loadRequirementFields(requirements, source),
    tierFormula,
  };
}

function literal(dataType: string, value: unknown, options: Record<string, unknown> = {}): FormulonLiteral {
  return { type: "literal", dataType, value, options };
}

function typedLiteral(
  salesforceType: string,
  value: CustomMetadataValue | RequirementValue | undefined,
): FormulonLiteral {
  const v = value === undefined ? null : value;
  switch (salesforceType) {
    case "Checkbox":
      return literal("checkbox", v === true);
    case "Number":
    case "Currency":
    case "Percent":
      return literal("number", v === null ? null : Number(v), { length: 16, scale: 2 });
    case "Date":
      return literal("date", v === null ? null : new Date(`${String(v)}T00:00:00Z`));
    case "DateTime":
      return literal("datetime", v === null ? null : new Date(String(v)));
    case "Picklist":
      return literal("picklist", v === null ? "" : String(v));
    default:
      // text, text area, long text, lookup Ids, email, phone, URL
      return literal("text", v === null ? null : String(v));
  }
}

const settingVariablesByRecord = new WeakMap<CustomMetadataRecord, Record<string, FormulonLiteral>>();
function settingVariables(context: RuleContext): Record<string, FormulonLiteral> {
  const known = settingVariablesByRecord.get(context.settingsRecord);
  if (known) return known;
  const variables: Record<string, FormulonLiteral> = {};
  for (const [field, type] of context.settingFieldTypes) {
    variables[`$CustomMetadata.Handoff_Setting__mdt.${SETTINGS_RECORD}.${field}`] = typedLiteral(
      type,
      context.settingsRecord.values[field],
    );
  }
  settingVariablesByRecord.set(context.settingsRecord, variables);
  return variables;
}

function identifiersOf(tree: FormulonTree): string[] {
  if (tree.type === "identifier") return [tree.name!];
  return (tree.arguments ?? []).flatMap(identifiersOf);
}

const parsed = new Map<string, { rewritten: string; tree: FormulonTree; identifiers: Set<string> }>();
function prepared(formula: string, options: RewriteOptions = {}) {
  const key = `${options.priorValues ? "prior" : "plain"}\u0000${formula}`;
  let entry = parsed.get(key);
  if (!entry) {
    const rewritten = rewriteForFormulon(formula, options);
    const tree = formulon.build(rewritten);
    if (tree.type === "error") throw new Error(`formulon cannot parse the formula: ${String(tree.message)}`);
    entry = { rewritten, tree, identifiers: new Set(identifiersOf(tree)) };
    parsed.set(key, entry);
  }
  return entry;
}

// Evaluates with formulon's public parse(), the slow way: for the test that checks the fast path against it.
export function evaluateWithPublicParse(
  formula: string,
  variables: Record<string, FormulonLiteral>,
  options: RewriteOptions = {},
): FormulonLiteral | FormulonError {
  return parse(rewriteForFormulon(formula, options), variables);
}

export function evaluate(
  formula: string,
  variables: Record<string, FormulonLiteral>,
  what: string,
  options: RewriteOptions = {},
): FormulonLiteral {
  const { tree, identifiers } = prepared(formula, options);
  const unknown = [...identifiers].filter((name) => !(name in variables));
  if (unknown.length) {
    throw new Error(`${what} reads ${unknown.join(", ")}, which the test harness does not provide`);
  }
  const substitutions: Record<string, FormulonLiteral> = {};
  for (const name of identifiers) substitutions[name] = formulon.coerceLiteral(variables[name]);
  const result = formulon.traverse(formulon.replace(tree, substitutions));
  if (result.type === "error") {
    throw new Error(`${what} does not evaluate in formulon: ${result.errorType}: ${result.message}`);
  }
  return result;
}

const tierByRecord = new WeakMap<CustomMetadataRecord, Map<string, string>>();
export function evaluateTier(context: RuleContext, amount: number | null, complexity: string): string {
  let tiers = tierByRecord.get(context.settingsRecord);
  if (!tiers) tierByRecord.set(context.settingsRecord, (tiers = new Map()));
  const key = `${amount}|${complexity}|${context.tierFormula}`;
  const known = tiers.get(key);
  if (known !== undefined) return known;
  const result = evaluate(
    context.tierFormula,
    {
      ...settingVariables(context),
      Amount: typedLiteral("Currency", amount),
      Deal_Complexity__c: typedLiteral("Picklist", complexity),
    },
    "Opportunity.Handoff_Tier__c",
  );
  tiers.set(key, String(result.value));
  return String(result.value);
}

// Every variable a rule may read, for this deal and these custom metadata records.
export function ruleVariables(context: RuleContext, deal: DealState): Record<string, FormulonLiteral> {
  const variables: Record<string, FormulonLiteral> = {
    ...settingVariables(context),
    [IS_NEW_VARIABLE]: literal("checkbox", deal.isNew),
    [isChangedVariable("StageName")]: literal("checkbox", deal.stageChanged),
    [BYPASS_PERMISSION]: literal("checkbox", deal.bypass),
    StageName: typedLiteral("Picklist", deal.stage),
    IsWon: literal("checkbox", deal.won),
    Type: typedLiteral("Picklist", deal.type),
    CloseDate: typedLiteral("Date", deal.closeDate),
    Amount: typedLiteral("Currency", deal.amount),
    Deal_Complexity__c: typedLiteral("Picklist", deal.complexity),
    Handoff_Tier__c: literal("text", evaluateTier(context, deal.amount, deal.complexity)),
  };
  for (const requirement of context.requirements) {
    const flag = `$CustomMetadata.Handoff_Requirement__mdt.${requirement.developerName}`;
    variables[`${flag}.Required_High_Touch__c`] = literal("checkbox", requirement.requiredFor["High-Touch"]);
    variables[`${flag}.Required_Low_Touch__c`] = literal("checkbox", requirement.requiredFor["Low-Touch"]);
  }
  for (const field of context.fields.values()) {
    variables[field.name] = typedLiteral(field.type, deal.values[field.name]);
  }
  return variables;
}

// True when the rule blocks the save.
export function evaluateRule(ruleName: string, formula: string, context: RuleContext, deal: DealState): boolean {
  const result = evaluate(formula, ruleVariables(context, deal), `Validation rule ${ruleName}`);
  if (result.dataType !== "checkbox") {
    throw new Error(`Validation rule ${ruleName} returns ${result.dataType}, not a checkbox (true/false)`);
  }
  return result.value === true;
}
