// The promises ledger: each line of "Promises made" as an item the CSM marks Kept, At Risk or Broken, with an
// optional note that stops at Status_Note__c's length. A mark goes up to the panel as "markpromise"
// ({ promiseId, status, note }); the panel calls Apex and reset()s the note after a success.
import { LightningElement, api, wire } from "lwc";
import { getObjectInfo, type ObjectInfo } from "lightning/uiObjectInfoApi";
import type { WireResult } from "lightning/uiRecordApi";
import { counterText, eventValue, fieldLength, type PromiseRecord } from "c/csIntakeModel";
import { promiseSummary, toPromiseViews, type PromiseView } from "./promiseViews";
import promisesLabel from "@salesforce/label/c.Handoff_Intake_Promises";
import promiseNoteLabel from "@salesforce/label/c.Handoff_Intake_Promise_Note";
import captionLabel from "@salesforce/label/c.Handoff_Intake_Promises_Caption";
import promiseLabel from "@salesforce/label/c.Handoff_Intake_Column_Promise";
import statusLabel from "@salesforce/label/c.Handoff_Intake_Status";
import lastNotedLabel from "@salesforce/label/c.Handoff_Intake_Column_Last_Noted";
import markAsLabel from "@salesforce/label/c.Handoff_Intake_Column_Mark_As";

export default class IntakePromises extends LightningElement {
  labels = {
    promises: promisesLabel,
    promiseNote: promiseNoteLabel,
    caption: captionLabel,
    promise: promiseLabel,
    status: statusLabel,
    lastNoted: lastNotedLabel,
    markAs: markAsLabel,
  };

  @api promises: PromiseRecord[] = [];
  @api working = false;

  promiseNote = "";
  promiseInfo?: ObjectInfo;

  @wire(getObjectInfo, { objectApiName: "Handoff_Promise__c" })
  wiredPromiseInfo({ data }: WireResult<ObjectInfo>) {
    this.promiseInfo = data;
  }

  @api
  reset(): void {
    this.promiseNote = "";
  }

  get promiseViews(): PromiseView[] {
    return toPromiseViews(this.promises ?? []);
  }

  get hasPromises(): boolean {
    return (this.promises ?? []).length > 0;
  }

  get promiseSummary(): string {
    return promiseSummary(this.promises ?? []);
  }

  get promiseNoteMaxLength(): number | null {
    return fieldLength(this.promiseInfo, "Status_Note__c");
  }

  get promiseNoteCounterText(): string | null {
    return counterText(this.promiseNote, this.promiseNoteMaxLength);
  }

  handlePromiseNoteChange(event: CustomEvent<{ value?: unknown }>): void {
    this.promiseNote = String(eventValue(event) ?? "");
  }

  handleMarkPromise(event: Event): void {
    const { promise, status } = (event.currentTarget as HTMLElement).dataset;
    if (this.working || !promise || !status) return;
    this.dispatchEvent(
      new CustomEvent("markpromise", { detail: { promiseId: promise, status, note: this.promiseNote || null } }),
    );
  }
}
