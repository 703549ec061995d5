import { createElement } from "lwc";
import CsIntakePanel from "c/csIntakePanel";
import getViewerContext from "@salesforce/apex/HandoffIntakeController.getViewerContext";
import getMyHandoffs from "@salesforce/apex/HandoffIntakeController.getMyHandoffs";
import getTeamHandoffs from "@salesforce/apex/HandoffIntakeController.getTeamHandoffs";
import getIntake from "@salesforce/apex/HandoffIntakeController.getIntake";
import getCsUsers from "@salesforce/apex/HandoffIntakeController.getCsUsers";
import acceptHandoffs from "@salesforce/apex/HandoffIntakeController.acceptHandoffs";
import requestMissingInfo from "@salesforce/apex/HandoffIntakeController.requestMissingInfo";
import returnToSales from "@salesforce/apex/HandoffIntakeController.returnToSales";
import escalateHandoffs from "@salesforce/apex/HandoffIntakeController.escalateHandoffs";
import logFirstTouch from "@salesforce/apex/HandoffIntakeController.logFirstTouch";
import reassignHandoffs from "@salesforce/apex/HandoffIntakeController.reassignHandoffs";
import saveVerifiedItems from "@salesforce/apex/HandoffIntakeController.saveVerifiedItems";
import markPromises from "@salesforce/apex/HandoffIntakeController.markPromises";
import sendRecaps from "@salesforce/apex/HandoffIntakeController.sendRecaps";
import recordRecapAnswer from "@salesforce/apex/HandoffIntakeController.recordRecapAnswer";
import { getObjectInfo } from "lightning/uiObjectInfoApi";

import viewerCsm from "./data/viewerCsm.json";
import viewerManager from "./data/viewerManager.json";
import viewerNoAccess from "./data/viewerNoAccess.json";
import myHandoffs from "./data/myHandoffs.json";
import teamHandoffs from "./data/teamHandoffs.json";
import emptyPage from "./data/emptyPage.json";
import intake from "./data/intake.json";
import actionSuccess from "./data/actionSuccess.json";
import actionRefused from "./data/actionRefused.json";
import apexError from "./data/apexError.json";
import noAccessError from "./data/noAccessError.json";
import lifecycleRows from "./data/lifecycleRows.json";
import recapView from "./data/recapView.json";
import { flushMicrotasks } from "../../../../../test/jest-helpers.js";


// jest.mock is hoisted above the imports, so each Apex method becomes a jest.fn the tests program.
jest.mock("@salesforce/apex/HandoffIntakeController.getViewerContext", () => ({ default: jest.fn() }), { virtual: true });
jest.mock("@salesforce/apex/HandoffIntakeController.getMyHandoffs", () => ({ default: jest.fn() }), { virtual: true });
jest.mock("@salesforce/apex/HandoffIntakeController.getTeamHandoffs", () => ({ default: jest.fn() }), { virtual: true });
jest.mock("@salesforce/apex/HandoffIntakeController.getIntake", () => ({ default: jest.fn() }), { virtual: true });
jest.mock("@salesforce/apex/HandoffIntakeController.getCsUsers", () => ({ default: jest.fn() }), { virtual: true });
jest.mock("@salesforce/apex/HandoffIntakeController.acceptHandoffs", () => ({ default: jest.fn() }), { virtual: true });
jest.mock("@salesforce/apex/HandoffIntakeController.requestMissingInfo", () => ({ default: jest.fn() }), { virtual: true });
jest.mock("@salesforce/apex/HandoffIntakeController.returnToSales", () => ({ default: jest.fn() }), { virtual: true });
jest.mock("@salesforce/apex/HandoffIntakeController.escalateHandoffs", () => ({ default: jest.fn() }), { virtual: true });
jest.mock("@salesforce/apex/HandoffIntakeController.logFirstTouch", () => ({ default: jest.fn() }), { virtual: true });
jest.mock("@salesforce/apex/HandoffIntakeController.reassignHandoffs", () => ({ default: jest.fn() }), { virtual: true });
jest.mock("@salesforce/apex/HandoffIntakeController.saveVerifiedItems", () => ({ default: jest.fn() }), { virtual: true });
jest.mock("@salesforce/apex/HandoffIntakeController.markPromises", () => ({ default: jest.fn() }), { virtual: true });
jest.mock("@salesforce/apex/HandoffIntakeController.sendRecaps", () => ({ default: jest.fn() }), { virtual: true });
jest.mock("@salesforce/apex/HandoffIntakeController.recordRecapAnswer", () => ({ default: jest.fn() }), { virtual: true });

const NOW = new Date("2026-11-26T12:00:00.000Z");
const SELECTED_ID = "a01000000000001AAA";

// Fake timers hold the clock still; promise callbacks still run, several awaits deep.
const flush = () => flushMicrotasks(12);

async function mount({ viewer = viewerCsm, page = myHandoffs } = {}) {
  getViewerContext.mockResolvedValue(viewer);
  getMyHandoffs.mockResolvedValue(page);
  getTeamHandoffs.mockResolvedValue(teamHandoffs);
  getIntake.mockResolvedValue(intake);
  getCsUsers.mockResolvedValue([
    { label: "Casey CSM", value: "005000000000001AAA" },
    { label: "Zoe Zhang", value: "005000000000002AAA" },
  ]);
  const element = createElement("c-cs-intake-panel", { is: CsIntakePanel });
  document.body.appendChild(element);
  await flush();
  return element;
}

const text = (node) => (node ? node.textContent.replace(/\s+/g, " ").trim() : null);

// The panel renders through child components: look through every shadow root below it, in document order
// within each, as a CSM sees one screen.
function deepAll(root, selector) {
  const found = [...root.querySelectorAll(selector)];
  for (const node of root.querySelectorAll("*")) {
    if (node.shadowRoot) found.push(...deepAll(node.shadowRoot, selector));
  }
  return found;
}
const $ = (element, selector) => deepAll(element.shadowRoot, selector)[0] ?? null;
const $$ = (element, selector) => deepAll(element.shadowRoot, selector);
// The message a c-handoff-error shows (it renders inside its own shadow root).
const errorShown = (element, dataId) => {
  const host = $(element, `c-handoff-error[data-id="${dataId}"]`);
  return host ? text(host.shadowRoot.querySelector('[role="alert"]')) : null;
};

function listedAccounts(element) {
  return $$(element, 'tr[data-id="row"] th button').map((b) => text(b));
}

async function openSelected(element) {
  $(element, `button[data-id="${SELECTED_ID}"]`).click();
  await flush();
}

async function choose(element, selector, detail) {
  const node = $(element, selector);
  if ("value" in detail) node.value = detail.value;
  node.dispatchEvent(new CustomEvent("change", { detail }));
  await flush();
}

async function click(element, selector) {
  const node = $(element, selector);
  expect(node).not.toBeNull();
  node.click();
  await flush();
}

describe("c-cs-intake-panel", () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.setSystemTime(NOW);
  });

  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.useRealTimers();
    for (const apex of [
      getViewerContext,
      getMyHandoffs,
      getTeamHandoffs,
      getIntake,
      getCsUsers,
      acceptHandoffs,
      requestMissingInfo,
      returnToSales,
      escalateHandoffs,
      logFirstTouch,
      reassignHandoffs,
      saveVerifiedItems,
      markPromises,
      sendRecaps,
      recordRecapAnswer,
    ]) {
      apex.mockReset();
    }
  });

  describe("my handoffs", () => {
    it("lists the CSM's handoffs most urgent first, overdue said in words", async () => {
      const element = await mount();

      expect(getMyHandoffs).toHaveBeenCalledWith({ status: null, tier: null, searchText: null, pageSize: 25, pageNumber: 1 });
      // Fixture order is Globex, Acme, Initech, Hooli; the clock order is Acme (overdue), Initech (3.5 h), Globex (2 d), Hooli (no clock).
      expect(listedAccounts(element)).toEqual(["Acme Corp", "Initech", "Globex", "Hooli pilot"]);
      const times = $$(element, '[data-id="time"]').map(text);
      expect(times[0]).toBe("First touch due: overdue by 2 h 0 min");
      expect(times[1]).toBe("Handoff due from Sales: 3 h 30 min left");
      expect(times[2]).toBe("First touch due: 2 d 0 h left");
      expect(times[3]).toBe("No clock running");
      const firstRow = text($(element, 'tr[data-id="row"]'));
      expect(firstRow).toContain("Escalated");
      expect(firstRow).toContain("High-Touch");
      expect(firstRow).toContain("$120,000");
    });

    it("shows a CSM neither the team view switch nor reassignment", async () => {
      const element = await mount();
      expect($(element, '[data-id="view"]')).toBeNull();
      await openSelected(element);
      expect($(element, '[data-id="reassign"]')).toBeNull();
      expect(getTeamHandoffs).not.toHaveBeenCalled();
      expect(getCsUsers).not.toHaveBeenCalled();
    });

    it("says so when no handoff is assigned, and when filters match nothing", async () => {
      const element = await mount({ page: emptyPage });
      expect(text($(element, '[data-id="empty"]'))).toBe("No open handoffs are assigned to you.");
      await choose(element, '[data-id="tier-filter"]', { value: "High-Touch" });
      expect(getMyHandoffs).toHaveBeenLastCalledWith(expect.objectContaining({ tier: "High-Touch", pageNumber: 1 }));
      expect(text($(element, '[data-id="empty"]'))).toBe("No handoffs match these filters.");
    });

    it("shows the server's error when the list cannot load", async () => {
      getViewerContext.mockResolvedValue(viewerCsm);
      getMyHandoffs.mockRejectedValue({ status: 500, body: { message: "Too many handoffs: search or filter to narrow it." } });
      const element = createElement("c-cs-intake-panel", { is: CsIntakePanel });
      document.body.appendChild(element);
      await flush();
      expect(errorShown(element, "list-error")).toBe(
        "Could not load handoffs: Too many handoffs: search or filter to narrow it.",
      );
      expect($(element, '[data-id="empty"]')).toBeNull();
    });

    it("pages forward and back, and searches after a pause in typing", async () => {
      const element = await mount();
      expect($(element, '[data-id="previous"]').disabled).toBe(true);
      expect($(element, '[data-id="next"]').disabled).toBe(false);
      await click(element, '[data-id="next"]');
      expect(getMyHandoffs).toHaveBeenLastCalledWith(expect.objectContaining({ pageNumber: 2 }));
      expect(text($(element, '[data-id="page"]'))).toBe("Page 2");

      getMyHandoffs.mockClear();
      await choose(element, '[data-id="search"]', { value: "Acme" });
      expect(getMyHandoffs).not.toHaveBeenCalled();
      jest.advanceTimersByTime(300);
      await flush();
      expect(getMyHandoffs).toHaveBeenCalledTimes(1);
      expect(getMyHandoffs).toHaveBeenCalledWith(expect.objectContaining({ searchText: "Acme", pageNumber: 1 }));
    });
  });

  describe("no access", () => {
    it("shows the no-access state and loads nothing when the user cannot read handoffs", async () => {
      const element = await mount({ viewer: viewerNoAccess });
      expect(text($(element, '[data-id="no-access"]'))).toContain("You do not have access to handoffs");
      expect(getMyHandoffs).not.toHaveBeenCalled();
      expect($(element, '[data-id="filters"]')).toBeNull();
    });

    it("treats a 403 from the controller as no access, not as a crash", async () => {
      getViewerContext.mockRejectedValue(noAccessError);
      const element = createElement("c-cs-intake-panel", { is: CsIntakePanel });
      document.body.appendChild(element);
      await flush();
      expect($(element, '[data-id="no-access"]')).not.toBeNull();
      expect(errorShown(element, "list-error")).toBeNull();
    });
  });

  describe("team view for CS managers", () => {
    it("lands a CS manager on the team view: unassigned, then at risk, with broken promises", async () => {
      const element = await mount({ viewer: viewerManager });
      expect(getMyHandoffs).not.toHaveBeenCalled();
      expect($(element, '[data-id="view"]').value).toBe("all");

      expect(getTeamHandoffs).toHaveBeenCalledWith({
        scope: "all",
        atRiskHours: 24,
        status: null,
        tier: null,
        searchText: null,
        pageSize: 25,
        pageNumber: 1,
      });
      // At 12:00, Wayne (overdue) and Umbrella (due in 21 h) are at risk within the 24 hours asked for.
      expect($$(element, '[data-id="group-title"]').map(text)).toEqual(["Unassigned", "At risk"]);
      expect(listedAccounts(element)).toEqual(["Stark Industries", "Wayne Enterprises", "Umbrella"]);
      const umbrella = $(element, 'tr[data-handoff="a01000000000011AAA"]');
      expect(text(umbrella)).toContain("2 broken promises");
    });

    it("asks the server for the chosen team list", async () => {
      const element = await mount({ viewer: viewerManager });
      for (const scope of ["unassigned", "atRisk", "escalated", "brokenPromises"]) {
        // eslint-disable-next-line no-await-in-loop
        await choose(element, '[data-id="view"]', { value: scope });
        expect(getTeamHandoffs).toHaveBeenLastCalledWith(expect.objectContaining({ scope }));
      }
    });

    it("reassigns the open handoff to the chosen CSM", async () => {
      reassignHandoffs.mockResolvedValue([{ ...actionSuccess[0], message: "Reassigned." }]);
      const element = await mount({ viewer: viewerManager });
      await choose(element, '[data-id="view"]', { value: "mine" });
      await openSelected(element);
      expect(getCsUsers).toHaveBeenCalled();
      expect($(element, '[data-id="reassign-to"]').options.map((o) => o.label)).toEqual(["Casey CSM", "Zoe Zhang"]);
      expect($(element, '[data-id="confirm-reassign"]').disabled).toBe(true);
      await choose(element, '[data-id="reassign-to"]', { value: "005000000000002AAA" });
      await click(element, '[data-id="confirm-reassign"]');
      expect(reassignHandoffs).toHaveBeenCalledWith({ handoffIds: [SELECTED_ID], newOwnerId: "005000000000002AAA" });
      expect(text($(element, '[data-id="action-result"]'))).toBe("Reassigned.");
    });
  });

  describe("intake checklist", () => {
    it("shows every item, optional ones too, with what Sales entered beside its verified tick", async () => {
      const element = await mount();
      await openSelected(element);

      expect(getIntake).toHaveBeenCalledWith({ handoffId: SELECTED_ID });
      expect(text($(element, '[data-id="intake-heading"]'))).toBe("Intake: Acme Corp (HO-00001)");
      const rows = $$(element, 'tr[data-id="item"]');
      expect(rows.map((r) => r.dataset.field)).toEqual([
        "Business_Goals__c",
        "Pain_Points__c",
        "Champion__c",
        "Competitor_Threats__c",
        "Handoff_Notes__c",
      ]);
      expect(text(rows[0].querySelector('[data-id="value"]'))).toBe("Cut onboarding time from 90 to 30 days");
      expect(text(rows[4].querySelector('[data-id="value"]'))).toBe("Champion is new in role; loop in the sponsor early.");
      expect(text(rows[4].querySelector('[data-id="requirement"]'))).toBe("Optional");
      expect(text(rows[0].querySelector('[data-id="requirement"]'))).toBe("Required");
      expect(text(rows[1].querySelector('[data-id="item-status"]'))).toBe("Placeholder answer");
      expect(text(rows[3].querySelector('[data-id="value"]'))).toBe("(not visible to you)");
      const ticks = $$(element, '[data-id="verify"]');
      expect(ticks.map((t) => t.checked)).toEqual([true, false, false, false, false]);
      expect(ticks[3].disabled).toBe(true);
      expect(text($(element, '[data-id="verification"]'))).toBe("1 of 5 items verified");
    });

    it("shows the product lines, each stakeholder's title, email and phone, and the status timeline", async () => {
      const element = await mount();
      await openSelected(element);
      expect($$(element, '[data-id="product-line"]').map(text)).toEqual([
        "Store Platform · Quantity 20 · $24,000",
        "Premier Support · Quantity 1 · $6,000",
      ]);
      const [dana] = $$(element, '[data-id="stakeholder"]');
      expect(text(dana.querySelector('[data-id="stakeholder-name"]'))).toBe("Dana Champion");
      expect(text(dana.querySelector('[data-id="stakeholder-title"]'))).toBe("VP Operations");
      expect(dana.querySelector('[data-id="stakeholder-email"]').getAttribute("href")).toBe("mailto:dana@acme.example.com");
      expect(dana.querySelector('[data-id="stakeholder-phone"]').getAttribute("href")).toBe("tel:+15550100");
      expect($$(element, '[data-id="timeline-change"]').map(text)).toEqual([
        "Draft → Submitted by Riley Rep",
        "Submitted → Escalated by Casey CSM",
      ]);
      const path = $(element, 'c-handoff-status-path[data-id="intake-path"]').shadowRoot.querySelector(
        "lightning-progress-indicator",
      );
      expect(path.type).toBe("path");
      expect(path.currentStep).toBe("Escalated");
      expect(path.hasError).toBe(true);
      expect($(element, '[data-id="intake-time"]').className).toBe("slds-badge slds-theme_error");
    });

    it("says so when a handoff has no product lines, stakeholders or recorded status changes", async () => {
      getIntake.mockResolvedValue({ ...intake, productLines: [], stakeholders: [], timeline: [] });
      const element = await mount();
      getIntake.mockResolvedValue({ ...intake, productLines: [], stakeholders: [], timeline: [] });
      await openSelected(element);
      expect(text($(element, '[data-id="no-products"]'))).toBe("No products on this deal.");
      expect(text($(element, '[data-id="no-stakeholders"]'))).toBe("Sales named no stakeholders on this deal.");
      expect(text($(element, '[data-id="no-timeline"]'))).toBe("No status changes recorded yet.");
    });

    it("shows what CS already asked Sales for, and the intake notes, line by line", async () => {
      const element = await mount();
      // As HandoffIntakeService writes them for an en-US CSM: its Custom Labels' English values, the time in the
      // writer's locale (Datetime.format()).
      getIntake.mockResolvedValue({
        ...intake,
        missingInfoRequest: "Requested 11/25/2026, 10:00 AM by Casey CSM:\n- Champion\n- Pain points",
        intakeNotes: "11/25/2026, 10:05 AM Casey CSM - Escalated: rep unresponsive",
      });
      await openSelected(element);
      expect($(element, '[data-id="missing-request"] p').textContent).toBe(
        "Requested 11/25/2026, 10:00 AM by Casey CSM:\n- Champion\n- Pain points",
      );
      expect(text($(element, '[data-id="intake-notes"] p'))).toBe(
        "11/25/2026, 10:05 AM Casey CSM - Escalated: rep unresponsive",
      );
    });

    it("offers the CSM feedback on the open handoff", async () => {
      const element = await mount();
      expect($(element, "c-handoff-feedback")).toBeNull();
      await openSelected(element);
      const feedback = $(element, '[data-id="intake"] c-handoff-feedback');
      expect(feedback).not.toBeNull();
      expect(feedback.handoffId).toBe(SELECTED_ID);
      expect(feedback.respondentType).toBe("CSM");
      expect(feedback.source).toBe("CS Intake Panel");
    });

    it("shows neither block when CS has asked nothing and noted nothing", async () => {
      const element = await mount();
      await openSelected(element);
      expect($(element, '[data-id="missing-request"]')).toBeNull();
      expect($(element, '[data-id="intake-notes"]')).toBeNull();
    });

    it("ticks an item and saves the verified list", async () => {
      saveVerifiedItems.mockResolvedValue({ ...actionSuccess[0], message: "2 item(s) verified." });
      const element = await mount();
      await openSelected(element);
      expect($(element, '[data-id="save-verified"]').disabled).toBe(true);
      await choose(element, '[data-id="verify"][data-field="Champion__c"]', { checked: true });
      expect(text($(element, '[data-id="verification"]'))).toBe("2 of 5 items verified (ticks not saved yet)");

      await click(element, '[data-id="save-verified"]');
      expect(saveVerifiedItems).toHaveBeenCalledWith({
        handoffId: SELECTED_ID,
        verifiedFields: ["Business_Goals__c", "Champion__c"],
      });
      expect(text($(element, '[data-id="action-result"]'))).toBe("2 item(s) verified.");
    });
  });

  describe("actions", () => {
    const cases = [
      {
        name: "accept",
        apex: acceptHandoffs,
        steps: async (element) => click(element, '[data-id="accept"]'),
        expected: { handoffIds: [SELECTED_ID] },
      },
      {
        name: "request missing info",
        apex: requestMissingInfo,
        steps: async (element) => {
          await click(element, '[data-id="show-requestInfo"]');
          // Nothing ticked, the failing answer offered first, and no empty request can be sent.
          expect($(element, '[data-id="missing-items"]').value).toEqual([]);
          expect($(element, '[data-id="missing-items"]').options[0]).toEqual({
            label: "Pain points (placeholder answer)",
            value: "Pain_Points__c",
          });
          expect($(element, '[data-id="send-request"]').disabled).toBe(true);
          await choose(element, '[data-id="missing-items"]', { value: ["Pain_Points__c"] });
          await choose(element, '[data-id="note"]', { value: "Need the real pain points" });
          await click(element, '[data-id="send-request"]');
        },
        expected: { handoffIds: [SELECTED_ID], missingFields: ["Pain_Points__c"], note: "Need the real pain points" },
      },
      {
        name: "return to Sales",
        apex: returnToSales,
        steps: async (element) => {
          await click(element, '[data-id="show-return"]');
          expect($(element, '[data-id="confirm-return"]').disabled).toBe(true);
          await choose(element, '[data-id="return-reason"]', { value: "Wrong Stakeholders" });
          await choose(element, '[data-id="note"]', { value: "Champion left the company" });
          await click(element, '[data-id="confirm-return"]');
        },
        expected: { handoffIds: [SELECTED_ID], reason: "Wrong Stakeholders", note: "Champion left the company" },
      },
      {
        name: "escalate",
        apex: escalateHandoffs,
        steps: async (element) => {
          await click(element, '[data-id="show-escalate"]');
          await choose(element, '[data-id="note"]', { value: "Rep silent for 3 days" });
          await click(element, '[data-id="confirm-escalate"]');
        },
        expected: { handoffIds: [SELECTED_ID], note: "Rep silent for 3 days" },
      },
      {
        name: "log first touch",
        apex: logFirstTouch,
        steps: async (element) => {
          await click(element, '[data-id="show-firstTouch"]');
          await click(element, '[data-id="confirm-first-touch"]');
        },
        expected: { handoffIds: [SELECTED_ID], touchedAt: null },
      },
    ];

    it.each(cases)("$name calls Apex, shows the result and reloads the handoff and the list", async ({ apex, steps, expected }) => {
      apex.mockResolvedValue([{ ...actionSuccess[0], message: "Done: the server's words." }]);
      const element = await mount();
      await openSelected(element);
      getIntake.mockClear();
      getMyHandoffs.mockClear();

      await steps(element);

      expect(apex).toHaveBeenCalledTimes(1);
      expect(apex).toHaveBeenCalledWith(expected);
      expect(text($(element, '[data-id="action-result"]'))).toBe("Done: the server's words.");
      expect($(element, '[data-id="action-error"]')).toBeNull();
      expect(getIntake).toHaveBeenCalledWith({ handoffId: SELECTED_ID });
      expect(getMyHandoffs).toHaveBeenCalled();
    });

    it.each(cases)("$name shows the server's error and changes nothing", async ({ apex, steps }) => {
      apex.mockRejectedValue(apexError);
      const element = await mount();
      await openSelected(element);
      getIntake.mockClear();

      await steps(element);

      expect(text($(element, '[data-id="action-error"]'))).toBe('Pick a return reason from the list (got "").');
      expect(text($(element, '[data-id="action-result"]'))).toBe("");
      expect(getIntake).not.toHaveBeenCalled();
    });

    it("moves focus to the outcome after an action: the result, or the refusal", async () => {
      acceptHandoffs.mockResolvedValue(actionSuccess);
      const element = await mount();
      await openSelected(element);
      await click(element, '[data-id="accept"]');
      expect(element.shadowRoot.activeElement).toBe($(element, '[data-id="action-result"]'));

      escalateHandoffs.mockRejectedValue(apexError);
      await click(element, '[data-id="show-escalate"]');
      await click(element, '[data-id="confirm-escalate"]');
      expect(element.shadowRoot.activeElement).toBe($(element, '[data-id="action-error"]'));
    });

    it("shows a per-handoff refusal from a bulk-safe action", async () => {
      acceptHandoffs.mockResolvedValue(actionRefused);
      const element = await mount();
      await openSelected(element);
      await click(element, '[data-id="accept"]');
      expect(text($(element, '[data-id="action-error"]'))).toBe("HO-00001: A handoff in status Draft cannot be accepted.");
    });
  });

  describe("actions as Apex allows them (HandoffRow.actions)", () => {
    const BUTTONS = {
      accept: '[data-id="accept"]',
      requestInfo: '[data-id="show-requestInfo"]',
      return: '[data-id="show-return"]',
      escalate: '[data-id="show-escalate"]',
      firstTouch: '[data-id="show-firstTouch"]',
      planKickoff: '[data-id="show-planKickoff"]',
      sendRecap: '[data-id="show-sendRecap"]',
      recordRecapAnswer: '[data-id="show-recordRecapAnswer"]',
    };
    const ALL = Object.keys(BUTTONS);

    async function openWith(handoff) {
      const element = await mount();
      getIntake.mockResolvedValue({ ...intake, handoff });
      await openSelected(element);
      return element;
    }

    // One recorded row per lifecycle state (Draft, Submitted, touched, Returned, Accepted, ...): the panel enables
    // exactly what Apex allowed and shows Apex's reason for each action it did not.
    it.each(lifecycleRows.rows.map((row) => [`${row.status}${row.firstTouchAt ? ", first touch logged" : ""}`, row]))(
      "%s: the buttons follow the row's actions, each disabled one with Apex's reason",
      async (_state, row) => {
        const element = await openWith(row);
        const enabled = ALL.filter((action) => $(element, BUTTONS[action]).disabled === false);
        expect(enabled).toEqual(row.actions.filter((a) => a.allowed).map((a) => a.name));
        const reasons = $$(element, '[data-id="action-reason"], [data-id="recap-reason"]').map((li) => [
          li.dataset.action,
          text(li),
        ]);
        expect(reasons).toEqual(
          row.actions.filter((a) => !a.allowed).map((a) => [a.name, expect.stringContaining(a.disabledReason)]),
        );
      },
    );

    it("takes the reason text from Apex, word for word, and disables an action Apex refuses whatever the status", async () => {
      const submitted = lifecycleRows.rows.find((r) => r.status === "Submitted" && !r.firstTouchAt);
      const element = await openWith({
        ...submitted,
        actions: submitted.actions.map((a) => ({
          ...a,
          ...(a.name === "return" ? { allowed: false, disabledReason: "Returns are paused during the audit." } : {}),
        })),
      });
      expect($(element, BUTTONS.return).disabled).toBe(true);
      expect($(element, BUTTONS.accept).disabled).toBe(false);
      expect(text($(element, '[data-id="action-reason"][data-action="return"]'))).toBe(
        "Return to Sales: Returns are paused during the audit.",
      );
      expect($(element, BUTTONS.return).title).toBe("Returns are paused during the audit.");
    });

    it("keeps an action off, and says why, when Apex leaves it out of the row", async () => {
      const element = await openWith({ ...intake.handoff, actions: intake.handoff.actions.filter((a) => a.name !== "escalate") });
      expect($(element, BUTTONS.escalate).disabled).toBe(true);
      expect(text($(element, '[data-id="action-reason"][data-action="escalate"]'))).toContain(
        "The server did not say whether this action is possible",
      );
    });

    it("calls no Apex when a disabled Accept is clicked anyway", async () => {
      const accepted = lifecycleRows.rows.find((r) => r.status === "Accepted" && !r.firstTouchAt);
      const element = await openWith(accepted);
      $(element, BUTTONS.accept).click();
      await flush();
      expect(acceptHandoffs).not.toHaveBeenCalled();
    });

    it("opens no form for an action Apex does not allow", async () => {
      const returned = lifecycleRows.rows.find((r) => r.status === "Returned");
      const element = await openWith(returned);
      $(element, BUTTONS.return).click();
      await flush();
      expect($(element, '[data-id="form-return"]')).toBeNull();
      await click(element, BUTTONS.escalate);
      expect($(element, '[data-id="form-escalate"]')).not.toBeNull();
    });

    it("switches the buttons to what the reloaded row allows after accepting", async () => {
      acceptHandoffs.mockResolvedValue([{ ...actionSuccess[0], message: "Accepted: you own this customer now." }]);
      const submitted = lifecycleRows.rows.find((r) => r.status === "Submitted" && !r.firstTouchAt);
      const accepted = lifecycleRows.rows.find((r) => r.status === "Accepted" && !r.firstTouchAt);
      const element = await openWith(submitted);
      expect($(element, BUTTONS.accept).disabled).toBe(false);
      getIntake.mockResolvedValue({ ...intake, handoff: accepted });
      await click(element, BUTTONS.accept);
      expect($(element, BUTTONS.accept).disabled).toBe(true);
      expect($(element, BUTTONS.firstTouch).disabled).toBe(false);
      expect(text($(element, '[data-id="action-reason"][data-action="accept"]'))).toBe("Accept: Accepted already: the handoff is with CS.");
    });
  });

  describe("unsaved verified ticks", () => {
    const OTHER_ID = "a01000000000002AAA";

    async function tickChampion() {
      const element = await mount();
      await openSelected(element);
      await choose(element, '[data-id="verify"][data-field="Champion__c"]', { checked: true });
      return element;
    }

    it("asks before opening another handoff, and keeps the ticks when the CSM says so", async () => {
      const element = await tickChampion();
      expect(text($(element, '[data-id="verification"]'))).toBe("2 of 5 items verified (ticks not saved yet)");
      getIntake.mockClear();
      $(element, `button[data-id="${OTHER_ID}"]`).click();
      await flush();
      expect(getIntake).not.toHaveBeenCalled();
      expect(text($(element, '[data-id="unsaved-ticks"] p'))).toContain("Your verified ticks on this handoff are not saved");
      expect(element.shadowRoot.activeElement).toBe($(element, '[data-id="unsaved-ticks"]'));
      await click(element, '[data-id="keep-ticks"]');
      expect($(element, '[data-id="unsaved-ticks"]')).toBeNull();
      expect($(element, '[data-id="verify"][data-field="Champion__c"]').checked).toBe(true);
      expect(text($(element, '[data-id="intake-heading"]'))).toBe("Intake: Acme Corp (HO-00001)");
    });

    it("opens the other handoff only when the CSM discards the ticks", async () => {
      const element = await tickChampion();
      $(element, `button[data-id="${OTHER_ID}"]`).click();
      await flush();
      getIntake.mockResolvedValue({ ...intake, handoff: { ...intake.handoff, id: OTHER_ID, name: "HO-00002", accountName: "Initech" } });
      await click(element, '[data-id="discard-ticks"]');
      expect(getIntake).toHaveBeenLastCalledWith({ handoffId: OTHER_ID });
      expect(text($(element, '[data-id="intake-heading"]'))).toBe("Intake: Initech (HO-00002)");
      expect(text($(element, '[data-id="verification"]'))).toBe("1 of 5 items verified");
    });

    it("makes the browser ask before the page or tab is left with unsaved ticks, and not after saving", async () => {
      saveVerifiedItems.mockResolvedValue({ ...actionSuccess[0], message: "2 item(s) verified." });
      const element = await tickChampion();
      const leave = () => {
        const event = new CustomEvent("beforeunload", { cancelable: true });
        window.dispatchEvent(event);
        return event.defaultPrevented;
      };
      expect(leave()).toBe(true);
      await click(element, '[data-id="save-verified"]');
      expect(leave()).toBe(false);
      expect($(element, '[data-id="save-verified"]').disabled).toBe(true);
    });

    it("keeps unsaved ticks when an action reloads the same handoff", async () => {
      escalateHandoffs.mockResolvedValue([{ ...actionSuccess[0], message: "Escalated to the CS manager." }]);
      const element = await tickChampion();
      await click(element, '[data-id="show-escalate"]');
      await click(element, '[data-id="confirm-escalate"]');
      expect(getIntake).toHaveBeenCalledTimes(2);
      expect($(element, '[data-id="verify"][data-field="Champion__c"]').checked).toBe(true);
      expect(text($(element, '[data-id="verification"]'))).toBe("2 of 5 items verified (ticks not saved yet)");
    });
  });

  describe("promises ledger", () => {
    it("lists each promise with its state and who noted it", async () => {
      const element = await mount();
      await openSelected(element);
      expect(text($(element, '[data-id="promise-summary"]'))).toBe("2 promises: 1 open, 0 kept, 0 at risk, 1 broken");
      const rows = $$(element, 'tr[data-id="promise"]');
      expect(rows.map((r) => text(r.querySelector('[data-id="promise-status"]')))).toEqual(["Open", "Broken"]);
      expect(text(rows[1].querySelector('[data-id="promise-noted"]'))).toBe(
        "Broken per Casey CSM: Customer asked for monthly instead",
      );
      const brokenButtons = [...rows[1].querySelectorAll('[data-id="mark"]')];
      expect(brokenButtons.find((b) => b.dataset.status === "Broken").disabled).toBe(true);
    });

    it.each(["Kept", "At Risk", "Broken"])("marks a promise %s with the note", async (status) => {
      markPromises.mockResolvedValue([{ ...actionSuccess[0], message: `Marked ${status}.` }]);
      const element = await mount();
      await openSelected(element);
      await choose(element, '[data-id="promise-note"]', { value: "Said at kickoff" });
      await click(element, `[data-id="mark"][data-promise="a02000000000001AAA"][data-status="${status}"]`);
      expect(markPromises).toHaveBeenCalledWith({ promiseIds: ["a02000000000001AAA"], status, note: "Said at kickoff" });
      expect(text($(element, '[data-id="action-result"]'))).toBe(`Marked ${status}.`);
    });

    it("counts the promise note's characters against Status_Note__c's length from the schema", async () => {
      const element = await mount();
      await openSelected(element);
      getObjectInfo.emit({ apiName: "Handoff_Promise__c", fields: { Status_Note__c: { apiName: "Status_Note__c", length: 255 } } });
      await flush();
      expect($(element, '[data-id="promise-note"]').maxLength).toBe(255);
      await choose(element, '[data-id="promise-note"]', { value: "Kickoff moved to January" });
      expect(text($(element, '[data-id="promise-note-counter"]'))).toBe("24 of 255 characters");
    });

    it("says so when Sales recorded no promises", async () => {
      const element = await mount();
      getIntake.mockResolvedValue({ ...intake, promises: [] });
      await openSelected(element);
      expect(text($(element, '[data-id="promise-summary"]'))).toBe("Sales recorded no promises for this deal.");
      expect($(element, '[data-id="promises"]')).toBeNull();
    });
  });

  describe("customer recap", () => {
    const accepted = lifecycleRows.rows.find((r) => r.status === "Accepted" && !r.firstTouchAt && !r.recapSentAt);
    const awaiting = lifecycleRows.rows.find((r) => r.status === "Accepted" && r.recapSentAt && !r.customerConfirmation);
    const sentRecap = { ...recapView, sentAt: "2026-11-27T10:00:00.000Z", answerDueAt: "2026-12-04T10:00:00.000Z" };

    async function openAccepted(handoff, recap) {
      const element = await mount();
      getIntake.mockResolvedValue({ ...intake, handoff: { ...handoff, id: SELECTED_ID }, recap });
      await openSelected(element);
      return element;
    }

    async function type(element, selector, value) {
      await choose(element, selector, { value });
    }

    it("shows who receives the recap and who is in copy before it goes, then Apex's result", async () => {
      const element = await openAccepted(accepted, recapView);
      expect(text($(element, '[data-id="recap-status-line"]'))).toBe("Not sent to the customer yet.");
      await click(element, '[data-id="show-sendRecap"]');
      expect(text($(element, '[data-id="recap-to"]'))).toBe("To: Dana Cho (dana.cho@umbrella.example.com)");
      expect(text($(element, '[data-id="recap-cc"]'))).toBe("Copy: sam.okafor@umbrella.example.com (decision maker)");
      sendRecaps.mockResolvedValue([
        {
          handoffId: SELECTED_ID,
          name: accepted.name,
          success: true,
          message: "Recap sent to Dana Cho (dana.cho@umbrella.example.com), with sam.okafor@umbrella.example.com in copy.",
        },
      ]);
      getIntake.mockResolvedValue({ ...intake, handoff: { ...awaiting, id: SELECTED_ID }, recap: sentRecap });
      await click(element, '[data-id="confirm-send-recap"]');
      expect(sendRecaps).toHaveBeenCalledWith({ handoffIds: [SELECTED_ID], resend: false });
      expect(text($(element, '[data-id="action-result"]'))).toContain("Recap sent to Dana Cho");
      expect($(element, '[data-id="form-sendRecap"]')).toBeNull();
      // In the user's time zone (Jest's CSM is in America/Los_Angeles): 10:00 GMT is 2:00 AM there.
      expect($$(element, '[data-id="recap-status-line"]').map(text)).toEqual([
        "Sent: Nov 27, 2026, 2:00 AM",
        "Answer due: Dec 4, 2026, 2:00 AM",
        "Waiting for the customer's answer.",
      ]);
      expect($(element, '[data-id="show-recordRecapAnswer"]').disabled).toBe(false);
    });

    it("says why the recap cannot go, and keeps Send off, when the deal names no champion with email", async () => {
      const element = await openAccepted(accepted, {
        ...recapView,
        recipientEmail: null,
        ccEmail: null,
        cannotSendReason: "The champion Dana Cho has no email address: add it to the contact first.",
      });
      await click(element, '[data-id="show-sendRecap"]');
      expect(text($(element, '[data-id="recap-cannot-send"]'))).toContain("has no email address");
      expect($(element, '[data-id="confirm-send-recap"]').disabled).toBe(true);
    });

    it("sends again over a recorded answer only when the CSM ticks that it clears the answer", async () => {
      const noAnswer = lifecycleRows.rows.find((r) => r.customerConfirmation === "No Answer");
      const element = await openAccepted(noAnswer, { ...sentRecap, outcome: "No Answer" });
      await click(element, '[data-id="show-sendRecap"]');
      expect($(element, '[data-id="confirm-send-recap"]').disabled).toBe(true);
      const again = $(element, '[data-id="recap-send-again"]');
      expect(again.label).toBe("Send again and clear the recorded answer (No Answer)");
      again.checked = true;
      again.dispatchEvent(new CustomEvent("change"));
      await flush();
      sendRecaps.mockResolvedValue([{ handoffId: SELECTED_ID, name: noAnswer.name, success: true, message: "Recap sent." }]);
      await click(element, '[data-id="confirm-send-recap"]');
      expect(sendRecaps).toHaveBeenCalledWith({ handoffIds: [SELECTED_ID], resend: true });
    });

    it("records Corrected with the one answer the CSM changed, and not before something changed", async () => {
      const element = await openAccepted(awaiting, sentRecap);
      await click(element, '[data-id="show-recordRecapAnswer"]');
      expect($(element, '[data-id="confirm-record-answer"]').disabled).toBe(true);
      await choose(element, '[data-id="recap-outcome"]', { value: "Corrected" });
      const inputs = $$(element, '[data-id="recap-answer-input"]');
      expect(inputs.map((input) => input.label)).toEqual([
        "Customer goals: Business Goals",
        "Customer goals: Success Criteria",
        "Scope: Target Go-Live Date",
      ]);
      expect(text($(element, '[data-id="recap-answer-read-only"]'))).toContain("Promises Made: you cannot edit");
      expect(text($(element, '[data-id="recap-change-one"]'))).toBe("Change at least one answer to record a correction.");
      expect($(element, '[data-id="confirm-record-answer"]').disabled).toBe(true);
      await type(element, '[data-field="Success_Criteria__c"]', "30 stores live by end of Q1");
      expect(text($(element, '[data-id="recap-changed"]'))).toBe("Answers changed: 1");
      await type(element, '[data-id="recap-note"]', "Dana replied on Monday");
      recordRecapAnswer.mockResolvedValue({
        handoffId: SELECTED_ID,
        name: awaiting.name,
        success: true,
        message: "Recorded 1 correction(s): the deal now holds the customer’s answers. Notified: Riley Rep.",
      });
      await click(element, '[data-id="confirm-record-answer"]');
      expect(recordRecapAnswer).toHaveBeenCalledWith({
        handoffId: SELECTED_ID,
        outcome: "Corrected",
        corrections: [{ fieldApiName: "Success_Criteria__c", correctedValue: "30 stores live by end of Q1" }],
        note: "Dana replied on Monday",
      });
      expect(text($(element, '[data-id="action-result"]'))).toContain("Recorded 1 correction(s)");
    });

    it("shows Apex's refusal of an answer in the alert", async () => {
      const element = await openAccepted(awaiting, sentRecap);
      await click(element, '[data-id="show-recordRecapAnswer"]');
      await choose(element, '[data-id="recap-outcome"]', { value: "Confirmed" });
      recordRecapAnswer.mockRejectedValue(apexError);
      await click(element, '[data-id="confirm-record-answer"]');
      expect(text($(element, '[data-id="action-error"]'))).toBeTruthy();
    });

    it("shows the customer's answer and corrections in the details", async () => {
      const answered = lifecycleRows.rows.find((r) => r.customerConfirmation === "Confirmed");
      const element = await openAccepted(answered, {
        ...sentRecap,
        outcome: "Corrected",
        answeredAt: "2026-11-29T09:30:00.000Z",
        corrections: "Customer goals\n- Success criteria: 20 stores -> 30 stores",
      });
      expect($$(element, '[data-id="recap-status-line"]').map(text)).toEqual([
        "Sent: Nov 27, 2026, 2:00 AM",
        "Customer's answer: Corrected",
        "Recorded: Nov 29, 2026, 1:30 AM",
      ]);
      expect(text($(element, '[data-id="recap-corrections"]'))).toContain("Success criteria: 20 stores -> 30 stores");
    });

    it("is accessible with the correction form open", async () => {
      // sa11y refuses to run under fake timers; the clock does not matter for this check.
      jest.useRealTimers();
      const element = await openAccepted(awaiting, sentRecap);
      await click(element, '[data-id="show-recordRecapAnswer"]');
      await choose(element, '[data-id="recap-outcome"]', { value: "Corrected" });
      await expect(element).toBeAccessible();
    });
  });

  describe("accessibility", () => {
    // sa11y refuses to run under fake timers; the clock does not matter for these checks.
    beforeEach(() => jest.useRealTimers());

    it("is accessible with the list shown", async () => {
      const element = await mount();
      await expect(element).toBeAccessible();
    });

    it("is accessible with the intake open, a form shown and the team view", async () => {
      const element = await mount({ viewer: viewerManager });
      await choose(element, '[data-id="view"]', { value: "all" });
      $(element, 'button[data-id="a01000000000013AAA"]').click();
      await flush();
      await click(element, '[data-id="show-requestInfo"]');
      await expect(element).toBeAccessible();
    });

    it("is accessible with actions disabled and the reason shown", async () => {
      const element = await mount();
      getIntake.mockResolvedValue({ ...intake, handoff: lifecycleRows.rows.find((r) => r.status === "Returned") });
      await openSelected(element);
      expect($(element, '[data-id="action-reason"]')).not.toBeNull();
      expect($(element, '[data-id="accept"]').disabled).toBe(true);
      await expect(element).toBeAccessible();
    });

    it("is accessible in the no-access state", async () => {
      const element = await mount({ viewer: viewerNoAccess });
      await expect(element).toBeAccessible();
    });
  });
});
