// Evaluates Flow formulas (entry conditions and formula resources) with formulon, a Salesforce formula engine.
// formulon knows no merge fields, ISNEW() or ISCHANGED(), so they become plain variables first: the caller states
// "the record is new", "IsWon changed" as inputs, which is exactly what a truth table needs.
import { extract, parse, type FormulonLiteral } from "formulon";

export type FormulaInput = boolean | number | string | null | { picklist: string } | { datetime: Date };

// {!$Record.IsWon} -> Record_IsWon, {!Get_Settings.Won_Stage__c} -> Get_Settings_Won_Stage__c,
// ISCHANGED({!$Record.IsWon}) -> Changed_Record_IsWon, ISNEW() -> Is_New.
export function toVariableName(mergeField: string): string {
  return mergeField
    .replace(/^\{!|\}$/g, "")
    .replace(/^\$/, "")
    .replace(/[.$]/g, "_");
}

export function toFormulon(expression: string): string {
  return expression
    .replace(/ISNEW\(\s*\)/g, "Is_New")
    .replace(/ISCHANGED\(\s*(\{![^}]+\})\s*\)/g, (_m, field: string) => `Changed_${toVariableName(field)}`)
    .replace(/\{![^}]+\}/g, (field) => toVariableName(field));
}

function literal(value: FormulaInput): FormulonLiteral {
  if (value === null) return { type: "literal", value: null, dataType: "null", options: {} };
  if (typeof value === "boolean") return { type: "literal", value, dataType: "checkbox", options: {} };
  if (typeof value === "number")
    return { type: "literal", value, dataType: "number", options: { length: 18, scale: 2 } };
  if (typeof value === "string")
    return { type: "literal", value, dataType: "text", options: { length: Math.max(value.length, 1) } };
  if ("datetime" in value) return { type: "literal", value: value.datetime, dataType: "datetime", options: {} };
  return { type: "literal", value: value.picklist, dataType: "picklist", options: { values: [value.picklist] } };
}

// Inputs are keyed as written in the flow ("$Record.IsWon", "ISNEW()", "ISCHANGED($Record.IsWon)", "Get_Settings.X").
export function evaluate(expression: string, inputs: Record<string, FormulaInput>): unknown {
  const formula = toFormulon(expression);
  const substitutions: Record<string, FormulonLiteral> = {};
  for (const [key, value] of Object.entries(inputs)) {
    const name =
      key === "ISNEW()"
        ? "Is_New"
        : key.startsWith("ISCHANGED(")
          ? `Changed_${toVariableName(key.slice(10, -1))}`
          : toVariableName(key);
    substitutions[name] = literal(value);
  }
  const missing = extract(formula).filter((v) => !(v in substitutions));
  if (missing.length > 0) throw new Error(`formula needs inputs ${missing.join(", ")}: ${expression}`);
  const result = parse(formula, substitutions);
  if (result.type === "error") throw new Error(`formulon could not evaluate ${formula}: ${result.message}`);
  return result.value;
}
