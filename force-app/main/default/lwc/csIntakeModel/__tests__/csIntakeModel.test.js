import { counterText, fieldLength, formatAmount, requestOptions, summarizeResults, timeLeft } from "../csIntakeModel";
import acceptedDoneLabel from "@salesforce/label/c.Handoff_Intake_Done_Accepted";
// The children's own views, tested here with the model they build on.
import { byUrgency, groupByOwner } from "../../intakeHandoffList/listViews";
import { toProductLineViews, toStakeholderViews, toTimelineViews } from "../../intakeDetails/detailViews";
import { promiseSummary, toPromiseViews } from "../../intakePromises/promiseViews";
import { withUserSettings } from "../../../../../test/jest-i18n.js";

const NOW = new Date("2026-11-26T12:00:00.000Z");
const row = (name, dueAt, owner = null) => ({
  id: `id-${name}`,
  name,
  dueAt,
  clockLabel: "First touch due",
  csOwnerId: owner,
  csOwnerName: owner ? `CSM ${owner}` : null,
});

describe("csIntakeModel", () => {
  it("says time left and overdue in words, at the boundary too", () => {
    expect(timeLeft(row("a", "2026-11-26T12:00:00.000Z"), NOW)).toEqual({ text: "First touch due: 0 min left", overdue: false, nearDue: true });
    expect(timeLeft(row("a", "2026-11-26T11:59:00.000Z"), NOW)).toEqual({
      text: "First touch due: overdue by 1 min",
      overdue: true,
      nearDue: false,
    });
    expect(timeLeft(row("a", "2026-11-26T16:00:00.000Z"), NOW).nearDue).toBe(true); // 4 h left: warning
    expect(timeLeft(row("a", "2026-11-26T16:01:00.000Z"), NOW).nearDue).toBe(false);
    expect(timeLeft(row("a", null), NOW)).toEqual({ text: "No clock running", overdue: false, nearDue: false });
  });

  it("orders by due time, no clock last, ties by handoff number", () => {
    const rows = [row("HO-3", null), row("HO-2", "2026-11-27T00:00:00Z"), row("HO-1", "2026-11-27T00:00:00Z"), row("HO-4", "2026-11-20T00:00:00Z")];
    expect([...rows].sort(byUrgency).map((r) => r.name)).toEqual(["HO-4", "HO-1", "HO-2", "HO-3"]);
  });

  it("groups the team view by CSM with the unassigned first", () => {
    const groups = groupByOwner([row("HO-1", null, "b"), row("HO-2", null), row("HO-3", null, "a"), row("HO-4", null, "a")], NOW);
    expect(groups.map((g) => `${g.title} (${g.countText})`)).toEqual([
      "Unassigned (1 handoff)",
      "CSM a (2 handoffs)",
      "CSM b (1 handoff)",
    ]);
  });

  it("counts a note's characters against its field's length, and only when the length is known", () => {
    expect(counterText("Kickoff moved", 255)).toBe("13 of 255 characters");
    expect(counterText("x".repeat(32768), 32768)).toBe("32,768 of 32,768 characters");
    expect(counterText("Kickoff moved", null)).toBeNull();
    expect(fieldLength({ fields: { Status_Note__c: { length: 255 } } }, "Status_Note__c")).toBe(255);
    expect(fieldLength({ fields: {} }, "Status_Note__c")).toBeNull();
    expect(fieldLength(undefined, "Status_Note__c")).toBeNull();
  });

  it("formats amounts and missing amounts", () => {
    expect(formatAmount(120000)).toBe("$120,000");
    expect(formatAmount(null)).toBe("No amount");
  });

  it("shows a German user amounts in EUR or the deal's own currency, and counters with German digit grouping", () => {
    const german = withUserSettings({ locale: "de-DE", currency: "EUR" }, () => require("c/csIntakeModel"));
    const listRow = { ...row("HO-1", "2026-11-27T12:00:00.000Z"), amount: 1234 };
    expect(german.toRowView(listRow, NOW).amountText).toBe("1.234\u00a0€");
    expect(german.toRowView({ ...listRow, currencyIsoCode: "USD" }, NOW).amountText).toBe("1.234\u00a0$");
    expect(german.formatAmount(null)).toBe("No amount");
    expect(german.counterText("x".repeat(1234), 32768)).toBe("1.234 of 32.768 characters");
  });

  it("offers the failing required answers first in a request for missing info, saying why", () => {
    const item = (fieldApiName, extra) => ({ fieldApiName, label: fieldApiName, accessible: true, answered: true, required: true, problem: null, ...extra });
    const options = requestOptions([
      item("A__c"),
      item("B__c", { answered: false, problem: "placeholder" }),
      item("C__c", { answered: false, problem: "blank", required: false }),
      item("D__c", { answered: false, problem: "blank" }),
    ]);
    expect(options).toEqual([
      { label: "B__c (placeholder answer)", value: "B__c" },
      { label: "D__c (missing)", value: "D__c" },
      { label: "A__c", value: "A__c" },
      { label: "C__c", value: "C__c" },
    ]);
  });

  it("puts unassigned, at-risk and escalated handoffs before the CSMs' groups in the team view", () => {
    const escalated = { ...row("HO-5", "2026-11-30T12:00:00.000Z", "a"), status: "Escalated" };
    const groups = groupByOwner(
      [row("HO-1", "2026-11-30T12:00:00.000Z", "b"), escalated, row("HO-3", "2026-11-26T20:00:00.000Z", "a"), row("HO-4", null)],
      NOW,
      24,
    );
    expect(groups.map((g) => `${g.title}: ${g.rows.map((r) => r.name).join(", ")}`)).toEqual([
      "Unassigned: HO-4",
      "At risk: HO-3",
      "Escalated: HO-5",
      "CSM b: HO-1",
    ]);
  });

  it("shows product lines, stakeholders' contact details and the status timeline in words", () => {
    expect(toProductLineViews([{ id: "1", name: "Store Platform", quantity: 20, amount: 24000 }])[0]).toEqual(
      expect.objectContaining({ nameText: "Store Platform", quantityText: "Quantity 20", amountText: "$24,000" }),
    );
    const [dana] = toStakeholderViews([
      { role: "Champion", fieldApiName: "Champion__c", contactId: "003", name: "Dana Cho", title: null, email: "dana@x.example.com", phone: "+1 (555) 0100" },
    ]);
    expect(dana).toEqual(expect.objectContaining({ titleText: "No title recorded", emailHref: "mailto:dana@x.example.com", phoneHref: "tel:+15550100" }));
    const [change] = toTimelineViews([{ changedAt: "2026-11-24T09:00:00.000Z", changedBy: "Riley Rep", fromStatus: "Draft", toStatus: "Submitted" }]);
    expect(change.changeText).toBe("Draft → Submitted by Riley Rep");
  });

  it("summarises bulk results: one line for the successes, one per refusal", () => {
    const results = [
      { handoffId: "1", name: "HO-1", success: true, message: "Accepted." },
      { handoffId: "2", name: "HO-2", success: true, message: "Accepted." },
      { handoffId: "3", name: "HO-3", success: false, message: "A handoff in status Draft cannot be accepted." },
    ];
    expect(summarizeResults(acceptedDoneLabel, results)).toEqual({
      ok: "Accepted: 2 handoffs.",
      failed: ["HO-3: A handoff in status Draft cannot be accepted."],
    });
    expect(summarizeResults(acceptedDoneLabel, [results[2]]).ok).toBeNull();
  });

  it("counts promises by state and disables marking a promise with the state it has", () => {
    const promises = [
      { id: "p1", text: "SSO", status: "Kept", note: null, notedBy: "Casey" },
      { id: "p2", text: "Check-ins", status: "At Risk", note: "Fewer", notedBy: "Casey" },
      { id: "p3", text: "Price", status: "Open", note: null, notedBy: null },
    ];
    expect(promiseSummary(promises)).toBe("3 promises: 1 open, 1 kept, 1 at risk, 0 broken");
    const views = toPromiseViews(promises);
    expect(views[0].actions.filter((a) => a.disabled).map((a) => a.status)).toEqual(["Kept"]);
    expect(views[1].notedText).toBe("At Risk per Casey: Fewer");
    expect(views[2].notedText).toBeNull();
  });
});
