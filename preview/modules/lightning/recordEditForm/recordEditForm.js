// Stand-in for lightning-record-edit-form (a platform component that needs Lightning Data Service). It keeps the
// platform's contract the checklist relies on: lightning-input-field children register with it; a submit button
// inside it fires "submit" (cancelable, detail.fields), then saves through lightning/uiRecordApi and fires "success"
// or "error" (detail.output.errors and detail.output.fieldErrors); submit(fields) saves without firing "submit".
import { LightningElement, api } from "lwc";
import { updateRecord } from "lightning/uiRecordApi";

export const REGISTER_FIELD = "preview__registerfield";

export default class RecordEditForm extends LightningElement {
  @api recordId;
  @api objectApiName;
  fields = new Set();

  constructor() {
    super();
    this.addEventListener(REGISTER_FIELD, (event) => {
      event.stopPropagation();
      const field = event.detail;
      this.fields.add(field);
      field.attach({
        recordId: () => this.recordId,
        objectApiName: () => this.objectApiName,
        unregister: () => this.fields.delete(field),
      });
    });
  }

  // The browser's native submit of the inner <form> stays inside, as it does in the platform's component: what
  // reaches the page is the form's own cancelable "submit" with detail.fields, once per save.
  handleFormSubmit(event) {
    event.preventDefault();
    event.stopPropagation();
    const fields = {};
    for (const field of this.fields) {
      const value = field.value();
      if (value !== undefined) fields[field.fieldName()] = value;
    }
    const submitEvent = new CustomEvent("submit", { cancelable: true, detail: { fields: { ...fields } } });
    this.dispatchEvent(submitEvent);
    if (!submitEvent.defaultPrevented) this.save(fields);
  }

  // Like the platform's submit(fields): saves what it is given without firing "submit" again, so the documented
  // pattern (preventDefault in onsubmit, adjust detail.fields, call submit) works here as in an org.
  @api
  submit(fields) {
    this.save(fields ?? {});
  }

  async save(fields) {
    try {
      const saved = await updateRecord({ fields: { Id: this.recordId, ...fields } });
      for (const field of this.fields) field.reset();
      this.dispatchEvent(
        new CustomEvent("success", { detail: { id: saved.id, apiName: saved.apiName, fields: saved.fields } }),
      );
    } catch (error) {
      const message = error?.body?.message ?? error?.message ?? "The record could not be saved.";
      this.dispatchEvent(
        new CustomEvent("error", {
          detail: {
            message: "An error occurred while trying to update the record. Please try again.",
            detail: message,
            output: { errors: [{ message, errorCode: error?.body?.errorCode ?? "UNKNOWN" }], fieldErrors: {} },
          },
        }),
      );
    }
  }
}
