// Each intake item as the checklist shows it: the answer, its check in words, required or optional, and the tick.
import { problemText, type IntakeItem } from "c/csIntakeModel";

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
  const statusText = optionalBlank ? "Not answered (optional)" : item.problem ? problemText(item.problem) : "Answered";
  return {
    ...item,
    verified,
    requirementText: item.required === false ? "Optional" : "Required",
    valueText: item.accessible ? (item.value ?? "(no answer)") : "(not visible to you)",
    statusText,
    verifyLabel: `Verified: ${item.label}`,
    verifyDisabled: !item.accessible,
  };
}

export function groupItems(items: IntakeItem[], verified: ReadonlySet<string>): ItemGroup[] {
  const groups: ItemGroup[] = [];
  for (const item of items) {
    const title = item.groupName ?? "Other";
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
  return `${done} of ${items.length} items verified`;
}
