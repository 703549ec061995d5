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
  type SummaryWording,
} from "c/handoffSummarySections";
import { formatLabel } from "c/labelFormat";
import productFallbackLabel from "@salesforce/label/c.Handoff_Product_Fallback";
import cardTitleLabel from "@salesforce/label/c.Handoff_Summary_Card_Title";
import titleLabel from "@salesforce/label/c.Handoff_Summary_Title";
import untitledLabel from "@salesforce/label/c.Handoff_Summary_Opportunity_Fallback";
import copyLabel from "@salesforce/label/c.Handoff_Summary_Copy";
import printLabel from "@salesforce/label/c.Handoff_Summary_Print";
import loadingLabel from "@salesforce/label/c.Handoff_Summary_Loading";
import noAccessLabel from "@salesforce/label/c.Handoff_Summary_No_Access";
import loadErrorLabel from "@salesforce/label/c.Handoff_Summary_Load_Error";
import copyFallbackLabel from "@salesforce/label/c.Handoff_Summary_Copy_Fallback";
import productsLabel from "@salesforce/label/c.Handoff_Summary_Products";
import notProvidedLabel from "@salesforce/label/c.Handoff_Summary_Not_Provided";
import copiedToastLabel from "@salesforce/label/c.Handoff_Summary_Copied_Toast";
import copiedToastMessageLabel from "@salesforce/label/c.Handoff_Summary_Copied_Toast_Message";
import goalsLabel from "@salesforce/label/c.Handoff_Summary_Section_Goals";
import stakeholdersLabel from "@salesforce/label/c.Handoff_Summary_Section_Stakeholders";
import scopeLabel from "@salesforce/label/c.Handoff_Summary_Section_Scope";
import risksLabel from "@salesforce/label/c.Handoff_Summary_Section_Risks";
import promisesLabel from "@salesforce/label/c.Handoff_Summary_Section_Promises";
import conversationsLabel from "@salesforce/label/c.Handoff_Summary_Section_Conversations";
import notesLabel from "@salesforce/label/c.Handoff_Summary_Section_Notes";
import businessGoalsLabel from "@salesforce/label/c.Handoff_Summary_Business_Goals";
import painPointsLabel from "@salesforce/label/c.Handoff_Summary_Pain_Points";
import successCriteriaLabel from "@salesforce/label/c.Handoff_Summary_Success_Criteria";
import championLabel from "@salesforce/label/c.Handoff_Summary_Champion";
import decisionMakerLabel from "@salesforce/label/c.Handoff_Summary_Decision_Maker";
import executiveSponsorLabel from "@salesforce/label/c.Handoff_Summary_Executive_Sponsor";
import technicalContactLabel from "@salesforce/label/c.Handoff_Summary_Technical_Contact";
import contractTermsLabel from "@salesforce/label/c.Handoff_Summary_Contract_Terms";
import contractStartDateLabel from "@salesforce/label/c.Handoff_Summary_Contract_Start_Date";
import implementationTimelineLabel from "@salesforce/label/c.Handoff_Summary_Implementation_Timeline";
import targetGoLiveDateLabel from "@salesforce/label/c.Handoff_Summary_Target_Go_Live_Date";
import knownObjectionsLabel from "@salesforce/label/c.Handoff_Summary_Known_Objections";
import concernsRaisedLabel from "@salesforce/label/c.Handoff_Summary_Concerns_Raised";
import competitorThreatsLabel from "@salesforce/label/c.Handoff_Summary_Competitor_Threats";
import promisesMadeLabel from "@salesforce/label/c.Handoff_Summary_Promises_Made";
import keyConversationsLabel from "@salesforce/label/c.Handoff_Summary_Key_Conversations";
import communicationPreferencesLabel from "@salesforce/label/c.Handoff_Summary_Communication_Preferences";
import handoffNotesLabel from "@salesforce/label/c.Handoff_Summary_Handoff_Notes";

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
  products: productsLabel,
  notProvided: notProvidedLabel,
};

// The summary's headings and field names in the user's language (c/handoffSummarySections keeps the English the
// CSM email is generated from).
const WORDING: SummaryWording = {
  title: (opportunityName) => formatLabel(titleLabel, opportunityName),
  untitledOpportunity: untitledLabel,
  products: productsLabel,
  notProvided: notProvidedLabel,
  sectionTitles: {
    goals: goalsLabel,
    stakeholders: stakeholdersLabel,
    scope: scopeLabel,
    risks: risksLabel,
    promises: promisesLabel,
    conversations: conversationsLabel,
    notes: notesLabel,
  },
  fieldLabels: {
    Business_Goals__c: businessGoalsLabel,
    Pain_Points__c: painPointsLabel,
    Success_Criteria__c: successCriteriaLabel,
    Champion__c: championLabel,
    Decision_Maker__c: decisionMakerLabel,
    Executive_Sponsor__c: executiveSponsorLabel,
    Technical_Contact__c: technicalContactLabel,
    Contract_Terms__c: contractTermsLabel,
    Contract_Start_Date__c: contractStartDateLabel,
    Implementation_Timeline__c: implementationTimelineLabel,
    Target_Go_Live_Date__c: targetGoLiveDateLabel,
    Known_Objections__c: knownObjectionsLabel,
    Concerns_Raised__c: concernsRaisedLabel,
    Competitor_Threats__c: competitorThreatsLabel,
    Promises_Made__c: promisesMadeLabel,
    Key_Conversations__c: keyConversationsLabel,
    Communication_Preferences__c: communicationPreferencesLabel,
    Handoff_Notes__c: handoffNotesLabel,
  },
};

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
        name: readPath(record, "Name") ?? productFallbackLabel,
        quantity: typeof quantity === "number" ? quantity : null,
      };
    });
  }

  get summary(): SummaryModel | null {
    const opportunity = this.opportunity;
    if (!opportunity) return null;
    return buildSummary((path) => readPath(opportunity, path), this.products, WORDING);
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
