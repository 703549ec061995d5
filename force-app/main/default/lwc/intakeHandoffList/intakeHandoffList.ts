// The list half of the CS intake panel: the filters, the handoffs most urgent first (the CSM's own, or the team's
// grouped for a CS manager, who lands on the team view) and paging. It loads its pages from HandoffIntakeController
// itself; the panel hears which handoff the CSM opens ("openhandoff"), or that the user has no access ("noaccess"),
// and asks for a fresh page after an action (refresh()).
import { LightningElement, api } from "lwc";
import getMyHandoffs from "@salesforce/apex/HandoffIntakeController.getMyHandoffs";
import getTeamHandoffs from "@salesforce/apex/HandoffIntakeController.getTeamHandoffs";
import { isNoAccessError } from "c/handoffRules";
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
} from "c/csIntakeModel";
import { groupByOwner, myRows, type OwnerGroup } from "./listViews";

const PAGE_SIZE = 25;
const SEARCH_DELAY_MS = 300;

type Filter = "view" | "statusFilter" | "tierFilter";

export default class IntakeHandoffList extends LightningElement {
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
      if (isNoAccessError(error)) this.dispatchEvent(new CustomEvent("noaccess"));
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
      { value: VIEW_MINE, label: "My handoffs" },
      ...TEAM_SCOPES.map((scope) => ({ value: scope.value, label: `Team: ${scope.label}` })),
    ];
  }

  get statusOptions() {
    return STATUS_FILTERS;
  }

  get tierOptions() {
    return TIER_FILTERS;
  }

  get groups(): OwnerGroup[] {
    const rows = this.rows ?? [];
    if (this.isTeamView) return groupByOwner(rows, this.now, AT_RISK_HOURS);
    const mine = myRows(rows, this.now);
    return mine.length
      ? [{ key: "mine", title: "My handoffs", rows: mine, countText: `${mine.length} on this page` }]
      : [];
  }

  get isEmpty(): boolean {
    return !this.loading && !this.listError && (this.rows ?? []).length === 0;
  }

  get emptyText(): string {
    if (this.statusFilter || this.tierFilter || this.searchText.trim()) return "No handoffs match these filters.";
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
