// The list half of the CS intake panel: the filters, the handoffs most urgent first (the CSM's own, or the team's
// grouped for a CS manager, who lands on the team view) and paging. It loads its pages from HandoffIntakeController
// itself; the panel hears which handoff the CSM opens ("openhandoff"), or that the user has no access ("noaccess"),
// and asks for a fresh page after an action (refresh()).
import { LightningElement, api } from "lwc";
import getMyHandoffs from "@salesforce/apex/HandoffIntakeController.getMyHandoffs";
import getTeamHandoffs from "@salesforce/apex/HandoffIntakeController.getTeamHandoffs";
import { isAccessRefusal } from "c/accessErrors";
import {
  AT_RISK_HOURS,
  STATUS_FILTERS,
  TEAM_SCOPES,
  TIER_FILTERS,
  VIEW_MINE,
  VIEW_TEAM,
  eventValue,
  type HandoffPage,
  type HandoffRow,
  type RowView,
} from "c/csIntakeModel";
import { groupByOwner, myRows, type OwnerGroup } from "./listViews";
import { formatLabel } from "c/labelFormat";
import showLabel from "@salesforce/label/c.Handoff_Intake_Show";
import searchLabel from "@salesforce/label/c.Handoff_Intake_Search";
import statusLabel from "@salesforce/label/c.Handoff_Intake_Status";
import tierLabel from "@salesforce/label/c.Handoff_Intake_Tier";
import loadingLabel from "@salesforce/label/c.Handoff_Intake_Loading_List";
import loadErrorLabel from "@salesforce/label/c.Handoff_Intake_Load_Error";
import tableCaptionLabel from "@salesforce/label/c.Handoff_Intake_Table_Caption";
import accountLabel from "@salesforce/label/c.Handoff_Intake_Column_Account";
import handoffLabel from "@salesforce/label/c.Handoff_Intake_Column_Handoff";
import amountLabel from "@salesforce/label/c.Handoff_Intake_Column_Amount";
import timeLeftLabel from "@salesforce/label/c.Handoff_Intake_Column_Time_Left";
import csOwnerLabel from "@salesforce/label/c.Handoff_Intake_Column_CS_Owner";
import promisesLabel from "@salesforce/label/c.Handoff_Intake_Column_Promises";
import previousPageLabel from "@salesforce/label/c.Handoff_Intake_Previous_Page";
import nextPageLabel from "@salesforce/label/c.Handoff_Intake_Next_Page";
import pageLabel from "@salesforce/label/c.Handoff_Intake_Page";
import myHandoffsLabel from "@salesforce/label/c.Handoff_Intake_My_Handoffs";
import teamViewLabel from "@salesforce/label/c.Handoff_Intake_Team_View";
import onThisPageLabel from "@salesforce/label/c.Handoff_Intake_On_This_Page";
import emptyFilteredLabel from "@salesforce/label/c.Handoff_Intake_Empty_Filtered";
import emptyTeamLabel from "@salesforce/label/c.Handoff_Intake_Empty_Team";
import emptyMineLabel from "@salesforce/label/c.Handoff_Intake_Empty_Mine";

const PAGE_SIZE = 25;
const SEARCH_DELAY_MS = 300;

type Filter = "view" | "statusFilter" | "tierFilter";

export default class IntakeHandoffList extends LightningElement {
  labels = {
    show: showLabel,
    search: searchLabel,
    status: statusLabel,
    tier: tierLabel,
    loading: loadingLabel,
    loadError: loadErrorLabel,
    account: accountLabel,
    handoff: handoffLabel,
    amount: amountLabel,
    timeLeft: timeLeftLabel,
    csOwner: csOwnerLabel,
    promises: promisesLabel,
    previousPage: previousPageLabel,
    nextPage: nextPageLabel,
  };

  @api isManager = false;
  @api now: Date = new Date();

  view = VIEW_MINE;
  statusFilter = "";
  tierFilter = "";
  searchText = "";
  pageNumber = 1;
  hasMore = false;
  rows: HandoffRow[] = [];
  loading = true;
  listError: unknown = null;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  connectedCallback(): void {
    if (this.isManager) this.view = VIEW_TEAM;
    this.loadList();
  }

  disconnectedCallback(): void {
    if (this.searchTimer) clearTimeout(this.searchTimer);
  }

  // The page as it is now on the server, after the panel changed a handoff.
  @api
  refresh(): Promise<void> {
    return this.loadList();
  }

  private async loadList(): Promise<void> {
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
    } catch (error) {
      this.rows = [];
      this.hasMore = false;
      if (isAccessRefusal(error)) this.dispatchEvent(new CustomEvent("noaccess"));
      else this.listError = error;
    } finally {
      this.loading = false;
    }
  }

  get isTeamView(): boolean {
    return this.view !== VIEW_MINE;
  }

  get viewOptions() {
    return [
      { value: VIEW_MINE, label: myHandoffsLabel },
      ...TEAM_SCOPES.map((scope) => ({ value: scope.value, label: formatLabel(teamViewLabel, scope.label) })),
    ];
  }

  get statusOptions() {
    return STATUS_FILTERS;
  }

  get tierOptions() {
    return TIER_FILTERS;
  }

  get groups(): (OwnerGroup & { captionText: string })[] {
    const rows = this.rows ?? [];
    const groups = this.isTeamView ? groupByOwner(rows, this.now, AT_RISK_HOURS) : this.myGroup(myRows(rows, this.now));
    return groups.map((group) => ({ ...group, captionText: formatLabel(tableCaptionLabel, group.title) }));
  }

  private myGroup(mine: RowView[]): OwnerGroup[] {
    return mine.length
      ? [{ key: "mine", title: myHandoffsLabel, rows: mine, countText: formatLabel(onThisPageLabel, mine.length) }]
      : [];
  }

  get isEmpty(): boolean {
    return !this.loading && !this.listError && (this.rows ?? []).length === 0;
  }

  get emptyText(): string {
    if (this.statusFilter || this.tierFilter || this.searchText.trim()) return emptyFilteredLabel;
    return this.isTeamView ? emptyTeamLabel : emptyMineLabel;
  }

  get pageText(): string {
    return formatLabel(pageLabel, this.pageNumber);
  }

  get previousDisabled(): boolean {
    return this.loading || this.pageNumber <= 1;
  }

  get nextDisabled(): boolean {
    return this.loading || !this.hasMore;
  }

  handleFilterChange(event: CustomEvent<{ value?: unknown }>): void {
    const filter = (event.currentTarget as HTMLElement).dataset.filter as Filter;
    const value = String(eventValue(event) ?? "");
    if (filter === "view") this.view = value || VIEW_MINE;
    else this[filter] = value;
    this.pageNumber = 1;
    this.loadList();
  }

  handleSearchChange(event: CustomEvent<{ value?: unknown }>): void {
    this.searchText = String(eventValue(event) ?? "");
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

  handleOpen(event: Event): void {
    const handoffId = (event.currentTarget as HTMLElement).dataset.id;
    const row = this.rows.find((r) => r.id === handoffId);
    if (!handoffId || !row) return;
    const name = myRows([row], this.now)[0].accountText;
    this.dispatchEvent(new CustomEvent("openhandoff", { detail: { handoffId, name } }));
  }
}
