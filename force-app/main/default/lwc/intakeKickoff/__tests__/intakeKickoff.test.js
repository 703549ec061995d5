import { createElement } from "lwc";
import IntakeKickoff from "c/intakeKickoff";
import getKickoffDraft from "@salesforce/apex/HandoffIntakeController.getKickoffDraft";
import { getRecord } from "lightning/uiRecordApi";
import { KICKOFF_AGENDA } from "c/handoffKickoffAgenda";
import kickoffDraft from "./data/kickoffDraft.json";
import opportunity from "../../handoffSummary/__tests__/data/opportunity.json";
import { flushMicrotasks } from "../../../../../test/jest-helpers.js";

jest.mock("@salesforce/apex/HandoffIntakeController.getKickoffDraft", () => ({ default: jest.fn() }), {
  virtual: true,
});

const NOW = new Date("2026-11-26T12:00:00.000Z");
const flush = () => flushMicrotasks(6);

async function mount({ draft = kickoffDraft, deal = opportunity } = {}) {
  if (draft instanceof Error) getKickoffDraft.mockRejectedValue(draft);
  else getKickoffDraft.mockResolvedValue(draft);
  const element = createElement("c-intake-kickoff", { is: IntakeKickoff });
  Object.assign(element, {
    handoffId: "a01000000000001AAA",
    opportunityId: deal.id,
    productLines: [{ id: "00k1", name: "Finance Cloud", quantity: 50, amount: 1000 }],
  });
  const planned = [];
  element.addEventListener("plankickoff", (event) => planned.push(event.detail));
  document.body.appendChild(element);
  await flush();
  getRecord.emit(deal);
  await flush();
  return { element, planned };
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const text = (node) => (node ? node.textContent.replace(/\s+/g, " ").trim() : null);

// The start as the CSM types it: a date and a time in their time zone.
async function pickStart(element, date, time) {
  await change(element, '[data-id="kickoff-date"]', date);
  await change(element, '[data-id="kickoff-time"]', time);
}

async function change(element, selector, value) {
  const node = $(element, selector);
  node.value = value;
  node.dispatchEvent(new CustomEvent("change", { detail: { value } }));
  await flush();
}

async function click(element, selector) {
  const node = $(element, selector);
  expect(node).not.toBeNull();
  node.click();
  await flush();
}

describe("c-intake-kickoff", () => {
  let writeText;

  beforeEach(() => {
    jest.useFakeTimers();
    jest.setSystemTime(NOW);
    writeText = jest.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
  });

  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.useRealTimers();
    getKickoffDraft.mockReset();
  });

  it("proposes the settings' duration and invites everyone the handoff names, each shown with their email", async () => {
    const { element } = await mount();
    expect(getKickoffDraft).toHaveBeenCalledWith({ handoffId: "a01000000000001AAA" });
    expect($(element, '[data-id="kickoff-duration"]').value).toBe(45);
    const invitees = $(element, '[data-id="kickoff-invitees"]');
    expect(invitees.options.map((o) => o.label)).toEqual([
      "Dana Fields (Champion, Decision Maker), dana.fields@example.com",
      "Lee Chen (Technical Contact), no email address",
      "Riley Rep (Sales rep), riley.rep@example.com",
      "Casey CSM (CSM), casey.csm@example.com",
    ]);
    expect(invitees.value).toEqual(kickoffDraft.invitees.map((i) => i.id));
  });

  it("fills the agenda from the deal: each agenda item with its prompt and what Sales captured, and counts it", async () => {
    const { element } = await mount();
    const agenda = $(element, '[data-id="kickoff-agenda"]').value;
    expect(agenda.startsWith("Kickoff agenda: Acme Corp - Platform Rollout\nAcme Corp · High-Touch\n")).toBe(true);
    KICKOFF_AGENDA.forEach((item) => expect(agenda).toContain(item.prompt));
    expect(agenda).toContain("- Champion: Dana Fields (Finance Director)");
    expect(agenda).toContain("- Products:\n    Finance Cloud × 50");
    expect(agenda).not.toContain("Pain points");
    expect(text($(element, '[data-id="agenda-counter"]'))).toBe(
      `${agenda.length.toLocaleString("en-US")} of 32,000 characters`,
    );
    expect($(element, '[data-id="agenda-print"]').textContent).toBe(agenda);
  });

  it("keeps Create off until a future start is picked, and says why a past one is refused", async () => {
    const { element, planned } = await mount();
    expect($(element, '[data-id="confirm-kickoff"]').disabled).toBe(true);
    await pickStart(element, "2026-11-25", "10:00");
    expect(text($(element, '[data-id="kickoff-start-problem"]'))).toBe("Pick a start in the future.");
    expect($(element, '[data-id="confirm-kickoff"]').disabled).toBe(true);
    await click(element, '[data-id="confirm-kickoff"]');
    expect(planned).toEqual([]);
    await pickStart(element, "2026-12-02", "15:00");
    expect($(element, '[data-id="kickoff-start-problem"]')).toBeNull();
    expect($(element, '[data-id="confirm-kickoff"]').disabled).toBe(false);
  });

  it("sends the start, duration, ticked invitees and the agenda as the CSM edited it", async () => {
    const { element, planned } = await mount();
    await pickStart(element, "2026-12-02", "15:00");
    await change(element, '[data-id="kickoff-duration"]', "30");
    await change(element, '[data-id="kickoff-invitees"]', ["003000000000001AAA", "005000000000003AAA"]);
    await change(element, '[data-id="kickoff-agenda"]', "Our agenda, edited");
    expect($(element, '[data-id="agenda-print"]').textContent).toBe("Our agenda, edited");
    await click(element, '[data-id="confirm-kickoff"]');
    expect(planned).toEqual([
      {
        startAt: new Date("2026-12-02T15:00:00.000").toISOString(),
        durationMinutes: 30,
        inviteeIds: ["003000000000001AAA", "005000000000003AAA"],
        agenda: "Our agenda, edited",
      },
    ]);
  });

  it("refuses to plan with nobody invited", async () => {
    const { element } = await mount();
    await pickStart(element, "2026-12-02", "15:00");
    await change(element, '[data-id="kickoff-invitees"]', []);
    expect($(element, '[data-id="confirm-kickoff"]').disabled).toBe(true);
  });

  it("copies the agenda as Markdown, and shows it to copy by hand when the clipboard is blocked", async () => {
    const { element } = await mount();
    await click(element, '[data-id="copy-agenda"]');
    const markdown = writeText.mock.calls[0][0];
    expect(markdown.startsWith("# Kickoff agenda: Acme Corp - Platform Rollout\n")).toBe(true);
    expect(markdown).toContain("## 1. Customer goals\n\n_Confirm: ");
    expect(text($(element, '[data-id="copy-result"]'))).toBe(
      "Agenda copied as Markdown: paste it into Google Docs or Notion.",
    );
    writeText.mockRejectedValue(new Error("blocked"));
    await click(element, '[data-id="copy-agenda"]');
    expect($(element, '[data-id="markdown-fallback"]').value).toBe(markdown);
  });

  it("prints the agenda", async () => {
    const print = jest.spyOn(window, "print").mockImplementation(() => {});
    const { element } = await mount();
    await click(element, '[data-id="print-agenda"]');
    expect(print).toHaveBeenCalledTimes(1);
    print.mockRestore();
  });

  it("says a kickoff is planned already and that planning again moves it", async () => {
    const { element } = await mount({ draft: { ...kickoffDraft, scheduledFor: "2026-12-03T09:00:00.000Z" } });
    expect(text($(element, '[data-id="kickoff-planned"]'))).toMatch(/^A kickoff is planned for .+: planning again moves that event\.$/);
  });

  it("shows why the proposal could not load and offers no plan button", async () => {
    const failure = new Error("load failed");
    failure.body = { message: "Handoff not found, or you do not have access to it." };
    const { element } = await mount({ draft: failure });
    const error = $(element, 'c-handoff-error[data-id="kickoff-error"]');
    expect(text(error.shadowRoot.querySelector('[role="alert"]'))).toContain("Handoff not found");
    expect($(element, '[data-id="confirm-kickoff"]')).toBeNull();
  });

  it("is accessible", async () => {
    const { element } = await mount();
    await pickStart(element, "2026-11-25", "10:00");
    // sa11y needs real timers; the form with its refusal line showing is what is checked.
    jest.useRealTimers();
    await expect(element).toBeAccessible();
  });
});
