import { createElement } from "lwc";
import HandoffSummary from "c/handoffSummary";
import { getRecord } from "lightning/uiRecordApi";
import { getRelatedListRecords } from "lightning/uiRelatedListApi";
import { SUMMARY_SECTIONS, toMarkdown } from "c/handoffSummarySections";
import opportunity from "./data/opportunity.json";
import products from "./data/products.json";
import { flushMicrotasks } from "../../../../../test/jest-helpers.js";

const flush = () => flushMicrotasks(3);

async function mountWith(record = opportunity, lineItems = products) {
  const element = createElement("c-handoff-summary", { is: HandoffSummary });
  element.recordId = record.id;
  document.body.appendChild(element);
  await flush();
  getRecord.emit(record);
  getRelatedListRecords.emit(lineItems);
  await flush();
  return element;
}

const q = (element, selector) => element.shadowRoot.querySelector(selector);
const text = (node) => (node ? node.textContent.replace(/\s+/g, " ").trim() : null);
// The shared error state renders inside its own component.
const inError = (element, selector) => q(element, "c-handoff-error")?.shadowRoot.querySelector(selector) ?? null;

describe("c-handoff-summary", () => {
  let writeText;

  beforeEach(() => {
    writeText = jest.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
  });

  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
  });

  it("reads every field the shared summary definition names", async () => {
    await mountWith();
    const requested = getRecord.getLastConfig().optionalFields;
    for (const field of SUMMARY_SECTIONS.flatMap((s) => s.fields)) {
      expect(requested).toContain(`Opportunity.${field.fieldApiName}`);
    }
  });

  it("fills goals, stakeholders, scope, risks, promises, conversations and notes from the deal", async () => {
    const element = await mountWith();
    expect(text(q(element, '[data-id="title"]'))).toBe("Handoff summary: Acme Corp - Platform Rollout");
    expect(text(q(element, '[data-id="subtitle"]'))).toBe("Acme Corp · High-Touch");
    expect(text(q(element, '[data-field="Business_Goals__c"]'))).toBe(opportunity.fields.Business_Goals__c.value);
    expect(text(q(element, '[data-field="Champion__c"]'))).toBe("Dana Fields (Finance Director)");
    expect(text(q(element, '[data-field="Technical_Contact__c"]'))).toBe("Lee Chen");
    expect(text(q(element, '[data-field="Contract_Start_Date__c"]'))).toBe("12/1/2026");
    expect(Array.from(element.shadowRoot.querySelectorAll('[data-field="products"] li')).map(text)).toEqual([
      "Finance Cloud × 50",
      "Premium Support × 1",
    ]);
    expect(text(q(element, '[data-field="Promises_Made__c"]'))).toBe(opportunity.fields.Promises_Made__c.value);
    expect(text(q(element, '[data-field="Executive_Sponsor__c"]'))).toBe("Not provided");
    expect(Array.from(element.shadowRoot.querySelectorAll("section h3")).map(text)).toEqual(SUMMARY_SECTIONS.map((s) => s.title));
  });

  it("copies the summary as Markdown, with headings, labels, products and multi-line answers", async () => {
    const element = await mountWith();
    q(element, 'lightning-button[data-id="copy"]').click();
    await flush();
    expect(writeText).toHaveBeenCalledTimes(1);
    const markdown = writeText.mock.calls[0][0];
    expect(markdown.startsWith("# Handoff summary: Acme Corp - Platform Rollout\n")).toBe(true);
    expect(markdown).toContain("\n## Customer goals\n");
    expect(markdown).toContain("- **Business goals:** Cut month-end close from 10 days to 4 days by the end of Q2.\n");
    expect(markdown).toContain("- **Pain points:**\n  Finance re-keys every invoice by hand.\n  Audit findings last year.\n");
    expect(markdown).toContain("- **Champion:** Dana Fields (Finance Director)\n");
    expect(markdown).toContain("- **Products:**\n  - Finance Cloud × 50\n  - Premium Support × 1\n");
    expect(markdown).toContain("- **Executive sponsor:** Not provided\n");
    expect(markdown).toContain("\n## Promises made\n\n- **Promises made:** Custom ERP field mapping workshop within the first 30 days.\n");
  });

  it("copies what the rep typed as text: HTML and Markdown control characters are escaped", () => {
    const summary = {
      title: "Handoff summary: <b>Acme</b>",
      subtitle: "",
      sections: [
        {
          key: "s",
          title: "Risks",
          products: null,
          entries: [
            {
              key: "Known_Objections__c",
              label: "Known objections",
              value: '<img src=x onerror="alert(1)"> see [docs](javascript:alert(1)) *now* | `x`\n# not a heading\n- not a list\n1. not numbered',
              provided: true,
            },
          ],
        },
      ],
    };
    const markdown = toMarkdown(summary);
    expect(markdown).not.toMatch(/<img|<b>/);
    expect(markdown).toContain("# Handoff summary: &lt;b&gt;Acme&lt;/b&gt;\n");
    expect(markdown).toContain(
      '  &lt;img src=x onerror="alert(1)"&gt; see \\[docs\\](javascript:alert(1)) \\*now\\* \\| \\`x\\`\n',
    );
    expect(markdown).toContain("  \\# not a heading\n  \\- not a list\n  1\\. not numbered\n");
  });

  it("shows the Markdown for copying by hand when the browser blocks the clipboard", async () => {
    writeText.mockRejectedValue(new Error("NotAllowedError"));
    const element = await mountWith();
    q(element, 'lightning-button[data-id="copy"]').click();
    await flush();
    const fallback = q(element, '[data-id="markdown-fallback"]');
    expect(fallback).not.toBeNull();
    expect(fallback.value).toContain("## Stakeholders");
  });

  it("prints through the browser's print dialog", async () => {
    const print = jest.spyOn(window, "print").mockImplementation(() => {});
    const element = await mountWith();
    q(element, 'lightning-button[data-id="print"]').click();
    expect(print).toHaveBeenCalledTimes(1);
    print.mockRestore();
  });

  it("says the summary could not load, in words", async () => {
    const element = createElement("c-handoff-summary", { is: HandoffSummary });
    element.recordId = opportunity.id;
    document.body.appendChild(element);
    await flush();
    getRecord.emitError({ status: 500, body: [{ errorCode: "UNKNOWN_EXCEPTION", message: "Server unavailable" }] });
    await flush();
    expect(text(inError(element, '[data-id="error"]'))).toContain("Server unavailable");
    expect(q(element, 'lightning-button[data-id="copy"]')).toBeNull();
  });

  it("shows a no-access state when the deal is not visible to the user", async () => {
    const element = createElement("c-handoff-summary", { is: HandoffSummary });
    element.recordId = opportunity.id;
    document.body.appendChild(element);
    await flush();
    getRecord.emitError({ status: 404 });
    await flush();
    expect(text(inError(element, '[data-id="no-access"]'))).toContain("don't have access");
  });

  it("is accessible", async () => {
    const element = await mountWith();
    await expect(element).toBeAccessible();
  });
});
