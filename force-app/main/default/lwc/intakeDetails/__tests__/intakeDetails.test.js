import { createElement } from "lwc";
import IntakeDetails from "c/intakeDetails";
import intake from "../../csIntakePanel/__tests__/data/intake.json";
import { withUserSettings } from "../../../../../test/jest-i18n.js";

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
// Each status change as "when | what changed".
const timelineTexts = (element) =>
  $$(element, '[data-id="timeline-entry"]').map(
    (entry) => `${text(entry.querySelector("span"))} | ${text(entry.querySelector('[data-id="timeline-change"]'))}`,
  );

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

  it("shows amounts, quantities and status-change times in the user's locale: en-US, USD, Pacific time", async () => {
    const element = await mount();
    expect($$(element, '[data-id="product-line"]').map(text)).toEqual([
      "Store Platform · Quantity 20 · $24,000",
      "Premier Support · Quantity 1 · $6,000",
    ]);
    expect(timelineTexts(element)).toEqual([
      "Nov 24, 2026, 1:00 AM | Draft → Submitted by Riley Rep",
      "Nov 25, 2026, 2:00 AM | Submitted → Escalated by Casey CSM",
    ]);
  });

  it("shows them the German way for a de-DE user with EUR in Berlin, and a line in its own currency", async () => {
    const GermanIntakeDetails = withUserSettings({ locale: "de-DE", currency: "EUR", timeZone: "Europe/Berlin" }, () =>
      require("c/intakeDetails"),
    ).default;
    const element = createElement("c-intake-details", { is: GermanIntakeDetails });
    const [store, support] = intake.productLines;
    Object.assign(element, {
      intake: {
        ...intake,
        productLines: [
          { ...store, quantity: 1250, amount: 1234 },
          { ...support, currencyIsoCode: "CHF" },
        ],
      },
      now: new Date("2026-11-26T12:00:00.000Z"),
    });
    document.body.appendChild(element);
    await Promise.resolve();
    expect($$(element, '[data-id="product-line"]').map(text)).toEqual([
      "Store Platform · Quantity 1.250 · 1.234 €",
      "Premier Support · Quantity 1 · 6.000 CHF",
    ]);
    expect(timelineTexts(element)).toEqual([
      "24.11.2026, 10:00 | Draft → Submitted by Riley Rep",
      "25.11.2026, 11:00 | Submitted → Escalated by Casey CSM",
    ]);
  });

  it("renders nothing without an intake", async () => {
    const element = await mount({ intake: null });
    expect($(element, '[data-id="intake-status"]')).toBeNull();
  });
});
