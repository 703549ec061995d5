// The promises ledger in words: each promise with its state, who noted it, and the marks it can take.
import { PROMISE_STATUSES, type PromiseRecord } from "c/csIntakeModel";
import { formatLabel } from "c/labelFormat";
import notedLabel from "@salesforce/label/c.Handoff_Intake_Promise_Noted";
import notedWithNoteLabel from "@salesforce/label/c.Handoff_Intake_Promise_Noted_With_Note";
import markPromiseLabel from "@salesforce/label/c.Handoff_Intake_Mark_Promise";
import noPromisesLabel from "@salesforce/label/c.Handoff_Intake_No_Promises";
import summaryLabel from "@salesforce/label/c.Handoff_Intake_Promise_Summary";

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
      ? formatLabel(promise.note ? notedWithNoteLabel : notedLabel, promise.status, promise.notedBy, promise.note)
      : null,
    actions: PROMISE_STATUSES.map((status) => ({
      key: `${promise.id}-${status}`,
      status,
      label: formatLabel(markPromiseLabel, promise.text, status),
      disabled: promise.status === status,
    })),
  }));
}

export function promiseSummary(promises: PromiseRecord[]): string {
  if (promises.length === 0) return noPromisesLabel;
  const count = (status: string) => promises.filter((p) => p.status === status).length;
  return formatLabel(summaryLabel, promises.length, count("Open"), count("Kept"), count("At Risk"), count("Broken"));
}
