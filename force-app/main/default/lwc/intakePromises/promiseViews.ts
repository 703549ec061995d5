// The promises ledger in words: each promise with its state, who noted it, and the marks it can take.
import { PROMISE_STATUSES, type PromiseRecord } from "c/csIntakeModel";

export interface PromiseView extends PromiseRecord {
  statusText: string;
  notedText: string | null;
  actions: { key: string; status: string; label: string; disabled: boolean }[];
}

export function toPromiseViews(promises: PromiseRecord[]): PromiseView[] {
  return promises.map((promise) => ({
    ...promise,
    statusText: promise.status,
    notedText: promise.notedBy
      ? `${promise.status} per ${promise.notedBy}${promise.note ? `: ${promise.note}` : ""}`
      : null,
    actions: PROMISE_STATUSES.map((status) => ({
      key: `${promise.id}-${status}`,
      status,
      label: `Mark "${promise.text}" as ${status}`,
      disabled: promise.status === status,
    })),
  }));
}

export function promiseSummary(promises: PromiseRecord[]): string {
  if (promises.length === 0) return "Sales recorded no promises for this deal.";
  const count = (status: string) => promises.filter((p) => p.status === status).length;
  return `${promises.length} promises: ${count("Open")} open, ${count("Kept")} kept, ${count("At Risk")} at risk, ${count("Broken")} broken`;
}
