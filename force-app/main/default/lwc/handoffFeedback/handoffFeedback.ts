// One person's feedback on one handoff (issue 7): the rep gives it from the handoff checklist, the CSM from the
// intake panel. It is saved as a Handoff_Feedback__c through LDS createRecord, so the org's validation rules and
// field-level security apply exactly as in Setup and no Apex is needed. Collapsed until opened, so the parent
// page stays about the handoff itself.
import { LightningElement, api } from "lwc";
import { createRecord } from "lightning/uiRecordApi";
import {
  COMMENTS_FIELD,
  EMPTY_DRAFT,
  FEEDBACK_OBJECT_API_NAME,
  RATING_FIELD,
  RATING_OPTIONS,
  WHAT_WAS_HARD_FIELD,
  WHAT_WAS_MISSING_FIELD,
  feedbackBlockedReason,
  feedbackFields,
  saveProblems,
  type FeedbackDraft,
} from "./feedbackRules";
import { formatLabel } from "c/labelFormat";
import toggleLabel from "@salesforce/label/c.Handoff_Feedback_Toggle";
import introLabel from "@salesforce/label/c.Handoff_Feedback_Intro";
import ratingLabel from "@salesforce/label/c.Handoff_Feedback_Rating";
import commentsLabel from "@salesforce/label/c.Handoff_Feedback_Comments";
import notSavedLabel from "@salesforce/label/c.Handoff_Feedback_Not_Saved";
import savedLabel from "@salesforce/label/c.Handoff_Feedback_Saved";
import repHardLabel from "@salesforce/label/c.Handoff_Feedback_Rep_Hard";
import repMissingLabel from "@salesforce/label/c.Handoff_Feedback_Rep_Missing";
import csmHardLabel from "@salesforce/label/c.Handoff_Feedback_CSM_Hard";
import csmMissingLabel from "@salesforce/label/c.Handoff_Feedback_CSM_Missing";
import genericHardLabel from "@salesforce/label/c.Handoff_Feedback_Hard";
import genericMissingLabel from "@salesforce/label/c.Handoff_Feedback_Missing";
import noHandoffLabel from "@salesforce/label/c.Handoff_Feedback_No_Handoff";
import sendLabel from "@salesforce/label/c.Handoff_Feedback_Send";
import sendingLabel from "@salesforce/label/c.Handoff_Feedback_Sending";

// The texts the template shows as they are (Custom Labels, translated in Translation Workbench).
const LABELS = {
  toggle: toggleLabel,
  intro: introLabel,
  rating: ratingLabel,
  comments: commentsLabel,
  notSaved: notSavedLabel,
};

// The questions in each respondent's words; the field help texts on Handoff_Feedback__c say the same.
const QUESTIONS: Record<string, { hard: string; missing: string }> = {
  Rep: { hard: repHardLabel, missing: repMissingLabel },
  CSM: { hard: csmHardLabel, missing: csmMissingLabel },
};
const GENERIC_QUESTIONS = { hard: genericHardLabel, missing: genericMissingLabel };

export default class HandoffFeedback extends LightningElement {
  @api respondentType?: string;
  @api source?: string;

  readonly labels = LABELS;

  private currentHandoffId?: string;

  draft: FeedbackDraft = { ...EMPTY_DRAFT };
  expanded = false;
  saving = false;
  savedMessage: string | null = null;
  fieldErrors: Record<string, string> = {};
  formErrors: string[] = [];

  // A new handoff starts a new, empty form: the intake panel reuses this component when the CSM opens another
  // handoff, and words typed about one deal must never be saved against the next.
  @api
  get handoffId(): string | undefined {
    return this.currentHandoffId;
  }
  set handoffId(value: string | undefined) {
    if (value === this.currentHandoffId) return;
    this.currentHandoffId = value;
    this.draft = { ...EMPTY_DRAFT };
    this.savedMessage = null;
    this.fieldErrors = {};
    this.formErrors = [];
  }

  get sectionClass(): string {
    return this.expanded ? "slds-section slds-is-open" : "slds-section";
  }

  get expandedText(): string {
    return this.expanded ? "true" : "false";
  }

  get collapsed(): boolean {
    return !this.expanded;
  }

  get ratingOptions() {
    return RATING_OPTIONS;
  }

  get hardLabel(): string {
    return (QUESTIONS[this.respondentType ?? ""] ?? GENERIC_QUESTIONS).hard;
  }

  get missingLabel(): string {
    return (QUESTIONS[this.respondentType ?? ""] ?? GENERIC_QUESTIONS).missing;
  }

  get blockedReason(): string | null {
    if (!this.currentHandoffId) return noHandoffLabel;
    return feedbackBlockedReason(this.draft);
  }

  get submitDisabled(): boolean {
    return this.saving || this.blockedReason !== null;
  }

  get submitLabel(): string {
    return this.saving ? sendingLabel : sendLabel;
  }

  get ratingError(): string | null {
    return this.fieldErrors[RATING_FIELD] ?? null;
  }

  get whatWasHardError(): string | null {
    return this.fieldErrors[WHAT_WAS_HARD_FIELD] ?? null;
  }

  get whatWasMissingError(): string | null {
    return this.fieldErrors[WHAT_WAS_MISSING_FIELD] ?? null;
  }

  get commentsError(): string | null {
    return this.fieldErrors[COMMENTS_FIELD] ?? null;
  }

  handleToggle(): void {
    this.expanded = !this.expanded;
  }

  handleChange(event: CustomEvent<{ value?: unknown }>): void {
    const key = (event.target as HTMLElement).dataset.answer ?? "";
    if (!(key in EMPTY_DRAFT)) return;
    const value = event.detail?.value ?? (event.target as unknown as { value?: unknown }).value;
    this.draft = { ...this.draft, [key]: value === null || value === undefined ? "" : String(value) };
    this.savedMessage = null;
  }

  async handleSubmit(): Promise<void> {
    const handoffId = this.currentHandoffId;
    if (!handoffId || this.submitDisabled) return;
    this.saving = true;
    this.savedMessage = null;
    this.fieldErrors = {};
    this.formErrors = [];
    try {
      await createRecord({
        apiName: FEEDBACK_OBJECT_API_NAME,
        fields: feedbackFields(this.draft, {
          handoffId,
          respondentType: this.respondentType ?? "",
          source: this.source ?? "",
        }),
      });
      this.draft = { ...EMPTY_DRAFT };
      this.savedMessage = savedLabel;
    } catch (error) {
      // The draft is left as typed, so the user fixes what the server named instead of starting again.
      const problems = saveProblems(error);
      this.fieldErrors = problems.fieldErrors;
      this.formErrors = problems.formErrors;
    } finally {
      this.saving = false;
    }
  }
}
