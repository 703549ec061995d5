// Plan kickoff from the intake panel, end to end in Jest: the button an accepted handoff offers, the form, the Apex
// call with what the CSM chose, and the outcome shown and focused like every other action's.
import { createElement } from "lwc";
import CsIntakePanel from "c/csIntakePanel";
import getViewerContext from "@salesforce/apex/HandoffIntakeController.getViewerContext";
import getMyHandoffs from "@salesforce/apex/HandoffIntakeController.getMyHandoffs";
import getIntake from "@salesforce/apex/HandoffIntakeController.getIntake";
import getKickoffDraft from "@salesforce/apex/HandoffIntakeController.getKickoffDraft";
import planKickoff from "@salesforce/apex/HandoffIntakeController.planKickoff";
import { getRecord } from "lightning/uiRecordApi";
import viewerCsm from "./data/viewerCsm.json";
import myHandoffs from "./data/myHandoffs.json";
import intake from "./data/intake.json";
import lifecycleRows from "./data/lifecycleRows.json";
import kickoffDraft from "../../intakeKickoff/__tests__/data/kickoffDraft.json";
import opportunity from "../../handoffSummary/__tests__/data/opportunity.json";
import { flushMicrotasks } from "../../../../../test/jest-helpers.js";

jest.mock("@salesforce/apex/HandoffIntakeController.getViewerContext", () => ({ default: jest.fn() }), { virtual: true });
jest.mock("@salesforce/apex/HandoffIntakeController.getMyHandoffs", () => ({ default: jest.fn() }), { virtual: true });
jest.mock("@salesforce/apex/HandoffIntakeController.getIntake", () => ({ default: jest.fn() }), { virtual: true });
jest.mock("@salesforce/apex/HandoffIntakeController.getKickoffDraft", () => ({ default: jest.fn() }), { virtual: true });
jest.mock("@salesforce/apex/HandoffIntakeController.planKickoff", () => ({ default: jest.fn() }), { virtual: true });

const NOW = new Date("2026-11-26T12:00:00.000Z");
const SELECTED_ID = "a01000000000001AAA";
const flush = () => flushMicrotasks(12);
const accepted = lifecycleRows.rows.find((row) => row.status === "Accepted" && !row.firstTouchAt);

function deepAll(root, selector) {
  const found = [...root.querySelectorAll(selector)];
  for (const node of root.querySelectorAll("*")) {
    if (node.shadowRoot) found.push(...deepAll(node.shadowRoot, selector));
  }
  return found;
}
const $ = (element, selector) => deepAll(element.shadowRoot, selector)[0] ?? null;
const text = (node) => (node ? node.textContent.replace(/\s+/g, " ").trim() : null);

async function click(element, selector) {
  const node = $(element, selector);
  expect(node).not.toBeNull();
  node.click();
  await flush();
}

async function change(element, selector, value) {
  const node = $(element, selector);
  node.value = value;
  node.dispatchEvent(new CustomEvent("change", { detail: { value } }));
  await flush();
}

async function openHandoff(handoff) {
  getViewerContext.mockResolvedValue(viewerCsm);
  getMyHandoffs.mockResolvedValue(myHandoffs);
  getIntake.mockResolvedValue({ ...intake, handoff: { ...handoff, id: SELECTED_ID } });
  getKickoffDraft.mockResolvedValue(kickoffDraft);
  const element = createElement("c-cs-intake-panel", { is: CsIntakePanel });
  document.body.appendChild(element);
  await flush();
  $(element, `button[data-id="${SELECTED_ID}"]`).click();
  await flush();
  return element;
}

describe("c-cs-intake-panel: Plan kickoff", () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.setSystemTime(NOW);
  });

  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.useRealTimers();
    for (const apex of [getViewerContext, getMyHandoffs, getIntake, getKickoffDraft, planKickoff]) apex.mockReset();
  });

  it("is closed, with Apex's reason, until the handoff is accepted", async () => {
    const element = await openHandoff(intake.handoff);
    expect($(element, '[data-id="show-planKickoff"]').disabled).toBe(true);
    expect(text($(element, '[data-id="action-reason"][data-action="planKickoff"]'))).toBe(
      "Plan kickoff: Plan the kickoff once the handoff is accepted.",
    );
  });

  it("plans the kickoff of an accepted handoff, shows the planned time and moves focus to it", async () => {
    const element = await openHandoff(accepted);
    await click(element, '[data-id="show-planKickoff"]');
    expect(getKickoffDraft).toHaveBeenCalledWith({ handoffId: SELECTED_ID });
    getRecord.emit(opportunity);
    await flush();
    await change(element, '[data-id="kickoff-date"]', "2026-12-02");
    await change(element, '[data-id="kickoff-time"]', "15:00");
    const agenda = $(element, '[data-id="kickoff-agenda"]').value;
    planKickoff.mockResolvedValue({
      handoffId: SELECTED_ID,
      name: accepted.name,
      success: true,
      message: "Kickoff planned for 12/2/2026, 3:00 PM with 4 invitee(s). Open the event to send the invitations.",
    });
    await click(element, '[data-id="confirm-kickoff"]');
    expect(planKickoff).toHaveBeenCalledWith({
      handoffId: SELECTED_ID,
      startAt: new Date("2026-12-02T15:00:00.000").toISOString(),
      durationMinutes: 45,
      inviteeIds: kickoffDraft.invitees.map((invitee) => invitee.id),
      agenda,
    });
    const result = $(element, '[data-id="action-result"]');
    expect(text(result)).toBe(
      "Kickoff planned for 12/2/2026, 3:00 PM with 4 invitee(s). Open the event to send the invitations.",
    );
    expect(element.shadowRoot.activeElement).toBe(result);
    expect(getIntake).toHaveBeenCalledTimes(2);
    expect($(element, '[data-id="form-planKickoff"]')).toBeNull();
  });

  it("shows a refusal from Apex in the alert and keeps the form", async () => {
    const element = await openHandoff(accepted);
    await click(element, '[data-id="show-planKickoff"]');
    getRecord.emit(opportunity);
    await flush();
    await change(element, '[data-id="kickoff-date"]', "2026-12-02");
    await change(element, '[data-id="kickoff-time"]', "15:00");
    planKickoff.mockRejectedValue({ body: { message: "Pick a kickoff start in the future." } });
    await click(element, '[data-id="confirm-kickoff"]');
    const alert = $(element, '[data-id="action-error"]');
    expect(text(alert)).toBe("Pick a kickoff start in the future.");
    expect(element.shadowRoot.activeElement).toBe(alert);
    expect($(element, '[data-id="form-planKickoff"]')).not.toBeNull();
  });
});
