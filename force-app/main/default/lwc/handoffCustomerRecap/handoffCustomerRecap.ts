// What the customer recap ("what we heard") shows the champion, picked by section key and field from SUMMARY_SECTIONS
// (c/handoffSummarySections), the one definition of the handoff's sections. The recap is written for the customer:
// it is an allow-list, so a field added to a summary section stays internal until someone picks it here, and the
// sections Sales writes for CS only (stakeholders, risks, key conversations, notes) can never be picked.
// Generated from this list by `npm run generate:email`: the Lightning email template Handoff_Customer_Recap and the
// Apex class HandoffRecapFields (the fields a CSM may correct from the customer's answer).
// No imports: node scripts load this file directly and pass SUMMARY_SECTIONS in; LWC bundles import it as
// c/handoffCustomerRecap.

// The part of a summary section the recap reads (c/handoffSummarySections' SummarySection has this shape).
export interface RecapSourceSection {
  key: string;
  title: string;
  includesProducts?: boolean;
  fields: readonly { fieldApiName: string; label: string; kind: string }[];
}

export interface RecapPick {
  section: string; // a SUMMARY_SECTIONS key
  heading: string; // the section heading the customer reads
  products?: boolean; // list the products of the order (the section must include them)
  fields: readonly { field: string; label: string }[]; // Opportunity field API names, with the customer's wording
}

// Sections written by Sales for CS: who is difficult, what could go wrong, what was said in confidence. A pick from
// one of them is refused, whatever field it names.
export const INTERNAL_SECTIONS: readonly string[] = ["stakeholders", "risks", "conversations", "notes"];

// Recap answers the customer can correct in a reply: written answers and dates, not contact lookups.
export const RECAP_FIELD_KINDS: readonly string[] = ["text", "date"];

export const RECAP_PICKS: readonly RecapPick[] = [
  {
    section: "goals",
    heading: "Your goals",
    fields: [
      { field: "Business_Goals__c", label: "What you want to achieve" },
      { field: "Success_Criteria__c", label: "How you will measure success" },
    ],
  },
  {
    section: "scope",
    heading: "Scope and timeline",
    products: true,
    fields: [
      { field: "Contract_Start_Date__c", label: "Contract start" },
      { field: "Implementation_Timeline__c", label: "Implementation timeline" },
      { field: "Target_Go_Live_Date__c", label: "Target go-live date" },
    ],
  },
  {
    section: "promises",
    heading: "What we committed to",
    fields: [{ field: "Promises_Made__c", label: "Commitments made during the sale" }],
  },
];

export interface RecapField {
  sectionKey: string;
  sectionTitle: string; // the summary's (internal) section title: how Sales reads a correction
  fieldApiName: string; // on Opportunity
  summaryLabel: string; // the summary's (internal) field label
  label: string; // the customer's wording
  kind: string; // "text" | "date"
}

export interface RecapSection {
  key: string;
  title: string; // the summary's section title
  heading: string; // the customer's heading
  products: boolean;
  fields: RecapField[];
}

// The recap's sections and fields resolved against the summary sections. Throws, naming the pick, when a pick names
// a section or field the summary does not have, an internal section, or a field the customer cannot correct.
export function recapSections(
  sections: readonly RecapSourceSection[],
  picks: readonly RecapPick[] = RECAP_PICKS,
): RecapSection[] {
  const seen = new Set<string>();
  return picks.map((pick) => {
    if (INTERNAL_SECTIONS.includes(pick.section)) {
      throw new Error(
        `Recap pick "${pick.section}": the section is internal to Sales and CS, never sent to the customer`,
      );
    }
    const section = sections.find((candidate) => candidate.key === pick.section);
    if (!section) {
      throw new Error(
        `Recap pick "${pick.section}": no summary section has this key (known: ${sections.map((s) => s.key).join(", ")})`,
      );
    }
    if (pick.products && !section.includesProducts) {
      throw new Error(
        `Recap pick "${pick.section}": asks for the products, but the summary section does not list them`,
      );
    }
    if (pick.fields.length === 0) throw new Error(`Recap pick "${pick.section}": names no field`);
    return {
      key: section.key,
      title: section.title,
      heading: pick.heading,
      products: pick.products === true,
      fields: pick.fields.map(({ field, label }) => {
        const source = section.fields.find((candidate) => candidate.fieldApiName === field);
        if (!source) {
          throw new Error(
            `Recap pick "${pick.section}": ${field} is not a field of the summary section "${section.title}" ` +
              `(its fields: ${section.fields.map((f) => f.fieldApiName).join(", ")})`,
          );
        }
        if (!RECAP_FIELD_KINDS.includes(source.kind)) {
          throw new Error(
            `Recap pick "${pick.section}": ${field} is a ${source.kind} field; the recap shows answers the customer can correct (${RECAP_FIELD_KINDS.join(", ")})`,
          );
        }
        if (seen.has(field)) throw new Error(`Recap pick "${pick.section}": ${field} is picked twice`);
        seen.add(field);
        return {
          sectionKey: section.key,
          sectionTitle: section.title,
          fieldApiName: field,
          summaryLabel: source.label,
          label,
          kind: source.kind,
        };
      }),
    };
  });
}

export function recapFields(sections: readonly RecapSourceSection[], picks?: readonly RecapPick[]): RecapField[] {
  return recapSections(sections, picks).flatMap((section) => section.fields);
}
