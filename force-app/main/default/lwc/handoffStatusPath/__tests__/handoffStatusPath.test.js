import { createElement } from "lwc";
import HandoffStatusPath from "c/handoffStatusPath";

async function mount(status) {
  const element = createElement("c-handoff-status-path", { is: HandoffStatusPath });
  element.status = status;
  document.body.appendChild(element);
  await Promise.resolve();
  return element;
}

const indicator = (element) => element.shadowRoot.querySelector("lightning-progress-indicator");
const steps = (element) => [...element.shadowRoot.querySelectorAll("lightning-progress-step")].map((s) => s.label);

describe("c-handoff-status-path", () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  });

  it("shows a new deal at Draft, on the happy path", async () => {
    const element = await mount(null);
    expect(indicator(element).type).toBe("path");
    expect(indicator(element).currentStep).toBe("Draft");
    expect(indicator(element).hasError).toBe(false);
    expect(steps(element)).toEqual(["Draft", "Submitted", "Accepted"]);
  });

  it.each([
    ["Returned", ["Returned", "Submitted", "Accepted"]],
    ["Escalated", ["Draft", "Escalated", "Accepted"]],
  ])("marks %s as a step in error, where it happened", async (status, expected) => {
    const element = await mount(status);
    expect(indicator(element).currentStep).toBe(status);
    expect(indicator(element).hasError).toBe(true);
    expect(steps(element)).toEqual(expected);
  });

  it("follows a status change", async () => {
    const element = await mount("Submitted");
    element.status = "Accepted";
    await Promise.resolve();
    expect(indicator(element).currentStep).toBe("Accepted");
  });
});
