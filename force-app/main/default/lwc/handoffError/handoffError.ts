// The one place the handoff components show a failure: a 403 / insufficient-access error as "you have no access,
// ask your admin" (with the server's words for screen readers), anything else as "<what failed>: <the server's
// message>". Used by the checklist, the summary, the feedback form and the CS intake panel, so a user reads the
// same kind of message everywhere. Renders nothing while there is no error.
import { LightningElement, api } from "lwc";
import { errorMessages } from "c/handoffRules";
import { isAccessRefusal } from "c/accessErrors";
import { formatLabel } from "c/labelFormat";
import detailsLabel from "@salesforce/label/c.Handoff_Error_Details";

export default class HandoffError extends LightningElement {
  // A Lightning Data Service or Apex error (any shape c/handoffRules' errorMessages reads)...
  @api error: unknown = null;
  // ...or messages already in words (form validation errors).
  @api messages: string[] = [];
  // A Custom Label with {0} where the error's words go ("The handoff checklist could not load: {0} Reload..."): what
  // failed, the error and what to do next are one sentence a translator can reorder. Without it, the error alone.
  @api messageFormat = "";
  // Shown instead when the error means the user lacks access; without it, access errors read like any other.
  @api noAccessText = "";

  get isNoAccess(): boolean {
    return !!this.noAccessText && !!this.error && isAccessRefusal(this.error);
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
    return this.messageFormat ? formatLabel(this.messageFormat, this.errorText) : this.errorText;
  }
}
