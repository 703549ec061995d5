// The offline preview in a real browser: the page that `npm start` serves, built from the components that deploy,
// driven by clicking as a rep and a CSM would. Screenshots of the checklist and the intake panel are written to
// out/preview/screenshots as test artefacts.
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { DEFAULT_SOURCE, PROJECT_ROOT } from "../../scripts/lib/forceApp.ts";
import { PreviewBuildError, buildPreview } from "../../preview/build.ts";
import { startServer } from "../../preview/serve.ts";
import {
  UI_TIMEOUT_MS,
  artefactPath,
  assertNoPageProblems,
  checklist,
  expectText,
  intakePanel,
  pickOption,
  watchPageProblems,
  type PageProblems,
  SHARED_SITE_DIR,
  previewSession,
  BUILD_TIMEOUT_MS,
  openSessionPage,
} from "./browser.ts";

const SITE_DIR = SHARED_SITE_DIR;
// The file's build, server and browser: hooks at the top level run around every test of the file.
const session = previewSession();
const TEMP_ROOT = join(PROJECT_ROOT, "out/preview/tmp");

const tempDirs: string[] = [];

// Inside the project: the LWC module resolver looks for the project's package.json above the files it compiles.
function tempDir(prefix: string): string {
  mkdirSync(TEMP_ROOT, { recursive: true });
  const dir = mkdtempSync(join(TEMP_ROOT, prefix));
  tempDirs.push(dir);
  return dir;
}

// A copy of force-app/main/default with the compiled component JavaScript, to break on purpose.
function copyOfSource(): string {
  const source = join(tempDir("preview-source-"), "default");
  cpSync(DEFAULT_SOURCE, source, { recursive: true, preserveTimestamps: true });
  return source;
}

async function openPreview(): Promise<{ page: Page; problems: PageProblems }> {
  return openSessionPage(session, { width: 1400, height: 1000 });
}

async function switchTab(page: Page, tab: "Opportunity" | "CS intake"): Promise<void> {
  await page.getByRole("tab", { name: tab, exact: true }).click();
}

// Toasts float over whatever is below them; the screenshots show the components, not the last toast.
const HIDE_TOASTS = '[data-id="toasts"] { display: none !important; }';

async function expectToast(page: Page, title: string): Promise<void> {
  await expectText(page.locator('[data-id="toast-title"]'), title, `the toast after the action`);
}

// The row of a handoff in the CSM's list, found by its account.
function intakeRow(page: Page, account: string): Locator {
  return intakePanel(page).locator('[data-id="row"]').filter({ hasText: account });
}

describe("offline preview in headless Chromium", { timeout: BUILD_TIMEOUT_MS + 300_000 }, () => {
  after(async () => {
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  });

  it("reports console errors, uncaught exceptions and failed requests, so a broken page cannot pass", async () => {
    const siteDir = tempDir("preview-broken-site-");
    writeFileSync(
      join(siteDir, "index.html"),
      '<!doctype html><html><body><img src="/missing-sprite.svg" alt="">' +
        '<script>console.error("No stand-in for lightning/uiFooApi"); throw new Error("wire adapter exploded");</script>' +
        "</body></html>",
    );
    const broken = await startServer({ siteDir });
    if (!session.browser) throw new Error("the browser did not start (see the before hook)");
    const page = await session.browser.newPage();
    try {
      const problems = watchPageProblems(page);
      await page.goto(broken.url);
      await page.waitForLoadState("networkidle");
      const report = problems.list.join("\n");
      assert.match(
        report,
        /console error: No stand-in for lightning\/uiFooApi/,
        `console.error not reported:\n${report}`,
      );
      assert.match(report, /uncaught exception: wire adapter exploded/, `uncaught exception not reported:\n${report}`);
      assert.match(report, /HTTP 404: .*missing-sprite\.svg/, `missing file not reported:\n${report}`);
    } finally {
      await page.close();
      await broken.close();
    }
  });

  it("refuses to build when a page component has not been compiled, naming the file and the fix", async () => {
    const source = copyOfSource();
    rmSync(join(source, "lwc/csIntakePanel/csIntakePanel.js"));
    await assert.rejects(buildPreview({ source, outDir: tempDir("preview-out-") }), (error: Error) => {
      assert.ok(error instanceof PreviewBuildError, `expected a PreviewBuildError, got ${error}`);
      assert.match(error.message, /csIntakePanel\/csIntakePanel\.js: not compiled; run "npm run build"/);
      return true;
    });
  });

  it("refuses to build when a component's TypeScript changed after it was compiled", async () => {
    const source = copyOfSource();
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(source, "lwc/handoffChecklist/handoffChecklist.ts"), later, later);
    await assert.rejects(buildPreview({ source, outDir: tempDir("preview-out-") }), (error: Error) => {
      assert.ok(error instanceof PreviewBuildError, `expected a PreviewBuildError, got ${error}`);
      assert.match(error.message, /handoffChecklist\.ts changed after it was compiled; run "npm run build"/);
      return true;
    });
  });

  it("refuses to build when a component calls an Apex method the preview has no stand-in for", async () => {
    const source = copyOfSource();
    const panel = join(source, "lwc/csIntakePanel/csIntakePanel.js");
    const original = readFileSync(panel, "utf8");
    const renamed = original.replace(
      "@salesforce/apex/HandoffIntakeController.acceptHandoffs",
      "@salesforce/apex/HandoffIntakeController.archiveHandoffs",
    );
    assert.notEqual(renamed, original, "csIntakePanel.js no longer imports acceptHandoffs: update this test");
    writeFileSync(panel, renamed);
    await assert.rejects(
      buildPreview({ source, outDir: tempDir("preview-out-"), cache: session.buildCache }),
      (error: Error) => {
        assert.ok(error instanceof PreviewBuildError, `expected a PreviewBuildError, got ${error}`);
        assert.match(error.message, /HandoffIntakeController_archiveHandoffs/, "the message must name the Apex method");
        assert.match(
          error.message,
          /preview\/modules\/preview\/apex\/apex\.js/,
          "the message must say where to add it",
        );
        return true;
      },
    );
  });

  it("refuses to build when a component imports a platform module the preview does not stand in for", async () => {
    const source = copyOfSource();
    const summary = join(source, "lwc/handoffSummary/handoffSummary.js");
    writeFileSync(
      summary,
      'import { publish } from "lightning/messageService";\nexport const previewProbe = publish;\n' +
        readFileSync(summary, "utf8"),
    );
    await assert.rejects(
      buildPreview({ source, outDir: tempDir("preview-out-"), cache: session.buildCache }),
      (error: Error) => {
        assert.ok(error instanceof PreviewBuildError, `expected a PreviewBuildError, got ${error}`);
        assert.match(
          error.message,
          /"lightning\/messageService", imported by .*handoffSummary\.js, has no stand-in in the preview/,
          "the message must name the module and the component that imports it",
        );
        return true;
      },
    );
  });

  it("refuses to build when a component imports a Custom Label the labels file does not have", async () => {
    const source = copyOfSource();
    const labels = join(source, "labels/CustomLabels.labels-meta.xml");
    writeFileSync(
      labels,
      readFileSync(labels, "utf8").replace(
        "<fullName>Handoff_Checklist_Save</fullName>",
        "<fullName>Handoff_Checklist_Save_Answers</fullName>",
      ),
    );
    await assert.rejects(
      buildPreview({ source, outDir: tempDir("preview-out-"), cache: session.buildCache }),
      (error: Error) => {
        assert.ok(error instanceof PreviewBuildError, `expected a PreviewBuildError, got ${error}`);
        assert.match(
          error.message,
          /Custom Label Handoff_Checklist_Save is imported but not in labels\/CustomLabels\.labels-meta\.xml/,
          "the message must name the label and the file it belongs in",
        );
        return true;
      },
    );
  });

  it("shows the components in German with ?lang=de, from the German translation of the labels", async () => {
    const { page, problems } = await openSessionPage(session, { width: 1400, height: 1000 }, "?lang=de");
    await expectText(checklist(page).locator('[data-id="tier"]'), "Stufe: High-Touch", "checklist tier in German");
    await expectText(checklist(page).locator('[data-id="save"]'), "Antworten speichern", "Save button in German");
    await expectText(
      page.locator("c-handoff-summary").locator('[data-id="title"]'),
      "Übergabezusammenfassung: Acme Retail - Store Platform",
      "summary title in German",
    );
    await expectText(
      checklist(page).locator("c-handoff-feedback"),
      "Feedback zu dieser Übergabe geben",
      "feedback toggle in German",
    );
    assertNoPageProblems(problems);
    await page.close();
  });

  it("shows amounts and dates the German way with ?lang=de (a de-DE user with EUR): highlights, list, products, timeline", async () => {
    const { page, problems } = await openSessionPage(session, { width: 1400, height: 1000 }, "?lang=de");
    // German grouping and the euro after the amount ("120.000 €"), never "$120,000".
    await expectText(page.locator('[data-id="highlights"]'), /120\.000\s€/, "the deal amount in the highlights panel");
    await switchTab(page, "CS intake");
    const row = intakeRow(page, "Globex Foods").first();
    await expectText(row, /\d{1,3}(\.\d{3})+\s€/, "the amount column of the CSM's list");
    await row.getByRole("button", { name: /Übernahme für Globex Foods .* öffnen/ }).click();
    const intake = intakePanel(page).locator('[data-id="intake"]');
    await expectText(
      intake.locator('[data-id="product-line"]'),
      /Store Platform Starter · Menge 12 · 18\.000\s€/,
      "the product line's amount in euros, German style",
    );
    // "24.11.2026, 10:00": day.month.year and a 24-hour clock, not "Nov 24, 2026, 10:00 AM".
    await expectText(
      intake.locator('[data-id="timeline-entry"] span').first(),
      /^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}$/,
      "the time of a status change in the timeline",
    );
    assert.doesNotMatch(
      await intakePanel(page).innerText(),
      /\$\d|\d (AM|PM)\b/,
      "with ?lang=de no dollar amount or AM/PM time may remain on the intake tab",
    );
    assertNoPageProblems(problems);
    await page.close();
  });

  it("loads the checklist and summary of the first sample deal with no console errors", async () => {
    const { page, problems } = await openPreview();
    await expectText(checklist(page).locator('[data-id="status"]'), "Handoff status: Draft", "checklist status");
    await expectText(checklist(page).locator('[data-id="tier"]'), "Tier: High-Touch", "checklist tier");
    await expectText(
      checklist(page).locator('[data-id="meter-text"]'),
      "13 of 17 required answers complete",
      "checklist meter on the sample deal (4 High-Touch answers missing or placeholders)",
    );
    await expectText(
      page.locator("c-handoff-summary").locator('[data-id="title"]'),
      "Handoff summary: Acme Retail - Store Platform",
      "summary title",
    );
    // The lookup stand-in shows the contact of the deal's account by name, as lightning-input-field would.
    await expectText(checklist(page).locator('li[data-field="Champion__c"]'), "Dana Cho", "champion lookup");
    await page.waitForLoadState("networkidle");
    assertNoPageProblems(problems);
    await page.close();
  });

  it("lets a rep complete and submit, a CSM request information and accept, and the SLA badges follow", async () => {
    const { page, problems } = await openPreview();
    const sales = checklist(page);
    await expectText(
      sales.locator('[data-id="status"]'),
      "Handoff status: Draft",
      "checklist status before the rep acts",
    );
    assert.equal(
      await sales.getByRole("button", { name: "Submit handoff" }).isDisabled(),
      true,
      "Submit handoff must be disabled while required answers are missing",
    );

    // The rep fills what is missing: a placeholder answer, a lookup, a date and a long text.
    await sales
      .getByRole("textbox", { name: "Pain Points" })
      .fill("Store managers re-key every order into three systems and lose a day a week to it.");
    await pickOption(sales, "Technical Contact", /Ari Novak/);
    const goLive = sales.getByRole("textbox", { name: "Target Go-Live Date" });
    await goLive.fill("Mar 1, 2027");
    await goLive.press("Tab");
    await sales
      .getByRole("textbox", { name: "Promises Made" })
      .fill("- Two days of on-site admin training\n- SSO working before the pilot starts");
    await expectText(
      sales.locator('[data-id="meter-text"]'),
      "17 of 17 required answers complete",
      "meter after typing",
    );
    await expectText(
      sales.locator('[data-id="submit-blocked"]'),
      "Save your changes before submitting.",
      "submit hint",
    );

    await sales.getByRole("button", { name: "Save answers" }).click();
    await expectToast(page, "Handoff answers saved");
    await sales.getByRole("button", { name: "Submit handoff", disabled: false }).waitFor();
    await checklist(page).screenshot({ path: artefactPath("checklist-complete.png"), style: HIDE_TOASTS });

    await sales.getByRole("button", { name: "Submit handoff" }).click();
    await expectToast(page, "Handoff submitted");
    await expectText(sales.locator('[data-id="status"]'), "Handoff status: Submitted", "status after submitting");
    // The clock moves from Sales (handoff due) to CS (first touch, 24 h for High-Touch in the Default settings).
    await expectText(
      sales.locator('[data-id="clock"]'),
      /CS first touch due: (23 h \d+ min|1 d 0 h) left/,
      "SLA clock after submit",
    );

    // The CSM's intake list now holds the handoff, with the first-touch clock.
    await switchTab(page, "CS intake");
    const row = intakeRow(page, "Acme Retail");
    await expectText(row.locator('[data-id="status"]'), "Submitted", "intake list status of the submitted handoff");
    await expectText(
      row.locator('[data-id="time"]'),
      /First touch due: (23 h \d+ min|1 d 0 h) left/,
      "intake list SLA badge",
    );

    await row.getByRole("button", { name: /Open intake for Acme Retail/ }).click();
    const intake = intakePanel(page).locator('[data-id="intake"]');
    await expectText(intake.locator('[data-id="intake-status"]'), "Status: Submitted", "intake status");
    await expectText(
      intake.locator("li, tr, td").filter({ hasText: "Ari Novak" }),
      "Ari Novak",
      "the technical contact the rep picked, as the CSM sees it",
    );
    await intake.getByRole("button", { name: "Request missing info" }).click();
    // Nothing starts ticked: the CSM picks what the rep gets asked for.
    await intake.locator('[data-id="missing-items"] label').first().click();
    await intake.getByRole("textbox", { name: "Note for the rep" }).fill("Who owns SSO on their side?");
    await intake.getByRole("button", { name: "Send request" }).click();
    await expectText(
      intake.locator('[data-id="action-result"]'),
      /Information requested: Riley Chen has a task listing 1 item\(s\)\./,
      "result of requesting missing information",
    );
    await expectText(row.locator('[data-id="status"]'), "Info Requested", "intake list status after the request");
    await expectText(row.locator('[data-id="time"]'), /Handoff due from Sales: /, "SLA badge back on the Sales clock");

    // Back on the deal, the rep sees the request and submits again.
    await switchTab(page, "Opportunity");
    await expectText(sales.locator('[data-id="status"]'), "Handoff status: Info Requested", "status the rep sees");
    await expectText(sales.locator('[data-id="return-message"]'), "Who owns SSO on their side?", "the CSM's note");
    await expectText(sales.locator('[data-id="clock"]'), /Handoff due: /, "the Sales clock on the checklist");
    await sales.getByRole("button", { name: "Submit handoff", disabled: false }).click();
    await expectToast(page, "Handoff submitted");

    // The CSM accepts; the promises the rep typed become the ledger.
    await switchTab(page, "CS intake");
    await intakeRow(page, "Acme Retail")
      .getByRole("button", { name: /Open intake for Acme Retail/ })
      .click();
    await intake.getByRole("button", { name: "Accept", exact: true }).click();
    await expectText(
      intake.locator('[data-id="action-result"]'),
      "Accepted: you own this customer now.",
      "accept result",
    );
    await expectText(intake.locator('[data-id="intake-status"]'), "Status: Accepted", "intake status after accepting");
    await expectText(
      intake.locator('[data-id="promise-summary"]'),
      "2 promises: 2 open",
      "promises ledger from the deal",
    );
    await expectText(intakeRow(page, "Acme Retail").locator('[data-id="status"]'), "Accepted", "list after accepting");
    // Accepted: the panel greys out what the handoff's row says Apex refuses, with Apex's reason for each.
    await expectText(
      intake.locator('[data-id="action-reason"][data-action="accept"]'),
      "Accept: Accepted already: the handoff is with CS.",
      "why Accept is disabled",
    );
    await intake.getByRole("button", { name: "Accept", exact: true, disabled: true }).waitFor();
    await intake.getByRole("button", { name: "Escalate", exact: true, disabled: true }).waitFor();
    await intakePanel(page).screenshot({ path: artefactPath("intake-panel-accepted.png"), style: HIDE_TOASTS });

    // First touch stops the clock: the handoff leaves the intake list, and the checklist is read-only for Sales.
    await intake.getByRole("button", { name: "Log first touch" }).first().click();
    await intake.locator('[data-id="confirm-first-touch"] button').click();
    await expectText(intake.locator('[data-id="action-result"]'), "First touch logged.", "first touch result");
    await intakeRow(page, "Acme Retail").waitFor({ state: "detached" });
    await switchTab(page, "Opportunity");
    await expectText(sales.locator('[data-id="status"]'), "Handoff status: Accepted", "status after acceptance");
    await sales.locator('[data-id="read-only"]').waitFor();
    assert.equal(await sales.locator('[data-id="clock"]').count(), 0, "no SLA clock once CS has touched the customer");

    assertNoPageProblems(problems);
    await page.close();
  });

  it("shows a deal that has not closed yet: no handoff, and the rep is told why Submit is not available", async () => {
    const { page, problems } = await openPreview();
    await pickOption(
      page.locator('[data-id="opportunity-page"]'),
      "Deal (Opportunity record page)",
      /Wayne Outfitters/,
    );
    const sales = checklist(page);
    await expectText(
      sales.locator('[data-id="status"]'),
      "Handoff not started: it opens when the deal closes",
      "status of a deal without a handoff",
    );
    await expectText(
      sales.locator('[data-id="submit-blocked"]'),
      "You can submit once the deal is closed and its handoff record exists.",
      "why Submit is disabled",
    );
    await expectText(
      page.locator("c-handoff-summary").locator('[data-id="title"]'),
      "Handoff summary: Wayne Outfitters - Expansion",
      "summary of the picked deal",
    );
    assertNoPageProblems(problems);
    await page.close();
  });

  it("saves a rep's feedback on the handoff through the createRecord stand-in", async () => {
    const { page, problems } = await openPreview();
    const feedback = checklist(page).locator("c-handoff-feedback");
    await feedback.getByRole("button", { name: "Give feedback on this handoff" }).click();
    await feedback.getByText("4", { exact: true }).click();
    await feedback
      .locator('[data-id="comments"] textarea')
      .fill("The Stakeholders prompts saved me a call with the CSM.");
    await feedback.getByRole("button", { name: "Send feedback", disabled: false }).click();
    await expectText(feedback.locator('[data-id="saved"]'), "Thanks, your feedback was saved", "feedback result");
    assertNoPageProblems(problems);
    await page.close();
  });

  it("starts again from the sample data on reload", async () => {
    const { page, problems } = await openPreview();
    const sales = checklist(page);
    await sales.getByRole("textbox", { name: "Pain Points" }).fill("A full answer that is long enough to count.");
    await sales.getByRole("button", { name: "Save answers" }).click();
    await expectToast(page, "Handoff answers saved");
    await expectText(
      sales.locator('[data-id="meter-text"]'),
      "14 of 17 required answers complete",
      "meter after saving",
    );
    await page.reload();
    await expectText(
      checklist(page).locator('[data-id="meter-text"]'),
      "13 of 17 required answers complete",
      "meter after reload",
    );
    await expectText(
      checklist(page).locator('li[data-field="Pain_Points__c"]'),
      "placeholder",
      "the sample placeholder answer is back after reload",
    );
    assertNoPageProblems(problems);
    await page.close();
  });

  it("shows every CS team list to a CS manager, unassigned handoffs first", async () => {
    const { page, problems } = await openPreview();
    await switchTab(page, "CS intake");
    await pickOption(page.locator('[data-id="intake-page"]'), "Signed in as", /Morgan Reyes/);
    await pickOption(intakePanel(page), "Show", "Team: All open, by CSM");
    const titles = intakePanel(page).locator('[data-id="group-title"]');
    await expectText(titles, "Unassigned", "team list groups");
    assert.equal(
      await titles.first().innerText(),
      "Unassigned",
      "the unassigned group must come first in the team list",
    );
    await expectText(
      intakeRow(page, "Stark Logistics").locator('[data-id="status"]'),
      "Submitted",
      "unassigned handoff",
    );
    await page.screenshot({ path: artefactPath("intake-panel-manager.png"), fullPage: true, style: HIDE_TOASTS });
    assertNoPageProblems(problems);
    await page.close();
  });
});
