// The app's Custom Labels and their translations as plain maps, read from force-app: the one reader that the
// metadata check, the Jest label stand-in (force-app/test/jest-labels.js) and the offline preview share, so a
// label means the same text in a test, in the preview and in the org.
//
//   labels/CustomLabels.labels-meta.xml    <labels><fullName>Handoff_Save</fullName>...<value>Save answers</value>
//   translations/<locale>.translation-meta.xml   <customLabels><label>Antworten speichern</label><name>Handoff_Save</name>
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { XMLParser } from "fast-xml-parser";

export const LABELS_FILE = "labels/CustomLabels.labels-meta.xml";
export const TRANSLATIONS_DIR = "translations";
export const TRANSLATION_SUFFIX = ".translation-meta.xml";

// How components import a label: import saveLabel from "@salesforce/label/c.Handoff_Save".
export const LABEL_IMPORT_PREFIX = "@salesforce/label/c.";
export const LABEL_IMPORT = /["']@salesforce\/label\/c\.([^"']+)["']/g;
// How Apex reads a label: System.Label.Handoff_Save (or Label.Handoff_Save; Apex names ignore case).
export const APEX_LABEL_REFERENCE = /(?<![\w.])(?:System\.)?Label\.(\w+)/gi;

// Apex source without its comments and string literals, so only code references count.
export function apexCodeOnly(apexSource: string): string {
  return apexSource.replace(/'(?:\\.|[^'\\\n])*'|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (token) =>
    token.replace(/[^\n]/g, " "),
  );
}

// The label names an Apex source reads, as written there.
export function apexLabelReferences(apexSource: string): string[] {
  return [...new Set([...apexCodeOnly(apexSource).matchAll(APEX_LABEL_REFERENCE)].map((match) => match[1]))];
}

export interface CustomLabel {
  name: string;
  value: string;
  language: string;
  shortDescription: string;
  categories: string;
  protected: string;
}

// Values are kept exactly as written (no trimming, no number parsing): "{0} of {1}" or " " must survive.
const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  isArray: (name) => name === "labels" || name === "customLabels",
});

type Node = Record<string, unknown>;

function rootBody(xml: string): Node {
  const doc = parser.parse(xml) as Node;
  const root = Object.keys(doc).find((key) => key !== "?xml" && !key.startsWith("#"));
  const body = root ? doc[root] : undefined;
  return typeof body === "object" && body !== null ? (body as Node) : {};
}

function textOf(node: unknown): string {
  if (node === undefined || node === null) return "";
  if (typeof node === "object") return String((node as Node)["#text"] ?? "");
  return String(node);
}

// Element text without the indentation the pretty-printer puts around nested elements; inner spaces are kept.
function field(node: Node, name: string): string {
  return textOf(node[name]).trim();
}

export function parseCustomLabels(xml: string): CustomLabel[] {
  const labels = (rootBody(xml).labels as Node[] | undefined) ?? [];
  return labels.map((label) => ({
    name: field(label, "fullName"),
    value: field(label, "value"),
    language: field(label, "language"),
    shortDescription: field(label, "shortDescription"),
    categories: field(label, "categories"),
    protected: field(label, "protected"),
  }));
}

export function parseLabelTranslations(xml: string): { name: string; label: string }[] {
  const entries = (rootBody(xml).customLabels as Node[] | undefined) ?? [];
  return entries.map((entry) => ({ name: field(entry, "name"), label: field(entry, "label") }));
}

// source: force-app/main/default or a copy of it. No labels file means no labels, not an error.
export function readCustomLabels(source: string): CustomLabel[] {
  const path = join(source, LABELS_FILE);
  return existsSync(path) ? parseCustomLabels(readFileSync(path, "utf8")) : [];
}

// The default (English) text of each label, by name.
export function labelValues(source: string): Map<string, string> {
  return new Map(readCustomLabels(source).map((label) => [label.name, label.value]));
}

export function translationFiles(source: string): { locale: string; path: string }[] {
  const dir = join(source, TRANSLATIONS_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith(TRANSLATION_SUFFIX))
    .sort()
    .map((file) => ({ locale: basename(file, TRANSLATION_SUFFIX), path: join(dir, file) }));
}

// The translated text of each label, by locale (the translation file's name: "de") and label name.
export function labelTranslations(source: string): Map<string, Map<string, string>> {
  const byLocale = new Map<string, Map<string, string>>();
  for (const { locale, path } of translationFiles(source)) {
    const entries = parseLabelTranslations(readFileSync(path, "utf8"));
    byLocale.set(locale, new Map(entries.map((entry) => [entry.name, entry.label])));
  }
  return byLocale;
}
