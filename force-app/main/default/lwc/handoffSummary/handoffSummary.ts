// The handoff summary on the Opportunity record page: fills itself from the deal, prints, and copies as Markdown
// for Google Docs or Notion. What it contains is defined once in c/handoffSummarySections.
import { LightningElement, api, wire } from "lwc";
import { getRecord, type RecordRepresentation, type WireResult } from "lightning/uiRecordApi";
import { getRelatedListRecords } from "lightning/uiRelatedListApi";
import { ShowToastEvent } from "lightning/platformShowToastEvent";
import {
  buildSummary,
  summaryFieldPaths,
  toMarkdown,
  type SummaryModel,
  type SummaryProduct,
} from "c/handoffSummarySections";

const OPPORTUNITY_FIELDS = summaryFieldPaths().map((path) => `Opportunity.${path}`);
const PRODUCT_FIELDS = ["OpportunityLineItem.Id", "OpportunityLineItem.Name", "OpportunityLineItem.Quantity"];

// Display value where LDS formats one (dates, lookups), raw value otherwise; relationship paths are nested.
function readPath(record: RecordRepresentation | undefined, path: string): string | null {
  let current: RecordRepresentation | undefined = record;
  const parts = path.split(".");
  for (let i = 0; i < parts.length; i += 1) {
    const field = current?.fields?.[parts[i]];
    if (!field) return null;
    if (i === parts.length - 1) {
      const value = field.displayValue ?? field.value;
      return value === null || value === undefined ? null : String(value);
    }
    current = (field.value as RecordRepresentation | null) ?? undefined;
  }
  return null;
}

export default class HandoffSummary extends LightningElement {
  @api recordId?: string;

  opportunity?: RecordRepresentation;
  opportunityError?: unknown;
  productRecords: RecordRepresentation[] = [];
  copyFallback = false;

  @wire(getRecord, { recordId: "$recordId", optionalFields: OPPORTUNITY_FIELDS })
  wiredOpportunity({ data, error }: WireResult<RecordRepresentation>) {
    this.opportunity = data;
    this.opportunityError = error;
  }

  @wire(getRelatedListRecords, {
    parentRecordId: "$recordId",
    relatedListId: "OpportunityLineItems",
    fields: PRODUCT_FIELDS,
  })
  wiredProducts({ data }: WireResult<{ records: RecordRepresentation[] }>) {
    // Products are one line of the summary: without access to them, the rest of the summary still shows.
    this.productRecords = data?.records ?? [];
  }

  get isLoading(): boolean {
    return !this.opportunity && !this.opportunityError;
  }

  // Shown by c-handoff-error: no access, or the error in words.
  get hasError(): boolean {
    return !!this.opportunityError;
  }

  get products(): SummaryProduct[] {
    return this.productRecords.map((record) => {
      const quantity = record.fields?.Quantity?.value;
      return { name: readPath(record, "Name") ?? "Product", quantity: typeof quantity === "number" ? quantity : null };
    });
  }

  get summary(): SummaryModel | null {
    const opportunity = this.opportunity;
    if (!opportunity) return null;
    return buildSummary((path) => readPath(opportunity, path), this.products);
  }

  get sections() {
    return (this.summary?.sections ?? []).map((section) => ({
      ...section,
      headingId: `summary-${section.key}`,
      hasProductsLine: section.products !== null,
      hasProducts: (section.products ?? []).length > 0,
      productItems: (section.products ?? []).map((p, index) => ({
        key: `${index}-${p.name}`,
        text: p.quantity !== null ? `${p.name} × ${p.quantity}` : p.name,
      })),
      entries: section.entries.map((entry) => ({
        ...entry,
        valueClass: entry.provided ? "value" : "value value_missing",
      })),
    }));
  }

  get markdown(): string {
    const summary = this.summary;
    return summary ? toMarkdown(summary) : "";
  }

  async handleCopy() {
    try {
      await navigator.clipboard.writeText(this.markdown);
      this.copyFallback = false;
      this.dispatchEvent(
        new ShowToastEvent({
          title: "Summary copied as Markdown",
          message: "Paste it into Google Docs or Notion.",
          variant: "success",
        }),
      );
    } catch {
      // Some browsers and containers block clipboard access: show the text so the user can copy it by hand.
      this.copyFallback = true;
    }
  }

  handlePrint() {
    window.print();
  }
}
