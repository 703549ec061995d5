import { createElement } from "lwc";
import IntakePromises from "c/intakePromises";
import intake from "../../csIntakePanel/__tests__/data/intake.json";

async function mount(props = {}) {
  const element = createElement("c-intake-promises", { is: IntakePromises });
  Object.assign(element, { promises: intake.promises, ...props });
  const marks = [];
  element.addEventListener("markpromise", (event) => marks.push(event.detail));
  document.body.appendChild(element);
  await Promise.resolve();
  return { element, marks };
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const text = (node) => (node ? node.textContent.replace(/\s+/g, " ").trim() : null);

describe("c-intake-promises", () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  });

  it("sends the mark with the note, and forgets the note on reset()", async () => {
    const { element, marks } = await mount();
    const note = $(element, '[data-id="promise-note"]');
    note.value = "Said at kickoff";
    note.dispatchEvent(new CustomEvent("change", { detail: { value: "Said at kickoff" } }));
    await Promise.resolve();
    $(element, '[data-id="mark"][data-promise="a02000000000001AAA"][data-status="Kept"]').click();
    expect(marks).toEqual([{ promiseId: "a02000000000001AAA", status: "Kept", note: "Said at kickoff" }]);
    element.reset();
    await Promise.resolve();
    $(element, '[data-id="mark"][data-promise="a02000000000001AAA"][data-status="Broken"]').click();
    expect(marks[1].note).toBeNull();
  });

  it("marks nothing while the panel is working", async () => {
    const { element, marks } = await mount({ working: true });
    $(element, '[data-id="mark"][data-promise="a02000000000001AAA"][data-status="Kept"]').click();
    expect(marks).toEqual([]);
  });

  it("says so when Sales recorded no promises", async () => {
    const { element } = await mount({ promises: [] });
    expect(text($(element, '[data-id="promise-summary"]'))).toBe("Sales recorded no promises for this deal.");
    expect($(element, '[data-id="promises"]')).toBeNull();
  });
});
