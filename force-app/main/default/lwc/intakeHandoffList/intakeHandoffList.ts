// The list half of the CS intake panel: the filters, the handoffs most urgent first (the CSM's own, or the team's
// grouped for a CS manager) and paging. It holds no data of its own: the panel passes the page it loaded and
// hears back what the CSM chose ("listchange", "searchchange", "pagechange", "openhandoff").
import { LightningElement, api } from "lwc";
import {
  AT_RISK_HOURS,
  STATUS_FILTERS,
  TEAM_SCOPES,
  TIER_FILTERS,
  VIEW_MINE,
  eventValue,
  groupByOwner,
  myRows,
  type HandoffRow,
  type OwnerGroup,
} from "c/csIntakeModel";

export default class IntakeHandoffList extends LightningElement {
  @api isManager = false;
  @api view = VIEW_MINE;
  @api statusFilter = "";
  @api tierFilter = "";
  @api searchText = "";
  @api rows: HandoffRow[] = [];
  @api now: Date = new Date();
  @api loading = false;
  // Set while the list failed to load (the panel shows the error): no "nothing here" text then.
  @api listError: unknown = null;
  @api pageNumber = 1;
  @api hasMore = false;

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

  private send(name: string, detail: Record<string, unknown>): void {
    this.dispatchEvent(new CustomEvent(name, { detail }));
  }

  handleFilterChange(event: CustomEvent<{ value?: unknown }>): void {
    const filter = (event.currentTarget as HTMLElement).dataset.filter ?? "";
    this.send("listchange", { [filter]: String(eventValue(event) ?? "") });
  }

  handleSearchChange(event: CustomEvent<{ value?: unknown }>): void {
    this.send("searchchange", { searchText: String(eventValue(event) ?? "") });
  }

  handlePrevious(): void {
    if (this.pageNumber > 1) this.send("pagechange", { pageNumber: this.pageNumber - 1 });
  }

  handleNext(): void {
    if (this.hasMore) this.send("pagechange", { pageNumber: this.pageNumber + 1 });
  }

  handleOpen(event: Event): void {
    const handoffId = (event.currentTarget as HTMLElement).dataset.id;
    if (handoffId) this.send("openhandoff", { handoffId });
  }
}
