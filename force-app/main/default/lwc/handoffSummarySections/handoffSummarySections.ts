// What the handoff summary contains, in one place: the summary card (handoffSummary), its "Copy as Markdown"
// text, and the CSM notification email of the automation issue read SUMMARY_SECTIONS rather than listing fields
// again. Node code imports this file directly (no imports here), LWC bundles import it as c/handoffSummarySections.

export type SummaryFieldKind = "text" | "date" | "contact";

export interface SummaryField {
  fieldApiName: string; // on Opportunity
  label: string;
  kind: SummaryFieldKind;
  relationshipName?: string; // contact lookups: the name is read through this relationship
}

export interface SummarySection {
  key: string;
  title: string;
  fields: SummaryField[];
  includesProducts?: boolean; // the opportunity products are listed at the top of this section
}

const contact = (fieldApiName: string, label: string): SummaryField => ({
  fieldApiName,
  label,
  kind: "contact",
  relationshipName: fieldApiName.replace(/__c$/, "__r"),
});
const text = (fieldApiName: string, label: string): SummaryField => ({ fieldApiName, label, kind: "text" });
const date = (fieldApiName: string, label: string): SummaryField => ({ fieldApiName, label, kind: "date" });

export const SUMMARY_SECTIONS: SummarySection[] = [
  {
    key: "goals",
    title: "Customer goals",
    fields: [
      text("Business_Goals__c", "Business goals"),
      text("Pain_Points__c", "Pain points"),
      text("Success_Criteria__c", "Success criteria"),
    ],
  },
  {
    key: "stakeholders",
    title: "Stakeholders",
    fields: [
      contact("Champion__c", "Champion"),
      contact("Decision_Maker__c", "Decision maker"),
      contact("Executive_Sponsor__c", "Executive sponsor"),
      contact("Technical_Contact__c", "Technical contact"),
    ],
  },
  {
    key: "scope",
    title: "Scope",
    includesProducts: true,
    fields: [
      text("Contract_Terms__c", "Contract terms"),
      date("Contract_Start_Date__c", "Contract start date"),
      text("Implementation_Timeline__c", "Implementation timeline"),
      date("Target_Go_Live_Date__c", "Target go-live date"),
    ],
  },
  {
    key: "risks",
    title: "Risks",
    fields: [
      text("Known_Objections__c", "Known objections"),
      text("Concerns_Raised__c", "Concerns raised"),
      text("Competitor_Threats__c", "Competitor threats"),
    ],
  },
  { key: "promises", title: "Promises made", fields: [text("Promises_Made__c", "Promises made")] },
  {
    key: "conversations",
    title: "Key conversations",
    fields: [
      text("Key_Conversations__c", "Key conversations"),
      text("Communication_Preferences__c", "Communication preferences"),
    ],
  },
  { key: "notes", title: "Notes", fields: [text("Handoff_Notes__c", "Handoff notes")] },
];

export const NOT_PROVIDED = "Not provided";

// The words around the answers. The English below (from SUMMARY_SECTIONS) is what the CSM email is generated from;
// the summary card passes its Custom Labels instead, so it shows in the user's language. A section or field the
// wording does not name keeps its English text.
export interface SummaryWording {
  title: (opportunityName: string) => string;
  untitledOpportunity: string;
  products: string;
  notProvided: string;
  sectionTitles: Record<string, string>; // by section key
  fieldLabels: Record<string, string>; // by Opportunity field API name
}

export const ENGLISH_WORDING: SummaryWording = {
  title: (opportunityName) => `Handoff summary: ${opportunityName}`,
  untitledOpportunity: "Opportunity",
  products: "Products",
  notProvided: NOT_PROVIDED,
  sectionTitles: Object.fromEntries(SUMMARY_SECTIONS.map((section) => [section.key, section.title])),
  fieldLabels: Object.fromEntries(
    SUMMARY_SECTIONS.flatMap((section) => section.fields.map((field) => [field.fieldApiName, field.label])),
  ),
};

// Every Opportunity field path the summary reads (for getRecord optionalFields, a SOQL select list or email merge fields).
export function summaryFieldPaths(): string[] {
  const paths = ["Name", "Account.Name", "Handoff_Tier__c", "CloseDate", "Amount"];
  for (const section of SUMMARY_SECTIONS) {
    for (const field of section.fields) {
      paths.push(field.fieldApiName);
      if (field.relationshipName) paths.push(`${field.relationshipName}.Name`, `${field.relationshipName}.Title`);
    }
  }
  return paths;
}

export interface SummaryProduct {
  name: string;
  quantity: number | null;
}

export interface SummaryEntry {
  key: string;
  label: string;
  value: string;
  provided: boolean;
}

export interface SummaryModel {
  title: string;
  subtitle: string;
  productsLabel: string;
  notProvided: string;
  sections: { key: string; title: string; products: SummaryProduct[] | null; entries: SummaryEntry[] }[];
}

// read(path) returns the display value of an Opportunity field path such as "Champion__r.Name", or null.
export function buildSummary(
  read: (path: string) => string | null,
  products: SummaryProduct[],
  wording: SummaryWording = ENGLISH_WORDING,
): SummaryModel {
  const account = read("Account.Name");
  const tier = read("Handoff_Tier__c");
  return {
    title: wording.title(read("Name") ?? wording.untitledOpportunity),
    subtitle: [account, tier].filter(Boolean).join(" · "),
    productsLabel: wording.products,
    notProvided: wording.notProvided,
    sections: SUMMARY_SECTIONS.map((section) => ({
      key: section.key,
      title: wording.sectionTitles[section.key] ?? section.title,
      products: section.includesProducts ? products : null,
      entries: section.fields.map((field) => {
        let value: string | null;
        if (field.kind === "contact" && field.relationshipName) {
          const name = read(`${field.relationshipName}.Name`);
          const title = read(`${field.relationshipName}.Title`);
          value = name ? (title ? `${name} (${title})` : name) : null;
        } else {
          value = read(field.fieldApiName);
        }
        const provided = value !== null && value.trim() !== "";
        return {
          key: field.fieldApiName,
          label: wording.fieldLabels[field.fieldApiName] ?? field.label,
          value: provided ? (value as string).trim() : wording.notProvided,
          provided,
        };
      }),
    })),
  };
}

// What a rep typed is text, never markup: HTML is written as entities (so "<img onerror=...>" shows as text in
// the page it is pasted into) and Markdown's control characters are backslash-escaped, at a line's start too
// (headings, list markers, numbered lists), so an answer cannot become a link, an image, a heading or a table.
export function escapeMarkdown(typed: string): string {
  return (
    typed
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      // Brackets are escaped, so "(...)" and "!" can no longer form a link or an image and stay readable.
      .replace(/([\\`*_[\]|~])/g, "\\$1")
      .replace(/^(\s*)([#+-])/gm, "$1\\$2")
      .replace(/^(\s*\d+)([.)])/gm, "$1\\$2")
  );
}

// A product as the summary and the agenda list it: "Store Platform Enterprise × 84".
export function productText(product: SummaryProduct): string {
  return product.quantity !== null ? `${product.name} × ${product.quantity}` : product.name;
}

// The Markdown bullets of one section: its products when it lists them, then each answer with its label, a
// multi-line answer indented below the label so its line breaks survive the paste.
export function markdownBullets(
  productsLabel: string,
  notProvided: string,
  products: SummaryProduct[] | null,
  entries: SummaryEntry[],
): string[] {
  const lines: string[] = [];
  if (products) {
    const label = escapeMarkdown(productsLabel);
    if (products.length === 0) lines.push(`- **${label}:** ${escapeMarkdown(notProvided)}`);
    else {
      lines.push(`- **${label}:**`);
      for (const product of products) lines.push(`  - ${escapeMarkdown(productText(product))}`);
    }
  }
  for (const entry of entries) {
    const valueLines = entry.value.split(/\r?\n/).map(escapeMarkdown);
    const label = escapeMarkdown(entry.label);
    if (valueLines.length === 1) lines.push(`- **${label}:** ${valueLines[0]}`);
    else {
      lines.push(`- **${label}:**`);
      for (const line of valueLines) lines.push(line.trim() === "" ? "" : `  ${line}`);
    }
  }
  return lines;
}

// Markdown that pastes cleanly into Google Docs and Notion: headings, bold labels, line breaks kept.
export function toMarkdown(summary: SummaryModel): string {
  const lines: string[] = [`# ${escapeMarkdown(summary.title)}`];
  if (summary.subtitle) lines.push("", escapeMarkdown(summary.subtitle));
  for (const section of summary.sections) {
    lines.push("", `## ${escapeMarkdown(section.title)}`, "");
    lines.push(...markdownBullets(summary.productsLabel, summary.notProvided, section.products, section.entries));
  }
  return lines.join("\n") + "\n";
}
