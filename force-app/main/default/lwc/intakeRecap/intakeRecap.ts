// The customer recap's two actions on the open handoff, enabled as Apex says (HandoffRow.actions, with Apex's reason
// beside a disabled one): Send recap to customer shows who receives it and who is in copy before it goes; Record
// customer answer takes Confirmed, or Corrected with the answers the customer changed (the recap's answers from
// HandoffRecapService.RecapView, each with what Sales captured). A confirmed form goes up to the panel as
// "sendrecap" ({ resend }) or "recordrecapanswer" ({ outcome, corrections, note }); the panel calls Apex and then
// reset()s this component.
import { LightningElement, api } from "lwc";
import { eventValue, type ActionState, type RecapView } from "c/csIntakeModel";
import { formatLabel } from "c/labelFormat";
import actionsLabel from "@salesforce/label/c.Handoff_Intake_Recap_Actions";
import sendRecapLabel from "@salesforce/label/c.Handoff_Intake_Send_Recap";
import recordAnswerLabel from "@salesforce/label/c.Handoff_Intake_Record_Answer";
import whatLabel from "@salesforce/label/c.Handoff_Intake_Recap_What";
import toLabel from "@salesforce/label/c.Handoff_Intake_Recap_To";
import ccLabel from "@salesforce/label/c.Handoff_Intake_Recap_Cc";
import noCcLabel from "@salesforce/label/c.Handoff_Intake_Recap_No_Cc";
import sendAgainLabel from "@salesforce/label/c.Handoff_Intake_Recap_Send_Again";
import sendLabel from "@salesforce/label/c.Handoff_Intake_Recap_Send";
import outcomeLabel from "@salesforce/label/c.Handoff_Intake_Recap_Outcome";
import confirmedLabel from "@salesforce/label/c.Handoff_Intake_Recap_Confirmed";
import correctedLabel from "@salesforce/label/c.Handoff_Intake_Recap_Corrected";
import correctionsHintLabel from "@salesforce/label/c.Handoff_Intake_Recap_Corrections_Hint";
import currentLabel from "@salesforce/label/c.Handoff_Intake_Recap_Current";
import notCapturedLabel from "@salesforce/label/c.Handoff_Intake_Recap_Not_Captured";
import changedCountLabel from "@salesforce/label/c.Handoff_Intake_Recap_Changed_Count";
import changeOneLabel from "@salesforce/label/c.Handoff_Intake_Recap_Change_One";
import readOnlyLabel from "@salesforce/label/c.Handoff_Intake_Recap_Read_Only";
import noteLabel from "@salesforce/label/c.Handoff_Intake_Recap_Note";
import recordLabel from "@salesforce/label/c.Handoff_Intake_Recap_Record";
import cancelLabel from "@salesforce/label/c.Handoff_Intake_Cancel";
import unknownActionStateLabel from "@salesforce/label/c.Handoff_Intake_Unknown_Action_State";
import { CONFIRMED, CORRECTED, canRecord, changedAnswers, recordedAnswer } from "./recapForm";

const SEND = "sendRecap";
const RECORD = "recordRecapAnswer";

export default class IntakeRecap extends LightningElement {
  labels = {
    actions: actionsLabel,
    what: whatLabel,
    noCc: noCcLabel,
    send: sendLabel,
    outcome: outcomeLabel,
    correctionsHint: correctionsHintLabel,
    changeOne: changeOneLabel,
    note: noteLabel,
    record: recordLabel,
    cancel: cancelLabel,
  };

  @api actions: ActionState[] = [];
  @api recap: RecapView | null = null;
  @api working = false;

  openForm = "";
  resend = false;
  outcome = "";
  typed: Record<string, string> = {};
  note = "";

  // Closes the open form and forgets what was typed (after a successful action, or another handoff opened).
  @api
  reset(): void {
    this.openForm = "";
    this.resend = false;
    this.outcome = "";
    this.typed = {};
    this.note = "";
  }

  private stateOf(name: string): ActionState {
    return (
      (this.actions ?? []).find((action) => action.name === name) ??
      ({ name, allowed: false, disabledReason: unknownActionStateLabel } as unknown as ActionState)
    );
  }

  private isOff(name: string): boolean {
    return this.working || !this.stateOf(name).allowed;
  }

  get buttons() {
    return [
      { name: SEND, buttonId: "show-sendRecap", label: sendRecapLabel },
      { name: RECORD, buttonId: "show-recordRecapAnswer", label: recordAnswerLabel },
    ].map((button) => ({
      ...button,
      variant: this.openForm === button.name ? "brand" : "neutral",
      disabled: this.isOff(button.name),
      title: this.stateOf(button.name).allowed ? null : this.stateOf(button.name).disabledReason,
      reason: this.stateOf(button.name).allowed
        ? null
        : `${button.label}: ${this.stateOf(button.name).disabledReason ?? ""}`,
    }));
  }

  get reasons() {
    return this.buttons.filter((button) => button.reason).map((button) => ({ key: button.name, text: button.reason }));
  }

  get hasReasons(): boolean {
    return this.reasons.length > 0;
  }

  get showSendForm(): boolean {
    return this.openForm === SEND;
  }

  get showAnswerForm(): boolean {
    return this.openForm === RECORD;
  }

  // Who receives the recap, said before it goes; or why it cannot go.
  get recipient() {
    const recap = this.recap;
    const previous = recordedAnswer(recap);
    return {
      cannotSend: recap?.cannotSendReason ?? null,
      to: recap?.recipientEmail ? formatLabel(toLabel, recap.recipientName ?? "", recap.recipientEmail) : null,
      cc: recap?.ccEmail ? formatLabel(ccLabel, recap.ccEmail) : null,
      sendAgain: previous ? formatLabel(sendAgainLabel, previous) : null,
    };
  }

  get sendDisabled(): boolean {
    const recipient = this.recipient;
    return this.isOff(SEND) || recipient.cannotSend !== null || (recipient.sendAgain !== null && !this.resend);
  }

  get outcomeOptions() {
    return [
      { label: confirmedLabel, value: CONFIRMED },
      { label: correctedLabel, value: CORRECTED },
    ];
  }

  get isCorrected(): boolean {
    return this.outcome === CORRECTED;
  }

  private get corrections() {
    return changedAnswers(this.recap?.answers ?? [], this.typed);
  }

  // Each recap answer with what Sales captured and the CSM's edit of it; an answer the CSM may not edit is shown only.
  get answerFields() {
    return (this.recap?.answers ?? []).map((answer) => ({
      key: answer.fieldApiName,
      fieldApiName: answer.fieldApiName,
      label: `${answer.sectionTitle}: ${answer.label}`,
      isDate: answer.kind === "date",
      editable: answer.editable,
      readOnlyText: formatLabel(readOnlyLabel, answer.label),
      value: this.typed[answer.fieldApiName] ?? answer.value ?? "",
      currentText: formatLabel(currentLabel, answer.value ?? notCapturedLabel),
    }));
  }

  get changedText(): string {
    return formatLabel(changedCountLabel, this.corrections.length);
  }

  get needsAChange(): boolean {
    return this.isCorrected && this.corrections.length === 0;
  }

  get recordDisabled(): boolean {
    return this.isOff(RECORD) || !canRecord(this.outcome, this.corrections);
  }

  handleButton(event: Event): void {
    const name = (event.currentTarget as HTMLElement).dataset.action ?? "";
    if (this.isOff(name)) return;
    const opening = this.openForm !== name;
    this.reset();
    this.openForm = opening ? name : "";
  }

  handleResendChange(event: Event): void {
    this.resend = (event.target as HTMLInputElement).checked === true;
  }

  handleOutcomeChange(event: CustomEvent<{ value?: unknown }>): void {
    this.outcome = String(eventValue(event) ?? "");
  }

  handleAnswerChange(event: CustomEvent<{ value?: unknown }>): void {
    const field = (event.currentTarget as HTMLElement).dataset.field ?? "";
    const value = eventValue(event);
    this.typed = { ...this.typed, [field]: value == null ? "" : String(value) };
  }

  handleNoteChange(event: CustomEvent<{ value?: unknown }>): void {
    const value = eventValue(event);
    this.note = value == null ? "" : String(value);
  }

  handleSend(): void {
    if (this.sendDisabled) return;
    this.dispatchEvent(new CustomEvent("sendrecap", { detail: { resend: this.resend } }));
  }

  handleRecord(): void {
    if (this.recordDisabled) return;
    this.dispatchEvent(
      new CustomEvent("recordrecapanswer", {
        detail: {
          outcome: this.outcome,
          corrections: this.outcome === CORRECTED ? this.corrections : [],
          note: this.note.trim() || null,
        },
      }),
    );
  }

  handleCancel(): void {
    this.reset();
  }
}
