import { createElement } from "lwc";
import HandoffError from "c/handoffError";

async function mount(props) {
  const element = createElement("c-handoff-error", { is: HandoffError });
  Object.assign(element, props);
  document.body.appendChild(element);
  await Promise.resolve();
  return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const text = (node) => (node ? node.textContent.replace(/\s+/g, " ").trim() : null);
const NO_ACCESS = "You don't have access to this deal. Ask your Salesforce admin.";

describe("c-handoff-error", () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  });

  it("shows nothing while there is no error", async () => {
    const element = await mount({ messageFormat: "The summary could not load: {0}", noAccessText: NO_ACCESS });
    expect(element.shadowRoot.querySelector('[role="alert"]')).toBeNull();
  });

  it("says what failed, the server's words and what to do next", async () => {
    const element = await mount({
      error: { status: 500, body: [{ errorCode: "UNKNOWN_EXCEPTION", message: "Server unavailable" }] },
      messageFormat: "The handoff checklist could not load: {0} Reload the page.",
      noAccessText: NO_ACCESS,
    });
    expect(text($(element, '[data-id="error"]'))).toBe("The handoff checklist could not load: Server unavailable Reload the page.");
    expect($(element, '[data-id="no-access"]')).toBeNull();
  });

  it("turns an access error into the no-access message, keeping the details for screen readers", async () => {
    const element = await mount({
      error: { status: 403, body: { message: "You do not have access to the Apex class" } },
      messageFormat: "The handoff checklist could not load: {0}",
      noAccessText: NO_ACCESS,
    });
    expect(text($(element, '[data-id="no-access"]'))).toContain(NO_ACCESS);
    expect(text($(element, '[data-id="no-access"] .slds-assistive-text'))).toBe(
      "Details: You do not have access to the Apex class",
    );
    expect($(element, '[data-id="error"]')).toBeNull();
  });

  it("reads an access error as an error when the parent gives no no-access message", async () => {
    const element = await mount({ error: { status: 403, body: { message: "Insufficient access" } }, messageFormat: "Could not load handoffs: {0}" });
    expect(text($(element, '[data-id="error"]'))).toBe("Could not load handoffs: Insufficient access");
  });

  it("shows the error alone when the parent gives no sentence for it", async () => {
    const element = await mount({ error: { status: 500, body: { message: "Server unavailable" } } });
    expect(text($(element, '[data-id="error"]'))).toBe("Server unavailable");
  });

  it("shows messages already in words, such as a form's validation errors", async () => {
    const element = await mount({ messages: ["Rating is required.", "Comment too long."], messageFormat: "Your feedback was not saved: {0}" });
    expect(text($(element, '[data-id="error"]'))).toBe("Your feedback was not saved: Rating is required. Comment too long.");
  });

  it("is accessible in both states", async () => {
    const element = await mount({ error: { status: 403, body: { message: "No" } }, noAccessText: NO_ACCESS });
    await expect(element).toBeAccessible();
    element.noAccessText = "";
    await Promise.resolve();
    await expect(element).toBeAccessible();
  });
});
