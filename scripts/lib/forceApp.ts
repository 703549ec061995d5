// Reads the project's Salesforce source (force-app) into plain objects, so that checks,
// generators and scripts share one understanding of the metadata on disk.
import { readFileSync, readdirSync, existsSync, statSync } from "node:fs";
import { join, basename, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { XMLParser } from "fast-xml-parser";

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const DEFAULT_SOURCE = join(PROJECT_ROOT, "force-app/main/default");

// Elements that may repeat in the metadata types this project uses: always read as arrays,
// so a file with one <values> reads like a file with five.
const REPEATED = new Set([
  "values",
  "value",
  "fieldPermissions",
  "objectPermissions",
  "customPermissions",
  "tabSettings",
  "classAccesses",
  "applicationVisibilities",
  "layoutSections",
  "layoutColumns",
  "layoutItems",
  "relatedLists",
  "filterItems",
  "actionOverrides",
  "platformActionListItems",
  "quickActionListItems",
  "fields",
  "excludeButtons",
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => REPEATED.has(name),
});

export type XmlNode = Record<string, unknown>;

export function parseMetadataFile(path: string): { root: string; body: XmlNode } {
  const doc = parser.parse(readFileSync(path, "utf8")) as XmlNode;
  const root = Object.keys(doc).find((k) => k !== "?xml");
  if (!root) throw new Error(`${path}: no root element`);
  const body = doc[root];
  return { root, body: (typeof body === "object" && body !== null ? body : {}) as XmlNode };
}

export function walkFiles(dir: string, suffix: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walkFiles(path, suffix));
    else if (name.endsWith(suffix)) out.push(path);
  }
  return out;
}

export function text(node: unknown): string | undefined {
  if (node === undefined || node === null) return undefined;
  if (typeof node === "string") return node;
  if (typeof node === "object" && "#text" in (node as XmlNode)) return String((node as XmlNode)["#text"]);
  if (typeof node === "object") return undefined;
  return String(node);
}

export interface FieldDefinition {
  object: string;
  name: string;
  type: string;
  label: string;
  formula?: string;
  referenceTo?: string;
  required: boolean;
  path: string;
}

export function readObjectFields(object: string, source = DEFAULT_SOURCE): Map<string, FieldDefinition> {
  const fields = new Map<string, FieldDefinition>();
  for (const path of walkFiles(join(source, "objects", object, "fields"), ".field-meta.xml")) {
    const { body } = parseMetadataFile(path);
    const name = basename(path, ".field-meta.xml");
    fields.set(name, {
      object,
      name,
      type: text(body.type) ?? "",
      label: text(body.label) ?? name,
      formula: text(body.formula),
      referenceTo: text(body.referenceTo),
      required: text(body.required) === "true",
      path,
    });
  }
  return fields;
}

// A picklist field's values in the order Setup lists them (the order the field's value set defines).
export function readPicklistValueSet(
  object: string,
  field: string,
  source = DEFAULT_SOURCE,
): { fullName: string; label: string }[] {
  const path = join(source, "objects", object, "fields", `${field}.field-meta.xml`);
  if (!existsSync(path)) throw new Error(`${path} is missing: its picklist values are read from it`);
  const { body } = parseMetadataFile(path);
  const definition = (body.valueSet as XmlNode | undefined)?.valueSetDefinition as XmlNode | undefined;
  return ((definition?.value as XmlNode[] | undefined) ?? []).map((v) => {
    const fullName = text(v.fullName) ?? "";
    return { fullName, label: text(v.label) ?? fullName };
  });
}

export function listObjects(source = DEFAULT_SOURCE): string[] {
  const dir = join(source, "objects");
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((n) => statSync(join(dir, n)).isDirectory())
        .sort()
    : [];
}

export interface ValidationRuleDefinition {
  object: string;
  name: string;
  active: boolean;
  formula: string;
  errorDisplayField?: string;
  errorMessage: string;
  description?: string;
  path: string;
}

export function readValidationRules(object: string, source = DEFAULT_SOURCE): ValidationRuleDefinition[] {
  return walkFiles(join(source, "objects", object, "validationRules"), ".validationRule-meta.xml").map((path) => {
    const { body } = parseMetadataFile(path);
    return {
      object,
      name: basename(path, ".validationRule-meta.xml"),
      active: text(body.active) === "true",
      formula: text(body.errorConditionFormula) ?? "",
      errorDisplayField: text(body.errorDisplayField),
      errorMessage: text(body.errorMessage) ?? "",
      description: text(body.description),
      path,
    };
  });
}

export type CustomMetadataValue = string | number | boolean | null;

export interface CustomMetadataRecord {
  type: string; // e.g. Handoff_Requirement__mdt
  developerName: string;
  label: string;
  values: Record<string, CustomMetadataValue>;
  path: string;
}

function typedValue(node: unknown): CustomMetadataValue {
  if (node === undefined || node === null || node === "") return null;
  if (typeof node === "object" && (node as XmlNode)["@xsi:nil"] === "true") return null;
  const raw = text(node) ?? "";
  const xsiType = typeof node === "object" ? String((node as XmlNode)["@xsi:type"] ?? "") : "";
  if (xsiType === "xsd:boolean") return raw === "true";
  if (xsiType === "xsd:double" || xsiType === "xsd:int" || xsiType === "xsd:long") return Number(raw);
  return raw;
}

export function readCustomMetadataRecords(type: string, source = DEFAULT_SOURCE): CustomMetadataRecord[] {
  const prefix = type.replace(/__mdt$/, "") + ".";
  return walkFiles(join(source, "customMetadata"), ".md-meta.xml")
    .filter((path) => basename(path).startsWith(prefix))
    .map((path) => {
      const { body } = parseMetadataFile(path);
      const values: Record<string, CustomMetadataValue> = {};
      for (const entry of (body.values as XmlNode[] | undefined) ?? []) {
        const field = text(entry.field);
        const value = (entry.value as unknown[] | undefined)?.[0];
        if (field) values[field] = typedValue(value);
      }
      return {
        type,
        developerName: basename(path, ".md-meta.xml").slice(prefix.length),
        label: text(body.label) ?? "",
        values,
        path,
      };
    });
}
