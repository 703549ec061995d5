import { createElement } from "lwc";
import IntakeChecklist from "c/intakeChecklist";
import intake from "../../csIntakePanel/__tests__/data/intake.json";

async function mount(props = {}) {
  const element = createElement("c-intake-checklist", { is: IntakeChecklist });
  Object.assign(element, { items: intake.items, verifiedFields: ["Business_Goals__c"], ...props });
  const heard = [];
  element.addEventListener("verifiedchange", (event) => heard.push(["verifiedchange", event.detail]));
  element.addEventListener("saveverified", () => heard.push(["saveverified"]));
  document.body.appendChild(element);
  await Promise.resolve();
  return { element, heard };
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => [...element.shadowRoot.querySelectorAll(selector)];
const text = (node) => (node ? node.textContent.replace(/\s+/g, " ").trim() : null);

describe("c-intake-checklist", () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  });

  it("ticks what the panel says is verified, and offers Save only while ticks are unsaved", async () => {
    const { element } = await mount();
    expect($$(element, '[data-id="verify"]').map((t) => t.checked)).toEqual([true, false, false, false, false]);
    expect(text($(element, '[data-id="verification"]'))).toBe("1 of 5 items verified");
    expect($(element, '[data-id="save-verified"]').disabled).toBe(true);
    element.unsaved = true;
    await Promise.resolve();
    expect(text($(element, '[data-id="verification"]'))).toBe("1 of 5 items verified (ticks not saved yet)");
    expect($(element, '[data-id="save-verified"]').disabled).toBe(false);
  });

  it("tells the panel about each tick and about Save, and keeps no ticks of its own", async () => {
    const { element, heard } = await mount({ unsaved: true });
    const champion = $(element, '[data-id="verify"][data-field="Champion__c"]');
    champion.dispatchEvent(new CustomEvent("change", { detail: { checked: true } }));
    $(element, '[data-id="save-verified"]').click();
    expect(heard).toEqual([["verifiedchange", { field: "Champion__c", checked: true }], ["saveverified"]]);
  });

  it("says so when the tier has no requirements", async () => {
    const { element } = await mount({ items: [] });
    expect(text($(element, '[data-id="no-items"]'))).toBe("No handoff requirements are configured for this tier.");
  });
});
