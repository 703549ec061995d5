// The product lines, stakeholders and status changes of a handoff, as the details show them.
import { formatAmount, type ProductLine, type Stakeholder, type TimelineEntry } from "c/csIntakeModel";
import { formatLabel } from "c/labelFormat";
import { formatDateTime, formatNumber } from "c/localeFormat";
import quantityLabel from "@salesforce/label/c.Handoff_Intake_Quantity";
import quantityNotSetLabel from "@salesforce/label/c.Handoff_Intake_Quantity_Not_Set";
import noNameLabel from "@salesforce/label/c.Handoff_Intake_No_Name";
import noTitleLabel from "@salesforce/label/c.Handoff_Intake_No_Title";
import timeNotRecordedLabel from "@salesforce/label/c.Handoff_Intake_Time_Not_Recorded";
import statusNewLabel from "@salesforce/label/c.Handoff_Intake_Status_New";
import statusBlankLabel from "@salesforce/label/c.Handoff_Intake_Status_Blank";
import changeLabel from "@salesforce/label/c.Handoff_Intake_Change";
import changeByLabel from "@salesforce/label/c.Handoff_Intake_Change_By";
import productFallbackLabel from "@salesforce/label/c.Handoff_Product_Fallback";

export interface ProductLineView extends ProductLine {
  nameText: string;
  // Follows the name on the same line: " · Quantity 20 · $24,000".
  detailText: string;
  quantityText: string;
  amountText: string;
}

export function toProductLineViews(lines: ProductLine[] | undefined): ProductLineView[] {
  return (lines ?? []).map((line) => {
    const quantityText =
      line.quantity === null ? quantityNotSetLabel : formatLabel(quantityLabel, formatNumber(line.quantity));
    const amountText = formatAmount(line.amount, line.currencyIsoCode);
    return {
      ...line,
      nameText: line.name ?? productFallbackLabel,
      quantityText,
      amountText,
      detailText: ` · ${quantityText} · ${amountText}`,
    };
  });
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
    nameText: person.name ?? noNameLabel,
    titleText: person.title ?? noTitleLabel,
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
    whenText: entry.changedAt ? formatDateTime(entry.changedAt) : timeNotRecordedLabel,
    changeText: formatLabel(
      entry.changedBy ? changeByLabel : changeLabel,
      entry.fromStatus ?? statusNewLabel,
      entry.toStatus ?? statusBlankLabel,
      entry.changedBy,
    ),
  }));
}
