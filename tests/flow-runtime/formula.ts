// Formulas the runtime evaluates, all with formulon through the validation-rule harness (one parsed tree per
// formula): flow formulas and entry conditions ({!$Record.X} merge fields), validation rules and formula fields
// (plain field names, $User, $Permission, $CustomMetadata). formulon lacks ISNEW, ISCHANGED, PRIORVALUE and TODAY
// as the org sees them, so they become variables the runtime fills from the save in progress and its virtual clock.
import type { FormulonLiteral } from "formulon";
import {
  IS_NEW_VARIABLE,
  evaluate,
  isChangedVariable,
  priorValueVariable,
  rewriteForFormulon,
} from "../validation-rules/harness.ts";
import { toFormulon, toVariableName } from "../flows/flowFormula.ts";
import type { FieldKind } from "./schema.ts";

export interface Typed {
  value: unknown;
  kind: FieldKind;
}

export function literalOf({ value, kind }: Typed): FormulonLiteral {
  const v = value === undefined ? null : value;
  const literal = (dataType: string, val: unknown, options: Record<string, unknown> = {}): FormulonLiteral => ({
    type: "literal",
    dataType,
    value: val,
    options,
  });
  switch (kind) {
    case "checkbox":
      return literal("checkbox", v === true);
    case "number":
      return literal("number", v === null ? null : Number(v), { length: 16, scale: 2 });
    case "date":
      return literal("date", v === null ? null : new Date(`${String(v)}T00:00:00Z`));
    case "datetime":
      return literal("datetime", v === null ? null : new Date((v as Date).getTime()));
    case "picklist":
      // TEXT() of a blank picklist is "" in the org; formulon would print NULL.
      return literal("picklist", v === null ? "" : String(v));
    case "id":
      // Formulas see the 15-character Id of a lookup, which is why CASESAFEID exists.
      return literal("text", v === null ? null : String(v).slice(0, 15));
    default:
      return literal("text", v === null ? null : String(v));
  }
}

export function fromLiteral(result: FormulonLiteral): unknown {
  if (result.value === null || result.value === undefined) return null;
  if (result.dataType === "date") return (result.value as Date).toISOString().slice(0, 10);
  if (result.dataType === "text" && result.value === "") return null;
  return result.value;
}

// The names a formula reads. formulon's extract() parses the formula a second time (as slow as evaluating it the
// first time), so the names are read off the text: words not followed by "(" outside string literals. A name missed
// here makes the harness throw, never pass.
const identifierCache = new Map<string, string[]>();
function identifiers(formula: string): string[] {
  let ids = identifierCache.get(formula);
  if (!ids) {
    const withoutStrings = formula.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
    const words = [...withoutStrings.matchAll(/[$A-Za-z_][\w.$]*(?!\s*\(|[\w.$])/g)].map((m) => m[0]);
    ids = [...new Set(words.filter((w) => !/^(TRUE|FALSE|NULL)$/i.test(w)))];
    identifierCache.set(formula, ids);
  }
  return ids;
}

export interface FlowFormulaContext {
  resolve: (reference: string) => Typed;
  isChanged: (reference: string) => boolean;
  isNew: boolean;
}

// TODAY() and NOW() read the runtime's clock through the flow globals of the same meaning.
function withClockGlobals(expression: string): string {
  return expression
    .replace(/\bTODAY\(\s*\)/g, "{!$Flow.CurrentDate}")
    .replace(/\bNOW\(\s*\)/g, "{!$Flow.CurrentDateTime}");
}

export function evaluateFlowFormula(expression: string, context: FlowFormulaContext, what: string): unknown {
  const source = withClockGlobals(expression);
  const formula = toFormulon(source);
  const variables: Record<string, FormulonLiteral> = {};
  const picklistUse = new Map<string, boolean>();
  for (const match of source.matchAll(/(ISCHANGED\(\s*)?\{!([^}]+)\}/g)) {
    const reference = match[2];
    const name = toVariableName(reference);
    if (match[1]) {
      variables[`Changed_${name}`] = literalOf({ value: context.isChanged(reference), kind: "checkbox" });
      continue;
    }
    const typed = context.resolve(reference);
    // Flow formulas compare a picklist merge field as text ({!$Record.StageName} = "Closed Won"); only TEXT() and
    // ISPICKVAL() take it as a picklist.
    const asPicklist = /(TEXT|ISPICKVAL)\(\s*$/.test(source.slice(0, match.index));
    if (typed.kind === "picklist") {
      if (picklistUse.has(name) && picklistUse.get(name) !== asPicklist) {
        throw new Error(`${what}: ${reference} is used both as a picklist and as text, which the runtime cannot type`);
      }
      picklistUse.set(name, asPicklist);
    }
    variables[name] = literalOf(typed.kind === "picklist" && !asPicklist ? { ...typed, kind: "text" } : typed);
  }
  if (/\bIs_New\b/.test(formula)) variables.Is_New = literalOf({ value: context.isNew, kind: "checkbox" });
  return fromLiteral(evaluate(formula, variables, what));
}

export interface RecordFormulaContext {
  resolve: (path: string) => Typed; // Field, Rel__r.Field, $User.X, $Permission.X, $CustomMetadata.T.R.F
  isNew: boolean;
  isChanged: (field: string) => boolean;
  prior: (field: string) => Typed;
}

export function evaluateRecordFormula(original: string, context: RecordFormulaContext, what: string): unknown {
  // CASESAFEID() of a blank Id is blank in the org; formulon crashes on it, even in a branch the formula never takes.
  const formula = original.replace(/CASESAFEID\(\s*([A-Za-z_][\w.]*)\s*\)/g, (call, field: string) =>
    context.resolve(field).value === null || context.resolve(field).value === "" ? field : call,
  );
  const rewritten = rewriteForFormulon(formula, { priorValues: true });
  const variables: Record<string, FormulonLiteral> = {};
  for (const id of identifiers(rewritten)) {
    if (id === IS_NEW_VARIABLE) variables[id] = literalOf({ value: context.isNew, kind: "checkbox" });
    else if (id.startsWith(isChangedVariable(""))) {
      variables[id] = literalOf({ value: context.isChanged(id.slice(isChangedVariable("").length)), kind: "checkbox" });
    } else if (id.startsWith(priorValueVariable(""))) {
      variables[id] = literalOf(context.prior(id.slice(priorValueVariable("").length)));
    } else variables[id] = literalOf(context.resolve(id));
  }
  return fromLiteral(evaluate(formula, variables, what, { priorValues: true }));
}
