// The one place the components learn whether an error means "no access": the platform's own errors by status or
// code, and the app's Apex refusals by the very Custom Labels the Apex writes them from, so the check holds in
// every language an admin translates the app into.
import { isNoAccessError } from "c/handoffRules";
import intakeNoAccessLabel from "@salesforce/label/c.Handoff_Intake_Result_No_Access";
import checklistNoAccessLabel from "@salesforce/label/c.Handoff_Checklist_No_Access_Details";

const APEX_NO_ACCESS_LABELS = [intakeNoAccessLabel, checklistNoAccessLabel];

export function isAccessRefusal(error: unknown): boolean {
  return isNoAccessError(error, APEX_NO_ACCESS_LABELS);
}
