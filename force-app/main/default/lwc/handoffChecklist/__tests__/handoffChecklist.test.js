import { createElement } from "lwc";
import HandoffChecklist from "c/handoffChecklist";
import { getRecord, updateRecord } from "lightning/uiRecordApi";
import { getRelatedListRecords } from "lightning/uiRelatedListApi";
import { getObjectInfo } from "lightning/uiObjectInfoApi";
import getChecklistConfig from "@salesforce/apex/HandoffChecklistController.getChecklistConfig";

import config from "./data/checklistConfig.json";
import objectInfo from "./data/opportunityObjectInfo.json";
import highTouchComplete from "./data/opportunityHighTouchComplete.json";
import lowTouchPartial from "./data/opportunityLowTouchPartial.json";
import handoffDraft from "./data/handoffDraft.json";
import handoffAccepted from "./data/handoffAccepted.json";
import handoffReturned from "./data/handoffReturned.json";
import handoffNone from "./data/handoffNone.json";
import products from "./data/products.json";
import productsNone from "./data/productsNone.json";
import { flushMicrotasks } from "../../../../../test/jest-helpers.js";
import { withUserSettings } from "../../../../../test/jest-i18n.js";

jest.mock(
  "@salesforce/apex/HandoffChecklistController.getChecklistConfig",
  () => {
    const { createApexTestWireAdapter } = require("@salesforce/sfdx-lwc-jest");
    return { default: createApexTestWireAdapter(jest.fn()) };
  },
  { virtual: true },
);

const NOW = new Date("2026-11-26T10:00:00.000Z");

const isHandoffList = (wireConfig) => wireConfig.relatedListId === "Handoffs__r";
const isProductList = (wireConfig) => wireConfig.relatedListId === "OpportunityLineItems";

function mount(recordId = "006000000000001AAA") {
  const element = createElement("c-handoff-checklist", { is: HandoffChecklist });
  element.recordId = recordId;
  document.body.appendChild(element);
  return element;
}

// Several wires resolve in turn (config, then the record whose field list depends on it).
const flush = () => flushMicrotasks(4);

async function mountWith({ opportunity, handoff = handoffDraft, lineItems = products, requirements = config } = {}) {
  const element = mount(opportunity.id);
  await flush(); // wire configs with $recordId are set after connect
  getChecklistConfig.emit(requirements);
  getObjectInfo.emit(objectInfo);
  getRelatedListRecords.emit(handoff, isHandoffList);
  getRelatedListRecords.emit(lineItems, isProductList);
  await flush();
  getRecord.emit(opportunity);
  await flush();
  return element;
}

const q = (element, selector) => element.shadowRoot.querySelector(selector);
const qa = (element, selector) => Array.from(element.shadowRoot.querySelectorAll(selector));
const item = (element, field) => q(element, `li[data-field="${field}"]`);
const text = (node) => (node ? node.textContent.replace(/\s+/g, " ").trim() : null);
// Inside a child component: the shared error state (c-handoff-error) and status Path (c-handoff-status-path).
const inChild = (element, child, selector) => {
  const host = q(element, child);
  return host ? host.shadowRoot.querySelector(selector) : null;
};
const inChildAll = (element, child, selector) => {
  const host = q(element, child);
  return host ? Array.from(host.shadowRoot.querySelectorAll(selector)) : [];
};

function requiredFieldsOnPage(element) {
  return qa(element, "li[data-field]")
    .filter((li) => li.dataset.requirement.startsWith("Required"))
    .map((li) => li.dataset.field)
    .sort();
}

describe("c-handoff-checklist", () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: NOW, doNotFake: ["queueMicrotask", "nextTick"] });
  });

  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
    jest.useRealTimers();
  });

  it("asks for the record fields that the requirement records name, so Setup changes need no deploy", async () => {
    await mountWith({ opportunity: highTouchComplete });
    const requested = getRecord.getLastConfig().optionalFields;
    for (const requirement of config.requirements.filter((r) => r.fieldApiName !== "HasOpportunityLineItem")) {
      expect(requested).toContain(`Opportunity.${requirement.fieldApiName}`);
    }
  });

  it("marks the High-Touch required set as required, from the requirement records", async () => {
    const element = await mountWith({ opportunity: highTouchComplete });
    const expected = config.requirements.filter((r) => r.requiredHighTouch).map((r) => r.fieldApiName).sort();
    expect(requiredFieldsOnPage(element)).toEqual(expected);
    expect(text(item(element, "Pain_Points__c").querySelector('[data-id="requirement"]'))).toBe("Required for High-Touch");
  });

  it("marks the Low-Touch required set as required and the rest as optional", async () => {
    const element = await mountWith({ opportunity: lowTouchPartial });
    const expected = config.requirements.filter((r) => r.requiredLowTouch).map((r) => r.fieldApiName).sort();
    expect(requiredFieldsOnPage(element)).toEqual(expected);
    expect(text(item(element, "Pain_Points__c").querySelector('[data-id="requirement"]'))).toBe("Optional");
  });

  it("shows every requirement's guidance prompt in its own section", async () => {
    const element = await mountWith({ opportunity: lowTouchPartial });
    for (const requirement of config.requirements) {
      const li = item(element, requirement.fieldApiName);
      expect(li).not.toBeNull();
      expect(text(li.querySelector('[data-id="prompt"]'))).toBe(requirement.guidancePrompt);
      expect(li.closest("section").dataset.section).toBe(requirement.groupName);
    }
    expect(qa(element, "section[data-section] h3").map(text)).toEqual([
      "Customer Context",
      "Stakeholders",
      "Scope",
      "Risks",
      "Relationship",
      "Notes",
    ]);
  });

  it("orders the sections as the Group__c picklist orders its values, so an admin reorders them in Setup", async () => {
    const groupOrder = [...config.groupOrder].reverse();
    const element = await mountWith({ opportunity: lowTouchPartial, requirements: { ...config, groupOrder } });
    expect(qa(element, "section[data-section] h3").map(text)).toEqual(groupOrder);
  });

  it("counts required answers in the meter and lists what each section still misses", async () => {
    const element = await mountWith({ opportunity: lowTouchPartial, lineItems: productsNone });
    // Low-Touch requires 8; answered: Business goals, Champion, Contract start date. "tbd" and "email" do not count.
    expect(text(q(element, '[data-id="meter-text"]'))).toBe("3 of 8 required answers complete");
    expect(q(element, "lightning-progress-bar").value).toBe(38);
    const summaries = Object.fromEntries(
      qa(element, "section[data-section]").map((s) => [s.dataset.section, text(s.querySelector('[data-id="section-summary"]'))]),
    );
    expect(summaries["Customer Context"]).toBe("Missing: Success criteria");
    expect(summaries.Stakeholders).toBe("Missing: Technical contact");
    expect(summaries.Scope).toBe("Missing: Products purchased");
    expect(summaries.Relationship).toBe("Missing: Communication preferences, Promises made");
    expect(summaries.Risks).toBe("Nothing required in this section");
  });

  it("updates the meter while the rep types, before saving", async () => {
    const element = await mountWith({ opportunity: lowTouchPartial, lineItems: productsNone });
    const input = q(element, 'lightning-textarea[data-field="Promises_Made__c"]');
    input.dispatchEvent(new CustomEvent("change", { detail: { value: "No commitments were made beyond the contract." } }));
    await flush();
    expect(text(q(element, '[data-id="meter-text"]'))).toBe("4 of 8 required answers complete");
  });

  it("warns live when an answer is a placeholder or too short, with the validation rule's settings", async () => {
    const element = await mountWith({ opportunity: lowTouchPartial });
    // Text answers carry the warning on the input itself (lightning-textarea sets aria-invalid and aria-describedby).
    const answer = (field) => q(element, `lightning-textarea[data-field="${field}"]`);
    const warnings = {};
    for (const field of ["Success_Criteria__c", "Communication_Preferences__c", "Business_Goals__c"]) {
      const input = answer(field);
      input.setCustomValidity = jest.fn((message) => {
        warnings[field] = message;
      });
      input.reportValidity = jest.fn();
    }
    answer("Business_Goals__c").dispatchEvent(new CustomEvent("change", { detail: { value: "  N/A " } }));
    await flush();
    expect(warnings.Success_Criteria__c).toContain("placeholder");
    expect(warnings.Communication_Preferences__c).toContain(`at least ${config.settings.minAnswerLength} characters`);
    expect(warnings.Business_Goals__c).toContain("placeholder");
    expect(answer("Business_Goals__c").reportValidity).toHaveBeenCalled();
    expect(text(item(element, "Business_Goals__c").querySelector('[data-id="item-status"]'))).toBe("Needs a real answer");
  });

  it("lists the deal's products read-only, and says how to add them when there are none", async () => {
    const withProducts = await mountWith({ opportunity: highTouchComplete });
    const productItem = item(withProducts, "HasOpportunityLineItem");
    expect(text(productItem.querySelector('[data-id="products"]'))).toContain("Finance Cloud");
    expect(productItem.querySelector("lightning-input-field")).toBeNull();
    document.body.removeChild(withProducts);

    const without = await mountWith({ opportunity: lowTouchPartial, lineItems: productsNone });
    expect(text(item(without, "HasOpportunityLineItem").querySelector('[data-id="no-products"]'))).toContain("Products related list");
  });

  it("submits a complete handoff by setting only Status__c to Submitted on the deal's Handoff__c (the server stamps the time)", async () => {
    const element = await mountWith({ opportunity: highTouchComplete });
    const submit = q(element, 'lightning-button[data-id="submit"]');
    expect(submit.disabled).toBe(false);
    submit.click();
    await flush();
    expect(updateRecord).toHaveBeenCalledTimes(1);
    expect(updateRecord).toHaveBeenCalledWith({
      fields: { Id: handoffDraft.records[0].id, Status__c: "Submitted" },
    });
  });

  it("tells the rep when Salesforce refuses the submission, and keeps the handoff submittable", async () => {
    updateRecord.mockRejectedValueOnce({ body: { message: "Handoff__c is locked by an approval process" } });
    const element = await mountWith({ opportunity: highTouchComplete });
    const toasts = [];
    element.addEventListener("lightning__showtoast", (event) => toasts.push(event.detail));
    q(element, 'lightning-button[data-id="submit"]').click();
    await flush();
    expect(toasts).toEqual([
      { title: "Handoff not submitted", message: "Handoff__c is locked by an approval process", variant: "error" },
    ]);
    expect(q(element, 'lightning-button[data-id="submit"]').disabled).toBe(false);
  });

  it("asks the rep to save typed answers before submitting, then clears the warning once saved", async () => {
    const element = await mountWith({ opportunity: highTouchComplete });
    q(element, 'lightning-textarea[data-field="Handoff_Notes__c"]').dispatchEvent(
      new CustomEvent("change", { detail: { value: "The sponsor prefers German for the kickoff." } }),
    );
    await flush();
    expect(q(element, 'lightning-button[data-id="submit"]').disabled).toBe(true);
    expect(text(q(element, '[data-id="submit-blocked"]'))).toBe("Save your changes before submitting.");

    q(element, "lightning-record-edit-form").dispatchEvent(new CustomEvent("success", { detail: { id: highTouchComplete.id } }));
    await flush();
    expect(q(element, 'lightning-button[data-id="submit"]').disabled).toBe(false);
  });

  it("does not let an incomplete handoff be submitted and says why", async () => {
    const element = await mountWith({ opportunity: lowTouchPartial });
    const submit = q(element, 'lightning-button[data-id="submit"]');
    expect(submit.disabled).toBe(true);
    expect(text(q(element, '[data-id="submit-blocked"]'))).toContain("Complete the required answers first");
    submit.click();
    await flush();
    expect(updateRecord).not.toHaveBeenCalled();
  });

  it("explains that submitting waits for the handoff record when the deal is still open", async () => {
    const element = await mountWith({ opportunity: highTouchComplete, handoff: handoffNone });
    expect(text(q(element, '[data-id="status"]'))).toContain("Handoff not started");
    expect(q(element, 'lightning-button[data-id="submit"]').disabled).toBe(true);
    expect(text(q(element, '[data-id="submit-blocked"]'))).toContain("once the deal is closed");
  });

  it("shows the save's validation error on the field it belongs to", async () => {
    const element = await mountWith({ opportunity: lowTouchPartial });
    const message = "Success criteria: write the real answer, not a placeholder.";
    q(element, "lightning-record-edit-form").dispatchEvent(
      new CustomEvent("error", { detail: { message: "Validation failed", output: { errors: [], fieldErrors: { Success_Criteria__c: [{ message }] } } } }),
    );
    await flush();
    expect(text(item(element, "Success_Criteria__c").querySelector('[data-id="save-error"]'))).toBe(`Not saved: ${message}`);
    expect(item(element, "Business_Goals__c").querySelector('[data-id="save-error"]')).toBeNull();
  });

  it("is read-only for Sales after CS accepted the handoff", async () => {
    const element = await mountWith({ opportunity: highTouchComplete, handoff: handoffAccepted });
    expect(qa(element, "lightning-input-field")).toHaveLength(0);
    expect(qa(element, "lightning-output-field").length).toBeGreaterThan(0);
    expect(q(element, 'lightning-button[data-id="submit"]')).toBeNull();
    expect(q(element, 'lightning-button[data-id="save"]')).toBeNull();
    expect(text(q(element, '[data-id="read-only"]'))).toContain("read-only for Sales");
    expect(text(q(element, '[data-id="cs-owner"]'))).toBe("CS owner: Jordan Blake");
  });

  it("shows status, CS owner and the time left on the handoff clock, in words", async () => {
    const element = await mountWith({ opportunity: lowTouchPartial });
    expect(text(q(element, '[data-id="status"]'))).toBe("Handoff status: Draft");
    expect(text(q(element, '[data-id="cs-owner"]'))).toBe("CS owner: not assigned yet");
    // handoffDraft is due 2026-11-27T10:00Z; the clock is at 2026-11-26T10:00Z.
    expect(text(q(element, '[data-id="clock"]'))).toBe("Handoff due: 1 d 0 h left");
  });

  it("says how long the handoff is overdue, and what CS asked for when it came back", async () => {
    jest.setSystemTime(new Date("2026-11-27T13:30:00.000Z"));
    const element = await mountWith({ opportunity: lowTouchPartial, handoff: handoffReturned });
    expect(text(q(element, '[data-id="clock"]'))).toBe("Handoff due: Overdue by 3 h 30 min");
    expect(text(q(element, '[data-id="return-message"]'))).toBe("Returned by CS: Missing stakeholders");
  });

  it("offers the rep feedback on the deal's handoff once it exists, and not before", async () => {
    const element = await mountWith({ opportunity: lowTouchPartial });
    const feedback = q(element, "c-handoff-feedback");
    expect(feedback).not.toBeNull();
    expect(feedback.handoffId).toBe(handoffDraft.records[0].id);
    expect(feedback.respondentType).toBe("Rep");
    expect(feedback.source).toBe("Handoff Checklist");
    document.body.removeChild(element);

    const beforeClose = await mountWith({ opportunity: lowTouchPartial, handoff: handoffNone });
    expect(q(beforeClose, "c-handoff-feedback")).toBeNull();
  });

  it("shows a loading state until the data arrives", async () => {
    const element = mount();
    await flush();
    expect(q(element, '[data-id="loading"] lightning-spinner').alternativeText).toBe("Loading the handoff checklist");
    expect(q(element, "section")).toBeNull();
  });

  it("shows an empty state as soon as it is known that no requirement records are configured", async () => {
    const element = mount();
    await flush();
    getChecklistConfig.emit({ requirements: [], settings: null });
    await flush();
    expect(text(q(element, '[data-id="empty"]'))).toContain("No handoff requirements are set up yet");
    expect(q(element, '[data-id="loading"]')).toBeNull();
    expect(q(element, "section")).toBeNull();
  });

  it("shows the error in words when the record cannot load", async () => {
    const element = mount();
    getChecklistConfig.emit(config);
    getObjectInfo.emit(objectInfo);
    await flush();
    getRecord.emitError({ status: 500, statusText: "Server Error", body: [{ errorCode: "UNKNOWN_EXCEPTION", message: "Something broke on the server" }] });
    await flush();
    expect(text(inChild(element, "c-handoff-error", '[data-id="error"]'))).toContain("Something broke on the server");
  });

  it("shows a no-access state when the user may not use the checklist", async () => {
    const element = mount();
    getChecklistConfig.emitError({ status: 403, body: { message: "You do not have access to the Apex class named 'HandoffChecklistController'." } });
    await flush();
    expect(text(inChild(element, "c-handoff-error", '[data-id="no-access"]'))).toContain("Handoff Sales permission set");
    expect(inChild(element, "c-handoff-error", '[data-id="error"]')).toBeNull();
  });

  it("tells the rep which fields are hidden from them by field-level security", async () => {
    const hidden = JSON.parse(JSON.stringify(lowTouchPartial));
    delete hidden.fields.Promises_Made__c;
    const element = await mountWith({ opportunity: hidden });
    const li = item(element, "Promises_Made__c");
    expect(text(li.querySelector('[data-id="item-status"]'))).toContain("Hidden from you");
    expect(li.querySelector("lightning-input-field")).toBeNull();
  });

  it("keeps Save enabled whenever an edit is unsaved, also after an earlier save", async () => {
    const element = await mountWith({ opportunity: lowTouchPartial });
    const save = () => q(element, 'lightning-button[data-id="save"]');
    const form = q(element, "lightning-record-edit-form");
    form.submit = jest.fn();
    const type = async (value) => {
      q(element, 'lightning-textarea[data-field="Business_Goals__c"]').dispatchEvent(
        new CustomEvent("change", { detail: { value } }),
      );
      await flush();
    };
    expect(save().disabled).toBe(true); // nothing to save yet

    for (const answer of ["Cut onboarding from six weeks to two.", "Cut onboarding from six weeks to one."]) {
      // eslint-disable-next-line no-await-in-loop
      await type(answer);
      expect(save().disabled).toBe(false);
      form.dispatchEvent(new CustomEvent("submit", { cancelable: true, detail: { fields: {} } }));
      // The browser's own submit event of the form inside lightning-record-edit-form is not a save.
      // eslint-disable-next-line @lwc/lwc/prefer-custom-event -- the browser's own event is what leaked here
      form.dispatchEvent(new Event("submit", { cancelable: true }));
      // eslint-disable-next-line no-await-in-loop
      await flush();
      expect(save().disabled).toBe(true); // saving
      form.dispatchEvent(new CustomEvent("success", { detail: { id: lowTouchPartial.id } }));
      // eslint-disable-next-line no-await-in-loop
      await flush();
      expect(save().disabled).toBe(true); // saved, nothing new to save
    }
    expect(form.submit).toHaveBeenCalledTimes(2);
    expect(form.submit).toHaveBeenLastCalledWith({ Business_Goals__c: "Cut onboarding from six weeks to one." });
    await type("A third edit that still needs saving.");
    expect(save().disabled).toBe(false);
  });

  it("moves focus to the result message after saving, and says when the save failed", async () => {
    const element = await mountWith({ opportunity: lowTouchPartial });
    const form = q(element, "lightning-record-edit-form");
    form.dispatchEvent(new CustomEvent("success", { detail: { id: lowTouchPartial.id } }));
    await flush();
    const result = q(element, '[data-id="result"]');
    expect(text(result)).toBe("Handoff answers saved.");
    expect(element.shadowRoot.activeElement).toBe(result);

    form.dispatchEvent(new CustomEvent("error", { detail: { output: { errors: [{ message: "Record locked" }] } } }));
    await flush();
    expect(text(q(element, '[data-id="result"]'))).toBe("The answers were not saved: Record locked");
    expect(element.shadowRoot.activeElement).toBe(q(element, '[data-id="result"]'));
  });

  it("asks before the page is left with unsaved edits, and not otherwise", async () => {
    const element = await mountWith({ opportunity: lowTouchPartial });
    const leave = () => {
      const event = new CustomEvent("beforeunload", { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(leave()).toBe(false);
    q(element, 'lightning-textarea[data-field="Business_Goals__c"]').dispatchEvent(
      new CustomEvent("change", { detail: { value: "Typed but not saved." } }),
    );
    await flush();
    expect(leave()).toBe(true);
    document.body.removeChild(element);
    expect(leave()).toBe(false); // a removed checklist no longer holds the page
  });

  it("counts characters against the field's length from the object info, and stops the input there", async () => {
    const info = JSON.parse(JSON.stringify(objectInfo));
    info.fields.Business_Goals__c.length = 500;
    const element = mount(lowTouchPartial.id);
    await flush();
    getChecklistConfig.emit(config);
    getObjectInfo.emit(info);
    getRelatedListRecords.emit(handoffDraft, isHandoffList);
    getRelatedListRecords.emit(products, isProductList);
    await flush();
    getRecord.emit(lowTouchPartial);
    await flush();
    const input = q(element, 'lightning-textarea[data-field="Business_Goals__c"]');
    expect(input.maxLength).toBe(500);
    input.dispatchEvent(new CustomEvent("change", { detail: { value: "x".repeat(120) } }));
    await flush();
    expect(text(item(element, "Business_Goals__c").querySelector('[data-id="counter"]'))).toBe("120 of 500 characters");
    // Too long (pasted past the limit): not sent to the server, and the rep is told why.
    const form = q(element, "lightning-record-edit-form");
    form.submit = jest.fn();
    input.dispatchEvent(new CustomEvent("change", { detail: { value: "x".repeat(501) } }));
    await flush();
    form.dispatchEvent(new CustomEvent("submit", { cancelable: true, detail: { fields: {} } }));
    await flush();
    expect(form.submit).not.toHaveBeenCalled();
    expect(text(q(element, '[data-id="result"]'))).toContain("shorten Business_Goals__c");
  });

  it("counts characters with the German user's digit grouping (1.234 of 32.768), as it counts the length limit", async () => {
    // A fresh checklist as a de-DE user sees it, with the wire adapters that copy listens to.
    const german = withUserSettings({ locale: "de-DE", currency: "EUR" }, () => ({
      Checklist: require("c/handoffChecklist").default,
      getRecord: require("lightning/uiRecordApi").getRecord,
      getRelatedListRecords: require("lightning/uiRelatedListApi").getRelatedListRecords,
      getObjectInfo: require("lightning/uiObjectInfoApi").getObjectInfo,
      getChecklistConfig: require("@salesforce/apex/HandoffChecklistController.getChecklistConfig").default,
    }));
    const info = JSON.parse(JSON.stringify(objectInfo));
    info.fields.Business_Goals__c.length = 32768;
    const element = createElement("c-handoff-checklist", { is: german.Checklist });
    element.recordId = lowTouchPartial.id;
    document.body.appendChild(element);
    await flush();
    german.getChecklistConfig.emit(config);
    german.getObjectInfo.emit(info);
    german.getRelatedListRecords.emit(handoffDraft, isHandoffList);
    german.getRelatedListRecords.emit(products, isProductList);
    await flush();
    german.getRecord.emit(lowTouchPartial);
    await flush();
    const input = q(element, 'lightning-textarea[data-field="Business_Goals__c"]');
    input.dispatchEvent(new CustomEvent("change", { detail: { value: "x".repeat(1234) } }));
    await flush();
    expect(text(item(element, "Business_Goals__c").querySelector('[data-id="counter"]'))).toBe(
      "1.234 of 32.768 characters",
    );
  });

  it("shows the handoff status as a path and the SLA clock as a badge that turns to error when overdue", async () => {
    const element = await mountWith({ opportunity: lowTouchPartial });
    const path = inChild(element, "c-handoff-status-path", "lightning-progress-indicator");
    expect(path.type).toBe("path");
    expect(path.currentStep).toBe("Draft");
    expect(inChildAll(element, "c-handoff-status-path", "lightning-progress-step").map((s) => s.label)).toEqual(["Draft", "Submitted", "Accepted"]);
    expect(q(element, '[data-id="clock"]').className).toBe("slds-badge slds-badge_lightest");
    document.body.removeChild(element);

    jest.setSystemTime(new Date("2026-11-27T13:30:00.000Z"));
    const overdue = await mountWith({ opportunity: lowTouchPartial, handoff: handoffReturned });
    expect(q(overdue, '[data-id="clock"]').className).toBe("slds-badge slds-theme_error");
    expect(inChild(overdue, "c-handoff-status-path", "lightning-progress-indicator").hasError).toBe(true);
    expect(inChild(overdue, "c-handoff-status-path", "lightning-progress-indicator").currentStep).toBe("Returned");
  });

  it("is accessible while editing", async () => {
    const element = await mountWith({ opportunity: lowTouchPartial });
    jest.useRealTimers(); // sa11y refuses to run under fake timers
    await expect(element).toBeAccessible();
  });

  it("is accessible when read-only", async () => {
    const element = await mountWith({ opportunity: highTouchComplete, handoff: handoffAccepted });
    jest.useRealTimers(); // sa11y refuses to run under fake timers
    await expect(element).toBeAccessible();
  });
});
