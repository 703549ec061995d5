// The kickoff agenda: what the CSM goes through with the customer at kickoff, picked by key from SUMMARY_SECTIONS
// (c/handoffSummarySections), never a second list of fields. The kickoff form (c/intakeKickoff) fills the Event
// description and "Copy agenda as Markdown" from it, and `npm run generate:email` writes the Lightning email template
// Handoff_Kickoff_Agenda from it. Node code imports this file directly (the root tsconfig maps c/handoffSummarySections).
import {
  ENGLISH_WORDING,
  SUMMARY_SECTIONS,
  buildSummary,
  escapeMarkdown,
  markdownBullets,
  productText,
  type SummaryEntry,
  type SummaryField,
  type SummaryProduct,
  type SummarySection,
  type SummaryWording,
} from "c/handoffSummarySections";

export interface KickoffAgendaItem {
  key: string; // a SUMMARY_SECTIONS key
  fields?: string[]; // Opportunity field API names of that section; all of them when left out
  prompt: string; // English; the kickoff form passes its Custom Label instead
}

// In the order the kickoff goes through them.
export const KICKOFF_AGENDA: readonly KickoffAgendaItem[] = [
  {
    key: "goals",
    fields: ["Business_Goals__c", "Success_Criteria__c"],
    prompt: "Confirm: are these the goals, and is this how you will measure success?",
  },
  { key: "stakeholders", prompt: "Confirm: who plays which role, and who else should be involved?" },
  { key: "scope", prompt: "Confirm: what is in scope, when it starts and the go-live date." },
  { key: "risks", prompt: "Discuss: which concerns are still open, and how we address each one." },
  { key: "promises", prompt: "Confirm: what was promised, and when we deliver it." },
];

// An Event's Description holds at most 32,000 characters (Object Reference, Event).
export const EVENT_DESCRIPTION_LIMIT = 32000;

export interface AgendaWording extends SummaryWording {
  agendaTitle: (opportunityName: string) => string;
  prompts: Record<string, string>; // by agenda item key
  // The visible line that ends an agenda cut to fit the Event description; cut is the number of characters left out.
  shortened: (cut: number) => string;
}

export const ENGLISH_AGENDA_WORDING: AgendaWording = {
  ...ENGLISH_WORDING,
  agendaTitle: (opportunityName) => `Kickoff agenda: ${opportunityName}`,
  prompts: Object.fromEntries(KICKOFF_AGENDA.map((item) => [item.key, item.prompt])),
  shortened: (cut) =>
    `[Agenda shortened by ${cut} characters to fit the event description: the full handoff is in Salesforce.]`,
};

export interface ResolvedAgendaItem {
  key: string;
  prompt: string;
  section: SummarySection;
  fields: SummaryField[];
}

// The agenda items with their section and fields from SUMMARY_SECTIONS; an unknown section or field key throws, so
// renaming a summary field fails the build instead of silently dropping it from every kickoff.
export function resolveAgenda(
  agenda: readonly KickoffAgendaItem[] = KICKOFF_AGENDA,
  sections: readonly SummarySection[] = SUMMARY_SECTIONS,
): ResolvedAgendaItem[] {
  return agenda.map((item) => {
    const section = sections.find((candidate) => candidate.key === item.key);
    if (!section) {
      throw new Error(
        `Kickoff agenda item "${item.key}" names no section of SUMMARY_SECTIONS (${sections.map((s) => s.key).join(", ")})`,
      );
    }
    const fields = (item.fields ?? section.fields.map((field) => field.fieldApiName)).map((name) => {
      const field = section.fields.find((candidate) => candidate.fieldApiName === name);
      if (!field) {
        throw new Error(
          `Kickoff agenda item "${item.key}" names field ${name}, which section "${section.key}" of SUMMARY_SECTIONS does not have`,
        );
      }
      return field;
    });
    return { key: item.key, prompt: item.prompt, section, fields };
  });
}

// Every Opportunity field path the agenda reads (for getRecord optionalFields).
export function agendaFieldPaths(agenda: readonly KickoffAgendaItem[] = KICKOFF_AGENDA): string[] {
  const paths = ["Name", "Account.Name", "Handoff_Tier__c"];
  for (const item of resolveAgenda(agenda)) {
    for (const field of item.fields) {
      paths.push(field.fieldApiName);
      if (field.relationshipName) paths.push(`${field.relationshipName}.Name`, `${field.relationshipName}.Title`);
    }
  }
  return paths;
}

export interface AgendaModel {
  title: string;
  subtitle: string;
  productsLabel: string;
  notProvided: string;
  items: {
    key: string;
    number: number;
    title: string;
    prompt: string;
    products: SummaryProduct[] | null;
    entries: SummaryEntry[];
  }[];
}

// read(path) returns the display value of an Opportunity field path such as "Champion__r.Name", or null.
export function buildAgenda(
  read: (path: string) => string | null,
  products: SummaryProduct[],
  wording: AgendaWording = ENGLISH_AGENDA_WORDING,
  agenda: readonly KickoffAgendaItem[] = KICKOFF_AGENDA,
): AgendaModel {
  // The answers are read exactly as the summary reads them (contact name with title, "Not provided").
  const summary = buildSummary(read, products, wording);
  return {
    title: wording.agendaTitle(read("Name") ?? wording.untitledOpportunity),
    subtitle: summary.subtitle,
    productsLabel: summary.productsLabel,
    notProvided: summary.notProvided,
    items: resolveAgenda(agenda).map((item, index) => {
      const section = summary.sections.find((candidate) => candidate.key === item.key)!;
      const picked = new Set(item.fields.map((field) => field.fieldApiName));
      return {
        key: item.key,
        number: index + 1,
        title: section.title,
        prompt: wording.prompts[item.key] ?? item.prompt,
        products: section.products,
        entries: section.entries.filter((entry) => picked.has(entry.key)),
      };
    }),
  };
}

// Plain text for the Event description, at most `limit` characters: a longer agenda is cut and ends with a line
// saying so, never silently.
export function toPlainText(
  agenda: AgendaModel,
  wording: AgendaWording = ENGLISH_AGENDA_WORDING,
  limit = EVENT_DESCRIPTION_LIMIT,
): string {
  const lines: string[] = [agenda.title];
  if (agenda.subtitle) lines.push(agenda.subtitle);
  for (const item of agenda.items) {
    lines.push("", `${item.number}. ${item.title}`, item.prompt);
    if (item.products) {
      if (item.products.length === 0) lines.push(`- ${agenda.productsLabel}: ${agenda.notProvided}`);
      else lines.push(`- ${agenda.productsLabel}:`, ...item.products.map((p) => `    ${productText(p)}`));
    }
    for (const entry of item.entries) {
      const valueLines = entry.value.split(/\r?\n/);
      if (valueLines.length === 1) lines.push(`- ${entry.label}: ${valueLines[0]}`);
      else lines.push(`- ${entry.label}:`, ...valueLines.map((line) => (line.trim() === "" ? "" : `    ${line}`)));
    }
  }
  return fitted(lines.join("\n") + "\n", wording, limit);
}

// Cuts text to limit characters, ending with the wording's visible "shortened" line.
export function fitted(
  text: string,
  wording: AgendaWording = ENGLISH_AGENDA_WORDING,
  limit = EVENT_DESCRIPTION_LIMIT,
): string {
  if (text.length <= limit) return text;
  // The note's length depends on the count it names; two passes settle it (the count changes by a digit at most).
  let note = `\n${wording.shortened(text.length - limit)}\n`;
  note = `\n${wording.shortened(text.length - (limit - note.length))}\n`;
  return text.slice(0, limit - note.length) + note;
}

// Markdown for Google Docs or Notion: what the customer and Sales typed is escaped (escapeMarkdown), so an answer
// never becomes a heading, a link or a table.
export function toAgendaMarkdown(agenda: AgendaModel): string {
  const lines: string[] = [`# ${escapeMarkdown(agenda.title)}`];
  if (agenda.subtitle) lines.push("", escapeMarkdown(agenda.subtitle));
  for (const item of agenda.items) {
    lines.push("", `## ${item.number}. ${escapeMarkdown(item.title)}`, "", `_${escapeMarkdown(item.prompt)}_`, "");
    lines.push(...markdownBullets(agenda.productsLabel, agenda.notProvided, item.products, item.entries));
  }
  return lines.join("\n") + "\n";
}
