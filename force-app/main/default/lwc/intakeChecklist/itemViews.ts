// Each intake item as the checklist shows it: the answer, its check in words, required or optional, and the tick.
import { problemText, type IntakeItem } from "c/csIntakeModel";
import { formatLabel } from "c/labelFormat";
import notAnsweredOptionalLabel from "@salesforce/label/c.Handoff_Intake_Not_Answered_Optional";
import answeredLabel from "@salesforce/label/c.Handoff_Intake_Answered";
import optionalLabel from "@salesforce/label/c.Handoff_Intake_Optional";
import requiredLabel from "@salesforce/label/c.Handoff_Intake_Required";
import noAnswerLabel from "@salesforce/label/c.Handoff_Intake_No_Answer";
import notVisibleLabel from "@salesforce/label/c.Handoff_Intake_Not_Visible";
import verifiedItemLabel from "@salesforce/label/c.Handoff_Intake_Verified_Item";
import otherGroupLabel from "@salesforce/label/c.Handoff_Intake_Other_Group";
import itemsVerifiedLabel from "@salesforce/label/c.Handoff_Intake_Items_Verified";

export interface ItemView extends IntakeItem {
  valueText: string;
  statusText: string;
  requirementText: string;
  verifyLabel: string;
  verifyDisabled: boolean;
}

export interface ItemGroup {
  key: string;
  title: string;
  items: ItemView[];
}

export function toItemView(item: IntakeItem, verified: boolean): ItemView {
  const optionalBlank = item.required === false && item.problem === "blank";
  const statusText = optionalBlank
    ? notAnsweredOptionalLabel
    : item.problem
      ? problemText(item.problem)
      : answeredLabel;
  return {
    ...item,
    verified,
    requirementText: item.required === false ? optionalLabel : requiredLabel,
    valueText: item.accessible ? (item.value ?? noAnswerLabel) : notVisibleLabel,
    statusText,
    verifyLabel: formatLabel(verifiedItemLabel, item.label),
    verifyDisabled: !item.accessible,
  };
}

export function groupItems(items: IntakeItem[], verified: ReadonlySet<string>): ItemGroup[] {
  const groups: ItemGroup[] = [];
  for (const item of items) {
    const title = item.groupName ?? otherGroupLabel;
    let group = groups.find((g) => g.title === title);
    if (!group) {
      group = { key: title, title, items: [] };
      groups.push(group);
    }
    group.items.push(toItemView(item, verified.has(item.fieldApiName)));
  }
  return groups;
}

export function verificationText(items: IntakeItem[], verified: ReadonlySet<string>): string {
  const done = items.filter((i) => verified.has(i.fieldApiName)).length;
  return formatLabel(itemsVerifiedLabel, done, items.length);
}
