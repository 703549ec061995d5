import { createElement } from "lwc";
import IntakeReassign from "c/intakeReassign";
import getCsUsers from "@salesforce/apex/HandoffIntakeController.getCsUsers";

jest.mock("@salesforce/apex/HandoffIntakeController.getCsUsers", () => ({ default: jest.fn() }), { virtual: true });

async function mount({ users, working = false }) {
  users();
  const element = createElement("c-intake-reassign", { is: IntakeReassign });
  element.working = working;
  const chosen = [];
  element.addEventListener("reassign", (event) => chosen.push(event.detail));
  document.body.appendChild(element);
  for (let i = 0; i < 4; i++) {
    // eslint-disable-next-line no-await-in-loop
    await Promise.resolve();
  }
  return { element, chosen };
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const CSMS = [
  { label: "Casey CSM", value: "005000000000001AAA" },
  { label: "Zoe Zhang", value: "005000000000002AAA" },
];

describe("c-intake-reassign", () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    getCsUsers.mockReset();
  });

  it("offers the CSMs from Apex and sends the one picked", async () => {
    const { element, chosen } = await mount({ users: () => getCsUsers.mockResolvedValue(CSMS) });
    expect($(element, '[data-id="reassign-to"]').options).toEqual(CSMS);
    expect($(element, '[data-id="confirm-reassign"]').disabled).toBe(true);
    $(element, '[data-id="reassign-to"]').dispatchEvent(new CustomEvent("change", { detail: { value: CSMS[1].value } }));
    await Promise.resolve();
    $(element, '[data-id="confirm-reassign"]').click();
    expect(chosen).toEqual([{ newOwnerId: "005000000000002AAA" }]);
  });

  it("keeps Reassign off when the CSM list cannot load, and while the panel is working", async () => {
    const { element, chosen } = await mount({ users: () => getCsUsers.mockRejectedValue(new Error("no access")), working: true });
    expect($(element, '[data-id="reassign-to"]').options).toEqual([]);
    $(element, '[data-id="confirm-reassign"]').click();
    expect(chosen).toEqual([]);
  });
});
