import { createElement } from "lwc";
import IntakeActionBar from "c/intakeActionBar";
import { getObjectInfo } from "lightning/uiObjectInfoApi";
import { INTAKE_ACTIONS } from "../intakeActionForms";
import lifecycleRows from "../../csIntakePanel/__tests__/data/lifecycleRows.json";
import intake from "../../csIntakePanel/__tests__/data/intake.json";
import { flushMicrotasks } from "../../../../../test/jest-helpers.js";

const rowIn = (status, touched = false) =>
  lifecycleRows.rows.find((row) => row.status === status && !!row.firstTouchAt === touched);

const flush = () => flushMicrotasks(5);

async function mount(props = {}) {
  const element = createElement("c-intake-action-bar", { is: IntakeActionBar });
  Object.assign(element, {
    actions: rowIn("Submitted").actions,
    items: intake.items,
    returnReasons: ["Wrong Stakeholders", "Other"],
    ...props,
  });
  const sent = [];
  element.addEventListener("intakeaction", (event) => sent.push(event.detail));
  document.body.appendChild(element);
  await flush();
  return { element, sent };
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => [...element.shadowRoot.querySelectorAll(selector)];
const text = (node) => (node ? node.textContent.replace(/\s+/g, " ").trim() : null);

async function change(element, selector, value) {
  const node = $(element, selector);
  node.value = value;
  node.dispatchEvent(new CustomEvent("change", { detail: { value } }));
  await flush();
}

async function click(element, selector) {
  const node = $(element, selector);
  expect(node).not.toBeNull();
  node.click();
  await flush();
}

describe("c-intake-action-bar", () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  });

  it("shows the actions in Apex's order, each enabled or disabled exactly as the row says", async () => {
    const accepted = rowIn("Accepted");
    const { element } = await mount({ actions: accepted.actions });
    const buttons = $$(element, '[data-id="actions"] lightning-button');
    expect(buttons.map((b) => [b.label, b.disabled])).toEqual([
      ["Accept", true],
      ["Request missing info", true],
      ["Return to Sales", true],
      ["Escalate", true],
      ["Log first touch", false],
      ["Plan kickoff", false],
    ]);
    expect($$(element, '[data-id="action-reason"]').map(text)).toEqual([
      "Accept: Accepted already: the handoff is with CS.",
      "Request missing info: Accepted already: the handoff is with CS.",
      "Return to Sales: Accepted already: the handoff is with CS.",
      "Escalate: Accepted already: the handoff is with CS.",
    ]);
  });

  it("gives a reason only for the actions Apex closes", async () => {
    const { element } = await mount();
    expect(
      $$(element, '[data-id="actions"] lightning-button')
        .filter((b) => b.disabled)
        .map((b) => b.label),
    ).toEqual(["Plan kickoff"]);
    expect($$(element, '[data-id="action-reason"]').map(text)).toEqual([
      "Plan kickoff: Plan the kickoff once the handoff is accepted.",
    ]);
  });

  it("shows no reasons when Apex allows every action", async () => {
    const everyAction = rowIn("Submitted").actions.map((action) => ({ ...action, allowed: true, disabledReason: null }));
    const { element } = await mount({ actions: everyAction });
    expect($$(element, '[data-id="actions"] lightning-button').every((b) => b.disabled === false)).toBe(true);
    expect($(element, '[data-id="action-reasons"]')).toBeNull();
  });

  it("turns every action off while the panel is working", async () => {
    const { element } = await mount({ working: true });
    expect($$(element, '[data-id="actions"] lightning-button').every((b) => b.disabled === true)).toBe(true);
  });

  it("sends Accept at once: it has no form", async () => {
    const { element, sent } = await mount();
    await click(element, '[data-id="accept"]');
    expect(sent).toEqual([{ name: "accept", values: { missingFields: [], reason: "", note: "", touchedAt: "" } }]);
  });

  // Every form comes from INTAKE_ACTIONS: one test per definition, none written by hand for one form.
  it.each(INTAKE_ACTIONS.filter((action) => action.confirm).map((action) => [action.name, action]))(
    "draws the %s form from its definition: its fields in order, then its confirm button",
    async (_name, action) => {
      const { element } = await mount();
      await click(element, `[data-id="${action.buttonId}"]`);
      const form = $(element, `[data-id="form-${action.name}"]`);
      expect(form).not.toBeNull();
      const fields = [...form.querySelectorAll("[data-name]")];
      expect(fields.map((f) => [f.dataset.id, f.label])).toEqual(action.fields.map((f) => [f.dataId, f.label]));
      expect($(element, `[data-id="${action.confirm.dataId}"]`).label).toBe(action.confirm.label);
      // The same button closes it again.
      await click(element, `[data-id="${action.buttonId}"]`);
      expect($(element, `[data-id="form-${action.name}"]`)).toBeNull();
    },
  );

  it("keeps Send request off until an item is ticked, then sends the ticks and the note", async () => {
    const { element, sent } = await mount();
    await click(element, '[data-id="show-requestInfo"]');
    expect($(element, '[data-id="missing-items"]').value).toEqual([]);
    expect($(element, '[data-id="send-request"]').disabled).toBe(true);
    await change(element, '[data-id="missing-items"]', ["Pain_Points__c"]);
    await change(element, '[data-id="note"]', "Need the real pain points");
    await click(element, '[data-id="send-request"]');
    expect(sent).toEqual([
      {
        name: "requestInfo",
        values: { missingFields: ["Pain_Points__c"], reason: "", note: "Need the real pain points", touchedAt: "" },
      },
    ]);
  });

  it("offers the handoff's return reasons and needs one before returning", async () => {
    const { element, sent } = await mount();
    await click(element, '[data-id="show-return"]');
    expect($(element, '[data-id="return-reason"]').options.map((o) => o.value)).toEqual(["Wrong Stakeholders", "Other"]);
    expect($(element, '[data-id="confirm-return"]').disabled).toBe(true);
    await change(element, '[data-id="return-reason"]', "Other");
    await click(element, '[data-id="confirm-return"]');
    expect(sent[0]).toEqual({ name: "return", values: { missingFields: [], reason: "Other", note: "", touchedAt: "" } });
  });

  it("stops a note at its field's length from the schema and counts the characters", async () => {
    const { element } = await mount();
    await click(element, '[data-id="show-escalate"]');
    getObjectInfo.emit({ apiName: "Handoff__c", fields: { Intake_Notes__c: { length: 32768 } } });
    await flush();
    expect($(element, '[data-id="note"]').maxLength).toBe(32768);
    await change(element, '[data-id="note"]', "Rep silent for 3 days");
    expect(text($(element, '[data-id="note-counter"]'))).toBe("21 of 32,768 characters");
  });

  it("closes the form and forgets what was typed on reset()", async () => {
    const { element } = await mount();
    await click(element, '[data-id="show-escalate"]');
    await change(element, '[data-id="note"]', "Rep silent");
    element.reset();
    await flush();
    expect($(element, '[data-id="form-escalate"]')).toBeNull();
    await click(element, '[data-id="show-escalate"]');
    expect($(element, '[data-id="note"]').value).toBe("");
  });

  it("is accessible with a disabled action, its reason and a form open", async () => {
    const { element } = await mount({ actions: rowIn("Returned").actions });
    await click(element, '[data-id="show-escalate"]');
    await expect(element).toBeAccessible();
  });
});
