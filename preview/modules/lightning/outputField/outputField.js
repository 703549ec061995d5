// Stand-in for lightning-output-field: the label and the formatted value of one field of the enclosing form's
// record, as LDS formats it (lookups by name, dates and currency in the user's locale).
import { LightningElement, api } from "lwc";
import { get, objectInfo, subscribe } from "preview/store";
import { displayValueOf } from "preview/lds";

const REGISTER_FIELD = "preview__registerfield";

export default class OutputField extends LightningElement {
  @api fieldName;
  @api variant;

  form = null;
  version = 0;

  connectedCallback() {
    this.dispatchEvent(
      new CustomEvent(REGISTER_FIELD, {
        bubbles: true,
        detail: {
          fieldName: () => this.fieldName,
          // Output fields are not saved: the form skips undefined values.
          value: () => undefined,
          attach: (form) => {
            this.form = form;
            this.version += 1;
          },
          reset: () => {},
        },
      }),
    );
    this.unsubscribe = subscribe(() => {
      this.version += 1;
    });
  }

  disconnectedCallback() {
    if (this.unsubscribe) this.unsubscribe();
    if (this.form) this.form.unregister();
  }

  get info() {
    const apiName = this.form ? this.form.objectApiName() : null;
    return (apiName && objectInfo(apiName)?.fields?.[this.fieldName]) || null;
  }

  get label() {
    return this.info?.label ?? this.fieldName;
  }

  get text() {
    const record = this.version >= 0 && this.form ? get(this.form.recordId()) : null;
    const value = record?.fields?.[this.fieldName];
    if (value === null || value === undefined) return "";
    const dataType = this.info?.dataType;
    if (dataType === "Reference") return get(value)?.fields?.Name ?? value;
    if (dataType === "Boolean") return value ? "Yes" : "No";
    return displayValueOf(dataType, value) ?? String(value);
  }
}
