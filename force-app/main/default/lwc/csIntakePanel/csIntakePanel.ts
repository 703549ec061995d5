// The CS side of the handoff, on its own Lightning tab: the CSM's handoffs most urgent first (or, for CS managers,
// the team's), the intake checklist of the selected handoff with "verified" ticks beside what Sales entered, the
// intake actions, and the promises ledger. All data comes from HandoffIntakeController; every call's outcome is
// shown in the panel, success in a status region and failure in an alert.
import { LightningElement, wire } from "lwc";
import { getObjectInfo, type ObjectInfo } from "lightning/uiObjectInfoApi";
import type { WireResult } from "lightning/uiRecordApi";
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
  STATUS_FILTERS,
  TEAM_SCOPES,
  actionAvailability,
  TIER_FILTERS,
  groupByOwner,
  groupItems,
  myRows,
  intakePath,
  promiseSummary,
  requestOptions,
  summarizeResults,
  toProductLineViews,
  toPromiseViews,
  toRowView,
  toStakeholderViews,
  toTimelineViews,
  verificationText,
  type ActionAvailability,
  type ActionResult,
  type IntakeAction,
  type HandoffPage,
  type HandoffRow,
  type Intake,
  type ItemGroup,
  type OwnerGroup,
  type PromiseView,
  type RowView,
  type ViewerContext,
} from "./csIntakeModel";

const PAGE_SIZE = 25;
const AT_RISK_HOURS = 24;
const SEARCH_DELAY_MS = 300;
const CLOCK_TICK_MS = 60000;
const VIEW_MINE = "mine";
// A CS manager lands on the team view: unassigned, at risk and escalated handoffs first.
const VIEW_TEAM = "all";

type FormName = "" | "requestInfo" | "return" | "escalate" | "firstTouch";

// Where each form's note is kept, so the note stops at that field's length from the schema.
const NOTE_FIELDS: Record<string, { objectApiName: string; fieldApiName: string }> = {
  requestInfo: { objectApiName: "Handoff__c", fieldApiName: "Missing_Info_Request__c" },
  return: { objectApiName: "Handoff__c", fieldApiName: "Intake_Notes__c" },
  escalate: { objectApiName: "Handoff__c", fieldApiName: "Intake_Notes__c" },
  promise: { objectApiName: "Handoff_Promise__c", fieldApiName: "Status_Note__c" },
};

function counterText(value: string, max: number | null): string | null {
  return max ? `${value.length.toLocaleString("en-US")} of ${max.toLocaleString("en-US")} characters` : null;
}

interface ValueEvent {
  detail?: { value?: unknown; checked?: boolean };
  target?: { value?: unknown; checked?: boolean; dataset?: Record<string, string | undefined> };
  currentTarget?: { dataset?: Record<string, string | undefined> };
}

function eventValue(event: ValueEvent): string {
  const value = event.detail?.value ?? event.target?.value;
  return value === undefined || value === null ? "" : String(value);
}

function dataOf(event: ValueEvent, key: string): string {
  return event.currentTarget?.dataset?.[key] ?? event.target?.dataset?.[key] ?? "";
}

export default class CsIntakePanel extends LightningElement {
  context: ViewerContext | null = null;
  noAccess = false;
  loading = true;
  listError: string | null = null;

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
  intakeError: string | null = null;
  verified = new Set<string>();
  activeForm: FormName = "";
  missingSelected: string[] = [];
  note = "";
  returnReason = "";
  firstTouchAt = "";
  reassignTo = "";
  csUserOptions: { label: string; value: string }[] = [];
  promiseNote = "";

  working = false;
  actionMessage: string | null = null;
  actionErrors: string[] = [];
  // Set by each action; the next render moves focus to its outcome (not the page body).
  private focusOutcomePending = false;

  handoffInfo?: ObjectInfo;
  promiseInfo?: ObjectInfo;

  // Field lengths only: without them the notes still work, just without a counter.
  @wire(getObjectInfo, { objectApiName: "Handoff__c" })
  wiredHandoffInfo({ data }: WireResult<ObjectInfo>) {
    this.handoffInfo = data;
  }

  @wire(getObjectInfo, { objectApiName: "Handoff_Promise__c" })
  wiredPromiseInfo({ data }: WireResult<ObjectInfo>) {
    this.promiseInfo = data;
  }

  private maxLengthFor(kind: string): number | null {
    const target = NOTE_FIELDS[kind];
    if (!target) return null;
    const info = target.objectApiName === "Handoff__c" ? this.handoffInfo : this.promiseInfo;
    const length = info?.fields?.[target.fieldApiName]?.length;
    return typeof length === "number" && length > 0 ? length : null;
  }

  get noteMaxLength(): number | null {
    return this.maxLengthFor(this.activeForm);
  }

  get noteCounterText(): string | null {
    return counterText(this.note, this.noteMaxLength);
  }

  get promiseNoteMaxLength(): number | null {
    return this.maxLengthFor("promise");
  }

  get promiseNoteCounterText(): string | null {
    return counterText(this.promiseNote, this.promiseNoteMaxLength);
  }

  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private clockTimer: ReturnType<typeof setInterval> | undefined;

  connectedCallback(): void {
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
      root.querySelector<HTMLElement>('[data-id="action-result"]');
    if (target) {
      this.focusOutcomePending = false;
      target.focus();
    }
  }

  disconnectedCallback(): void {
    if (this.clockTimer) clearInterval(this.clockTimer);
    if (this.searchTimer) clearTimeout(this.searchTimer);
  }

  async start(): Promise<void> {
    try {
      this.context = (await getViewerContext()) as ViewerContext;
    } catch (error) {
      this.loading = false;
      this.noAccess = isNoAccessError(error);
      this.listError = this.noAccess ? null : errorMessages(error).join(" ");
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
      else this.listError = errorMessages(error).join(" ");
    } finally {
      this.loading = false;
    }
  }

  // ----- list -----

  get isManager(): boolean {
    return this.context?.isManager === true;
  }

  get isTeamView(): boolean {
    return this.view !== VIEW_MINE;
  }

  get viewOptions() {
    return [
      { value: VIEW_MINE, label: "My handoffs" },
      ...TEAM_SCOPES.map((s) => ({ value: s.value, label: `Team: ${s.label}` })),
    ];
  }

  get statusOptions() {
    return STATUS_FILTERS;
  }

  get tierOptions() {
    return TIER_FILTERS;
  }

  get groups(): OwnerGroup[] {
    if (this.isTeamView) return groupByOwner(this.rows, this.now, AT_RISK_HOURS);
    const rows: RowView[] = myRows(this.rows, this.now);
    return rows.length ? [{ key: "mine", title: "My handoffs", rows, countText: `${rows.length} on this page` }] : [];
  }

  get isEmpty(): boolean {
    return !this.loading && !this.listError && this.rows.length === 0;
  }

  get emptyText(): string {
    const filtered = !!(this.statusFilter || this.tierFilter || this.searchText.trim());
    if (filtered) return "No handoffs match these filters.";
    return this.isTeamView ? "Nothing in this team list right now." : "No open handoffs are assigned to you.";
  }

  get pageText(): string {
    return `Page ${this.pageNumber}`;
  }

  get previousDisabled(): boolean {
    return this.loading || this.pageNumber <= 1;
  }

  get nextDisabled(): boolean {
    return this.loading || !this.hasMore;
  }

  handleViewChange(event: ValueEvent): void {
    this.view = eventValue(event) || VIEW_MINE;
    this.pageNumber = 1;
    this.loadList();
  }

  handleStatusChange(event: ValueEvent): void {
    this.statusFilter = eventValue(event);
    this.pageNumber = 1;
    this.loadList();
  }

  handleTierChange(event: ValueEvent): void {
    this.tierFilter = eventValue(event);
    this.pageNumber = 1;
    this.loadList();
  }

  handleSearchChange(event: ValueEvent): void {
    this.searchText = eventValue(event);
    this.pageNumber = 1;
    if (this.searchTimer) clearTimeout(this.searchTimer);
    // Wait for a pause in typing: one query per search, not one per keystroke.
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.searchTimer = setTimeout(() => this.loadList(), SEARCH_DELAY_MS);
  }

  handlePrevious(): void {
    if (this.pageNumber > 1) {
      this.pageNumber -= 1;
      this.loadList();
    }
  }

  handleNext(): void {
    if (this.hasMore) {
      this.pageNumber += 1;
      this.loadList();
    }
  }

  handleOpen(event: ValueEvent): void {
    const handoffId = dataOf(event, "id");
    if (handoffId) this.openIntake(handoffId);
  }

  // ----- intake -----

  async openIntake(handoffId: string): Promise<void> {
    this.intakeLoading = true;
    this.intakeError = null;
    this.activeForm = "";
    this.actionMessage = null;
    this.actionErrors = [];
    try {
      this.applyIntake((await getIntake({ handoffId })) as Intake);
    } catch (error) {
      this.intake = null;
      this.intakeError = isNoAccessError(error)
        ? "You do not have access to this handoff."
        : errorMessages(error).join(" ");
    } finally {
      this.intakeLoading = false;
    }
  }

  applyIntake(intake: Intake): void {
    this.intake = intake;
    this.verified = new Set(intake.items.filter((i) => i.verified).map((i) => i.fieldApiName));
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

  get itemGroups(): ItemGroup[] {
    return this.intake ? groupItems(this.intake.items, this.verified) : [];
  }

  get hasItems(): boolean {
    return (this.intake?.items.length ?? 0) > 0;
  }

  get verificationText(): string {
    return this.intake ? verificationText(this.intake.items, this.verified) : "";
  }

  get promises(): PromiseView[] {
    return this.intake ? toPromiseViews(this.intake.promises) : [];
  }

  get hasPromises(): boolean {
    return (this.intake?.promises.length ?? 0) > 0;
  }

  get promiseSummary(): string {
    return this.intake ? promiseSummary(this.intake.promises) : "";
  }

  get missingOptions() {
    return requestOptions(this.intake?.items ?? []);
  }

  get path() {
    return intakePath(this.intake?.handoff.status ?? null);
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

  get returnReasonOptions() {
    return (this.context?.returnReasons ?? []).map((r) => ({ label: r, value: r }));
  }

  get showRequestInfoForm(): boolean {
    return this.activeForm === "requestInfo";
  }

  get showReturnForm(): boolean {
    return this.activeForm === "return";
  }

  get showEscalateForm(): boolean {
    return this.activeForm === "escalate";
  }

  get showFirstTouchForm(): boolean {
    return this.activeForm === "firstTouch";
  }

  get actionsDisabled(): boolean {
    return this.working;
  }

  // What the selected handoff's status allows (HandoffIntakeService's rules, mirrored in csIntakeModel).
  get availability(): ActionAvailability | null {
    return this.intake ? actionAvailability(this.intake.handoff) : null;
  }

  private actionOff(action: IntakeAction): boolean {
    return this.working || this.availability?.enabled[action] !== true;
  }

  get acceptDisabled(): boolean {
    return this.actionOff("accept");
  }

  get requestInfoDisabled(): boolean {
    return this.actionOff("requestInfo");
  }

  get returnActionDisabled(): boolean {
    return this.actionOff("return");
  }

  get escalateDisabled(): boolean {
    return this.actionOff("escalate");
  }

  get firstTouchDisabled(): boolean {
    return this.actionOff("firstTouch");
  }

  get actionReason(): string | null {
    return this.availability?.reason ?? null;
  }

  get sendRequestDisabled(): boolean {
    return this.requestInfoDisabled || this.missingSelected.length === 0;
  }

  get returnDisabled(): boolean {
    return this.returnActionDisabled || !this.returnReason;
  }

  get reassignDisabled(): boolean {
    return this.working || !this.reassignTo;
  }

  handleVerifiedChange(event: ValueEvent): void {
    const field = dataOf(event, "field");
    const checked = event.detail?.checked ?? event.target?.checked ?? false;
    const next = new Set(this.verified);
    if (checked) next.add(field);
    else next.delete(field);
    this.verified = next;
  }

  handleShowForm(event: ValueEvent): void {
    const form = dataOf(event, "form") as FormName;
    if (form && this.actionOff(form)) return;
    this.activeForm = this.activeForm === form ? "" : form;
    this.note = "";
    this.actionMessage = null;
    this.actionErrors = [];
    // Nothing ticked: the CSM picks what to ask for (the failing answers are listed first).
    if (form === "requestInfo") this.missingSelected = [];
  }

  handleCancelForm(): void {
    this.activeForm = "";
  }

  handleMissingChange(event: ValueEvent): void {
    const value = event.detail?.value;
    this.missingSelected = Array.isArray(value) ? value.map(String) : [];
  }

  handleNoteChange(event: ValueEvent): void {
    this.note = eventValue(event);
  }

  handleReturnReasonChange(event: ValueEvent): void {
    this.returnReason = eventValue(event);
  }

  handleFirstTouchChange(event: ValueEvent): void {
    this.firstTouchAt = eventValue(event);
  }

  handleReassignToChange(event: ValueEvent): void {
    this.reassignTo = eventValue(event);
  }

  handlePromiseNoteChange(event: ValueEvent): void {
    this.promiseNote = eventValue(event);
  }

  private get handoffIds(): string[] {
    return this.intake ? [this.intake.handoff.id] : [];
  }

  handleAccept(): Promise<void> {
    if (this.acceptDisabled) return Promise.resolve();
    return this.runAction("Accepted", () => acceptHandoffs({ handoffIds: this.handoffIds }));
  }

  handleSendRequest(): Promise<void> {
    if (this.sendRequestDisabled) return Promise.resolve();
    return this.runAction("Information requested", () =>
      requestMissingInfo({ handoffIds: this.handoffIds, missingFields: this.missingSelected, note: this.note || null }),
    );
  }

  handleReturn(): Promise<void> {
    return this.runAction("Returned", () =>
      returnToSales({ handoffIds: this.handoffIds, reason: this.returnReason, note: this.note || null }),
    );
  }

  handleEscalate(): Promise<void> {
    return this.runAction("Escalated", () =>
      escalateHandoffs({ handoffIds: this.handoffIds, note: this.note || null }),
    );
  }

  handleLogFirstTouch(): Promise<void> {
    return this.runAction("First touch logged", () =>
      logFirstTouch({ handoffIds: this.handoffIds, touchedAt: this.firstTouchAt || null }),
    );
  }

  handleReassign(): Promise<void> {
    return this.runAction("Reassigned", () =>
      reassignHandoffs({ handoffIds: this.handoffIds, newOwnerId: this.reassignTo }),
    );
  }

  handleSaveVerified(): Promise<void> {
    const handoffId = this.intake?.handoff.id ?? "";
    return this.runAction("Verified items saved", async () => [
      await saveVerifiedItems({ handoffId, verifiedFields: [...this.verified] }),
    ]);
  }

  handleMarkPromise(event: ValueEvent): Promise<void> {
    const promiseId = dataOf(event, "promise");
    const status = dataOf(event, "status");
    return this.runAction(`Marked ${status}`, () =>
      markPromises({ promiseIds: [promiseId], status, note: this.promiseNote || null }),
    );
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
      this.activeForm = "";
      this.promiseNote = "";
      if (handoffId) {
        try {
          this.applyIntake((await getIntake({ handoffId })) as Intake);
        } catch (error) {
          this.intakeError = errorMessages(error).join(" ");
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
