import { createElement } from "lwc";
import IntakeHandoffList from "c/intakeHandoffList";
import myHandoffs from "../../csIntakePanel/__tests__/data/myHandoffs.json";
import teamHandoffs from "../../csIntakePanel/__tests__/data/teamHandoffs.json";

const NOW = new Date("2026-11-26T12:00:00.000Z");

async function mount(props = {}) {
  const element = createElement("c-intake-handoff-list", { is: IntakeHandoffList });
  Object.assign(element, { rows: myHandoffs.rows, now: NOW, hasMore: true, ...props });
  const heard = [];
  for (const name of ["listchange", "searchchange", "pagechange", "openhandoff"]) {
    element.addEventListener(name, (event) => heard.push([name, event.detail]));
  }
  document.body.appendChild(element);
  await Promise.resolve();
  return { element, heard };
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => [...element.shadowRoot.querySelectorAll(selector)];
const text = (node) => (node ? node.textContent.replace(/\s+/g, " ").trim() : null);

describe("c-intake-handoff-list", () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  });

  it("lists the CSM's handoffs most urgent first, with no view switch for a CSM", async () => {
    const { element } = await mount();
    expect($$(element, 'tr[data-id="row"] th button').map(text)).toEqual(["Acme Corp", "Initech", "Globex", "Hooli pilot"]);
    expect($(element, '[data-id="view"]')).toBeNull();
  });

  it("groups the team view: unassigned, then at risk", async () => {
    const { element } = await mount({ rows: teamHandoffs.rows, isManager: true, view: "all" });
    expect($$(element, '[data-id="group-title"]').map(text)).toEqual(["Unassigned", "At risk"]);
    expect($(element, '[data-id="view"]').value).toBe("all");
  });

  it("tells the panel what the CSM chose: a view, a filter, a search, a page, a handoff", async () => {
    const { element, heard } = await mount({ isManager: true });
    $(element, '[data-id="view"]').dispatchEvent(new CustomEvent("change", { detail: { value: "atRisk" } }));
    $(element, '[data-id="tier-filter"]').dispatchEvent(new CustomEvent("change", { detail: { value: "High-Touch" } }));
    $(element, '[data-id="status-filter"]').dispatchEvent(new CustomEvent("change", { detail: { value: "Escalated" } }));
    $(element, '[data-id="search"]').dispatchEvent(new CustomEvent("change", { detail: { value: "Acme" } }));
    $(element, '[data-id="next"]').click();
    $(element, 'button[data-id="a01000000000001AAA"]').click();
    expect(heard).toEqual([
      ["listchange", { view: "atRisk" }],
      ["listchange", { tierFilter: "High-Touch" }],
      ["listchange", { statusFilter: "Escalated" }],
      ["searchchange", { searchText: "Acme" }],
      ["pagechange", { pageNumber: 2 }],
      ["openhandoff", { handoffId: "a01000000000001AAA" }],
    ]);
  });

  it("offers no previous page on page 1 and no next page after the last", async () => {
    const { element, heard } = await mount({ hasMore: false });
    expect($(element, '[data-id="previous"]').disabled).toBe(true);
    expect($(element, '[data-id="next"]').disabled).toBe(true);
    $(element, '[data-id="previous"]').click();
    expect(heard).toEqual([]);
  });

  it("says why the list is empty, and says nothing while the list failed to load", async () => {
    const { element } = await mount({ rows: [], tierFilter: "High-Touch" });
    expect(text($(element, '[data-id="empty"]'))).toBe("No handoffs match these filters.");
    element.listError = { status: 500 };
    await Promise.resolve();
    expect($(element, '[data-id="empty"]')).toBeNull();
  });
});
