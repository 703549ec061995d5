// How the list orders and groups handoffs: most urgent first, and for CS managers the attention groups first.
import { toRowView, type HandoffRow, type RowView } from "c/csIntakeModel";
import { formatLabel } from "c/labelFormat";
import unassignedLabel from "@salesforce/label/c.Handoff_Intake_Unassigned";
import atRiskLabel from "@salesforce/label/c.Handoff_Intake_At_Risk";
import escalatedLabel from "@salesforce/label/c.Handoff_Intake_Escalated";
import countOneLabel from "@salesforce/label/c.Handoff_Intake_Handoff_Count_One";
import countLabel from "@salesforce/label/c.Handoff_Intake_Handoff_Count";

export interface OwnerGroup {
  key: string;
  title: string;
  rows: RowView[];
  countText: string;
}

// Most urgent first: overdue before due, earliest due time first, handoffs with no running clock last.
// The server already sorts this way; sorting again keeps the page right if rows arrive in another order.
function dueTime(row: HandoffRow): number {
  if (!row.dueAt) return Number.POSITIVE_INFINITY;
  return new Date(row.dueAt).getTime();
}

export function byUrgency(a: HandoffRow, b: HandoffRow): number {
  const diff = dueTime(a) - dueTime(b);
  if (diff !== 0 && !Number.isNaN(diff)) return diff < 0 ? -1 : 1;
  return a.name.localeCompare(b.name);
}

export function myRows(rows: HandoffRow[], now: Date): RowView[] {
  return [...rows].sort(byUrgency).map((row) => toRowView(row, now));
}

function unassignedFirstThenByName(a: OwnerGroup, b: OwnerGroup): number {
  if (a.key === "unassigned") return -1;
  if (b.key === "unassigned") return 1;
  return a.title.localeCompare(b.title);
}

// A handoff at risk: its clock is overdue or runs out within the hours the team view is asked for.
export function isAtRisk(row: HandoffRow, now: Date, atRiskHours: number): boolean {
  if (!row.dueAt) return false;
  return new Date(row.dueAt).getTime() - now.getTime() <= atRiskHours * 3600000;
}

// What a CS manager looks at first: nobody's handoffs, then the ones running out of time, then the escalated.
const ATTENTION_GROUPS: { key: string; title: string; test: (row: HandoffRow, now: Date, hours: number) => boolean }[] =
  [
    { key: "unassigned", title: unassignedLabel, test: (row) => !row.csOwnerId },
    { key: "atRisk", title: atRiskLabel, test: (row, now, hours) => isAtRisk(row, now, hours) },
    { key: "escalated", title: escalatedLabel, test: (row) => row.status === "Escalated" },
  ];

// The team view: the attention groups first (each handoff in the first one it belongs to), then the rest by CSM,
// each group most urgent first.
export function groupByOwner(rows: HandoffRow[], now: Date, atRiskHours = 0): OwnerGroup[] {
  const groups = new Map<string, OwnerGroup>();
  for (const attention of ATTENTION_GROUPS) {
    groups.set(attention.key, { key: attention.key, title: attention.title, rows: [], countText: "" });
  }
  for (const row of [...rows].sort(byUrgency)) {
    const attention = ATTENTION_GROUPS.find((group) => group.test(row, now, atRiskHours));
    const key = attention?.key ?? `owner-${row.csOwnerId}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, title: row.csOwnerName ?? unassignedLabel, rows: [], countText: "" };
      groups.set(key, group);
    }
    group.rows.push(toRowView(row, now));
  }
  const attentionKeys = ATTENTION_GROUPS.map((group) => group.key);
  const list = [
    ...attentionKeys.map((key) => groups.get(key) as OwnerGroup).filter((group) => group.rows.length > 0),
    ...[...groups.values()].filter((group) => !attentionKeys.includes(group.key)).sort(unassignedFirstThenByName),
  ];
  for (const group of list) {
    group.countText = formatLabel(group.rows.length === 1 ? countOneLabel : countLabel, group.rows.length);
  }
  return list;
}
