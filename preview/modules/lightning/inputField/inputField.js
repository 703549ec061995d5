// Stand-in for lightning-input-field: renders the base component that fits the field's data type (from the object
// info read out of force-app), shows the record's value from the in-memory store, and fires "change" with
// detail.value like the platform's. Lookups offer the contacts of the deal's account, as the lookup filter does.
import { LightningElement, api } from "lwc";
import { get, objectInfo, query, subscribe } from "preview/store";

const REGISTER_FIELD = "preview__registerfield";
const INPUT_TYPES = {
  Date: "date",
  DateTime: "datetime",
  Double: "number",
  Currency: "number",
  Percent: "number",
  Email: "email",
  Phone: "tel",
  Url: "url",
};

export default class InputField extends LightningElement {
  @api fieldName;
  @api disabled = false;
  @api variant;

  form = null;
  dirty = false;
  draft = null;
  version = 0;

  connectedCallback() {
    const registration = {
      fieldName: () => this.fieldName,
      value: () => this.currentValue,
      attach: (form) => {
        this.form = form;
        this.version += 1;
      },
      reset: () => {
        this.dirty = false;
        this.draft = null;
      },
    };
    this.registration = registration;
    this.dispatchEvent(new CustomEvent(REGISTER_FIELD, { bubbles: true, detail: registration }));
    this.unsubscribe = subscribe(() => {
      this.version += 1;
    });
  }

  disconnectedCallback() {
    if (this.unsubscribe) this.unsubscribe();
    if (this.form) this.form.unregister();
  }

  get record() {
    // Read "version" so the template re-renders when the store changes.
    return this.version >= 0 && this.form ? get(this.form.recordId()) : null;
  }

  get info() {
    const apiName = this.form ? this.form.objectApiName() : null;
    return (apiName && objectInfo(apiName)?.fields?.[this.fieldName]) || null;
  }

  get label() {
    return this.info?.label ?? this.fieldName;
  }

  // The platform's input field stops at the field's length from the schema.
  get maxLength() {
    return this.info?.length ?? null;
  }

  get dataType() {
    return this.info?.dataType ?? "String";
  }

  get currentValue() {
    if (this.dirty) return this.draft;
    return this.record?.fields?.[this.fieldName] ?? null;
  }

  get displayInputValue() {
    return this.currentValue ?? "";
  }

  get checked() {
    return this.currentValue === true;
  }

  get isDisabled() {
    return this.disabled || !this.info?.updateable;
  }

  get isTextArea() {
    return this.dataType === "TextArea";
  }

  get isReference() {
    return this.dataType === "Reference";
  }

  get isPicklist() {
    return this.dataType === "Picklist";
  }

  get isBoolean() {
    return this.dataType === "Boolean";
  }

  get inputType() {
    return INPUT_TYPES[this.dataType] ?? "text";
  }

  get referencePlaceholder() {
    return `Select a ${this.info?.referenceTo ?? "record"}`;
  }

  get referenceOptions() {
    const target = this.info?.referenceTo;
    const accountId = this.record?.fields?.AccountId ?? null;
    const candidates = query(target, (r) => target !== "Contact" || r.fields.AccountId === accountId);
    return [
      { label: "--None--", value: "" },
      ...candidates.map((r) => ({
        label: r.fields.Title ? `${r.fields.Name} (${r.fields.Title})` : r.fields.Name,
        value: r.id,
      })),
    ];
  }

  get picklistOptions() {
    return [
      { label: "--None--", value: "" },
      ...(this.info?.picklistValues ?? []).map((v) => ({ label: v, value: v })),
    ];
  }

  handleChange(event) {
    // The base component's own change event must not reach the checklist: this field fires the platform's.
    event.stopPropagation();
    const raw = this.isBoolean ? event.detail?.checked === true : event.detail?.value;
    const value = raw === "" || raw === undefined ? null : raw;
    this.draft = value;
    this.dirty = true;
    this.dispatchEvent(new CustomEvent("change", { detail: { value } }));
  }
}
