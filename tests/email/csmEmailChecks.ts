// Checks on the CSM notification email (Lightning email template Handoff_Assigned_CSM) that do not trust the generator:
// they read the template files as Salesforce would receive them and compare them with SUMMARY_SECTIONS, the schema
// in force-app and the flow that sends the email. Each problem names the file and what a reader would see go wrong.
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { PROJECT_ROOT, parseMetadataFile, text, walkFiles, type XmlNode } from "../../scripts/lib/forceApp.ts";
import { MetadataIndex, loadStandardFields } from "../../scripts/admin/checks/metadataReferences.ts";
import type { SummarySection } from "../../force-app/main/default/lwc/handoffSummarySections/handoffSummarySections.ts";

export const TEMPLATE_NAME = "Handoff_Assigned_CSM";
export const TEMPLATE = `email/unfiled$public/${TEMPLATE_NAME}`;

// Merge fields of Lightning email templates that are not fields of the object: the record's URL.
const TEMPLATE_PSEUDO_FIELDS = new Set(["link"]);

export interface TemplateOnDisk {
  bodyPath: string;
  metaPath: string;
  body: string; // HTML
  textOnly: string; // plain-text version
  subject: string;
  relatedEntityType: string;
}

export function readTemplate(source: string, template = TEMPLATE): TemplateOnDisk {
  const bodyPath = join(source, `${template}.email`);
  const metaPath = join(source, `${template}.email-meta.xml`);
  const { body: meta } = parseMetadataFile(metaPath);
  return {
    bodyPath,
    metaPath,
    body: existsSync(bodyPath) ? readFileSync(bodyPath, "utf8") : "",
    // The shared parser trims text; the raw file keeps the text version's line breaks exactly.
    textOnly: /<textOnly>([\s\S]*?)<\/textOnly>/.exec(readFileSync(metaPath, "utf8"))?.[1] ?? "",
    subject: text(meta.subject) ?? "",
    relatedEntityType: text(meta.relatedEntityType) ?? "",
  };
}

function shown(path: string): string {
  return relative(PROJECT_ROOT, path);
}

function decodeXml(value: string): string {
  return value
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function mergeFieldsIn(content: string): string[] {
  return [...content.matchAll(/\{\{\{\s*([^}]+?)\s*\}\}\}/g)].map((m) => m[1]);
}

// Every merge field must start at the record the flow sends the email about and resolve, field by field, through
// force-app and the standard fields: one that does not renders blank in the CSM's inbox, with no error anywhere.
export function unresolvedMergeFields(source: string, forceAppRoot: string, templateName = TEMPLATE): string[] {
  const template = readTemplate(source, templateName);
  const index = new MetadataIndex(forceAppRoot, loadStandardFields());
  const parts: [string, string][] = [
    [`${shown(template.metaPath)} <subject>`, template.subject],
    [shown(template.bodyPath), template.body],
    [`${shown(template.metaPath)} <textOnly>`, decodeXml(template.textOnly)],
  ];
  const problems: string[] = [];
  for (const [where, content] of parts) {
    for (const field of mergeFieldsIn(content)) {
      const [object, ...rest] = field.split(".");
      if (object !== template.relatedEntityType) {
        problems.push(
          `${where}: {{{${field}}}} is not on the related record ${template.relatedEntityType}, so it renders blank`,
        );
        continue;
      }
      const path = rest.join(".");
      if (TEMPLATE_PSEUDO_FIELDS.has(path.toLowerCase())) continue;
      const expected = path ? index.resolvePath(object, path) : "a field after the object name";
      if (expected) problems.push(`${where}: {{{${field}}}} does not resolve; expected ${expected}`);
    }
  }
  return problems;
}

// The merge field the email must hold for one summary field, written out here rather than taken from the generator.
function expectedMergeFields(
  field: SummarySection["fields"][number],
  relatedEntity: string,
  dealRelationship: string,
): string[] {
  const prefix = `${relatedEntity}.${dealRelationship}`;
  return field.kind === "contact" && field.relationshipName
    ? [`${prefix}.${field.relationshipName}.Name`, `${prefix}.${field.relationshipName}.Title`]
    : [`${prefix}.${field.fieldApiName}`];
}

// The email carries every section and field of the summary, in the summary's order and under the summary's labels,
// in the HTML and in the plain-text version.
export function summaryCoverageProblems(
  source: string,
  sections: SummarySection[],
  dealRelationship: string,
): string[] {
  const template = readTemplate(source);
  const problems: string[] = [];
  const versions: [string, string, (title: string) => string, (label: string, merge: string) => RegExp][] = [
    [
      shown(template.bodyPath),
      template.body,
      (title) => `<h3>${title}</h3>`,
      (label, merge) =>
        new RegExp(`<b>${escapeRegExp(label)}</b></td><td[^>]*>\\{\\{\\{${escapeRegExp(merge)}\\}\\}\\}`),
    ],
    [
      `${shown(template.metaPath)} <textOnly>`,
      decodeXml(template.textOnly),
      (title) => `\n${title.toUpperCase()}\n`,
      (label, merge) => new RegExp(`^${escapeRegExp(label)}: \\{\\{\\{${escapeRegExp(merge)}\\}\\}\\}`, "m"),
    ],
  ];
  for (const [where, content, heading, row] of versions) {
    let previous = -1;
    let previousName = "the start of the email";
    for (const section of sections) {
      const at = content.indexOf(heading(section.title));
      if (at < 0) {
        problems.push(`${where}: summary section "${section.title}" is missing`);
        continue;
      }
      if (at < previous) {
        problems.push(`${where}: summary section "${section.title}" comes before ${previousName}, not after it`);
      }
      previous = at;
      previousName = `section "${section.title}"`;
      for (const field of section.fields) {
        const [first, ...others] = expectedMergeFields(field, template.relatedEntityType, dealRelationship);
        const match = row(field.label, first).exec(content);
        if (!match) {
          problems.push(
            `${where}: summary field "${field.label}" (Opportunity.${field.fieldApiName}) is missing: no "${field.label}" row with {{{${first}}}}`,
          );
          continue;
        }
        for (const other of others) {
          if (!content.includes(`{{{${other}}}}`)) {
            problems.push(`${where}: summary field "${field.label}" lacks {{{${other}}}}`);
          }
        }
        if (match.index < previous) {
          problems.push(`${where}: summary field "${field.label}" comes before ${previousName}, not after it`);
        }
        previous = match.index;
        previousName = `field "${field.label}"`;
      }
    }
  }
  return problems;
}

function asArray(node: unknown): XmlNode[] {
  if (node === undefined || node === null) return [];
  return (Array.isArray(node) ? node : [node]) as XmlNode[];
}

// The shared parser reads <value> as a list wherever it appears.
function firstValue(node: unknown): XmlNode | undefined {
  return asArray(node)[0];
}

// The template's related entity must be the object of the record the flow passes as relatedRecordId: otherwise
// Salesforce merges nothing. Follows the flow variable back to the Get/Create element that filled it.
export function relatedRecordProblems(source: string): string[] {
  const template = readTemplate(source);
  const problems: string[] = [];
  let senders = 0;
  for (const path of walkFiles(join(source, "flows"), ".flow-meta.xml")) {
    const { body: flow } = parseMetadataFile(path);
    const lookups = asArray(flow.recordLookups);
    const creates = asArray(flow.recordCreates);
    const templateLookups = new Set(
      lookups
        .filter(
          (l) =>
            text(l.object) === "EmailTemplate" &&
            asArray(l.filters).some(
              (f) => text(f.field) === "DeveloperName" && text(firstValue(f.value)?.stringValue) === TEMPLATE_NAME,
            ),
        )
        .map((l) => text(l.name)),
    );
    for (const action of asArray(flow.actionCalls).filter((a) => text(a.actionType) === "emailSimple")) {
      const input = (name: string) =>
        text(firstValue(asArray(action.inputParameters).find((p) => text(p.name) === name)?.value)?.elementReference);
      const templateRef = input("emailTemplateId")?.replace(/\.Id$/, "");
      if (!templateRef || !templateLookups.has(templateRef)) continue;
      senders++;
      const variable = input("relatedRecordId");
      const where = `${shown(path)} ${text(action.name)}`;
      if (!variable) {
        problems.push(`${where}: sends ${TEMPLATE_NAME} without a relatedRecordId, so no merge field has a value`);
        continue;
      }
      const sources = asArray(flow.assignments)
        .flatMap((a) => asArray(a.assignmentItems))
        .filter((item) => text(item.assignToReference) === variable)
        .map((item) => text(firstValue(item.value)?.elementReference) ?? "");
      if (sources.length === 0) problems.push(`${where}: nothing assigns ${variable}, the related record`);
      for (const reference of sources) {
        const element = reference.replace(/\.Id$/, "");
        const object =
          text(lookups.find((l) => text(l.name) === element)?.object) ??
          text(creates.find((c) => text(c.name) === element)?.object);
        if (object !== template.relatedEntityType) {
          problems.push(
            `${where}: relatedRecordId ${variable} is set from ${reference} (${object ?? "not a Get or Create element"}), ` +
              `but ${shown(template.metaPath)} has relatedEntityType ${template.relatedEntityType}`,
          );
        }
      }
    }
  }
  if (senders === 0)
    problems.push(`no flow in ${shown(join(source, "flows"))} sends ${TEMPLATE_NAME} with emailSimple`);
  return problems;
}
