// The customer recap in the offline preview (issue 16), in headless Chromium on the real components: a CSM sends the
// recap of an accepted handoff to the champion, sees who received it and who was in copy, then records the
// customer's answer as Corrected with one changed answer, by keyboard only, with focus on each result and no serious
// accessibility violation (axe-core inside every shadow root). Screenshots go to out/preview/screenshots/.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  artefactPath,
  assertNoPageProblems,
  expectText,
  intakePanel,
  SHARED_SITE_DIR,
  previewSession,
  BUILD_TIMEOUT_MS,
  expectNoSeriousViolations,
  focusedControl,
  tabTo,
  openSessionPage,
} from "./browser.ts";

const SITE_DIR = SHARED_SITE_DIR;

describe("issue 16: a CSM sends the customer recap and records the customer's correction", { timeout: 900_000 }, () => {
  const session = previewSession();

  it("sends the recap to the champion with the decision maker in copy, then records Corrected with one change, by keyboard", async () => {
    const { page, problems } = await openSessionPage(session, { width: 1440, height: 1000 });
    await page.locator("c-handoff-checklist [data-id='meter-text']").waitFor();
    await tabTo(page, /^button\[tab\] CS intake/);
    await page.keyboard.press("Enter");
    await tabTo(page, /Open intake for Umbrella Health/);
    await page.keyboard.press("Enter");
    const intake = intakePanel(page).locator('[data-id="intake"]');
    await intake.locator('[data-id="intake-heading"]').filter({ hasText: "Umbrella Health" }).waitFor();
    await expectText(intake.locator('[data-id="recap-status-line"]'), "Not sent to the customer yet.", "recap state");

    await tabTo(page, /^button\[\] Send recap to customer$/);
    await page.keyboard.press("Enter");
    await expectText(
      intake.locator('[data-id="recap-to"]'),
      "To: Dana Cho (dana.cho@umbrella.example.com)",
      "who receives the recap",
    );
    await expectText(intake.locator('[data-id="recap-cc"]'), "sam.okafor@umbrella.example.com", "who is in copy");
    await expectNoSeriousViolations(page, "CSM's send-recap form");
    await tabTo(page, /^button\[\] Send recap$/);
    await page.keyboard.press("Enter");
    await expectText(
      intake.locator('[data-id="action-result"]'),
      "Recap sent to Dana Cho (dana.cho@umbrella.example.com), with sam.okafor@umbrella.example.com in copy.",
      "the send result",
    );
    assert.match(await focusedControl(page), /Recap sent to Dana Cho/, "after sending, focus is on the result");
    await expectText(intake.locator('[data-id="recap-status-line"]').first(), /^Sent: /, "the recap's sent time");

    await tabTo(page, /^button\[\] Record customer answer$/);
    await page.keyboard.press("Enter");
    await tabTo(page, /^input\[\] Confirmed: everything is right/);
    // Arrow keys move the choice inside a radio group, as they do in every browser.
    await page.keyboard.press("ArrowDown");
    await intake.locator('[data-id="recap-answers"]').waitFor();
    await tabTo(page, /^textarea\[\] Customer goals: Success criteria/);
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type("30 stores live by end of Q1 with fewer than 1% order errors.");
    await expectText(intake.locator('[data-id="recap-changed"]'), "Answers changed: 1", "one answer changed");
    await expectNoSeriousViolations(page, "CSM's correction form");
    await page.screenshot({ path: artefactPath("csm-recap-correction-1440.png"), fullPage: true });
    await tabTo(page, /^button\[\] Record answer$/);
    await page.keyboard.press("Enter");
    await expectText(intake.locator('[data-id="action-result"]'), /^Recorded 1 correction\(s\)/, "the answer result");
    assert.match(await focusedControl(page), /Recorded 1 correction/, "after recording, focus is on the result");
    await expectText(
      intake.locator('[data-id="recap-corrections"]'),
      "- Success criteria: 20 stores live by end of Q1 with fewer than 1% order errors in the first month. -> 30 stores live by end of Q1 with fewer than 1% order errors.",
      "the correction, old -> new, in the details",
    );
    await expectText(
      intake.locator('[data-id="recap-status-line"]').nth(1),
      "Customer's answer: Corrected",
      "the recorded answer",
    );
    await expectText(
      intake.locator('[data-id="recap-reason"][data-action="recordRecapAnswer"]'),
      "The customer's answer is recorded",
      "a recorded answer closes Record customer answer",
    );
    await expectNoSeriousViolations(page, "CSM's intake after recording the answer");
    assertNoPageProblems(problems);
    await page.close();
  });
});
