import { createElement } from "lwc";
import HandoffFeedback from "c/handoffFeedback";
import { createRecord } from "lightning/uiRecordApi";

import validationError from "./data/validationError.json";
import noAccessError from "./data/noAccessError.json";
import { flushMicrotasks } from "../../../../../test/jest-helpers.js";

const HANDOFF_ID = "a00000000000001AAA";
const OTHER_HANDOFF_ID = "a00000000000002AAA";
const SAVED = "Thanks, your feedback was saved";

const flush = () => flushMicrotasks(4);

const q = (element, selector) => element.shadowRoot.querySelector(selector);
const text = (node) => (node ? node.textContent.replace(/\s+/g, " ").trim() : null);
// The form-level error renders inside the shared error state (c-handoff-error).
const formError = (element) =>
  q(element, 'c-handoff-error[data-id="form-error"]').shadowRoot.querySelector('[role="alert"]');
const submitButton = (element) => q(element, 'lightning-button[data-id="submit"]');

async function mount({ handoffId = HANDOFF_ID, respondentType = "Rep", source = "Handoff Checklist", open = true } = {}) {
  const element = createElement("c-handoff-feedback", { is: HandoffFeedback });
  element.handoffId = handoffId;
  element.respondentType = respondentType;
  element.source = source;
  document.body.appendChild(element);
  await flush();
  if (open) {
    q(element, '[data-id="toggle"]').click();
    await flush();
  }
  return element;
}

async function answer(element, dataId, value) {
  const input = q(element, `[data-id="${dataId}"]`);
  expect(input).not.toBeNull();
  input.dispatchEvent(new CustomEvent("change", { detail: { value } }));
  await flush();
}

async function fillIn(element, { rating = "4", hard = "", missing = "", comments = "" } = {}) {
  if (rating !== null) await answer(element, "rating", rating);
  if (hard) await answer(element, "what-was-hard", hard);
  if (missing) await answer(element, "what-was-missing", missing);
  if (comments) await answer(element, "comments", comments);
}

async function send(element) {
  expect(submitButton(element).disabled).toBe(false);
  submitButton(element).click();
  await flush();
}

describe("c-handoff-feedback", () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  describe("the collapsible section", () => {
    it("starts collapsed and opens from its heading button, saying so to screen readers", async () => {
      const element = await mount({ open: false });
      const toggle = q(element, '[data-id="toggle"]');
      expect(text(toggle)).toBe("Give feedback on this handoff");
      expect(toggle.getAttribute("aria-expanded")).toBe("false");
      expect(q(element, '[data-id="form"]').hidden).toBe(true);

      toggle.click();
      await flush();
      expect(toggle.getAttribute("aria-expanded")).toBe("true");
      expect(q(element, '[data-id="form"]').hidden).toBe(false);
      expect(q(element, '[data-id="feedback"]').classList).toContain("slds-is-open");
    });
  });

  describe("when Send is enabled (the Rating_Between_1_And_5 and Feedback_Says_Something rules)", () => {
    it("offers the rating as a labelled 1-5 radio group, ends named in words", async () => {
      const element = await mount();
      const rating = q(element, '[data-id="rating"]');
      expect(rating.label).toBe("How well did this handoff go? 1 is poor, 5 is excellent.");
      expect(rating.options.map((o) => o.value)).toEqual(["1", "2", "3", "4", "5"]);
      expect(rating.options[0].label).toBe("1 - Poor");
      expect(rating.options[4].label).toBe("5 - Excellent");
      expect(rating.required).toBe(true);
    });

    it("stays disabled until a rating and one written answer are given, and says what is missing", async () => {
      const element = await mount();
      expect(submitButton(element).disabled).toBe(true);
      expect(text(q(element, '[data-id="blocked-reason"]'))).toBe(
        "Choose a rating from 1 to 5 and tell us what was hard, what was missing, or add a comment.",
      );

      await answer(element, "rating", "3");
      expect(submitButton(element).disabled).toBe(true);
      expect(text(q(element, '[data-id="blocked-reason"]'))).toBe(
        "Tell us what was hard, what was missing, or add a comment.",
      );

      await answer(element, "comments", "   ");
      expect(submitButton(element).disabled).toBe(true);

      await answer(element, "what-was-missing", "The contract start date was not on the deal.");
      expect(submitButton(element).disabled).toBe(false);
      expect(q(element, '[data-id="blocked-reason"]')).toBeNull();
    });

    it("stays disabled with written answers but no rating", async () => {
      const element = await mount();
      await fillIn(element, { rating: null, hard: "Finding the technical contact took two days." });
      expect(submitButton(element).disabled).toBe(true);
      expect(text(q(element, '[data-id="blocked-reason"]'))).toBe("Choose a rating from 1 to 5.");
      submitButton(element).click();
      await flush();
      expect(createRecord).not.toHaveBeenCalled();
    });

    it("stays disabled without a handoff to attach the feedback to", async () => {
      const element = await mount({ handoffId: null });
      await fillIn(element, { rating: "5", comments: "Smooth." });
      expect(submitButton(element).disabled).toBe(true);
      expect(text(q(element, '[data-id="blocked-reason"]'))).toBe("There is no handoff to give feedback on yet.");
    });
  });

  describe("saving", () => {
    it("creates one Handoff_Feedback__c from the rep's checklist with exactly the form's fields", async () => {
      const element = await mount();
      await fillIn(element, { rating: "2", hard: "The checklist asked for the same contact twice." });
      await send(element);
      expect(createRecord).toHaveBeenCalledTimes(1);
      expect(createRecord).toHaveBeenCalledWith({
        apiName: "Handoff_Feedback__c",
        fields: {
          Handoff__c: HANDOFF_ID,
          Respondent_Type__c: "Rep",
          Source__c: "Handoff Checklist",
          Rating__c: 2,
          What_Was_Hard__c: "The checklist asked for the same contact twice.",
          What_Was_Missing__c: null,
          Comments__c: null,
        },
      });
    });

    it("records a CSM's feedback from the intake panel, asking in the CSM's words", async () => {
      const element = await mount({ respondentType: "CSM", source: "CS Intake Panel" });
      expect(q(element, '[data-id="what-was-hard"]').label).toBe("What took effort to understand or act on?");
      expect(q(element, '[data-id="what-was-missing"]').label).toBe(
        "What did you need that the handoff did not give you?",
      );
      await fillIn(element, {
        rating: "5",
        hard: "Nothing",
        missing: "The go-live date.",
        comments: "The promises ledger saved a call.",
      });
      await send(element);
      expect(createRecord.mock.calls[0][0].fields).toEqual({
        Handoff__c: HANDOFF_ID,
        Respondent_Type__c: "CSM",
        Source__c: "CS Intake Panel",
        Rating__c: 5,
        What_Was_Hard__c: "Nothing",
        What_Was_Missing__c: "The go-live date.",
        Comments__c: "The promises ledger saved a call.",
      });
    });

    it("asks the rep in the rep's words", async () => {
      const element = await mount();
      expect(q(element, '[data-id="what-was-hard"]').label).toBe("What was hard about handing this deal off?");
      expect(q(element, '[data-id="what-was-missing"]').label).toBe(
        "What was missing from the checklist or the process?",
      );
      expect(q(element, '[data-id="comments"]').label).toBe("Anything else?");
    });

    it("thanks the user in a status region and empties the form for the next answer", async () => {
      const element = await mount();
      await fillIn(element, { rating: "4", comments: "Quick and clear." });
      await send(element);
      expect(q(element, '[data-id="saved"]').getAttribute("role")).toBe("status");
      expect(text(q(element, '[data-id="saved"]'))).toBe(SAVED);
      expect(q(element, '[data-id="rating"]').value).toBe("");
      expect(q(element, '[data-id="comments"]').value).toBe("");
      expect(submitButton(element).disabled).toBe(true);
      expect(formError(element)).toBeNull();
    });

    it("does not create the feedback twice when Send is clicked again while saving", async () => {
      let finishSave;
      createRecord.mockImplementationOnce(
        () =>
          new Promise((resolve) => {
            finishSave = resolve;
          }),
      );
      const element = await mount();
      await fillIn(element, { rating: "3", comments: "Fine." });
      submitButton(element).click();
      await flush();
      expect(submitButton(element).disabled).toBe(true);
      expect(submitButton(element).label).toBe("Sending feedback");
      submitButton(element).click();
      await flush();
      finishSave({ id: "a02000000000001AAA" });
      await flush();
      expect(createRecord).toHaveBeenCalledTimes(1);
      expect(text(q(element, '[data-id="saved"]'))).toBe(SAVED);
    });
  });

  describe("when Salesforce refuses the save", () => {
    it("shows a rule's field error under its field, the rest above Send, and keeps what was typed", async () => {
      createRecord.mockRejectedValueOnce(validationError);
      const element = await mount();
      await fillIn(element, { rating: "1", missing: "Who signs off on go-live." });
      await send(element);

      expect(text(q(element, '[data-id="error-Rating__c"]'))).toBe("Give a rating from 1 (poor) to 5 (excellent).");
      expect(q(element, '[data-id="error-Rating__c"]').getAttribute("role")).toBe("alert");
      expect(text(formError(element))).toBe(
        "Your feedback was not saved: Handoff: entity is deleted " +
          "Say what was hard, what was missing, or add a comment: the pilot review acts on these.",
      );
      expect(q(element, '[data-id="error-What_Was_Missing__c"]')).toBeNull();
      expect(q(element, '[data-id="rating"]').value).toBe("1");
      expect(q(element, '[data-id="what-was-missing"]').value).toBe("Who signs off on go-live.");
      expect(text(q(element, '[data-id="saved"]'))).toBe("");
      expect(submitButton(element).disabled).toBe(false);
    });

    it("clears the previous errors when the feedback is sent again and saves", async () => {
      createRecord.mockRejectedValueOnce(validationError);
      const element = await mount();
      await fillIn(element, { rating: "1", missing: "Who signs off on go-live." });
      await send(element);
      await send(element);
      expect(createRecord).toHaveBeenCalledTimes(2);
      expect(q(element, '[data-id="error-Rating__c"]')).toBeNull();
      expect(formError(element)).toBeNull();
      expect(text(q(element, '[data-id="saved"]'))).toBe(SAVED);
    });

    it("says who to ask when the user may not create feedback", async () => {
      createRecord.mockRejectedValueOnce(noAccessError);
      const element = await mount();
      await fillIn(element, { rating: "4", hard: "Nothing much." });
      await send(element);
      expect(text(formError(element))).toBe(
        "Your feedback was not saved: You don't have access to create a Handoff Feedback record. " +
          "Ask your Salesforce admin for the Handoff Sales or Handoff CS permission set.",
      );
      expect(q(element, '[data-id="what-was-hard"]').value).toBe("Nothing much.");
    });
  });

  describe("switching handoffs", () => {
    it("starts an empty form for another handoff, so nothing typed is saved against the wrong deal", async () => {
      const element = await mount({ respondentType: "CSM", source: "CS Intake Panel" });
      await fillIn(element, { rating: "2", hard: "About the first deal." });
      element.handoffId = HANDOFF_ID;
      await flush();
      expect(q(element, '[data-id="what-was-hard"]').value).toBe("About the first deal.");

      element.handoffId = OTHER_HANDOFF_ID;
      await flush();
      expect(q(element, '[data-id="what-was-hard"]').value).toBe("");
      expect(q(element, '[data-id="rating"]').value).toBe("");
      expect(submitButton(element).disabled).toBe(true);

      await fillIn(element, { rating: "5", comments: "About the second deal." });
      await send(element);
      expect(createRecord.mock.calls[0][0].fields.Handoff__c).toBe(OTHER_HANDOFF_ID);
      expect(createRecord.mock.calls[0][0].fields.What_Was_Hard__c).toBeNull();
    });
  });

  describe("accessibility", () => {
    it("is accessible collapsed", async () => {
      const element = await mount({ open: false });
      await expect(element).toBeAccessible();
    });

    it("is accessible open, with field and form errors shown", async () => {
      createRecord.mockRejectedValueOnce(validationError);
      const element = await mount();
      await fillIn(element, { rating: "1", missing: "Who signs off on go-live." });
      await send(element);
      await expect(element).toBeAccessible();
    });

    it("is accessible after saving", async () => {
      const element = await mount({ respondentType: "CSM", source: "CS Intake Panel" });
      await fillIn(element, { rating: "4", comments: "Clear." });
      await send(element);
      await expect(element).toBeAccessible();
    });
  });
});
