// The one place the handoff components show a failure: a 403 / insufficient-access error as "you have no access,
// ask your admin" (with the server's words for screen readers), anything else as "<what failed>: <the server's
// message>". Used by the checklist, the summary, the feedback form and the CS intake panel, so a user reads the
// same kind of message everywhere. Renders nothing while there is no error.
import { LightningElement, api } from "lwc";
import { errorMessages, isNoAccessError } from "c/handoffRules";
import { formatLabel } from "c/labelFormat";
import detailsLabel from "@salesforce/label/c.Handoff_Error_Details";

export default class HandoffError extends LightningElement {
  // A Lightning Data Service or Apex error (any shape c/handoffRules' errorMessages reads)...
  @api error: unknown = null;
  // ...or messages already in words (form validation errors).
  @api messages: string[] = [];
  // What failed, said first: "The handoff checklist could not load".
  @api failedText = "";
  // What to do next, said last: "Reload the page; if it happens again, tell your Salesforce admin."
  @api hint = "";
  // A Custom Label with {0} where the error's words go ("The handoff checklist could not load: {0} Reload..."), so
  // the whole sentence is translated; when set, it replaces failedText and hint.
  @api messageFormat = "";
  // Shown instead when the error means the user lacks access; without it, access errors read like any other.
  @api noAccessText = "";

  get isNoAccess(): boolean {
    return !!this.noAccessText && !!this.error && isNoAccessError(this.error);
  }

  get errorText(): string {
    const fromError = this.error ? errorMessages(this.error) : [];
    return [...fromError, ...(this.messages ?? [])].join(" ");
  }

  get hasError(): boolean {
    return !!this.error || (this.messages ?? []).length > 0;
  }

  get detailsText(): string {
    return formatLabel(detailsLabel, this.errorText);
  }

  get message(): string {
    if (this.messageFormat) return formatLabel(this.messageFormat, this.errorText);
    return [this.failedText ? `${this.failedText}: ${this.errorText}` : this.errorText, this.hint]
      .filter(Boolean)
      .join(" ");
  }
}
