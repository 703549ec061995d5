// Reassignment, for CS managers: the CSMs who may take the handoff over (every active holder of Handoff_CS, from
// HandoffIntakeController) and the choice, sent up to the panel as "reassign" ({ newOwnerId }).
import { LightningElement, api } from "lwc";
import getCsUsers from "@salesforce/apex/HandoffIntakeController.getCsUsers";
import { eventValue } from "c/csIntakeModel";
import reassignToLabel from "@salesforce/label/c.Handoff_Intake_Reassign_To";
import reassignLabel from "@salesforce/label/c.Handoff_Intake_Reassign";

export default class IntakeReassign extends LightningElement {
  labels = {
    reassignTo: reassignToLabel,
    reassign: reassignLabel,
  };

  @api working = false;

  options: { label: string; value: string }[] = [];
  newOwnerId = "";

  connectedCallback(): void {
    getCsUsers()
      .then((options) => {
        this.options = options;
      })
      .catch(() => {
        // Without the list there is nobody to pick: Reassign stays disabled.
        this.options = [];
      });
  }

  get reassignDisabled(): boolean {
    return this.working || !this.newOwnerId;
  }

  handleChange(event: CustomEvent<{ value?: unknown }>): void {
    this.newOwnerId = String(eventValue(event) ?? "");
  }

  handleReassign(): void {
    if (this.reassignDisabled) return;
    this.dispatchEvent(new CustomEvent("reassign", { detail: { newOwnerId: this.newOwnerId } }));
  }
}
