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
import { SUMMARY_WORDING, readRecordPath } from "c/summaryWording";
import productFallbackLabel from "@salesforce/label/c.Handoff_Product_Fallback";
import cardTitleLabel from "@salesforce/label/c.Handoff_Summary_Card_Title";
import copyLabel from "@salesforce/label/c.Handoff_Summary_Copy";
import printLabel from "@salesforce/label/c.Handoff_Summary_Print";
import loadingLabel from "@salesforce/label/c.Handoff_Summary_Loading";
import noAccessLabel from "@salesforce/label/c.Handoff_Summary_No_Access";
import loadErrorLabel from "@salesforce/label/c.Handoff_Summary_Load_Error";
import copyFallbackLabel from "@salesforce/label/c.Handoff_Summary_Copy_Fallback";
import copiedToastLabel from "@salesforce/label/c.Handoff_Summary_Copied_Toast";
import copiedToastMessageLabel from "@salesforce/label/c.Handoff_Summary_Copied_Toast_Message";

const OPPORTUNITY_FIELDS = summaryFieldPaths().map((path) => `Opportunity.${path}`);
const PRODUCT_FIELDS = ["OpportunityLineItem.Id", "OpportunityLineItem.Name", "OpportunityLineItem.Quantity"];

// The texts the template shows as they are (Custom Labels, translated in Translation Workbench).
const LABELS = {
  cardTitle: cardTitleLabel,
  copy: copyLabel,
  print: printLabel,
  loading: loadingLabel,
  noAccess: noAccessLabel,
  loadError: loadErrorLabel,
  copyFallback: copyFallbackLabel,
  products: SUMMARY_WORDING.products,
  notProvided: SUMMARY_WORDING.notProvided,
};

export default class HandoffSummary extends LightningElement {
  @api recordId?: string;

  readonly labels = LABELS;

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
      return {
        name: readRecordPath(record, "Name") ?? productFallbackLabel,
        quantity: typeof quantity === "number" ? quantity : null,
      };
    });
  }

  get summary(): SummaryModel | null {
    const opportunity = this.opportunity;
    if (!opportunity) return null;
    return buildSummary((path) => readRecordPath(opportunity, path), this.products, SUMMARY_WORDING);
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
          title: copiedToastLabel,
          message: copiedToastMessageLabel,
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
