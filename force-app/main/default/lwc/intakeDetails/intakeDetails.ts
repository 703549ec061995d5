// What a CSM reads about the selected handoff before acting: its facts (status and SLA badges, tier, amount,
// owners), what CS asked Sales and noted, the product lines, each stakeholder's contact details and the status
// timeline. Display only: everything comes from the intake the panel loaded.
import { LightningElement, api } from "lwc";
import { toRowView, type Intake, type RowView } from "c/csIntakeModel";
import { toProductLineViews, toStakeholderViews, toTimelineViews } from "./detailViews";
import { toRecapStatus } from "./recapStatus";
import { formatLabel } from "c/labelFormat";
import factStatusLabel from "@salesforce/label/c.Handoff_Intake_Fact_Status";
import factTierLabel from "@salesforce/label/c.Handoff_Intake_Fact_Tier";
import factSalesOwnerLabel from "@salesforce/label/c.Handoff_Intake_Fact_Sales_Owner";
import factCsOwnerLabel from "@salesforce/label/c.Handoff_Intake_Fact_CS_Owner";
import infoRequestedLabel from "@salesforce/label/c.Handoff_Intake_Info_Requested";
import notesLabel from "@salesforce/label/c.Handoff_Intake_Notes";
import productsLabel from "@salesforce/label/c.Handoff_Intake_Products";
import noProductsLabel from "@salesforce/label/c.Handoff_Intake_No_Products";
import stakeholdersLabel from "@salesforce/label/c.Handoff_Intake_Stakeholders";
import noStakeholdersLabel from "@salesforce/label/c.Handoff_Intake_No_Stakeholders";
import timelineLabel from "@salesforce/label/c.Handoff_Intake_Timeline";
import noTimelineLabel from "@salesforce/label/c.Handoff_Intake_No_Timeline";
import recapStatusLabel from "@salesforce/label/c.Handoff_Intake_Recap_Status";
import recapCorrectionsLabel from "@salesforce/label/c.Handoff_Intake_Recap_Corrections";

export default class IntakeDetails extends LightningElement {
  labels = {
    infoRequested: infoRequestedLabel,
    notes: notesLabel,
    products: productsLabel,
    noProducts: noProductsLabel,
    stakeholders: stakeholdersLabel,
    noStakeholders: noStakeholdersLabel,
    timeline: timelineLabel,
    noTimeline: noTimelineLabel,
    recapStatus: recapStatusLabel,
    recapCorrections: recapCorrectionsLabel,
  };

  @api intake: Intake | null = null;
  @api now: Date = new Date();

  get row(): RowView | null {
    return this.intake ? toRowView(this.intake.handoff, this.now) : null;
  }

  // The facts line by line, each one label with its value so a translation can put the value where it reads well.
  get facts() {
    const row = this.row;
    if (!row) return null;
    return {
      status: formatLabel(factStatusLabel, row.status),
      tier: formatLabel(factTierLabel, row.tierText),
      salesOwner: formatLabel(factSalesOwnerLabel, row.salesOwnerName),
      csOwner: formatLabel(factCsOwnerLabel, row.ownerText),
    };
  }

  get missingInfoRequest(): string | null {
    return this.intake?.missingInfoRequest ?? null;
  }

  get intakeNotes(): string | null {
    return this.intake?.intakeNotes ?? null;
  }

  get productLines() {
    return toProductLineViews(this.intake?.productLines);
  }

  get hasProductLines(): boolean {
    return this.productLines.length > 0;
  }

  get stakeholders() {
    return toStakeholderViews(this.intake?.stakeholders);
  }

  get hasStakeholders(): boolean {
    return this.stakeholders.length > 0;
  }

  get timeline() {
    return toTimelineViews(this.intake?.timeline);
  }

  get hasTimeline(): boolean {
    return this.timeline.length > 0;
  }

  get recapStatus() {
    return toRecapStatus(this.intake?.recap);
  }
}
