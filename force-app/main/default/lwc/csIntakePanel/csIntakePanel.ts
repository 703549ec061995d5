// The CS side of the handoff, on its own Lightning tab. The panel holds the open handoff and changes it through
// HandoffIntakeController; its children show it and say what the CSM chose through events: the list
// (c-intake-handoff-list), the handoff's details, its action bar, the intake checklist and the promises ledger.
// Every call's outcome is shown here, success in a status region and failure in an alert, and focus moves to it.
import { LightningElement } from "lwc";
import getViewerContext from "@salesforce/apex/HandoffIntakeController.getViewerContext";
import getIntake from "@salesforce/apex/HandoffIntakeController.getIntake";
import acceptHandoffs from "@salesforce/apex/HandoffIntakeController.acceptHandoffs";
import requestMissingInfo from "@salesforce/apex/HandoffIntakeController.requestMissingInfo";
import returnToSales from "@salesforce/apex/HandoffIntakeController.returnToSales";
import escalateHandoffs from "@salesforce/apex/HandoffIntakeController.escalateHandoffs";
import logFirstTouch from "@salesforce/apex/HandoffIntakeController.logFirstTouch";
import reassignHandoffs from "@salesforce/apex/HandoffIntakeController.reassignHandoffs";
import saveVerifiedItems from "@salesforce/apex/HandoffIntakeController.saveVerifiedItems";
import markPromises from "@salesforce/apex/HandoffIntakeController.markPromises";
import planKickoff from "@salesforce/apex/HandoffIntakeController.planKickoff";
import sendRecaps from "@salesforce/apex/HandoffIntakeController.sendRecaps";
import recordRecapAnswer from "@salesforce/apex/HandoffIntakeController.recordRecapAnswer";
import { errorMessages } from "c/handoffRules";
import { isAccessRefusal } from "c/accessErrors";
import {
  summarizeResults,
  toRowView,
  type ActionResult,
  type ActionValues,
  type Intake,
  type IntakeAction,
  type KickoffPlan,
  type ViewerContext,
} from "c/csIntakeModel";
import { formatLabel } from "c/labelFormat";
import titleLabel from "@salesforce/label/c.Handoff_Intake_Title";
import noAccessTitleLabel from "@salesforce/label/c.Handoff_Intake_No_Access_Title";
import noAccessHintLabel from "@salesforce/label/c.Handoff_Intake_No_Access_Hint";
import loadErrorLabel from "@salesforce/label/c.Handoff_Intake_Load_Error";
import loadingLabel from "@salesforce/label/c.Handoff_Intake_Loading";
import handoffNoAccessLabel from "@salesforce/label/c.Handoff_Intake_Handoff_No_Access";
import unsavedTicksLabel from "@salesforce/label/c.Handoff_Intake_Unsaved_Ticks";
import keepTicksLabel from "@salesforce/label/c.Handoff_Intake_Keep_Ticks";
import discardTicksLabel from "@salesforce/label/c.Handoff_Intake_Discard_Ticks";
import otherHandoffLabel from "@salesforce/label/c.Handoff_Intake_Other_Handoff";
import headingLabel from "@salesforce/label/c.Handoff_Intake_Heading";
import doneAcceptedLabel from "@salesforce/label/c.Handoff_Intake_Done_Accepted";
import doneInfoRequestedLabel from "@salesforce/label/c.Handoff_Intake_Done_Info_Requested";
import doneReturnedLabel from "@salesforce/label/c.Handoff_Intake_Done_Returned";
import doneEscalatedLabel from "@salesforce/label/c.Handoff_Intake_Done_Escalated";
import doneFirstTouchLabel from "@salesforce/label/c.Handoff_Intake_Done_First_Touch";
import doneReassignedLabel from "@salesforce/label/c.Handoff_Intake_Done_Reassigned";
import doneVerifiedSavedLabel from "@salesforce/label/c.Handoff_Intake_Done_Verified_Saved";
import donePromiseMarkedLabel from "@salesforce/label/c.Handoff_Intake_Done_Promise_Marked";
import doneKickoffLabel from "@salesforce/label/c.Handoff_Intake_Done_Kickoff";
import doneRecapSentLabel from "@salesforce/label/c.Handoff_Intake_Done_Recap_Sent";
import doneRecapAnswerLabel from "@salesforce/label/c.Handoff_Intake_Done_Recap_Answer";

const CLOCK_TICK_MS = 60000;

// The Apex call behind each intake action, and the label of its summary when several handoffs succeed.
const ACTION_CALLS: Record<IntakeAction, { done: string; call: (ids: string[], v: ActionValues) => Promise<unknown> }> =
  {
    accept: { done: doneAcceptedLabel, call: (handoffIds) => acceptHandoffs({ handoffIds }) },
    requestInfo: {
      done: doneInfoRequestedLabel,
      call: (handoffIds, v) => requestMissingInfo({ handoffIds, missingFields: v.missingFields, note: v.note || null }),
    },
    return: {
      done: doneReturnedLabel,
      call: (handoffIds, v) => returnToSales({ handoffIds, reason: v.reason, note: v.note || null }),
    },
    escalate: {
      done: doneEscalatedLabel,
      call: (handoffIds, v) => escalateHandoffs({ handoffIds, note: v.note || null }),
    },
    firstTouch: {
      done: doneFirstTouchLabel,
      call: (handoffIds, v) => logFirstTouch({ handoffIds, touchedAt: v.touchedAt || null }),
    },
    // One handoff, one kickoff: the answer is one result, listed like the others.
    planKickoff: {
      done: doneKickoffLabel,
      call: async (handoffIds, v) => [await planKickoff({ handoffId: handoffIds[0], ...(v.kickoff as KickoffPlan) })],
    },
  };

const sameFields = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((f) => b.includes(f));

// The children the panel asks to refresh or forget what was typed.
type Child = Element & { reset?: () => void; refresh?: () => Promise<void> };

export default class CsIntakePanel extends LightningElement {
  labels = {
    title: titleLabel,
    noAccessTitle: noAccessTitleLabel,
    noAccessHint: noAccessHintLabel,
    loadError: loadErrorLabel,
    loading: loadingLabel,
    handoffNoAccess: handoffNoAccessLabel,
    keepTicks: keepTicksLabel,
    discardTicks: discardTicksLabel,
  };

  context: ViewerContext | null = null;
  noAccess = false;
  contextError: unknown = null;
  now = new Date();

  intake: Intake | null = null;
  intakeLoading = false;
  intakeError: unknown = null;
  // The CSM's ticks, and the ticks as last loaded or saved: they differ while ticks are unsaved.
  verified: string[] = [];
  savedVerified: string[] = [];
  // Another handoff the CSM asked to open while ticks were unsaved: the panel asks before discarding them.
  pendingHandoffId: string | null = null;
  pendingName = "";

  working = false;
  actionMessage: string | null = null;
  actionErrors: string[] = [];
  // Set by each action; the next render moves focus to its outcome (not the page body).
  private focusOutcomePending = false;
  private clockTimer: ReturnType<typeof setInterval> | undefined;
  // Leaving the page or the tab with unsaved ticks: the browser (and Lightning) ask first, as the checklist does.
  private readonly warnBeforeLeaving = (event: BeforeUnloadEvent) => {
    if (!this.hasUnsavedTicks) return;
    event.preventDefault();
    event.returnValue = "";
  };

  connectedCallback(): void {
    window.addEventListener("beforeunload", this.warnBeforeLeaving);
    this.start();
    // Time left changes while the CSM works: refresh the words, not the data, every minute.
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.clockTimer = setInterval(() => {
      this.now = new Date();
    }, CLOCK_TICK_MS);
  }

  renderedCallback(): void {
    if (!this.focusOutcomePending) return;
    const target = ['[data-id="action-error"]', '[data-id="unsaved-ticks"]', '[data-id="action-result"]']
      .map((selector) => (this.template as ShadowRoot).querySelector<HTMLElement>(selector))
      .find(Boolean);
    if (target) {
      this.focusOutcomePending = false;
      target.focus();
    }
  }

  disconnectedCallback(): void {
    window.removeEventListener("beforeunload", this.warnBeforeLeaving);
    if (this.clockTimer) clearInterval(this.clockTimer);
  }

  async start(): Promise<void> {
    try {
      const context = (await getViewerContext()) as ViewerContext;
      this.noAccess = !context.canReadHandoffs;
      this.context = context;
    } catch (error) {
      this.noAccess = isAccessRefusal(error);
      this.contextError = this.noAccess ? null : error;
    }
  }

  // The list loads once the panel knows who is looking (a CS manager starts on the team view).
  get showList(): boolean {
    return this.context !== null && !this.noAccess;
  }

  get isManager(): boolean {
    return this.context?.isManager === true;
  }

  get returnReasons(): string[] {
    return this.context?.returnReasons ?? [];
  }

  handleNoAccess(): void {
    this.noAccess = true;
  }

  handleOpenHandoff(event: CustomEvent<{ handoffId: string; name?: string }>): void {
    const handoffId = event.detail?.handoffId;
    if (!handoffId) return;
    if (this.hasUnsavedTicks && handoffId !== this.intake?.handoff.id) {
      // Ticks are work: ask before they go, and keep them unless the CSM says to discard them.
      this.pendingHandoffId = handoffId;
      this.pendingName = event.detail.name ?? otherHandoffLabel;
      this.focusOutcomePending = true;
      return;
    }
    this.openIntake(handoffId);
  }

  get unsavedTicksText(): string {
    return formatLabel(unsavedTicksLabel, this.pendingName);
  }

  get hasUnsavedTicks(): boolean {
    return this.intake !== null && !sameFields(this.verified, this.savedVerified);
  }

  handleKeepTicks(): void {
    this.pendingHandoffId = null;
  }

  handleDiscardTicks(): void {
    const handoffId = this.pendingHandoffId;
    this.pendingHandoffId = null;
    if (handoffId) this.openIntake(handoffId);
  }

  async openIntake(handoffId: string): Promise<void> {
    this.intakeLoading = true;
    this.intakeError = null;
    this.actionMessage = null;
    this.actionErrors = [];
    this.childrenMatching("c-intake-action-bar, c-intake-promises, c-intake-recap").forEach((child) => child.reset?.());
    try {
      this.applyIntake((await getIntake({ handoffId })) as Intake, false);
    } catch (error) {
      this.intake = null;
      this.intakeError = error;
    } finally {
      this.intakeLoading = false;
    }
  }

  // A reload of the same handoff after an action keeps the CSM's unsaved ticks; another handoff starts from its own.
  applyIntake(intake: Intake, keepUnsavedTicks: boolean): void {
    const keep = keepUnsavedTicks && this.hasUnsavedTicks && this.intake?.handoff.id === intake.handoff.id;
    this.intake = intake;
    this.savedVerified = intake.items.filter((item) => item.verified).map((item) => item.fieldApiName);
    if (!keep) this.verified = this.savedVerified;
  }

  get hasIntake(): boolean {
    return this.intake !== null;
  }

  get intakeHeading(): string {
    const row = this.intake ? toRowView(this.intake.handoff, this.now) : null;
    return row ? formatLabel(headingLabel, row.accountText, row.name) : "";
  }

  handleVerifiedChange(event: CustomEvent<{ field: string; checked: boolean }>): void {
    const { field, checked } = event.detail;
    const others = this.verified.filter((f) => f !== field);
    this.verified = checked ? [...others, field] : others;
  }

  private get handoffIds(): string[] {
    return this.intake ? [this.intake.handoff.id] : [];
  }

  handleIntakeAction(event: CustomEvent<{ name: IntakeAction; values: ActionValues }>): Promise<void> {
    const action = ACTION_CALLS[event.detail.name];
    return this.runAction(action.done, () => action.call(this.handoffIds, event.detail.values));
  }

  handleReassign(event: CustomEvent<{ newOwnerId: string }>): Promise<void> {
    const newOwnerId = event.detail.newOwnerId;
    return this.runAction(doneReassignedLabel, () => reassignHandoffs({ handoffIds: this.handoffIds, newOwnerId }));
  }

  handleSaveVerified(): Promise<void> {
    const handoffId = this.intake?.handoff.id ?? "";
    const verifiedFields = [...this.verified];
    return this.runAction(doneVerifiedSavedLabel, async () => {
      const result = (await saveVerifiedItems({ handoffId, verifiedFields })) as ActionResult;
      if (result?.success) this.savedVerified = verifiedFields;
      return [result];
    });
  }

  handleMarkPromise(event: CustomEvent<{ promiseId: string; status: string; note: string | null }>): Promise<void> {
    const { promiseId, status, note } = event.detail;
    // The status goes in now ({1}); {0} stays for the count summarizeResults fills in.
    return this.runAction(formatLabel(donePromiseMarkedLabel, "{0}", status), () =>
      markPromises({ promiseIds: [promiseId], status, note }),
    );
  }

  handleSendRecap(event: CustomEvent<{ resend: boolean }>): Promise<void> {
    const resend = event.detail?.resend === true;
    return this.runAction(doneRecapSentLabel, () => sendRecaps({ handoffIds: this.handoffIds, resend }));
  }

  handleRecordRecapAnswer(
    event: CustomEvent<{
      outcome: string;
      corrections: { fieldApiName: string; correctedValue: string }[];
      note: string | null;
    }>,
  ): Promise<void> {
    const { outcome, corrections, note } = event.detail;
    const handoffId = this.intake?.handoff.id ?? "";
    return this.runAction(doneRecapAnswerLabel, async () => [
      (await recordRecapAnswer({ handoffId, outcome, corrections, note })) as ActionResult,
    ]);
  }

  private childrenMatching(selector: string): Child[] {
    return [...(this.template as ShadowRoot).querySelectorAll(selector)] as Child[];
  }

  // Runs one action, shows its outcome, then reloads the handoff and the list so both show the new state.
  // doneLabel: the action's summary label for several successes, {0} for their count.
  private async runAction(doneLabel: string, call: () => Promise<unknown>): Promise<void> {
    const handoffId = this.intake?.handoff.id;
    this.working = true;
    this.actionMessage = null;
    this.actionErrors = [];
    let anySuccess = false;
    try {
      const summary = summarizeResults(doneLabel, (await call()) as ActionResult[]);
      this.actionMessage = summary.ok;
      this.actionErrors = summary.failed;
      anySuccess = summary.ok !== null;
    } catch (error) {
      this.actionErrors = errorMessages(error);
    } finally {
      this.working = false;
      this.focusOutcomePending = true;
    }
    if (!anySuccess) return;
    this.childrenMatching("c-intake-action-bar, c-intake-promises, c-intake-recap").forEach((child) => child.reset?.());
    if (handoffId) {
      try {
        this.applyIntake((await getIntake({ handoffId })) as Intake, true);
      } catch (error) {
        this.intakeError = error;
      }
    }
    await Promise.all(this.childrenMatching("c-intake-handoff-list").map((list) => list.refresh?.()));
  }

  get hasActionErrors(): boolean {
    return this.actionErrors.length > 0;
  }

  get actionErrorItems() {
    return this.actionErrors.map((message, index) => ({ key: `error-${index}`, message }));
  }
}
