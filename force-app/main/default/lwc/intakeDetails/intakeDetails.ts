// What a CSM reads about the selected handoff before acting: its facts (status and SLA badges, tier, amount,
// owners), what CS asked Sales and noted, the product lines, each stakeholder's contact details and the status
// timeline. Display only: everything comes from the intake the panel loaded.
import { LightningElement, api } from "lwc";
import { toRowView, type Intake, type RowView } from "c/csIntakeModel";
import { toProductLineViews, toStakeholderViews, toTimelineViews } from "./detailViews";

export default class IntakeDetails extends LightningElement {
  @api intake: Intake | null = null;
  @api now: Date = new Date();

  get row(): RowView | null {
    return this.intake ? toRowView(this.intake.handoff, this.now) : null;
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
}
