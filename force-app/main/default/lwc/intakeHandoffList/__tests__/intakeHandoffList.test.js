import { createElement } from "lwc";
import IntakeHandoffList from "c/intakeHandoffList";
import getMyHandoffs from "@salesforce/apex/HandoffIntakeController.getMyHandoffs";
import getTeamHandoffs from "@salesforce/apex/HandoffIntakeController.getTeamHandoffs";
import myHandoffs from "../../csIntakePanel/__tests__/data/myHandoffs.json";
import teamHandoffs from "../../csIntakePanel/__tests__/data/teamHandoffs.json";
import emptyPage from "../../csIntakePanel/__tests__/data/emptyPage.json";
import noAccessError from "../../csIntakePanel/__tests__/data/noAccessError.json";
import { flushMicrotasks } from "../../../../../test/jest-helpers.js";

jest.mock("@salesforce/apex/HandoffIntakeController.getMyHandoffs", () => ({ default: jest.fn() }), { virtual: true });
jest.mock("@salesforce/apex/HandoffIntakeController.getTeamHandoffs", () => ({ default: jest.fn() }), { virtual: true });

const NOW = new Date("2026-11-26T12:00:00.000Z");

const flush = () => flushMicrotasks(6);

async function mount(props = {}) {
  const element = createElement("c-intake-handoff-list", { is: IntakeHandoffList });
  Object.assign(element, { now: NOW, ...props });
  const heard = [];
  for (const name of ["openhandoff", "noaccess"]) element.addEventListener(name, (event) => heard.push([name, event.detail]));
  document.body.appendChild(element);
  await flush();
  return { element, heard };
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => [...element.shadowRoot.querySelectorAll(selector)];
const text = (node) => (node ? node.textContent.replace(/\s+/g, " ").trim() : null);

describe("c-intake-handoff-list", () => {
  beforeEach(() => {
    getMyHandoffs.mockResolvedValue(myHandoffs);
    getTeamHandoffs.mockResolvedValue(teamHandoffs);
  });
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    getMyHandoffs.mockReset();
    getTeamHandoffs.mockReset();
  });

  it("lists the CSM's handoffs most urgent first, with no view switch for a CSM", async () => {
    const { element } = await mount();
    expect(getTeamHandoffs).not.toHaveBeenCalled();
    expect($$(element, 'tr[data-id="row"] th button').map(text)).toEqual(["Acme Corp", "Initech", "Globex", "Hooli pilot"]);
    expect($(element, '[data-id="view"]')).toBeNull();
  });

  it("starts a CS manager on the team view, grouped: unassigned, then at risk", async () => {
    const { element } = await mount({ isManager: true });
    expect(getTeamHandoffs).toHaveBeenCalledWith(expect.objectContaining({ scope: "all", atRiskHours: 24, pageNumber: 1 }));
    expect($$(element, '[data-id="group-title"]').map(text)).toEqual(["Unassigned", "At risk"]);
  });

  it("tells the panel which handoff the CSM opens, with its name for any question about unsaved work", async () => {
    const { element, heard } = await mount();
    $(element, 'button[data-id="a01000000000001AAA"]').click();
    expect(heard).toEqual([["openhandoff", { handoffId: "a01000000000001AAA", name: "Acme Corp" }]]);
  });

  it("loads the page again on refresh(), with the same filters", async () => {
    const { element } = await mount();
    $(element, '[data-id="tier-filter"]').dispatchEvent(new CustomEvent("change", { detail: { value: "High-Touch" } }));
    await flush();
    getMyHandoffs.mockClear();
    await element.refresh();
    expect(getMyHandoffs).toHaveBeenCalledWith(expect.objectContaining({ tier: "High-Touch", pageNumber: 1 }));
  });

  it("says the list is empty in words, and reports a 403 to the panel as no access", async () => {
    getMyHandoffs.mockResolvedValue(emptyPage);
    const { element } = await mount();
    expect(text($(element, '[data-id="empty"]'))).toBe("No open handoffs are assigned to you.");
    getMyHandoffs.mockRejectedValue(noAccessError);
    const { heard } = await mount();
    expect(heard).toEqual([["noaccess", null]]);
  });
});
