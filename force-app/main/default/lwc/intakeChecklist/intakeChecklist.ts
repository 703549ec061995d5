// The intake checklist: every requirement of the handoff's tier with what Sales entered and the CSM's "verified"
// tick. The ticks belong to the panel (it saves them and guards them while unsaved): a tick goes up as
// "verifiedchange" ({ field, checked }) and Save as "saveverified".
import { LightningElement, api } from "lwc";
import type { IntakeItem } from "c/csIntakeModel";
import { groupItems, verificationText, type ItemGroup } from "./itemViews";
import { formatLabel } from "c/labelFormat";
import checklistLabel from "@salesforce/label/c.Handoff_Intake_Checklist";
import itemLabel from "@salesforce/label/c.Handoff_Intake_Column_Item";
import salesEnteredLabel from "@salesforce/label/c.Handoff_Intake_Column_Sales_Entered";
import checkLabel from "@salesforce/label/c.Handoff_Intake_Column_Check";
import verifiedLabel from "@salesforce/label/c.Handoff_Intake_Column_Verified";
import saveVerifiedLabel from "@salesforce/label/c.Handoff_Intake_Save_Verified";
import noItemsLabel from "@salesforce/label/c.Handoff_Intake_No_Items";
import ticksNotSavedLabel from "@salesforce/label/c.Handoff_Intake_Ticks_Not_Saved";

export default class IntakeChecklist extends LightningElement {
  labels = {
    checklist: checklistLabel,
    item: itemLabel,
    salesEntered: salesEnteredLabel,
    check: checkLabel,
    verified: verifiedLabel,
    saveVerified: saveVerifiedLabel,
    noItems: noItemsLabel,
  };

  @api items: IntakeItem[] = [];
  @api verifiedFields: string[] = [];
  @api working = false;
  // Ticks changed since the last save: Save is offered only then, and the CSM is told.
  @api unsaved = false;

  private get verified(): ReadonlySet<string> {
    return new Set(this.verifiedFields ?? []);
  }

  get itemGroups(): ItemGroup[] {
    return groupItems(this.items ?? [], this.verified);
  }

  get hasItems(): boolean {
    return (this.items ?? []).length > 0;
  }

  get verificationText(): string {
    const text = verificationText(this.items ?? [], this.verified);
    return this.unsaved ? formatLabel(ticksNotSavedLabel, text) : text;
  }

  get saveDisabled(): boolean {
    return this.working || !this.unsaved;
  }

  handleVerifiedChange(event: CustomEvent<{ checked?: boolean }>): void {
    const target = event.currentTarget as HTMLElement & { checked?: boolean };
    const checked = event.detail?.checked ?? target.checked ?? false;
    this.dispatchEvent(new CustomEvent("verifiedchange", { detail: { field: target.dataset.field, checked } }));
  }

  handleSave(): void {
    this.dispatchEvent(new CustomEvent("saveverified"));
  }
}
