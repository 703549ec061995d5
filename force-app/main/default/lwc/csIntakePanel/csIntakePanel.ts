// The CS side of the handoff, on its own Lightning tab. The panel loads and changes data through
// HandoffIntakeController and passes it to its children: the list (c-intake-handoff-list), the handoff's details,
// its action bar, the intake checklist and the promises ledger. The children say what the CSM chose through
// events; every call's outcome is shown here, success in a status region and failure in an alert, and focus
// moves to it.
import { LightningElement } from "lwc";
import getViewerContext from "@salesforce/apex/HandoffIntakeController.getViewerContext";
import getMyHandoffs from "@salesforce/apex/HandoffIntakeController.getMyHandoffs";
import getTeamHandoffs from "@salesforce/apex/HandoffIntakeController.getTeamHandoffs";
import getIntake from "@salesforce/apex/HandoffIntakeController.getIntake";
import getCsUsers from "@salesforce/apex/HandoffIntakeController.getCsUsers";
import acceptHandoffs from "@salesforce/apex/HandoffIntakeController.acceptHandoffs";
import requestMissingInfo from "@salesforce/apex/HandoffIntakeController.requestMissingInfo";
import returnToSales from "@salesforce/apex/HandoffIntakeController.returnToSales";
import escalateHandoffs from "@salesforce/apex/HandoffIntakeController.escalateHandoffs";
import logFirstTouch from "@salesforce/apex/HandoffIntakeController.logFirstTouch";
import reassignHandoffs from "@salesforce/apex/HandoffIntakeController.reassignHandoffs";
import saveVerifiedItems from "@salesforce/apex/HandoffIntakeController.saveVerifiedItems";
import markPromises from "@salesforce/apex/HandoffIntakeController.markPromises";
import { errorMessages, isNoAccessError } from "c/handoffRules";
import {
  AT_RISK_HOURS,
  VIEW_MINE,
  VIEW_TEAM,
  eventValue,
  summarizeResults,
  toRowView,
  type ActionResult,
  type ActionValues,
  type HandoffPage,
  type HandoffRow,
  type Intake,
  type IntakeAction,
  type RowView,
  type ViewerContext,
} from "c/csIntakeModel";

const PAGE_SIZE = 25;
const SEARCH_DELAY_MS = 300;
const CLOCK_TICK_MS = 60000;

// The Apex call behind each intake action, and the verb of its summary when several handoffs succeed.
const ACTION_CALLS: Record<IntakeAction, { verb: string; call: (ids: string[], v: ActionValues) => Promise<unknown> }> =
  {
    accept: { verb: "Accepted", call: (handoffIds) => acceptHandoffs({ handoffIds }) },
    requestInfo: {
      verb: "Information requested",
      call: (handoffIds, v) => requestMissingInfo({ handoffIds, missingFields: v.missingFields, note: v.note || null }),
    },
    return: {
      verb: "Returned",
      call: (handoffIds, v) => returnToSales({ handoffIds, reason: v.reason, note: v.note || null }),
    },
    escalate: { verb: "Escalated", call: (handoffIds, v) => escalateHandoffs({ handoffIds, note: v.note || null }) },
    firstTouch: {
      verb: "First touch logged",
      call: (handoffIds, v) => logFirstTouch({ handoffIds, touchedAt: v.touchedAt || null }),
    },
  };

function sameFields(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((field) => b.includes(field));
}

interface Resettable {
  reset(): void;
}

export default class CsIntakePanel extends LightningElement {
  context: ViewerContext | null = null;
  noAccess = false;
  loading = true;
  listError: unknown = null;

  view = VIEW_MINE;
  statusFilter = "";
  tierFilter = "";
  searchText = "";
  pageNumber = 1;
  hasMore = false;
  rows: HandoffRow[] = [];
  now = new Date();

  intake: Intake | null = null;
  intakeLoading = false;
  intakeError: unknown = null;
  // The CSM's ticks, and the ticks as last loaded or saved: they differ while ticks are unsaved.
  verified: string[] = [];
  savedVerified: string[] = [];
  // Another handoff the CSM asked to open while ticks were unsaved: the panel asks before discarding them.
  pendingHandoffId: string | null = null;
  reassignTo = "";
  csUserOptions: { label: string; value: string }[] = [];

  working = false;
  actionMessage: string | null = null;
  actionErrors: string[] = [];
  // Set by each action; the next render moves focus to its outcome (not the page body).
  private focusOutcomePending = false;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
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
    const root = this.template as ShadowRoot;
    const target =
      root.querySelector<HTMLElement>('[data-id="action-error"]') ??
      root.querySelector<HTMLElement>('[data-id="unsaved-ticks"]') ??
      root.querySelector<HTMLElement>('[data-id="action-result"]');
    if (target) {
      this.focusOutcomePending = false;
      target.focus();
    }
  }

  disconnectedCallback(): void {
    window.removeEventListener("beforeunload", this.warnBeforeLeaving);
    if (this.clockTimer) clearInterval(this.clockTimer);
    if (this.searchTimer) clearTimeout(this.searchTimer);
  }

  async start(): Promise<void> {
    try {
      this.context = (await getViewerContext()) as ViewerContext;
    } catch (error) {
      this.loading = false;
      this.noAccess = isNoAccessError(error);
      this.listError = this.noAccess ? null : error;
      return;
    }
    if (!this.context.canReadHandoffs) {
      this.loading = false;
      this.noAccess = true;
      return;
    }
    if (this.context.isManager) {
      this.view = VIEW_TEAM;
      getCsUsers()
        .then((options) => {
          this.csUserOptions = options as { label: string; value: string }[];
        })
        .catch(() => {
          this.csUserOptions = [];
        });
    }
    await this.loadList();
  }

  async loadList(): Promise<void> {
    this.loading = true;
    this.listError = null;
    const filters = {
      status: this.statusFilter || null,
      tier: this.tierFilter || null,
      searchText: this.searchText.trim() || null,
      pageSize: PAGE_SIZE,
      pageNumber: this.pageNumber,
    };
    try {
      const page = (
        this.view === VIEW_MINE
          ? await getMyHandoffs(filters)
          : await getTeamHandoffs({ scope: this.view, atRiskHours: AT_RISK_HOURS, ...filters })
      ) as HandoffPage;
      this.rows = page.rows ?? [];
      this.hasMore = page.hasMore === true;
      this.now = new Date();
    } catch (error) {
      this.rows = [];
      this.hasMore = false;
      if (isNoAccessError(error)) this.noAccess = true;
      else this.listError = error;
    } finally {
      this.loading = false;
    }
  }

  get isManager(): boolean {
    return this.context?.isManager === true;
  }

  // ----- list events -----

  handleListChange(event: CustomEvent<{ view?: string; statusFilter?: string; tierFilter?: string }>): void {
    const change = event.detail ?? {};
    if (change.view !== undefined) this.view = change.view || VIEW_MINE;
    if (change.statusFilter !== undefined) this.statusFilter = change.statusFilter;
    if (change.tierFilter !== undefined) this.tierFilter = change.tierFilter;
    this.pageNumber = 1;
    this.loadList();
  }

  handleSearchChange(event: CustomEvent<{ searchText: string }>): void {
    this.searchText = event.detail?.searchText ?? "";
    this.pageNumber = 1;
    if (this.searchTimer) clearTimeout(this.searchTimer);
    // Wait for a pause in typing: one query per search, not one per keystroke.
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.searchTimer = setTimeout(() => this.loadList(), SEARCH_DELAY_MS);
  }

  handlePageChange(event: CustomEvent<{ pageNumber: number }>): void {
    this.pageNumber = Math.max(1, event.detail?.pageNumber ?? 1);
    this.loadList();
  }

  handleOpenHandoff(event: CustomEvent<{ handoffId: string }>): void {
    const handoffId = event.detail?.handoffId;
    if (!handoffId) return;
    if (this.hasUnsavedTicks && handoffId !== this.intake?.handoff.id) {
      // Ticks are work: ask before they go, and keep them unless the CSM says to discard them.
      this.pendingHandoffId = handoffId;
      this.focusOutcomePending = true;
      return;
    }
    this.openIntake(handoffId);
  }

  // ----- unsaved ticks -----

  get hasUnsavedTicks(): boolean {
    return this.intake !== null && !sameFields(this.verified, this.savedVerified);
  }

  get pendingName(): string {
    const row = this.rows.find((r) => r.id === this.pendingHandoffId);
    return row ? toRowView(row, this.now).accountText : "the other handoff";
  }

  handleKeepTicks(): void {
    this.pendingHandoffId = null;
  }

  handleDiscardTicks(): void {
    const handoffId = this.pendingHandoffId;
    this.pendingHandoffId = null;
    if (handoffId) this.openIntake(handoffId);
  }

  // ----- intake -----

  async openIntake(handoffId: string): Promise<void> {
    this.intakeLoading = true;
    this.intakeError = null;
    this.actionMessage = null;
    this.actionErrors = [];
    this.resetChildren();
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
    const saved = intake.items.filter((item) => item.verified).map((item) => item.fieldApiName);
    this.intake = intake;
    this.savedVerified = saved;
    if (!keep) this.verified = saved;
  }

  get hasIntake(): boolean {
    return this.intake !== null;
  }

  get selectedRow(): RowView | null {
    return this.intake ? toRowView(this.intake.handoff, this.now) : null;
  }

  get intakeHeading(): string {
    const row = this.selectedRow;
    return row ? `Intake: ${row.accountText} (${row.name})` : "";
  }

  get returnReasons(): string[] {
    return this.context?.returnReasons ?? [];
  }

  get reassignDisabled(): boolean {
    return this.working || !this.reassignTo;
  }

  handleVerifiedChange(event: CustomEvent<{ field: string; checked: boolean }>): void {
    const { field, checked } = event.detail ?? { field: "", checked: false };
    if (!field) return;
    const others = this.verified.filter((f) => f !== field);
    this.verified = checked ? [...others, field] : others;
  }

  handleReassignToChange(event: CustomEvent<{ value?: unknown }>): void {
    this.reassignTo = String(eventValue(event) ?? "");
  }

  private get handoffIds(): string[] {
    return this.intake ? [this.intake.handoff.id] : [];
  }

  handleIntakeAction(event: CustomEvent<{ name: IntakeAction; values: ActionValues }>): Promise<void> {
    const { name, values } = event.detail;
    const action = ACTION_CALLS[name];
    if (!action) return Promise.resolve();
    return this.runAction(action.verb, () => action.call(this.handoffIds, values));
  }

  handleReassign(): Promise<void> {
    if (this.reassignDisabled) return Promise.resolve();
    return this.runAction("Reassigned", () =>
      reassignHandoffs({ handoffIds: this.handoffIds, newOwnerId: this.reassignTo }),
    );
  }

  handleSaveVerified(): Promise<void> {
    const handoffId = this.intake?.handoff.id ?? "";
    const verifiedFields = [...this.verified];
    return this.runAction("Verified items saved", async () => {
      const result = (await saveVerifiedItems({ handoffId, verifiedFields })) as ActionResult;
      if (result?.success) this.savedVerified = verifiedFields;
      return [result];
    });
  }

  handleMarkPromise(event: CustomEvent<{ promiseId: string; status: string; note: string | null }>): Promise<void> {
    const { promiseId, status, note } = event.detail;
    return this.runAction(`Marked ${status}`, () => markPromises({ promiseIds: [promiseId], status, note }));
  }

  private resetChildren(): void {
    const root = this.template as ShadowRoot;
    for (const child of root.querySelectorAll("c-intake-action-bar, c-intake-promises")) {
      (child as unknown as Resettable).reset();
    }
  }

  // Runs one action, shows its outcome, then reloads the handoff and the list so both show the new state.
  private async runAction(verb: string, call: () => Promise<unknown>): Promise<void> {
    const handoffId = this.intake?.handoff.id;
    this.working = true;
    this.actionMessage = null;
    this.actionErrors = [];
    let anySuccess = false;
    try {
      const summary = summarizeResults(verb, (await call()) as ActionResult[]);
      this.actionMessage = summary.ok;
      this.actionErrors = summary.failed;
      anySuccess = summary.ok !== null;
    } catch (error) {
      this.actionErrors = errorMessages(error);
    } finally {
      this.working = false;
      this.focusOutcomePending = true;
    }
    if (anySuccess) {
      this.resetChildren();
      if (handoffId) {
        try {
          this.applyIntake((await getIntake({ handoffId })) as Intake, true);
        } catch (error) {
          this.intakeError = error;
        }
      }
      await this.loadList();
    }
  }

  get hasActionErrors(): boolean {
    return this.actionErrors.length > 0;
  }

  get actionErrorItems() {
    return this.actionErrors.map((message, index) => ({ key: `error-${index}`, message }));
  }
}
