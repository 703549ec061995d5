// Plan kickoff in the offline preview (issue 16), in headless Chromium on the real components: a CSM opens an
// accepted handoff, reaches Plan kickoff and every field of its form with the keyboard, finds the agenda generated
// from the handoff and everyone the handoff names invited with their email, plans the kickoff, and hears the planned
// time where focus lands; axe finds no serious violation on the form. A screenshot goes to out/preview/screenshots/.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../scripts/lib/forceApp.ts";
import {
  artefactPath,
  assertNoPageProblems,
  expectNoSeriousViolations,
  expectText,
  focusedControl,
  intakePanel,
  tabTo,
  SHARED_SITE_DIR,
  previewSession,
  BUILD_TIMEOUT_MS,
  openSessionPage,
} from "./browser.ts";

const SITE_DIR = SHARED_SITE_DIR;

// A weekday a week from now, typed as the date picker reads it ("Dec 8, 2026").
function nextWeek(): string {
  const day = new Date(Date.now() + 7 * 24 * 3600 * 1000);
  return day.toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric" });
}

describe("issue 16: Plan kickoff in the offline preview", { timeout: 600_000 }, () => {
  const session = previewSession();

  it("lets the CSM plan the kickoff of an accepted handoff with the keyboard, the agenda generated from the handoff", async () => {
    const { page, problems } = await openSessionPage(session, { width: 1440, height: 1000 });
    await page.getByRole("tab", { name: "CS intake", exact: true }).click();
    const row = intakePanel(page).locator('[data-id="row"]').filter({ hasText: "Umbrella Health" }).first();
    await row.getByRole("button", { name: /Open intake for Umbrella Health/ }).click();
    const intake = intakePanel(page).locator('[data-id="intake"]');
    await intake.locator('[data-id="intake-heading"]').filter({ hasText: "Umbrella Health" }).waitFor();

    await tabTo(page, /^button\[\] Plan kickoff$/);
    await page.keyboard.press("Enter");
    const form = intake.locator('[data-id="form-planKickoff"]');
    const agenda = form.getByRole("textbox", { name: "Agenda (the event description)" });
    await expectText(form.locator('[data-id="agenda-counter"]'), /of 32,000 characters/, "agenda counter");
    const agendaText = await agenda.inputValue();
    assert.match(agendaText, /^Kickoff agenda: Umbrella Health - Clinic Rollout\n/, "the agenda names the deal");
    assert.match(agendaText, /\n1\. Customer goals\nConfirm: /, "the agenda opens with the goals to confirm");
    assert.match(agendaText, /- Champion: Dana Cho \(VP Operations\)/, "the agenda lists the stakeholders");
    assert.match(agendaText, /\n5\. Promises made\n/, "the agenda ends with the promises to confirm");
    const invitees = form.locator('[data-id="kickoff-invitees"] input[type="checkbox"]');
    assert.equal(await invitees.count(), 6, "four stakeholder contacts, the rep and the CSM are offered");
    for (let i = 0; i < 6; i += 1) assert.ok(await invitees.nth(i).isChecked(), `invitee ${i + 1} is ticked`);
    await expectText(form.locator('[data-id="kickoff-invitees"]'), "dana.cho@umbrella.example.com", "emails");
    assert.equal(await form.getByRole("spinbutton", { name: "Duration (minutes)" }).inputValue(), "60");
    await expectNoSeriousViolations(page, "CSM's kickoff form");
    await page.screenshot({ path: artefactPath("kickoff-form-1440.png"), fullPage: true });

    await tabTo(page, /^input\[\] \*?Kickoff date/);
    await page.keyboard.type(nextWeek());
    await tabTo(page, /^input\[\] \*?Kickoff time/);
    // Chromium's time field takes hours, minutes and AM/PM as typed digits and letters.
    await page.keyboard.type("1000AM");
    await tabTo(page, /^button\[\] Create kickoff event$/);
    await page.keyboard.press("Enter");
    await expectText(
      intake.locator('[data-id="action-result"]'),
      /^Kickoff planned for .+ with 6 invitee\(s\)/,
      "result",
    );
    assert.match(await focusedControl(page), /Kickoff planned for/, "after planning, focus is on the result");
    assertNoPageProblems(problems);
    await page.close();
  });
});
