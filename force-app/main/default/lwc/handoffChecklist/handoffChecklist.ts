// The Sales side of the handoff on the Opportunity record page: what CS needs, what is still missing for this
// deal's tier, inline editing through the standard record edit form, and "Submit handoff".
// Data comes from LDS (record, object info, the Handoff__c and products related lists); the requirement records
// come from the one cacheable Apex method, so an admin's change in Setup shows here without a deploy.
import { LightningElement, api, wire } from "lwc";
import { getRecord, updateRecord, type RecordRepresentation, type WireResult } from "lightning/uiRecordApi";
import { getRelatedListRecords } from "lightning/uiRelatedListApi";
import { getObjectInfo, type ObjectInfo } from "lightning/uiObjectInfoApi";
import { ShowToastEvent } from "lightning/platformShowToastEvent";
import { refreshApex } from "@salesforce/apex";
import getChecklistConfig from "@salesforce/apex/HandoffChecklistController.getChecklistConfig";
import {
  PRODUCTS_FIELD,
  STATUS_DRAFT,
  STATUS_SUBMITTED,
  buildChecklist,
  canSubmitFrom,
  clockBadgeClass,
  errorMessages,
  isLockedForSales,
  slaClock,
  toAnswerRules,
  toTier,
  type Checklist,
  type ChecklistWording,
  type ChecklistConfig,
  type FieldState,
  type SlaClock,
} from "c/handoffRules";
import { formatLabel } from "c/labelFormat";
import { formatNumber } from "c/localeFormat";
import productFallbackLabel from "@salesforce/label/c.Handoff_Product_Fallback";
import titleLabel from "@salesforce/label/c.Handoff_Checklist_Title";
import loadingLabel from "@salesforce/label/c.Handoff_Checklist_Loading";
import noAccessLabel from "@salesforce/label/c.Handoff_Checklist_No_Access";
import loadErrorLabel from "@salesforce/label/c.Handoff_Checklist_Load_Error";
import emptyLabel from "@salesforce/label/c.Handoff_Checklist_Empty";
import readOnlyLabel from "@salesforce/label/c.Handoff_Checklist_Read_Only";
import notSavedLabel from "@salesforce/label/c.Handoff_Checklist_Not_Saved";
import seeFieldMessagesLabel from "@salesforce/label/c.Handoff_Checklist_See_Field_Messages";
import saveFailedLabel from "@salesforce/label/c.Handoff_Checklist_Save_Failed";
import productsListLabel from "@salesforce/label/c.Handoff_Checklist_Products_List";
import noProductsLabel from "@salesforce/label/c.Handoff_Checklist_No_Products";
import warningLabel from "@salesforce/label/c.Handoff_Checklist_Warning";
import fieldNotSavedLabel from "@salesforce/label/c.Handoff_Checklist_Field_Not_Saved";
import saveLabel from "@salesforce/label/c.Handoff_Checklist_Save";
import submitLabel from "@salesforce/label/c.Handoff_Checklist_Submit";
import tierLabel from "@salesforce/label/c.Handoff_Checklist_Tier";
import counterLabel from "@salesforce/label/c.Handoff_Checklist_Counter";
import tooLongLabel from "@salesforce/label/c.Handoff_Checklist_Too_Long";
import tooLongNotSavedLabel from "@salesforce/label/c.Handoff_Checklist_Too_Long_Not_Saved";
import statusLabel from "@salesforce/label/c.Handoff_Checklist_Status";
import notStartedLabel from "@salesforce/label/c.Handoff_Checklist_Not_Started";
import csOwnerLabel from "@salesforce/label/c.Handoff_Checklist_CS_Owner";
import csOwnerNoneLabel from "@salesforce/label/c.Handoff_Checklist_CS_Owner_None";
import returnedLabel from "@salesforce/label/c.Handoff_Checklist_Returned";
import noReasonLabel from "@salesforce/label/c.Handoff_Checklist_No_Reason";
import infoRequestedLabel from "@salesforce/label/c.Handoff_Checklist_Info_Requested";
import moreInformationLabel from "@salesforce/label/c.Handoff_Checklist_More_Information";
import submitNoHandoffLabel from "@salesforce/label/c.Handoff_Checklist_Submit_No_Handoff";
import placeholderWarningLabel from "@salesforce/label/c.Handoff_Checklist_Placeholder_Warning";
import tooShortWarningLabel from "@salesforce/label/c.Handoff_Checklist_Too_Short_Warning";
import needsRealAnswerLabel from "@salesforce/label/c.Handoff_Checklist_Needs_Real_Answer";
import requiredForLabel from "@salesforce/label/c.Handoff_Checklist_Required_For";
import nothingRequiredLabel from "@salesforce/label/c.Handoff_Checklist_Nothing_Required";
import allRequiredAnsweredLabel from "@salesforce/label/c.Handoff_Checklist_All_Required_Answered";
import sectionMissingLabel from "@salesforce/label/c.Handoff_Checklist_Section_Missing";
import meterLabel from "@salesforce/label/c.Handoff_Checklist_Meter";
import handoffDueLabel from "@salesforce/label/c.Handoff_Checklist_Handoff_Due";
import firstTouchDueLabel from "@salesforce/label/c.Handoff_Checklist_First_Touch_Due";
import overdueByLabel from "@salesforce/label/c.Handoff_Checklist_Overdue_By";
import timeLeftLabel from "@salesforce/label/c.Handoff_Checklist_Time_Left";
import hiddenLabel from "@salesforce/label/c.Handoff_Intake_Problem_Hidden";
import answeredLabel from "@salesforce/label/c.Handoff_Intake_Answered";
import missingLabel from "@salesforce/label/c.Handoff_Intake_Problem_Blank";
import optionalLabel from "@salesforce/label/c.Handoff_Intake_Optional";
import submitAlreadyLabel from "@salesforce/label/c.Handoff_Checklist_Submit_Already";
import submitUnsavedLabel from "@salesforce/label/c.Handoff_Checklist_Submit_Unsaved";
import submitIncompleteLabel from "@salesforce/label/c.Handoff_Checklist_Submit_Incomplete";
import savedLabel from "@salesforce/label/c.Handoff_Checklist_Saved";
import savedToastLabel from "@salesforce/label/c.Handoff_Checklist_Saved_Toast";
import submittedLabel from "@salesforce/label/c.Handoff_Checklist_Submitted";
import submittedToastLabel from "@salesforce/label/c.Handoff_Checklist_Submitted_Toast";
import submittedToastMessageLabel from "@salesforce/label/c.Handoff_Checklist_Submitted_Toast_Message";
import notSubmittedLabel from "@salesforce/label/c.Handoff_Checklist_Not_Submitted";
import notSubmittedToastLabel from "@salesforce/label/c.Handoff_Checklist_Not_Submitted_Toast";

const OPPORTUNITY = "Opportunity";
const BASE_FIELDS = ["Opportunity.Name", "Opportunity.Handoff_Tier__c", "Opportunity.HasOpportunityLineItem"];
const HANDOFF_FIELDS = [
  "Handoff__c.Id",
  "Handoff__c.Name",
  "Handoff__c.Status__c",
  "Handoff__c.CS_Owner__c",
  "Handoff__c.CS_Owner__r.Name",
  "Handoff__c.Handoff_Due_At__c",
  "Handoff__c.First_Touch_Due_At__c",
  "Handoff__c.First_Touch_At__c",
  "Handoff__c.Submitted_At__c",
  "Handoff__c.Return_Reason__c",
  "Handoff__c.Missing_Info_Request__c",
];
const PRODUCT_FIELDS = [
  "OpportunityLineItem.Id",
  "OpportunityLineItem.Name",
  "OpportunityLineItem.Quantity",
  "OpportunityLineItem.TotalPrice",
];
const CLOCK_TICK_MS = 60000;
const TEXT_AREA = "TextArea";

// The texts the template shows as they are (Custom Labels, translated in Translation Workbench); texts with values
// are getters below that fill a label's {0} placeholders.
const LABELS = {
  title: titleLabel,
  loading: loadingLabel,
  noAccess: noAccessLabel,
  loadError: loadErrorLabel,
  empty: emptyLabel,
  readOnly: readOnlyLabel,
  productsList: productsListLabel,
  noProducts: noProductsLabel,
  save: saveLabel,
  submit: submitLabel,
};

// The parts of lightning-record-edit-form and lightning-textarea the checklist calls.
interface RecordEditForm extends HTMLElement {
  submit(fields: Record<string, unknown>): void;
}
interface ValidatedInput extends HTMLElement {
  setCustomValidity(message: string): void;
  reportValidity(): boolean;
}

type ResultKind = "success" | "error";

function fieldValue(record: RecordRepresentation | undefined, field: string): unknown {
  const value = record?.fields?.[field];
  return value === undefined ? undefined : value.value;
}

// LDS nests relationship fields: CS_Owner__r.Name is fields.CS_Owner__r.value.fields.Name.
function nestedValue(record: RecordRepresentation | undefined, path: string): unknown {
  let current: unknown = record;
  for (const part of path.split(".")) {
    const fields = (current as RecordRepresentation | null | undefined)?.fields;
    if (!fields || fields[part] === undefined) return undefined;
    current = fields[part].value;
  }
  return current;
}

function displayValue(record: RecordRepresentation | undefined, field: string): string | null {
  const value = record?.fields?.[field];
  if (!value) return null;
  return value.displayValue ?? (value.value === null || value.value === undefined ? null : String(value.value));
}

// The checklist's and clock's words from c/handoffRules, as Custom Labels in the user's language.
const WORDING: ChecklistWording = {
  placeholderWarning: placeholderWarningLabel,
  tooShortWarning: (minLength) => formatLabel(tooShortWarningLabel, minLength),
  hidden: hiddenLabel,
  answered: answeredLabel,
  needsRealAnswer: needsRealAnswerLabel,
  missing: missingLabel,
  requiredFor: (tier) => formatLabel(requiredForLabel, tier),
  optional: optionalLabel,
  nothingRequired: nothingRequiredLabel,
  allRequiredAnswered: (count) => formatLabel(allRequiredAnsweredLabel, count),
  sectionMissing: (labels) => formatLabel(sectionMissingLabel, labels.join(", ")),
  meter: (answered, required) => formatLabel(meterLabel, answered, required),
  handoffDue: handoffDueLabel,
  firstTouchDue: firstTouchDueLabel,
  overdueBy: (duration) => formatLabel(overdueByLabel, duration),
  timeLeft: (duration) => formatLabel(timeLeftLabel, duration),
};

export default class HandoffChecklist extends LightningElement {
  @api recordId?: string;

  readonly labels = LABELS;

  config?: ChecklistConfig;
  configError?: unknown;
  objectInfo?: ObjectInfo;
  objectInfoError?: unknown;
  opportunity?: RecordRepresentation;
  opportunityError?: unknown;
  handoffResult?: WireResult<{ records: RecordRepresentation[] }>;
  productsResult?: WireResult<{ records: RecordRepresentation[] }>;
  opportunityFields?: string[];

  // Values typed since the last save, so the meter and warnings follow the rep's typing.
  draftValues: Record<string, unknown> = {};
  saveErrors: Record<string, string> = {};
  formErrors: string[] = [];
  saving = false;
  submitting = false;
  // What the last action did, shown next to the buttons; focus moves there so keyboard and screen reader users
  // hear the outcome instead of landing on the page body.
  resultMessage: string | null = null;
  resultKind: ResultKind = "success";
  private focusResultPending = false;
  private readonly warnBeforeLeaving = (event: BeforeUnloadEvent) => {
    if (!this.hasUnsavedChanges) return;
    // The browser (and the Lightning shell) ask "Leave site? Changes you made may not be saved."
    event.preventDefault();
    event.returnValue = "";
  };
  now = new Date();
  clockTimer?: ReturnType<typeof setInterval>;

  @wire(getChecklistConfig, {})
  wiredConfig({ data, error }: WireResult<ChecklistConfig>) {
    this.config = data;
    this.configError = error;
    if (data) {
      const requirementFields = data.requirements
        .map((r) => r.fieldApiName)
        .filter((f) => f && f !== PRODUCTS_FIELD)
        .map((f) => `${OPPORTUNITY}.${f}`);
      this.opportunityFields = [...new Set([...BASE_FIELDS, ...requirementFields])];
    }
  }

  @wire(getObjectInfo, { objectApiName: OPPORTUNITY })
  wiredObjectInfo({ data, error }: WireResult<ObjectInfo>) {
    this.objectInfo = data;
    this.objectInfoError = error;
  }

  // optionalFields: a field the user may not read (field-level security) is left out instead of failing the record.
  @wire(getRecord, { recordId: "$recordId", optionalFields: "$opportunityFields" })
  wiredOpportunity({ data, error }: WireResult<RecordRepresentation>) {
    this.opportunity = data;
    this.opportunityError = error;
  }

  @wire(getRelatedListRecords, { parentRecordId: "$recordId", relatedListId: "Handoffs__r", fields: HANDOFF_FIELDS })
  wiredHandoffs(result: WireResult<{ records: RecordRepresentation[] }>) {
    this.handoffResult = result;
  }

  @wire(getRelatedListRecords, {
    parentRecordId: "$recordId",
    relatedListId: "OpportunityLineItems",
    fields: PRODUCT_FIELDS,
  })
  wiredProducts(result: WireResult<{ records: RecordRepresentation[] }>) {
    this.productsResult = result;
  }

  connectedCallback() {
    window.addEventListener("beforeunload", this.warnBeforeLeaving);
    // The SLA clock is "time left" on the current clock: refresh it while the page stays open.
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.clockTimer = setInterval(() => {
      this.now = new Date();
    }, CLOCK_TICK_MS);
  }

  disconnectedCallback() {
    if (this.clockTimer) clearInterval(this.clockTimer);
    window.removeEventListener("beforeunload", this.warnBeforeLeaving);
  }

  // The component's shadow root: typed as possibly null by the lwc types, always there once rendered.
  private get root(): ShadowRoot {
    return this.template as ShadowRoot;
  }

  renderedCallback() {
    // Text answers report their warnings and save errors on the input itself (aria-invalid, aria-describedby).
    for (const input of this.root.querySelectorAll<ValidatedInput>('lightning-textarea[data-id="answer"]')) {
      const field = input.dataset.field ?? "";
      const item = this.itemsByField[field];
      const message = item?.saveError ?? item?.warning ?? "";
      input.setCustomValidity(message);
      input.reportValidity();
    }
    if (this.focusResultPending) {
      const result = this.root.querySelector<HTMLElement>('[data-id="result"]');
      if (result) {
        this.focusResultPending = false;
        result.focus();
      }
    }
  }

  // --- page states -------------------------------------------------------------------------------------------

  get firstError(): unknown {
    return this.configError ?? this.opportunityError ?? this.objectInfoError ?? this.handoffResult?.error;
  }

  // Shown by c-handoff-error: no access, or the error in words.
  get hasError(): boolean {
    return !!this.firstError;
  }

  get isLoading(): boolean {
    return !this.firstError && !this.isEmpty && (!this.config || !this.objectInfo || !this.opportunity);
  }

  get isEmpty(): boolean {
    return !this.firstError && !!this.config && this.config.requirements.length === 0;
  }

  // --- checklist ---------------------------------------------------------------------------------------------

  get tier() {
    return toTier(fieldValue(this.opportunity, "Handoff_Tier__c"));
  }

  get tierText(): string {
    return formatLabel(tierLabel, this.tier);
  }

  get fieldStates(): Record<string, FieldState> {
    const states: Record<string, FieldState> = {};
    const infoFields = this.objectInfo?.fields ?? {};
    for (const requirement of this.config?.requirements ?? []) {
      const field = requirement.fieldApiName;
      if (field === PRODUCTS_FIELD) {
        states[field] = {
          value: this.products.length > 0 || fieldValue(this.opportunity, field) === true,
          dataType: "Boolean",
          updateable: false,
        };
        continue;
      }
      const info = infoFields[field];
      const readable = !!info && this.opportunity?.fields?.[field] !== undefined;
      states[field] = {
        value: field in this.draftValues ? this.draftValues[field] : fieldValue(this.opportunity, field),
        dataType: readable ? info.dataType : null,
        updateable: readable && info.updateable,
      };
    }
    return states;
  }

  get checklist(): Checklist {
    return buildChecklist(
      this.config?.requirements ?? [],
      this.tier,
      this.fieldStates,
      toAnswerRules(this.config?.settings),
      this.config?.groupOrder ?? [],
      WORDING,
    );
  }

  // The field's length from the object's schema (record UI API field info), never a number kept here.
  maxLengthOf(field: string): number | null {
    const length = this.objectInfo?.fields?.[field]?.length;
    return typeof length === "number" && length > 0 ? length : null;
  }

  get sections() {
    return this.checklist.sections.map((section) => ({
      ...section,
      headingId: `section-${section.key.replace(/\W+/g, "-").toLowerCase()}`,
      hasMissing: section.missing.length > 0,
      items: section.items.map((item) => {
        const editable = item.editable && !this.isReadOnly;
        const isText = this.objectInfo?.fields?.[item.fieldApiName]?.dataType === TEXT_AREA;
        const value = this.fieldStates[item.fieldApiName]?.value;
        const text = typeof value === "string" ? value : "";
        const maxLength = this.maxLengthOf(item.fieldApiName);
        return {
          ...item,
          saveError: this.saveErrors[item.fieldApiName] ?? null,
          showTextInput: editable && isText,
          showInput: editable && !isText,
          showOutput: item.accessible && !item.isProducts && (!item.editable || this.isReadOnly),
          // Text answers show their warning on the input (see renderedCallback); other fields beside it.
          showWarningText: !!item.warning && !(editable && isText),
          inputLabel: this.objectInfo?.fields?.[item.fieldApiName]?.label ?? item.label,
          textValue: text,
          maxLength,
          counterText: maxLength ? formatLabel(counterLabel, formatNumber(text.length), formatNumber(maxLength)) : null,
          tooLongMessage: maxLength ? formatLabel(tooLongLabel, formatNumber(maxLength)) : null,
          warningText: item.warning ? formatLabel(warningLabel, item.warning) : null,
          saveErrorText: this.saveErrors[item.fieldApiName]
            ? formatLabel(fieldNotSavedLabel, this.saveErrors[item.fieldApiName])
            : null,
          statusClass: item.answered ? "status status_answered" : "status status_missing",
          statusIcon: item.answered ? "utility:success" : item.warning ? "utility:warning" : "utility:routing_offline",
        };
      }),
    }));
  }

  get itemsByField(): Record<string, { warning: string | null; saveError: string | null }> {
    const byField: Record<string, { warning: string | null; saveError: string | null }> = {};
    for (const section of this.sections) for (const item of section.items) byField[item.fieldApiName] = item;
    return byField;
  }

  get meterValue(): number {
    return this.checklist.percent;
  }

  get meterText(): string {
    return this.checklist.meterText;
  }

  get products() {
    return (this.productsResult?.data?.records ?? []).map((record) => ({
      id: record.id,
      name: displayValue(record, "Name") ?? productFallbackLabel,
      quantity: displayValue(record, "Quantity"),
      total: displayValue(record, "TotalPrice"),
    }));
  }

  get hasProducts(): boolean {
    return this.products.length > 0;
  }

  // --- handoff status and SLA --------------------------------------------------------------------------------

  get handoff(): RecordRepresentation | undefined {
    return this.handoffResult?.data?.records?.[0];
  }

  get hasHandoff(): boolean {
    return !!this.handoff;
  }

  // The rep's feedback on the handoff (c-handoff-feedback) needs the record it is about.
  get handoffId(): string | undefined {
    return this.handoff?.id;
  }

  get status(): string {
    return (fieldValue(this.handoff, "Status__c") as string | null) ?? STATUS_DRAFT;
  }

  get statusText(): string {
    return this.hasHandoff ? formatLabel(statusLabel, this.status) : notStartedLabel;
  }

  get csOwnerText(): string {
    const owner = nestedValue(this.handoff, "CS_Owner__r.Name");
    return owner ? formatLabel(csOwnerLabel, owner) : csOwnerNoneLabel;
  }

  get clock(): SlaClock | null {
    if (!this.handoff) return null;
    return slaClock(
      {
        status: this.status,
        handoffDueAt: fieldValue(this.handoff, "Handoff_Due_At__c") as string | null,
        firstTouchDueAt: fieldValue(this.handoff, "First_Touch_Due_At__c") as string | null,
        firstTouchAt: fieldValue(this.handoff, "First_Touch_At__c") as string | null,
      },
      this.now,
      WORDING,
    );
  }

  get clockText(): string | null {
    const clock = this.clock;
    return clock ? `${clock.label}: ${clock.text}` : null;
  }

  get clockClass(): string {
    return clockBadgeClass(this.clock);
  }

  // The handoff's status on the Path; before a handoff exists the path starts at Draft.
  get pathStatus(): string | null {
    return this.hasHandoff ? this.status : null;
  }

  get clockIcon(): string {
    return this.clock?.overdue ? "utility:warning" : "utility:clock";
  }

  get returnMessage(): string | null {
    if (this.status === "Returned")
      return formatLabel(returnedLabel, displayValue(this.handoff, "Return_Reason__c") ?? noReasonLabel);
    if (this.status === "Info Requested")
      return formatLabel(
        infoRequestedLabel,
        displayValue(this.handoff, "Missing_Info_Request__c") ?? moreInformationLabel,
      );
    return null;
  }

  get isReadOnly(): boolean {
    return isLockedForSales(this.status);
  }

  get hasUnsavedChanges(): boolean {
    return Object.keys(this.draftValues).length > 0;
  }

  // Save is offered whenever an edit is unsaved, and only then.
  get saveDisabled(): boolean {
    return this.saving || !this.hasUnsavedChanges;
  }

  get resultClass(): string {
    return this.resultKind === "error" ? "result slds-text-color_error" : "result slds-text-color_success";
  }

  get submitBlockedReason(): string | null {
    if (!this.hasHandoff) return submitNoHandoffLabel;
    if (!canSubmitFrom(this.status)) return formatLabel(submitAlreadyLabel, this.status.toLowerCase());
    if (this.hasUnsavedChanges) return submitUnsavedLabel;
    if (!this.checklist.complete) return formatLabel(submitIncompleteLabel, this.checklist.meterText);
    return null;
  }

  get submitDisabled(): boolean {
    return this.submitting || this.submitBlockedReason !== null;
  }

  get showSubmit(): boolean {
    return !this.isReadOnly;
  }

  // --- events --------------------------------------------------------------------------------------------------

  handleFieldChange(event: CustomEvent<{ value: unknown }>) {
    const field = (event.target as HTMLElement).dataset.field;
    if (!field) return;
    const value = event.detail?.value ?? (event.target as unknown as { value: unknown }).value;
    this.draftValues = { ...this.draftValues, [field]: Array.isArray(value) ? (value[0] ?? null) : value };
    if (this.saveErrors[field]) {
      const remaining = { ...this.saveErrors };
      delete remaining[field];
      this.saveErrors = remaining;
    }
  }

  handleTextChange(event: CustomEvent<{ value: unknown }>) {
    this.handleFieldChange(event);
  }

  private showResult(kind: ResultKind, message: string) {
    this.resultKind = kind;
    this.resultMessage = message;
    this.focusResultPending = true;
  }

  // lightning-record-edit-form's own "submit" carries detail.fields. The browser's native submit event of the form
  // inside it is not a save: under synthetic shadow it can reach this listener too, and treating it as one left
  // "saving" on for good (Save disabled after the first save).
  handleSubmitForm(event: CustomEvent<{ fields?: Record<string, unknown> }>) {
    event.preventDefault();
    const fields = event.detail?.fields;
    if (!fields || this.saving) return;
    // Text answers are lightning-textarea (warnings and length on the input), so they join the form's fields here:
    // the documented way to change what the form saves.
    const toSave: Record<string, unknown> = { ...fields, ...this.draftValues };
    const tooLong = Object.keys(this.draftValues).filter((field) => {
      const max = this.maxLengthOf(field);
      const value = this.draftValues[field];
      return max !== null && typeof value === "string" && value.length > max;
    });
    if (tooLong.length) {
      this.showResult("error", formatLabel(tooLongNotSavedLabel, tooLong.join(", ")));
      return;
    }
    this.saving = true;
    this.formErrors = [];
    this.saveErrors = {};
    this.resultMessage = null;
    (this.root.querySelector("lightning-record-edit-form") as RecordEditForm | null)?.submit(toSave);
  }

  handleSaveSuccess() {
    this.saving = false;
    this.draftValues = {};
    this.showResult("success", savedLabel);
    this.dispatchEvent(new ShowToastEvent({ title: savedToastLabel, variant: "success" }));
  }

  // lightning-record-edit-form reports the save's validation errors per field in detail.output.fieldErrors and
  // the record-level ones in detail.output.errors; each field error is repeated under its checklist item.
  handleSaveError(
    event: CustomEvent<{
      message?: string;
      detail?: string;
      output?: { errors?: { message: string }[]; fieldErrors?: Record<string, { message: string }[]> };
    }>,
  ) {
    this.saving = false;
    const output = event.detail?.output ?? {};
    const fieldErrors: Record<string, string> = {};
    for (const [field, errors] of Object.entries(output.fieldErrors ?? {})) {
      fieldErrors[field] = errors.map((e) => e.message).join(" ");
    }
    this.saveErrors = fieldErrors;
    const formErrors = (output.errors ?? []).map((e) => e.message);
    if (formErrors.length === 0 && Object.keys(fieldErrors).length === 0)
      formErrors.push(event.detail?.detail ?? event.detail?.message ?? saveFailedLabel);
    this.formErrors = formErrors;
    this.showResult(
      "error",
      formatLabel(notSavedLabel, formErrors.length ? formErrors.join(" ") : seeFieldMessagesLabel),
    );
  }

  get hasFormErrors(): boolean {
    return this.formErrors.length > 0;
  }

  get formErrorText(): string {
    return formatLabel(notSavedLabel, this.formErrors.join(" "));
  }

  async handleSubmitHandoff() {
    const handoff = this.handoff;
    if (!handoff || this.submitBlockedReason) return;
    this.submitting = true;
    try {
      // Only the status: the server stamps Submitted_At__c and restarts the first-touch clock
      // (flow Handoff_Before_Save_Lifecycle_Stamps), so a browser clock never decides an SLA.
      await updateRecord({ fields: { Id: handoff.id, Status__c: STATUS_SUBMITTED } });
      await refreshApex(this.handoffResult);
      this.showResult("success", submittedLabel);
      this.dispatchEvent(
        new ShowToastEvent({ title: submittedToastLabel, message: submittedToastMessageLabel, variant: "success" }),
      );
    } catch (error) {
      this.showResult("error", formatLabel(notSubmittedLabel, errorMessages(error).join(" ")));
      this.dispatchEvent(
        new ShowToastEvent({
          title: notSubmittedToastLabel,
          message: errorMessages(error).join(" "),
          variant: "error",
        }),
      );
    } finally {
      this.submitting = false;
    }
  }
}
