// The product lines, stakeholders and status changes of a handoff, as the details show them.
import { formatAmount, type ProductLine, type Stakeholder, type TimelineEntry } from "c/csIntakeModel";

export interface ProductLineView extends ProductLine {
  nameText: string;
  // Follows the name on the same line: " · Quantity 20 · $24,000".
  detailText: string;
  quantityText: string;
  amountText: string;
}

export function toProductLineViews(lines: ProductLine[] | undefined): ProductLineView[] {
  return (lines ?? []).map((line) => ({
    ...line,
    nameText: line.name ?? "Product",
    quantityText: line.quantity === null ? "Quantity not set" : `Quantity ${line.quantity}`,
    amountText: formatAmount(line.amount),
    detailText: ` · ${line.quantity === null ? "Quantity not set" : `Quantity ${line.quantity}`} · ${formatAmount(line.amount)}`,
  }));
}

export interface StakeholderView extends Stakeholder {
  nameText: string;
  titleText: string;
  emailHref: string | null;
  phoneHref: string | null;
}

export function toStakeholderViews(stakeholders: Stakeholder[] | undefined): StakeholderView[] {
  return (stakeholders ?? []).map((person) => ({
    ...person,
    nameText: person.name ?? "(no name)",
    titleText: person.title ?? "No title recorded",
    emailHref: person.email ? `mailto:${person.email}` : null,
    phoneHref: person.phone ? `tel:${person.phone.replace(/[^\d+]/g, "")}` : null,
  }));
}

export interface TimelineView extends TimelineEntry {
  key: string;
  whenText: string;
  changeText: string;
}

export function toTimelineViews(entries: TimelineEntry[] | undefined): TimelineView[] {
  return (entries ?? []).map((entry, index) => ({
    ...entry,
    key: `change-${index}`,
    whenText: entry.changedAt
      ? new Date(entry.changedAt).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" })
      : "Time not recorded",
    changeText: `${entry.fromStatus ?? "New"} → ${entry.toStatus ?? "(blank)"}${entry.changedBy ? ` by ${entry.changedBy}` : ""}`,
  }));
}
