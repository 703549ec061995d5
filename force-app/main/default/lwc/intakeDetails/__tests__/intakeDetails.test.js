import { createElement } from "lwc";
import IntakeDetails from "c/intakeDetails";
import intake from "../../csIntakePanel/__tests__/data/intake.json";

async function mount(props = {}) {
  const element = createElement("c-intake-details", { is: IntakeDetails });
  Object.assign(element, { intake, now: new Date("2026-11-26T12:00:00.000Z"), ...props });
  document.body.appendChild(element);
  await Promise.resolve();
  return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => [...element.shadowRoot.querySelectorAll(selector)];
const text = (node) => (node ? node.textContent.replace(/\s+/g, " ").trim() : null);

describe("c-intake-details", () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  });

  it("shows the status and the overdue clock as badges, the product lines, stakeholders and timeline", async () => {
    const element = await mount();
    expect(text($(element, '[data-id="intake-status"]'))).toBe("Status: Escalated");
    expect($(element, '[data-id="intake-time"]').className).toBe("slds-badge slds-theme_error");
    expect(text($(element, '[data-id="intake-time"]'))).toBe("First touch due: overdue by 2 h 0 min");
    expect($$(element, '[data-id="product-line"]').length).toBe(2);
    expect(text($(element, '[data-id="stakeholder-name"]'))).toBe("Dana Champion");
    expect($$(element, '[data-id="timeline-change"]').length).toBe(2);
  });

  it("renders nothing without an intake", async () => {
    const element = await mount({ intake: null });
    expect($(element, '[data-id="intake-status"]')).toBeNull();
  });
});
