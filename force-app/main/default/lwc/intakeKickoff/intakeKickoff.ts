// Plan kickoff: the form the "Plan kickoff" button of c-intake-action-bar opens. It loads the proposal from Apex
// (subject, duration from the settings, invitees), reads the deal for the agenda (c/handoffKickoffAgenda: picked
// from the handoff summary's sections, in the user's language) and sends "plankickoff" with what the CSM chose;
// the panel calls HandoffIntakeController.planKickoff and shows the outcome.
import { LightningElement, api, wire } from "lwc";
import { getRecord, type RecordRepresentation, type WireResult } from "lightning/uiRecordApi";
import getKickoffDraft from "@salesforce/apex/HandoffIntakeController.getKickoffDraft";
import {
  EVENT_DESCRIPTION_LIMIT,
  agendaFieldPaths,
  buildAgenda,
  toAgendaMarkdown,
  toPlainText,
  type AgendaModel,
  type AgendaWording,
} from "c/handoffKickoffAgenda";
import { counterText, eventValue, type KickoffDraft, type KickoffPlan, type ProductLine } from "c/csIntakeModel";
import { formatLabel } from "c/labelFormat";
import { formatDateTime } from "c/localeFormat";
import { SUMMARY_WORDING, readRecordPath } from "c/summaryWording";
import formLabel from "@salesforce/label/c.Handoff_Kickoff_Form";
import startDateLabel from "@salesforce/label/c.Handoff_Kickoff_Start_Date";
import startTimeLabel from "@salesforce/label/c.Handoff_Kickoff_Start_Time";
import startFutureLabel from "@salesforce/label/c.Handoff_Kickoff_Start_Future";
import durationLabel from "@salesforce/label/c.Handoff_Kickoff_Duration";
import inviteesLabel from "@salesforce/label/c.Handoff_Kickoff_Invitees";
import inviteeOptionLabel from "@salesforce/label/c.Handoff_Kickoff_Invitee_Option";
import noEmailLabel from "@salesforce/label/c.Handoff_Kickoff_No_Email";
import agendaLabel from "@salesforce/label/c.Handoff_Kickoff_Agenda";
import copyMarkdownLabel from "@salesforce/label/c.Handoff_Kickoff_Copy_Markdown";
import copiedLabel from "@salesforce/label/c.Handoff_Kickoff_Copied";
import copyFallbackLabel from "@salesforce/label/c.Handoff_Kickoff_Copy_Fallback";
import printLabel from "@salesforce/label/c.Handoff_Kickoff_Print";
import confirmLabel from "@salesforce/label/c.Handoff_Kickoff_Confirm";
import loadingLabel from "@salesforce/label/c.Handoff_Kickoff_Loading";
import loadErrorLabel from "@salesforce/label/c.Handoff_Kickoff_Load_Error";
import alreadyPlannedLabel from "@salesforce/label/c.Handoff_Kickoff_Already_Planned";
import cancelLabel from "@salesforce/label/c.Handoff_Intake_Cancel";
import requiredLabel from "@salesforce/label/c.Handoff_Kickoff_Required";
import agendaTitleLabel from "@salesforce/label/c.Handoff_Kickoff_Agenda_Title";
import goalsPromptLabel from "@salesforce/label/c.Handoff_Kickoff_Prompt_Goals";
import stakeholdersPromptLabel from "@salesforce/label/c.Handoff_Kickoff_Prompt_Stakeholders";
import scopePromptLabel from "@salesforce/label/c.Handoff_Kickoff_Prompt_Scope";
import risksPromptLabel from "@salesforce/label/c.Handoff_Kickoff_Prompt_Risks";
import promisesPromptLabel from "@salesforce/label/c.Handoff_Kickoff_Prompt_Promises";
import shortenedLabel from "@salesforce/label/c.Handoff_Kickoff_Agenda_Shortened";

const OPPORTUNITY_FIELDS = agendaFieldPaths().map((path) => `Opportunity.${path}`);

// The agenda's words in the user's language: its sections and fields are named as the summary card names them.
const WORDING: AgendaWording = {
  ...SUMMARY_WORDING,
  agendaTitle: (opportunityName) => formatLabel(agendaTitleLabel, opportunityName),
  shortened: (cut) => formatLabel(shortenedLabel, cut),
  prompts: {
    goals: goalsPromptLabel,
    stakeholders: stakeholdersPromptLabel,
    scope: scopePromptLabel,
    risks: risksPromptLabel,
    promises: promisesPromptLabel,
  },
};

export default class IntakeKickoff extends LightningElement {
  labels = {
    form: formLabel,
    startDate: startDateLabel,
    startTime: startTimeLabel,
    startFuture: startFutureLabel,
    duration: durationLabel,
    invitees: inviteesLabel,
    agenda: agendaLabel,
    copyMarkdown: copyMarkdownLabel,
    copied: copiedLabel,
    copyFallback: copyFallbackLabel,
    print: printLabel,
    confirm: confirmLabel,
    loading: loadingLabel,
    loadError: loadErrorLabel,
    cancel: cancelLabel,
    required: requiredLabel,
  };

  @api handoffId?: string;
  @api opportunityId?: string;
  @api productLines: ProductLine[] = [];
  @api working = false;

  readonly agendaLimit = EVENT_DESCRIPTION_LIMIT;
  draft: KickoffDraft | null = null;
  draftError: unknown = null;
  loading = false;
  opportunity?: RecordRepresentation;
  // As the fields answer them: "2026-12-08" and "10:00", in the CSM's time zone.
  startDate = "";
  startTime = "";
  durationMinutes: number | null = null;
  selectedInvitees: string[] = [];
  // What the CSM typed; null while they keep the generated agenda (which then follows the deal as it loads).
  editedAgenda: string | null = null;
  copied = false;
  copyFallback = false;

  @wire(getRecord, { recordId: "$opportunityId", optionalFields: OPPORTUNITY_FIELDS })
  wiredOpportunity({ data }: WireResult<RecordRepresentation>) {
    // Without the deal the agenda is the CSM's to write; the rest of the kickoff still plans.
    this.opportunity = data;
  }

  connectedCallback(): void {
    this.loadDraft();
  }

  async loadDraft(): Promise<void> {
    if (!this.handoffId) return;
    this.loading = true;
    this.draftError = null;
    try {
      const draft = (await getKickoffDraft({ handoffId: this.handoffId })) as KickoffDraft;
      this.draft = draft;
      this.durationMinutes = draft.durationMinutes;
      // Everyone the handoff names is invited unless the CSM unticks them.
      this.selectedInvitees = draft.invitees.map((invitee) => invitee.id);
    } catch (error) {
      this.draftError = error;
    } finally {
      this.loading = false;
    }
  }

  get plannedText(): string | null {
    const at = this.draft?.scheduledFor;
    return at ? formatLabel(alreadyPlannedLabel, formatDateTime(at)) : null;
  }

  get minDate(): string {
    const today = new Date();
    const pad = (n: number) => String(n).padStart(2, "0");
    return `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
  }

  // The start the CSM picked, as an instant; null until both the date and the time are set.
  get startAt(): Date | null {
    if (!this.startDate || !this.startTime) return null;
    const start = new Date(`${this.startDate}T${this.startTime}`);
    return Number.isNaN(start.getTime()) ? null : start;
  }

  get startInPast(): boolean {
    const start = this.startAt;
    return start !== null && !(start.getTime() > Date.now());
  }

  get inviteeOptions() {
    return (this.draft?.invitees ?? []).map((invitee) => ({
      value: invitee.id,
      label: formatLabel(inviteeOptionLabel, invitee.name, invitee.role, invitee.email || noEmailLabel),
    }));
  }

  get agendaModel(): AgendaModel | null {
    const opportunity = this.opportunity;
    if (!opportunity) return null;
    const products = (this.productLines ?? []).map((line) => ({
      name: line.name ?? "",
      quantity: line.quantity ?? null,
    }));
    return buildAgenda((path) => readRecordPath(opportunity, path), products, WORDING);
  }

  get noAgendaModel(): boolean {
    return this.agendaModel === null;
  }

  get agenda(): string {
    if (this.editedAgenda !== null) return this.editedAgenda;
    const model = this.agendaModel;
    return model ? toPlainText(model, WORDING) : "";
  }

  get agendaCounter(): string | null {
    return counterText(this.agenda, EVENT_DESCRIPTION_LIMIT);
  }

  get markdown(): string {
    const model = this.agendaModel;
    return model ? toAgendaMarkdown(model) : "";
  }

  get planDisabled(): boolean {
    return (
      this.working ||
      !this.draft ||
      this.startAt === null ||
      this.startInPast ||
      this.selectedInvitees.length === 0 ||
      !(this.durationMinutes !== null && this.durationMinutes >= 1 && this.durationMinutes <= 1440) ||
      this.agenda.length > EVENT_DESCRIPTION_LIMIT
    );
  }

  handleDateChange(event: CustomEvent<{ value?: string }>): void {
    this.startDate = event.detail?.value ?? "";
  }

  handleTimeChange(event: Event): void {
    const value = eventValue(event as Event & { detail?: { value?: unknown } });
    this.startTime = typeof value === "string" ? value : "";
  }

  handleDurationChange(event: CustomEvent<{ value?: string }>): void {
    const value = Number(event.detail?.value);
    this.durationMinutes = event.detail?.value === "" || Number.isNaN(value) ? null : Math.round(value);
  }

  handleInviteesChange(event: CustomEvent<{ value?: string[] }>): void {
    this.selectedInvitees = [...(event.detail?.value ?? [])];
  }

  handleAgendaChange(event: CustomEvent<{ value?: string }>): void {
    this.editedAgenda = event.detail?.value ?? "";
  }

  async handleCopy(): Promise<void> {
    this.copied = false;
    try {
      await navigator.clipboard.writeText(this.markdown);
      this.copied = true;
      this.copyFallback = false;
    } catch {
      // Some browsers and containers block the clipboard: show the Markdown so the CSM can copy it by hand.
      this.copyFallback = true;
    }
  }

  handlePrint(): void {
    window.print();
  }

  handlePlan(): void {
    if (this.planDisabled) return;
    const plan: KickoffPlan = {
      startAt: (this.startAt as Date).toISOString(),
      durationMinutes: this.durationMinutes as number,
      inviteeIds: [...this.selectedInvitees],
      agenda: this.agenda,
    };
    this.dispatchEvent(new CustomEvent("plankickoff", { detail: plan }));
  }

  handleCancel(): void {
    this.dispatchEvent(new CustomEvent("cancel"));
  }
}
