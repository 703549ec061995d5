// The intake actions of one handoff: a button per action, enabled as Apex says (HandoffRow.actions) with Apex's
// reason beside each disabled one, and the form the chosen action opens, all drawn from INTAKE_ACTIONS. A confirmed
// action goes up to the panel as an "intakeaction" event ({ name, values }); the panel calls Apex and then
// reset()s this bar.
import { LightningElement, api, wire } from "lwc";
import { getObjectInfo, type ObjectInfo } from "lightning/uiObjectInfoApi";
import type { WireResult } from "lightning/uiRecordApi";
import {
  counterText,
  eventValue,
  fieldLength,
  requestOptions,
  type ActionState,
  type ActionValues,
  type IntakeItem,
  type KickoffPlan,
  type ProductLine,
} from "c/csIntakeModel";
import unknownActionStateLabel from "@salesforce/label/c.Handoff_Intake_Unknown_Action_State";
import actionsLabel from "@salesforce/label/c.Handoff_Intake_Actions";
import cancelLabel from "@salesforce/label/c.Handoff_Intake_Cancel";
import { INTAKE_ACTIONS, definitionOf, emptyValues, missingRequired, type ActionDefinition } from "./intakeActionForms";

export default class IntakeActionBar extends LightningElement {
  labels = {
    actions: actionsLabel,
    cancel: cancelLabel,
  };

  @api actions: ActionState[] = [];
  @api working = false;
  @api items: IntakeItem[] = [];
  @api returnReasons: string[] = [];
  // For the Plan kickoff form: the handoff, its deal (the agenda is read from it) and the deal's products.
  @api handoffId?: string;
  @api opportunityId?: string;
  @api productLines: ProductLine[] = [];

  openAction = "";
  values: ActionValues = emptyValues();
  handoffInfo?: ObjectInfo;

  // Note lengths only: without them the notes still work, just without a counter.
  @wire(getObjectInfo, { objectApiName: "Handoff__c" })
  wiredHandoffInfo({ data }: WireResult<ObjectInfo>) {
    this.handoffInfo = data;
  }

  // Closes the open form and forgets what was typed (after a successful action, or another handoff opened).
  @api
  reset(): void {
    this.openAction = "";
    this.values = emptyValues();
  }

  private stateOf(name: string): ActionState {
    return (
      (this.actions ?? []).find((action) => action.name === name) ??
      // Apex always sends every action; if one is missing, the button stays off and says why instead of guessing.
      ({ name, allowed: false, disabledReason: unknownActionStateLabel } as ActionState)
    );
  }

  private isOff(name: string): boolean {
    return this.working || !this.stateOf(name).allowed;
  }

  get buttons() {
    return INTAKE_ACTIONS.map((definition) => ({
      name: definition.name,
      buttonId: definition.buttonId,
      label: definition.label,
      variant: definition.variant,
      disabled: this.isOff(definition.name),
      title: this.stateOf(definition.name).allowed ? null : this.stateOf(definition.name).disabledReason,
    }));
  }

  // One line per disabled action, in Apex's words: "Accept: Accepted already: the handoff is with CS."
  get reasons() {
    return INTAKE_ACTIONS.map((definition) => ({ definition, state: this.stateOf(definition.name) }))
      .filter(({ state }) => !state.allowed && state.disabledReason)
      .map(({ definition, state }) => ({
        key: definition.name,
        name: definition.name,
        text: `${definition.label}: ${state.disabledReason}`,
      }));
  }

  get hasReasons(): boolean {
    return this.reasons.length > 0;
  }

  private get openDefinition(): ActionDefinition | undefined {
    return this.openAction ? definitionOf(this.openAction) : undefined;
  }

  get form() {
    const definition = this.openDefinition;
    if (!definition || !definition.confirm) return null;
    return {
      formId: `form-${definition.name}`,
      confirm: definition.confirm,
      confirmDisabled: this.isOff(definition.name) || missingRequired(definition, this.values),
      fields: definition.fields.map((field) => {
        const value = this.values[field.name];
        const maxLength = field.kind === "note" ? fieldLength(this.handoffInfo, field.savedIn) : null;
        return {
          ...field,
          key: `${definition.name}-${field.name}`,
          isItems: field.kind === "items",
          isReason: field.kind === "reason",
          isNote: field.kind === "note",
          isDatetime: field.kind === "datetime",
          value,
          maxLength,
          counterText: typeof value === "string" ? counterText(value, maxLength) : null,
        };
      }),
    };
  }

  get itemOptions() {
    return requestOptions(this.items ?? []);
  }

  get reasonOptions() {
    return (this.returnReasons ?? []).map((reason) => ({ label: reason, value: reason }));
  }

  handleButton(event: Event): void {
    const name = (event.currentTarget as HTMLElement).dataset.action ?? "";
    const definition = definitionOf(name);
    if (!definition || this.isOff(name)) return;
    if (!definition.confirm && !definition.ownForm) {
      this.send(definition, emptyValues());
      return;
    }
    // The same button again closes its form; any other opens a fresh one, nothing ticked or typed.
    this.openAction = this.openAction === name ? "" : name;
    this.values = emptyValues();
  }

  handleFieldChange(event: CustomEvent<{ value?: unknown }>): void {
    const name = (event.currentTarget as HTMLElement).dataset.name as keyof ActionValues;
    const value = eventValue(event);
    this.values = {
      ...this.values,
      [name]:
        name === "missingFields" ? (Array.isArray(value) ? value.map(String) : []) : value == null ? "" : String(value),
    };
  }

  handleConfirm(): void {
    const definition = this.openDefinition;
    if (!definition || this.form?.confirmDisabled) return;
    this.send(definition, this.values);
  }

  handleCancel(): void {
    this.reset();
  }

  get kickoffOpen(): boolean {
    return this.openDefinition?.ownForm === "kickoff";
  }

  handleKickoffPlan(event: CustomEvent<KickoffPlan>): void {
    const definition = this.openDefinition;
    if (!definition || this.isOff(definition.name)) return;
    this.send(definition, { ...emptyValues(), kickoff: { ...event.detail } });
  }

  private send(definition: ActionDefinition, values: ActionValues): void {
    this.dispatchEvent(new CustomEvent("intakeaction", { detail: { name: definition.name, values: { ...values } } }));
  }
}
