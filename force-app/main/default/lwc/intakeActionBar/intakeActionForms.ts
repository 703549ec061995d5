// The intake actions, defined once: the button, the form it opens (its fields, in order) and the confirm
// button. intakeActionBar renders every action from this list, so adding a field or an action is one entry here,
// not another copy of the form markup. Which actions a handoff allows comes from Apex (HandoffRow.actions).
import type { ActionValues, IntakeAction } from "c/csIntakeModel";
import acceptLabel from "@salesforce/label/c.Handoff_Intake_Accept";
import requestInfoLabel from "@salesforce/label/c.Handoff_Intake_Request_Info";
import missingItemsLabel from "@salesforce/label/c.Handoff_Intake_Missing_Items";
import noteForRepLabel from "@salesforce/label/c.Handoff_Intake_Note_For_Rep";
import sendRequestLabel from "@salesforce/label/c.Handoff_Intake_Send_Request";
import returnToSalesLabel from "@salesforce/label/c.Handoff_Intake_Return";
import returnReasonLabel from "@salesforce/label/c.Handoff_Intake_Return_Reason";
import returnNoteLabel from "@salesforce/label/c.Handoff_Intake_Return_Note";
import escalateLabel from "@salesforce/label/c.Handoff_Intake_Escalate";
import escalateNoteLabel from "@salesforce/label/c.Handoff_Intake_Escalate_Note";
import firstTouchLabel from "@salesforce/label/c.Handoff_Intake_First_Touch";
import firstTouchAtLabel from "@salesforce/label/c.Handoff_Intake_First_Touch_At";
import planKickoffLabel from "@salesforce/label/c.Handoff_Intake_Plan_Kickoff";

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
  // The action has a form of its own component instead of fields (Plan kickoff: c-intake-kickoff).
  ownForm?: "kickoff";
}

export const INTAKE_ACTIONS: readonly ActionDefinition[] = [
  { name: "accept", label: acceptLabel, buttonId: "accept", variant: "brand", fields: [], confirm: null },
  {
    name: "requestInfo",
    label: requestInfoLabel,
    buttonId: "show-requestInfo",
    variant: "neutral",
    fields: [
      {
        kind: "items",
        name: "missingFields",
        dataId: "missing-items",
        label: missingItemsLabel,
        required: true,
      },
      {
        kind: "note",
        name: "note",
        dataId: "note",
        label: noteForRepLabel,
        required: false,
        savedIn: "Missing_Info_Request__c",
      },
    ],
    confirm: { dataId: "send-request", label: sendRequestLabel, variant: "brand" },
  },
  {
    name: "return",
    label: returnToSalesLabel,
    buttonId: "show-return",
    variant: "neutral",
    fields: [
      { kind: "reason", name: "reason", dataId: "return-reason", label: returnReasonLabel, required: true },
      {
        kind: "note",
        name: "note",
        dataId: "note",
        label: returnNoteLabel,
        required: false,
        savedIn: "Intake_Notes__c",
      },
    ],
    confirm: { dataId: "confirm-return", label: returnToSalesLabel, variant: "brand" },
  },
  {
    name: "escalate",
    label: escalateLabel,
    buttonId: "show-escalate",
    variant: "neutral",
    fields: [
      {
        kind: "note",
        name: "note",
        dataId: "note",
        label: escalateNoteLabel,
        required: false,
        savedIn: "Intake_Notes__c",
      },
    ],
    confirm: { dataId: "confirm-escalate", label: escalateLabel, variant: "destructive" },
  },
  {
    name: "firstTouch",
    label: firstTouchLabel,
    buttonId: "show-firstTouch",
    variant: "neutral",
    fields: [
      {
        kind: "datetime",
        name: "touchedAt",
        dataId: "first-touch-at",
        label: firstTouchAtLabel,
        required: false,
      },
    ],
    confirm: { dataId: "confirm-first-touch", label: firstTouchLabel, variant: "brand" },
  },
  {
    name: "planKickoff",
    label: planKickoffLabel,
    buttonId: "show-planKickoff",
    variant: "neutral",
    fields: [],
    confirm: null,
    ownForm: "kickoff",
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
