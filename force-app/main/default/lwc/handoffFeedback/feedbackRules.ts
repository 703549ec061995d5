// When feedback may be sent, and how a refused save is shown. The authority is the org: the Handoff_Feedback__c
// validation rules Rating_Between_1_And_5 and Feedback_Says_Something. This copy only keeps the Send button
// disabled until the save can pass them, so nobody types an answer just to be told off by the server;
// __tests__/feedbackRules.test.js evaluates those rules with a Salesforce formula engine and fails if the two
// disagree. It is stricter in one place on purpose: an answer of only spaces does not count here.
// Field names come from @salesforce/schema so the org knows this component uses them (a field in use cannot be
// deleted) and the offline reference check fails if one is renamed.
import { errorMessages } from "c/handoffRules";
import { isAccessRefusal } from "c/accessErrors";
import FEEDBACK_OBJECT from "@salesforce/schema/Handoff_Feedback__c";
import HANDOFF from "@salesforce/schema/Handoff_Feedback__c.Handoff__c";
import RESPONDENT_TYPE from "@salesforce/schema/Handoff_Feedback__c.Respondent_Type__c";
import SOURCE from "@salesforce/schema/Handoff_Feedback__c.Source__c";
import RATING from "@salesforce/schema/Handoff_Feedback__c.Rating__c";
import WHAT_WAS_HARD from "@salesforce/schema/Handoff_Feedback__c.What_Was_Hard__c";
import WHAT_WAS_MISSING from "@salesforce/schema/Handoff_Feedback__c.What_Was_Missing__c";
import COMMENTS from "@salesforce/schema/Handoff_Feedback__c.Comments__c";
import ratingPoorLabel from "@salesforce/label/c.Handoff_Feedback_Rating_Poor";
import ratingExcellentLabel from "@salesforce/label/c.Handoff_Feedback_Rating_Excellent";
import needBothLabel from "@salesforce/label/c.Handoff_Feedback_Need_Both";
import needRatingLabel from "@salesforce/label/c.Handoff_Feedback_Need_Rating";
import needAnswerLabel from "@salesforce/label/c.Handoff_Feedback_Need_Answer";
import noAccessHintLabel from "@salesforce/label/c.Handoff_Feedback_No_Access_Hint";

export const FEEDBACK_OBJECT_API_NAME = FEEDBACK_OBJECT.objectApiName;
export const RATING_FIELD = RATING.fieldApiName;
export const WHAT_WAS_HARD_FIELD = WHAT_WAS_HARD.fieldApiName;
export const WHAT_WAS_MISSING_FIELD = WHAT_WAS_MISSING.fieldApiName;
export const COMMENTS_FIELD = COMMENTS.fieldApiName;
// The inputs the form shows: a server error on any of these goes under that input, the rest above the button.
export const FORM_FIELDS: readonly string[] = [
  RATING_FIELD,
  WHAT_WAS_HARD_FIELD,
  WHAT_WAS_MISSING_FIELD,
  COMMENTS_FIELD,
];

export const MIN_RATING = 1;
export const MAX_RATING = 5;

export const RATING_OPTIONS = [
  { label: ratingPoorLabel, value: "1" },
  { label: "2", value: "2" },
  { label: "3", value: "3" },
  { label: "4", value: "4" },
  { label: ratingExcellentLabel, value: "5" },
];

export interface FeedbackDraft {
  rating: string;
  whatWasHard: string;
  whatWasMissing: string;
  comments: string;
}

export const EMPTY_DRAFT: FeedbackDraft = { rating: "", whatWasHard: "", whatWasMissing: "", comments: "" };

// A whole number from 1 to 5, or null when the rating is missing or out of range.
export function parseRating(value: unknown): number | null {
  if (value === null || value === undefined || String(value).trim() === "") return null;
  const rating = Number(value);
  return Number.isInteger(rating) && rating >= MIN_RATING && rating <= MAX_RATING ? rating : null;
}

export function hasText(value: unknown): boolean {
  return typeof value === "string" && value.trim() !== "";
}

// What the user still has to do before Send is enabled, in their words; null when the feedback can be sent.
export function feedbackBlockedReason(draft: FeedbackDraft): string | null {
  const rated = parseRating(draft.rating) !== null;
  const saysSomething = hasText(draft.whatWasHard) || hasText(draft.whatWasMissing) || hasText(draft.comments);
  if (!rated && !saysSomething) return needBothLabel;
  if (!rated) return needRatingLabel;
  if (!saysSomething) return needAnswerLabel;
  return null;
}

// The Handoff_Feedback__c fields createRecord receives: exactly the form's answers plus who, where and which
// handoff. A blank answer is sent as null, so the record does not hold an answer of only spaces.
export function feedbackFields(
  draft: FeedbackDraft,
  context: { handoffId: string; respondentType: string; source: string },
): Record<string, unknown> {
  const answer = (value: string) => (hasText(value) ? value : null);
  return {
    [HANDOFF.fieldApiName]: context.handoffId,
    [RESPONDENT_TYPE.fieldApiName]: context.respondentType,
    [SOURCE.fieldApiName]: context.source,
    [RATING_FIELD]: parseRating(draft.rating),
    [WHAT_WAS_HARD_FIELD]: answer(draft.whatWasHard),
    [WHAT_WAS_MISSING_FIELD]: answer(draft.whatWasMissing),
    [COMMENTS_FIELD]: answer(draft.comments),
  };
}

interface UiApiFieldError {
  message?: string;
  fieldLabel?: string;
}

interface UiApiErrorBody {
  message?: string;
  output?: { errors?: UiApiFieldError[]; fieldErrors?: Record<string, UiApiFieldError[]> };
}

export const NO_ACCESS_HINT = noAccessHintLabel;

export interface SaveProblems {
  fieldErrors: Record<string, string>;
  formErrors: string[];
}

// A failed createRecord from LDS carries the save's validation errors in body.output: record-level ones in
// errors, and the ones a rule shows on a field (errorDisplayField) in fieldErrors, keyed by field API name.
// body.message is then only "An error occurred while trying to update the record", so it is used alone only
// when the output holds nothing (no access, the server or the network failed).
export function saveProblems(error: unknown, formFields: readonly string[] = FORM_FIELDS): SaveProblems {
  const body = (error as { body?: UiApiErrorBody } | null)?.body;
  const output = body && !Array.isArray(body) ? body.output : undefined;
  const fieldErrors: Record<string, string> = {};
  const formErrors: string[] = [];
  for (const [field, errors] of Object.entries(output?.fieldErrors ?? {})) {
    const messages = errors.map((e) => e.message ?? "").filter((m) => m !== "");
    if (messages.length === 0) continue;
    if (formFields.includes(field)) fieldErrors[field] = messages.join(" ");
    else formErrors.push(`${errors[0]?.fieldLabel ?? field}: ${messages.join(" ")}`);
  }
  for (const e of output?.errors ?? []) if (e.message) formErrors.push(e.message);
  if (formErrors.length === 0 && Object.keys(fieldErrors).length === 0) {
    formErrors.push(...errorMessages(error));
    if (isAccessRefusal(error)) formErrors.push(NO_ACCESS_HINT);
  }
  return { fieldErrors, formErrors };
}
