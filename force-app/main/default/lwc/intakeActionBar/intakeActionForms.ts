// The five intake actions, defined once: the button, the form it opens (its fields, in order) and the confirm
// button. intakeActionBar renders every action from this list, so adding a field or an action is one entry here,
// not another copy of the form markup. Which actions a handoff allows comes from Apex (HandoffRow.actions).
import type { ActionValues, IntakeAction } from "c/csIntakeModel";

export type ActionFieldKind = "items" | "reason" | "note" | "datetime";
export type ActionValueName = "missingFields" | "reason" | "note" | "touchedAt";

export interface ActionField {
  kind: ActionFieldKind;
  name: ActionValueName;
  dataId: string;
  label: string;
  required: boolean;
  // The Handoff__c field the note is saved in: the textarea stops at its length from the schema.
  savedIn?: string;
}

export interface ActionDefinition {
  name: IntakeAction;
  label: string;
  buttonId: string;
  variant: "brand" | "neutral" | "destructive";
  // No fields: the button acts at once (Accept).
  fields: ActionField[];
  confirm: { dataId: string; label: string; variant: "brand" | "destructive" } | null;
}

export const INTAKE_ACTIONS: readonly ActionDefinition[] = [
  { name: "accept", label: "Accept", buttonId: "accept", variant: "brand", fields: [], confirm: null },
  {
    name: "requestInfo",
    label: "Request missing info",
    buttonId: "show-requestInfo",
    variant: "neutral",
    fields: [
      {
        kind: "items",
        name: "missingFields",
        dataId: "missing-items",
        label: "Missing or wrong items (the rep gets a task listing them)",
        required: true,
      },
      {
        kind: "note",
        name: "note",
        dataId: "note",
        label: "Note for the rep",
        required: false,
        savedIn: "Missing_Info_Request__c",
      },
    ],
    confirm: { dataId: "send-request", label: "Send request", variant: "brand" },
  },
  {
    name: "return",
    label: "Return to Sales",
    buttonId: "show-return",
    variant: "neutral",
    fields: [
      { kind: "reason", name: "reason", dataId: "return-reason", label: "Return reason", required: true },
      {
        kind: "note",
        name: "note",
        dataId: "note",
        label: "What Sales should fix",
        required: false,
        savedIn: "Intake_Notes__c",
      },
    ],
    confirm: { dataId: "confirm-return", label: "Return to Sales", variant: "brand" },
  },
  {
    name: "escalate",
    label: "Escalate",
    buttonId: "show-escalate",
    variant: "neutral",
    fields: [
      {
        kind: "note",
        name: "note",
        dataId: "note",
        label: "Why escalate to the CS manager",
        required: false,
        savedIn: "Intake_Notes__c",
      },
    ],
    confirm: { dataId: "confirm-escalate", label: "Escalate", variant: "destructive" },
  },
  {
    name: "firstTouch",
    label: "Log first touch",
    buttonId: "show-firstTouch",
    variant: "neutral",
    fields: [
      {
        kind: "datetime",
        name: "touchedAt",
        dataId: "first-touch-at",
        label: "When did you first contact the customer? Leave blank for now.",
        required: false,
      },
    ],
    confirm: { dataId: "confirm-first-touch", label: "Log first touch", variant: "brand" },
  },
];

export function emptyValues(): ActionValues {
  return { missingFields: [], reason: "", note: "", touchedAt: "" };
}

export function definitionOf(name: string): ActionDefinition | undefined {
  return INTAKE_ACTIONS.find((action) => action.name === name);
}

// A required field left empty keeps the confirm button disabled: no empty request reaches the rep.
export function missingRequired(definition: ActionDefinition, values: ActionValues): boolean {
  return definition.fields.some((field) => {
    if (!field.required) return false;
    const value = values[field.name];
    return Array.isArray(value) ? value.length === 0 : !value;
  });
}
