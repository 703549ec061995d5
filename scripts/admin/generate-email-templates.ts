// npm run generate:email: writes the CSM notification email (Lightning email template Handoff_Assigned_CSM) from
// SUMMARY_SECTIONS, the one definition of what the handoff summary contains, so the summary card, its Markdown and
// the email never list different fields.
//   --check   exit 1 and name the stale files instead of writing
//
// The flow Opportunity_After_Save_Closed_Won_Handoff sends this template with the handoff as related record, so every
// merge field starts at Handoff__c and reaches the deal's fields through the handoff's Opportunity lookup.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { DEFAULT_SOURCE, PROJECT_ROOT, readObjectFields } from "../lib/forceApp.ts";
import {
  SUMMARY_SECTIONS,
  type SummaryField,
  type SummarySection,
} from "../../force-app/main/default/lwc/handoffSummarySections/handoffSummarySections.ts";
import {
  ENGLISH_AGENDA_WORDING,
  KICKOFF_AGENDA,
  resolveAgenda,
  type KickoffAgendaItem,
} from "../../force-app/main/default/lwc/handoffKickoffAgenda/handoffKickoffAgenda.ts";
import { renderRecapFiles, staleRecapFiles, writeRecapFiles } from "./customer-recap.ts";

export const CSM_TEMPLATE = "email/unfiled$public/Handoff_Assigned_CSM";
export const KICKOFF_TEMPLATE = "email/unfiled$public/Handoff_Kickoff_Agenda";
export const RELATED_ENTITY = "Handoff__c";
export const GENERATE_COMMAND = "npm run generate:email";

// A Lightning email template cannot list child records, so the products of the deal are named, not merged.
export const PRODUCTS_LABEL = "Products";
export const PRODUCTS_NOTE = "See the Products list on the deal.";
// "Link" is the record's URL in email templates, not a field of the object.
export const RECORD_LINK = "Link";

export interface EmailTemplateFiles {
  body: string; // the .email file: HTML
  meta: string; // the .email-meta.xml file, with the plain-text version in <textOnly>
}

// The relationship from the handoff to its deal, read from the lookup in force-app rather than assumed, so renaming
// the lookup regenerates the email instead of leaving merge fields that render blank.
export function opportunityRelationship(source = DEFAULT_SOURCE): string {
  const lookups = [...readObjectFields(RELATED_ENTITY, source).values()].filter(
    (field) => field.type === "Lookup" && field.referenceTo === "Opportunity",
  );
  if (lookups.length !== 1) {
    throw new Error(
      `${RELATED_ENTITY} must have exactly one lookup to Opportunity for the CSM email to read the deal; found ${lookups.length}`,
    );
  }
  return lookups[0].name.replace(/__c$/, "__r");
}

export function mergeField(path: string): string {
  return `{{{${RELATED_ENTITY}.${path}}}}`;
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function escapeXml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

interface Row {
  label: string;
  value: string; // merge fields, or plain text
  secondLine?: string; // a contact's title under the name: merged separately, so a blank title leaves no "()" behind
}

interface Block {
  title: string;
  rows: Row[];
}

function summaryRow(field: SummaryField, deal: string): Row {
  if (field.kind === "contact" && field.relationshipName) {
    return {
      label: field.label,
      value: mergeField(`${deal}.${field.relationshipName}.Name`),
      secondLine: mergeField(`${deal}.${field.relationshipName}.Title`),
    };
  }
  return { label: field.label, value: mergeField(`${deal}.${field.fieldApiName}`) };
}

function keyFacts(deal: string): Row[] {
  return [
    { label: "Account", value: mergeField(`${deal}.Account.Name`) },
    { label: "Deal", value: mergeField(`${deal}.Name`) },
    { label: "Amount", value: mergeField(`${deal}.Amount`) },
    { label: "Tier", value: mergeField("Tier__c") },
    { label: "Close date", value: mergeField(`${deal}.CloseDate`) },
    { label: "Sales owner", value: mergeField("Sales_Owner__r.Name") },
    { label: "Handoff review due", value: mergeField("Handoff_Due_At__c") },
    { label: "First touch due", value: mergeField("First_Touch_Due_At__c") },
    { label: "Handoff", value: mergeField("Name") },
  ];
}

function summaryBlocks(sections: SummarySection[], deal: string): Block[] {
  return sections.map((section) => ({
    title: section.title,
    rows: [
      ...(section.includesProducts ? [{ label: PRODUCTS_LABEL, value: PRODUCTS_NOTE }] : []),
      ...section.fields.map((field) => summaryRow(field, deal)),
    ],
  }));
}

const INTRO =
  "A deal just closed and its customer is now yours. Review the handoff before your first contact with the customer.";
const BLANK_NOTE =
  "An empty answer below was left blank by Sales: ask for it with Request Information on the handoff instead of chasing the rep by chat.";

function htmlTable(rows: Row[]): string[] {
  const lines = ['<table cellpadding="4" style="border-collapse: collapse;">'];
  for (const row of rows) {
    // Merge fields hold no character HTML escapes, so escaping every value keeps plain notes safe and merges intact.
    const value = row.secondLine
      ? `${escapeHtml(row.value)}<br /><span style="color: #555555;">${escapeHtml(row.secondLine)}</span>`
      : escapeHtml(row.value);
    lines.push(
      `<tr><td style="vertical-align: top; width: 200px;"><b>${escapeHtml(row.label)}</b></td>` +
        `<td style="vertical-align: top; white-space: pre-wrap;">${value}</td></tr>`,
    );
  }
  lines.push("</table>");
  return lines;
}

function renderHtml(facts: Row[], blocks: Block[], deal: string): string {
  // The first line still names the generator's first home (scripts/): the committed template carries it, and the
  // template changes only with the next change to the summary, when `npm run generate:email` rewrites it.
  const lines = [
    `<!-- Generated by scripts/generate-email-templates.ts from SUMMARY_SECTIONS (lwc/handoffSummarySections). Do not edit: change the summary there, then run ${GENERATE_COMMAND}. -->`,
    "<html>",
    '<body style="font-family: Arial, sans-serif; font-size: 14px;">',
    "<p>Hello,</p>",
    `<p>${escapeHtml(INTRO)}</p>`,
    "<h2>Key facts</h2>",
    ...htmlTable(facts),
    `<p><a href="${mergeField(RECORD_LINK)}">Open the handoff</a></p>`,
    `<h2>Handoff summary: ${mergeField(`${deal}.Name`)}</h2>`,
    `<p>${escapeHtml(BLANK_NOTE)}</p>`,
  ];
  for (const block of blocks) lines.push(`<h3>${escapeHtml(block.title)}</h3>`, ...htmlTable(block.rows));
  lines.push("</body>", "</html>");
  return lines.join("\n") + "\n";
}

function renderText(facts: Row[], blocks: Block[], deal: string): string {
  const rowLines = (rows: Row[]) =>
    rows.flatMap((row) => [`${row.label}: ${row.value}`, ...(row.secondLine ? [`    ${row.secondLine}`] : [])]);
  const lines = [
    "Hello,",
    "",
    INTRO,
    "",
    "KEY FACTS",
    ...rowLines(facts),
    `Open the handoff: ${mergeField(RECORD_LINK)}`,
    "",
    `HANDOFF SUMMARY: ${mergeField(`${deal}.Name`)}`,
    BLANK_NOTE,
  ];
  for (const block of blocks) lines.push("", block.title.toUpperCase(), ...rowLines(block.rows));
  return lines.join("\n");
}

export function renderCsmEmail(
  sections: SummarySection[] = SUMMARY_SECTIONS,
  source = DEFAULT_SOURCE,
): EmailTemplateFiles {
  const deal = opportunityRelationship(source);
  const facts = keyFacts(deal);
  const blocks = summaryBlocks(sections, deal);
  const meta = [
    '<?xml version="1.0" encoding="UTF-8" ?>',
    '<EmailTemplate xmlns="http://soap.sforce.com/2006/04/metadata">',
    "    <available>true</available>",
    `    <description>Sent by the Closed Won handoff flow to the CSM who takes over the customer: key facts, the handoff summary (the sections of the summary card) and a link to the record. Generated by ${GENERATE_COMMAND}; do not edit in Setup.</description>`,
    "    <encodingKey>UTF-8</encodingKey>",
    "    <name>Handoff Assigned to CSM</name>",
    `    <relatedEntityType>${RELATED_ENTITY}</relatedEntityType>`,
    "    <style>none</style>",
    `    <subject>New ${mergeField("Tier__c")} handoff for you: ${mergeField("Name")}</subject>`,
    `    <textOnly>${escapeXml(renderText(facts, blocks, deal))}</textOnly>`,
    "    <type>custom</type>",
    "    <uiType>SFX</uiType>",
    "</EmailTemplate>",
  ];
  return { body: renderHtml(facts, blocks, deal), meta: meta.join("\n") + "\n" };
}

// The kickoff agenda email (Handoff_Kickoff_Agenda): the items of KICKOFF_AGENDA (lwc/handoffKickoffAgenda), each
// with its prompt and the answers Sales captured, for the CSM to send to the kickoff's invitees from the handoff.
const KICKOFF_INTRO =
  "Thank you for choosing us. Ahead of our kickoff, here is what we will go through together: what we heard from you during the sale, so you can confirm it or tell us what changed.";
const KICKOFF_CLOSING = "Reply to this email with anything you would like to add to the agenda.";

function agendaBlocks(agenda: readonly KickoffAgendaItem[], deal: string): (Block & { prompt: string })[] {
  return resolveAgenda(agenda).map((item, index) => ({
    title: `${index + 1}. ${item.section.title}`,
    prompt: item.prompt,
    rows: [
      ...(item.section.includesProducts ? [{ label: PRODUCTS_LABEL, value: PRODUCTS_NOTE }] : []),
      ...item.fields.map((field) => summaryRow(field, deal)),
    ],
  }));
}

export function renderKickoffAgendaEmail(
  agenda: readonly KickoffAgendaItem[] = KICKOFF_AGENDA,
  source = DEFAULT_SOURCE,
): EmailTemplateFiles {
  const deal = opportunityRelationship(source);
  const blocks = agendaBlocks(agenda, deal);
  const title = ENGLISH_AGENDA_WORDING.agendaTitle(mergeField(`${deal}.Name`));
  const html = [
    `<!-- Generated by scripts/admin/generate-email-templates.ts from KICKOFF_AGENDA (lwc/handoffKickoffAgenda) and SUMMARY_SECTIONS. Do not edit: change the agenda there, then run ${GENERATE_COMMAND}. -->`,
    "<html>",
    '<body style="font-family: Arial, sans-serif; font-size: 14px;">',
    "<p>Hello,</p>",
    `<p>${escapeHtml(KICKOFF_INTRO)}</p>`,
    `<h2>${escapeHtml(title)}</h2>`,
  ];
  const text = ["Hello,", "", KICKOFF_INTRO, "", title];
  for (const block of blocks) {
    html.push(
      `<h3>${escapeHtml(block.title)}</h3>`,
      `<p><i>${escapeHtml(block.prompt)}</i></p>`,
      ...htmlTable(block.rows),
    );
    text.push("", block.title.toUpperCase(), block.prompt);
    for (const row of block.rows) {
      text.push(`${row.label}: ${row.value}`, ...(row.secondLine ? [`    ${row.secondLine}`] : []));
    }
  }
  html.push(`<p>${escapeHtml(KICKOFF_CLOSING)}</p>`, `<p>${mergeField("CS_Owner__r.Name")}</p>`, "</body>", "</html>");
  text.push("", KICKOFF_CLOSING, "", mergeField("CS_Owner__r.Name"));
  const meta = [
    '<?xml version="1.0" encoding="UTF-8" ?>',
    '<EmailTemplate xmlns="http://soap.sforce.com/2006/04/metadata">',
    "    <available>true</available>",
    `    <description>The kickoff agenda for the customer, sent by the CSM from the handoff: what we confirm at kickoff (goals and success criteria, stakeholders, scope and timeline, open risks, promises) with the answers Sales captured. Generated by ${GENERATE_COMMAND}; do not edit in Setup.</description>`,
    "    <encodingKey>UTF-8</encodingKey>",
    "    <name>Handoff Kickoff Agenda</name>",
    `    <relatedEntityType>${RELATED_ENTITY}</relatedEntityType>`,
    "    <style>none</style>",
    `    <subject>Kickoff agenda: ${mergeField(`${deal}.Account.Name`)}</subject>`,
    `    <textOnly>${escapeXml(text.join("\n"))}</textOnly>`,
    "    <type>custom</type>",
    "    <uiType>SFX</uiType>",
    "</EmailTemplate>",
  ];
  return { body: html.join("\n") + "\n", meta: meta.join("\n") + "\n" };
}

export function templatePaths(source = DEFAULT_SOURCE, template = CSM_TEMPLATE): { body: string; meta: string } {
  return { body: join(source, `${template}.email`), meta: join(source, `${template}.email-meta.xml`) };
}

// The files on disk that differ from what SUMMARY_SECTIONS produces now, each named with the first line that differs.
export function findStaleTemplateFiles(
  expected: EmailTemplateFiles,
  source = DEFAULT_SOURCE,
  template = CSM_TEMPLATE,
): string[] {
  const paths = templatePaths(source, template);
  const problems: string[] = [];
  for (const part of ["body", "meta"] as const) {
    const path = paths[part];
    const shown = relative(PROJECT_ROOT, path);
    if (!existsSync(path)) {
      problems.push(`${shown} is missing: run ${GENERATE_COMMAND}`);
      continue;
    }
    const actualLines = readFileSync(path, "utf8").split("\n");
    const expectedLines = expected[part].split("\n");
    const index = expectedLines.findIndex((line, i) => actualLines[i] !== line);
    const at = index >= 0 ? index : actualLines.length !== expectedLines.length ? expectedLines.length : -1;
    if (at >= 0) {
      problems.push(
        `${shown} is not what SUMMARY_SECTIONS generates (first difference at line ${at + 1}: ` +
          `expected ${JSON.stringify(expectedLines[at] ?? "<end of file>")}, found ${JSON.stringify(actualLines[at] ?? "<end of file>")}): ` +
          `run ${GENERATE_COMMAND}`,
      );
    }
  }
  return problems;
}

export function writeCsmEmail(files: EmailTemplateFiles, source = DEFAULT_SOURCE, template = CSM_TEMPLATE): void {
  const paths = templatePaths(source, template);
  writeFileSync(paths.body, files.body);
  writeFileSync(paths.meta, files.meta);
}

// Every generated template: where it goes and what writes it.
export const GENERATED_TEMPLATES: { template: string; render: () => EmailTemplateFiles; from: string }[] = [
  { template: CSM_TEMPLATE, render: () => renderCsmEmail(), from: "SUMMARY_SECTIONS" },
  { template: KICKOFF_TEMPLATE, render: () => renderKickoffAgendaEmail(), from: "KICKOFF_AGENDA" },
];

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const check = process.argv.includes("--check");
  let problemCount = 0;
  for (const { template, render, from } of GENERATED_TEMPLATES) {
    const files = render();
    if (check) {
      const problems = findStaleTemplateFiles(files, DEFAULT_SOURCE, template);
      for (const problem of problems) console.error(problem);
      problemCount += problems.length;
    } else {
      writeCsmEmail(files, DEFAULT_SOURCE, template);
      console.log(
        `Wrote ${relative(PROJECT_ROOT, templatePaths(DEFAULT_SOURCE, template).body)} and its -meta.xml from ${from}`,
      );
    }
  }
  const recap = await renderRecapFiles();
  if (check) {
    const problems = staleRecapFiles(recap);
    for (const problem of problems) console.error(problem);
    problemCount += problems.length;
  } else {
    writeRecapFiles(recap);
    console.log(`Wrote the customer recap from RECAP_PICKS: ${recap.map((file) => file.path).join(", ")}`);
  }
  process.exitCode = problemCount > 0 ? 1 : 0;
}
