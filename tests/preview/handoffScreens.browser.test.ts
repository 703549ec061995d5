// What reps, CSMs and CS managers would notice in the preview (issue 15), in headless Chromium on the real
// components: no lost work, focus on the result of each action, a request for missing info that starts empty, a
// layout that fits a phone, everything a CSM needs on one screen, the team view first for managers, the Lightning
// look, length limits and safe Markdown, and zero serious accessibility violations (axe-core inside every shadow
// root). Screenshots of each screen at 1440 px and 390 px go to out/preview/screenshots/.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { DEFAULT_SOURCE, PROJECT_ROOT } from "../../scripts/lib/forceApp.ts";
import { buildPreview } from "../../preview/build.ts";
import {
  UI_TIMEOUT_MS,
  artefactPath,
  assertNoPageProblems,
  checklist,
  expectNoSeriousViolations,
  expectText,
  focusedControl,
  intakePanel,
  pickOption,
  tabTo,
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

async function openPreview(width = 1440, height = 1000): Promise<{ page: Page; problems: PageProblems }> {
  const opened = await openSessionPage(session, { width, height });
  await opened.page.locator("c-handoff-checklist [data-id='meter-text']").waitFor();
  return opened;
}

async function openIntakeAs(page: Page, user: RegExp, account: string): Promise<Locator> {
  await page.getByRole("tab", { name: "CS intake", exact: true }).click();
  if (!user.test("Casey Morgan")) await pickOption(page.locator('[data-id="intake-page"]'), "Signed in as", user);
  const row = intakePanel(page).locator('[data-id="row"]').filter({ hasText: account }).first();
  await row.getByRole("button", { name: new RegExp(`Open intake for ${account}`) }).click();
  const intake = intakePanel(page).locator('[data-id="intake"]');
  await intake.locator('[data-id="intake-heading"]').filter({ hasText: account }).waitFor();
  return intake;
}

// How far the page is wider than the screen, and the widest elements that stick out (for the failure message).
async function overflow(page: Page): Promise<{ excess: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const excess = document.documentElement.scrollWidth - width;
    const culprits: string[] = [];
    if (excess > 0) {
      // Synthetic shadow hides component internals from document queries: walk each shadow root too (a loop, as
      // the bundler's helpers for named functions do not exist in the page).
      const pending: Element[] = [document.body];
      while (pending.length && culprits.length < 8) {
        const element = pending.pop() as Element;
        const box = element.getBoundingClientRect();
        if (box.right > width + 1 && box.width > 0) {
          culprits.push(
            `${element.tagName.toLowerCase()}.${String(element.className).slice(0, 60)} (${Math.round(box.right)} px)`,
          );
        }
        pending.push(...(element.shadowRoot?.children ?? []), ...element.children);
      }
    }
    return { excess, culprits };
  });
}

async function expectFits(page: Page, screen: string): Promise<void> {
  const { excess, culprits } = await overflow(page);
  assert.ok(
    excess <= 0,
    `${screen}: the page is ${excess} px wider than the screen; sticking out: ${culprits.join(", ")}`,
  );
}

// Toasts float over whatever is below them; the screenshots show the screens.
const HIDE_TOASTS = '[data-id="toasts"] { display: none !important; }';

// The rep's deal, the CSM's open intake and the manager's team view at one width, each saved as a screenshot
// (out/preview/screenshots/<screen>-<width>.png) for review.
async function walkScreens(width: number): Promise<void> {
  const { page, problems } = await openPreview(width, 800);
  const shoot = (screen: string) =>
    page.screenshot({ path: artefactPath(`${screen}-${width}.png`), fullPage: true, style: HIDE_TOASTS });
  await checklist(page).locator('[data-id="meter-text"]').waitFor();
  await expectFits(page, `rep's checklist at ${width} px`);
  await shoot("rep-checklist");
  await openIntakeAs(page, /Casey Morgan/, "Globex Foods");
  await expectFits(page, `CSM's intake at ${width} px`);
  await shoot("csm-intake");
  await pickOption(page.locator('[data-id="intake-page"]'), "Signed in as", /Morgan Reyes/);
  await intakePanel(page).locator('[data-id="group-title"]').first().waitFor();
  await expectFits(page, `manager's team view at ${width} px`);
  await shoot("manager-team-view");
  assertNoPageProblems(problems);
  await page.close();
}

describe(
  "issue 15: the checklist and intake panel as reps, CSMs and CS managers use them",
  { timeout: 900_000 },
  () => {
    it("1. saves a second edit after the first save: Save answers follows the unsaved edits", async () => {
      const { page, problems } = await openPreview();
      const sales = checklist(page);
      const save = sales.getByRole("button", { name: "Save answers" });
      const painPoints = sales.getByRole("textbox", { name: "Pain Points" });

      await painPoints.fill("Store managers re-key every order into three systems and lose a day a week to it.");
      assert.equal(await save.isDisabled(), false, "Save answers must be enabled once the rep edits an answer");
      await save.click();
      await expectText(page.locator('[data-id="toast-title"]'), "Handoff answers saved", "the first save's toast");
      await expectText(sales.locator('[data-id="meter-text"]'), "14 of 17", "meter after the first save");

      await painPoints.fill("Order errors cost about 4% of revenue; managers re-key orders into three systems.");
      await sales
        .getByRole("button", { name: "Save answers", disabled: false })
        .waitFor({ timeout: 5_000 })
        .catch(() => {
          assert.fail("Save answers stayed disabled after the first save: the rep's second edit cannot be saved");
        });
      await save.click();
      // Saved: nothing is left to save until the next edit.
      await sales.getByRole("button", { name: "Save answers", disabled: true }).waitFor();
      await expectText(
        page.locator("c-handoff-summary"),
        "about 4% of revenue",
        "the second answer, saved, in the summary",
      );
      assertNoPageProblems(problems);
      await page.close();
    });

    it("2. asks before unsaved edits are left behind: switching tab or deal, and leaving the page", async () => {
      const { page, problems } = await openPreview();
      const sales = checklist(page);
      const painPoints = sales.getByRole("textbox", { name: "Pain Points" });
      const typed = "Managers re-key every order into three systems.";
      await painPoints.fill(typed);

      const questions: string[] = [];
      page.once("dialog", (dialog) => {
        questions.push(dialog.message());
        void dialog.dismiss();
      });
      await page.getByRole("tab", { name: "CS intake", exact: true }).click();
      assert.match(questions.join(" "), /unsaved changes/, "switching tab with unsaved edits must ask first");
      assert.equal(
        await painPoints.inputValue(),
        typed,
        "declining must keep the rep on the deal with the typed answer",
      );

      page.once("dialog", (dialog) => {
        questions.push(dialog.message());
        void dialog.dismiss();
      });
      await pickOption(page.locator('[data-id="opportunity-page"]'), "Deal (Opportunity record page)", /Globex Foods/);
      assert.equal(questions.length, 2, "picking another deal with unsaved edits must ask first");
      assert.equal(await painPoints.inputValue(), typed, "declining keeps the deal and the typed answer");

      // Leaving the page (reload, close, a link): the checklist cancels the browser's "beforeunload", which makes
      // the browser ask "Leave site?".
      const leavingCancelled = await page.evaluate(() => {
        const leaving = new Event("beforeunload", { cancelable: true });
        window.dispatchEvent(leaving);
        return leaving.defaultPrevented;
      });
      assert.equal(leavingCancelled, true, "leaving the page with unsaved edits must make the browser ask");
      assertNoPageProblems(problems);
      await page.close();
    });

    it("2. switches tab without a question once the edits are saved", async () => {
      const { page, problems } = await openPreview();
      const sales = checklist(page);
      await sales.getByRole("textbox", { name: "Pain Points" }).fill("Managers re-key every order into three systems.");
      await sales.getByRole("button", { name: "Save answers" }).click();
      await expectText(sales.locator('[data-id="result"]'), "Handoff answers saved.", "save result");
      let asked = false;
      page.on("dialog", (dialog) => {
        asked = true;
        void dialog.accept();
      });
      await page.getByRole("tab", { name: "CS intake", exact: true }).click();
      await intakePanel(page).waitFor();
      assert.equal(asked, false, "nothing is unsaved, so switching tab must not ask");
      assertNoPageProblems(problems);
      await page.close();
    });

    it("2. keeps a CSM's unsaved verified ticks: asks before opening another handoff or leaving the tab", async () => {
      const { page, problems } = await openPreview();
      const intake = await openIntakeAs(page, /Casey Morgan/, "Globex Foods");
      // The first item not yet verified, pinned by its field so the locator keeps pointing at it once ticked.
      const field = await intake
        .locator('lightning-input[data-id="verify"]')
        .filter({ has: page.locator("input:not(:checked):not([disabled])") })
        .first()
        .getAttribute("data-field");
      const tick = intake.locator(`lightning-input[data-id="verify"][data-field="${field}"] input`);
      // The SLDS checkbox draws its box over the input: tick it from the keyboard, as the CSM can.
      await tick.focus();
      await page.keyboard.press("Space");
      await expectText(intake.locator('[data-id="verification"]'), "(ticks not saved yet)", "the unsaved ticks");

      // Another handoff: the panel asks in the page, and "Keep my ticks" keeps the CSM on this one, ticked.
      await intakePanel(page)
        .locator('[data-id="row"]')
        .filter({ hasText: "Initech" })
        .getByRole("button", { name: /Open intake for Initech/ })
        .click();
      await expectText(intake.locator('[data-id="unsaved-ticks"]'), "not saved", "the question about unsaved ticks");
      await intake.getByRole("button", { name: "Keep my ticks" }).click();
      await expectText(intake.locator('[data-id="intake-heading"]'), "Globex Foods", "still on the ticked handoff");
      assert.equal(await tick.isChecked(), true, `declining must keep the tick on ${field}`);

      // Another tab: the browser's question, as for the rep's unsaved answers; declining keeps the ticks.
      const questions: string[] = [];
      page.once("dialog", (dialog) => {
        questions.push(dialog.message());
        void dialog.dismiss();
      });
      await page.getByRole("tab", { name: "Opportunity", exact: true }).click();
      assert.match(questions.join(" "), /unsaved changes/, "switching tab with unsaved ticks must ask first");
      assert.equal(await tick.isChecked(), true, "declining must keep the CSM on the intake with the tick");

      // Saved, nothing is asked any more.
      await intake.getByRole("button", { name: "Save verified items" }).click();
      await expectText(intake.locator('[data-id="action-result"]'), "verified", "the save result");
      page.on("dialog", (dialog) => {
        questions.push(dialog.message());
        void dialog.accept();
      });
      await page.getByRole("tab", { name: "Opportunity", exact: true }).click();
      await checklist(page).waitFor();
      assert.equal(questions.length, 1, "saved ticks must not be asked about");
      assertNoPageProblems(problems);
      await page.close();
    });

    it("8. moves focus to the result after Save, not to the page body", async () => {
      const { page, problems } = await openPreview();
      const sales = checklist(page);
      await sales.getByRole("textbox", { name: "Pain Points" }).fill("Managers re-key every order into three systems.");
      await sales.getByRole("button", { name: "Save answers" }).click();
      await sales
        .locator('[data-id="result"]:focus')
        .waitFor({ timeout: 5_000 })
        .catch(() => assert.fail("after Save, focus must be on the result message (it fell to the page body)"));
      await expectText(sales.locator('[data-id="result"]'), "Handoff answers saved.", "save result");
      assertNoPageProblems(problems);
      await page.close();
    });

    it("3. starts a request for missing info with nothing ticked, the failing answers first, and no empty send", async () => {
      const { page, problems } = await openPreview();
      // Initech's High-Touch handoff misses its executive sponsor and implementation timeline.
      const intake = await openIntakeAs(page, /Casey Morgan/, "Initech");
      await intake.getByRole("button", { name: "Request missing info" }).click();
      const items = intake.locator('[data-id="missing-items"]');
      await items.locator("label").first().waitFor();
      const ticked = await items.locator("input:checked").count();
      assert.equal(ticked, 0, `the request must start with nothing ticked, ${ticked} item(s) were ticked already`);
      const labels = await items.locator("label").allInnerTexts();
      assert.deepEqual(
        labels.slice(0, 2),
        ["Executive sponsor (missing)", "Implementation timeline (missing)"],
        `the failing answers come first, saying why: ${labels.join(" | ")}`,
      );
      assert.equal(
        await intake.getByRole("button", { name: "Send request" }).isDisabled(),
        true,
        "an empty request must not be sendable",
      );
      await items.locator("label").first().click();
      assert.equal(
        await intake.getByRole("button", { name: "Send request" }).isDisabled(),
        false,
        "one item ticked: Send",
      );
      assertNoPageProblems(problems);
      await page.close();
    });

    it("5. shows a CSM product lines, stakeholders' title, email and phone, optional answers and the timeline", async () => {
      const { page, problems } = await openPreview();
      const intake = await openIntakeAs(page, /Casey Morgan/, "Globex Foods");
      await expectText(
        intake.locator('[data-id="product-line"]'),
        "Store Platform Starter · Quantity 12 · $18,000",
        "the deal's product line with quantity and amount",
      );
      const dana = intake.locator('[data-id="stakeholder"]').filter({ hasText: "Dana Cho" });
      await expectText(dana, "VP Operations", "the champion's title");
      await expectText(dana, /dana\.cho@globex\.example\.com/, "the champion's email");
      await expectText(dana, /\+1 555 01\d\d/, "the champion's phone");
      await expectText(
        intake.locator('[data-id="item"][data-field="Competitor_Threats__c"]'),
        "Incumbent vendor offered a 30% discount",
        "the optional competitor threats answer",
      );
      await expectText(
        intake.locator('[data-id="item"][data-field="Handoff_Notes__c"]'),
        "Champion is new in role",
        "the rep's handoff notes",
      );
      await expectText(intake.locator('[data-id="timeline-change"]'), "Draft → Submitted", "the status timeline");
      assertNoPageProblems(problems);
      await page.close();
    });

    it("shows the checklist meter and the CS intake tab in German with ?lang=de: list, details, actions, checklist and promises", async () => {
      const { page, problems } = await openSessionPage(session, { width: 1440, height: 1000 }, "?lang=de");
      // The checklist's words built by c/handoffRules come from labels too (meter, section summaries, Required badge).
      await expectText(
        checklist(page).locator('[data-id="meter-text"]'),
        /\d+ von \d+ Pflichtangaben vollständig/,
        "the checklist meter in German",
      );
      await page.getByRole("tab", { name: "CS intake", exact: true }).click();
      const panel = intakePanel(page);
      await expectText(panel.locator('[data-id="group-title"]').first(), "Meine Übergaben", "the CSM's list title");
      await expectText(panel.locator("thead").first(), /Verbleibende Zeit/, "the list's column headings");
      await expectText(panel.locator('[data-id="page"]'), "Seite 1", "the page number");
      const row = panel.locator('[data-id="row"]').filter({ hasText: "Globex Foods" }).first();
      await row.getByRole("button", { name: /Übernahme für Globex Foods .* öffnen/ }).click();
      const intake = panel.locator('[data-id="intake"]');
      await expectText(intake.locator('[data-id="intake-heading"]'), /^Übernahme: Globex Foods/, "the intake heading");
      await expectText(intake.locator('[data-id="accept"]'), "Annehmen", "the Accept button");
      await expectText(intake.locator('[data-id="show-firstTouch"]'), "Ersten Kontakt erfassen", "Log first touch");
      await expectText(intake.locator('[data-id="product-line"]'), /Menge 12/, "the product line's quantity");
      await expectText(intake.locator('[data-id="verification"]'), /Punkten geprüft/, "the checklist's verified count");
      await expectText(intake.locator("c-intake-promises"), "Zusagenübersicht", "the promises ledger title");
      const english = /Time left|Intake checklist|Save verified items|Status timeline|Promises ledger|Open intake for/;
      assert.doesNotMatch(
        await panel.innerText(),
        english,
        "with ?lang=de no English label may remain on the intake tab (a label without German, or text not from a label)",
      );
      assertNoPageProblems(problems);
      await page.close();
    });

    it("6. lands a CS manager on the team view, unassigned and at-risk handoffs first", async () => {
      const { page, problems } = await openPreview();
      await page.getByRole("tab", { name: "CS intake", exact: true }).click();
      await pickOption(page.locator('[data-id="intake-page"]'), "Signed in as", /Morgan Reyes/);
      const titles = intakePanel(page).locator('[data-id="group-title"]');
      await expectText(titles, "Unassigned", "the manager's first screen");
      assert.deepEqual(
        (await titles.allInnerTexts()).slice(0, 2),
        ["Unassigned", "At risk"],
        "a manager lands on the team view with unassigned, then at-risk handoffs first (no dropdown needed)",
      );
      assertNoPageProblems(problems);
      await page.close();
    });

    it("7. looks like a Lightning record page: status path, SLA badges by urgency, highlights panel", async () => {
      const { page, problems } = await openPreview();
      const sales = checklist(page);
      await sales
        .locator("lightning-progress-indicator .slds-path")
        .waitFor({ timeout: 10_000 })
        .catch(() =>
          assert.fail("the checklist must show the handoff status as a Path (lightning-progress-indicator)"),
        );
      await expectText(sales.locator(".slds-path .slds-is-current"), "Draft", "the current step of the status path");
      assert.match(
        (await sales.locator('[data-id="clock"]').getAttribute("class")) ?? "",
        /slds-badge/,
        "the SLA clock is a badge",
      );
      const highlights = page.locator('[data-id="highlights"]');
      await expectText(
        highlights.locator('[data-id="highlights-title"]'),
        "Acme Retail - Store Platform",
        "highlights",
      );
      await expectText(highlights, "$120,000", "the amount in the highlights panel");

      await page.getByRole("tab", { name: "CS intake", exact: true }).click();
      const initech = intakePanel(page).locator('[data-id="row"]').filter({ hasText: "Initech" });
      assert.match(
        (await initech.locator('[data-id="time"]').getAttribute("class")) ?? "",
        /slds-theme_error/,
        "an overdue SLA clock is an error badge, not grey text",
      );
      const globex = intakePanel(page).locator('[data-id="row"]').filter({ hasText: "Globex" });
      assert.match(
        (await globex.locator('[data-id="status"]').getAttribute("class")) ?? "",
        /slds-badge/,
        "the status is a badge",
      );
      assertNoPageProblems(problems);
      await page.close();
    });

    it("8. moves focus to the result after Accept, and ties field warnings to their inputs", async () => {
      const { page, problems } = await openPreview();
      const painPoints = checklist(page).getByRole("textbox", { name: "Pain Points" });
      assert.equal(
        await painPoints.getAttribute("aria-invalid"),
        "true",
        "a placeholder answer marks its input invalid",
      );
      const describedBy = (await painPoints.getAttribute("aria-describedby")) ?? "";
      // The ids resolve in the input's own (shadow) root, as a screen reader resolves them.
      const description = await painPoints.evaluate((input, ids) => {
        const root = input.getRootNode() as Document | ShadowRoot;
        return ids
          .split(/\s+/)
          .map((id) => root.querySelector(`[id="${id}"]`)?.textContent ?? "")
          .join(" ");
      }, describedBy);
      assert.match(
        description,
        /placeholder/,
        `the warning must describe the input (aria-describedby="${describedBy}")`,
      );

      const intake = await openIntakeAs(page, /Casey Morgan/, "Globex Foods");
      await intake.getByRole("button", { name: "Accept", exact: true }).click();
      await expectText(intake.locator('[data-id="action-result"]'), "Accepted", "accept result");
      await intake
        .locator('[data-id="action-result"]:focus')
        .waitFor({ timeout: 5_000 })
        .catch(() => assert.fail("after Accept, focus must be on the result message (it fell to the page body)"));
      assertNoPageProblems(problems);
      await page.close();
    });

    it("4. fits a phone: no horizontal overflow at 390 px, and a working layout from 320 px", async () => {
      await walkScreens(390);
      await walkScreens(320);
      await walkScreens(1440);
    });

    it("4. offers both components on phones (Small form factor) where their targets allow it", () => {
      const meta = (name: string) =>
        readFileSync(join(PROJECT_ROOT, `force-app/main/default/lwc/${name}/${name}.js-meta.xml`), "utf8");
      const recordPage = meta("handoffChecklist").match(
        /<targetConfig targets="lightning__RecordPage">[\s\S]*?<\/targetConfig>/,
      )?.[0];
      assert.match(
        recordPage ?? "",
        /<supportedFormFactor type="Small"/,
        "the checklist must support phones on the record page",
      );
      const appPage = meta("csIntakePanel").match(
        /<targetConfig targets="lightning__AppPage">[\s\S]*?<\/targetConfig>/,
      )?.[0];
      assert.match(
        appPage ?? "",
        /<supportedFormFactor type="Small"/,
        "the intake panel must support phones on app pages",
      );
      // The tab target takes no form factors (it shows on phones as it is): it must stay a target.
      assert.match(meta("csIntakePanel"), /<target>lightning__Tab<\/target>/, "the intake panel stays a tab");
    });

    it("9. counts characters against the schema's length, stops there, and copies Markdown with HTML escaped", async () => {
      if (!session.server || !session.browser) throw new Error("the preview server or the browser did not start");
      const context = await session.browser.newContext({ viewport: { width: 1440, height: 1000 } });
      await context.grantPermissions(["clipboard-read", "clipboard-write"], {
        origin: new URL(session.server.url).origin,
      });
      const page = await context.newPage();
      page.setDefaultTimeout(UI_TIMEOUT_MS);
      const problems = watchPageProblems(page);
      await page.goto(session.server.url);
      const sales = checklist(page);
      const item = sales.locator('li[data-field="Known_Objections__c"]');
      const answer = item.getByRole("textbox", { name: "Known Objections" });
      await answer.fill("");
      await answer.focus();
      // Typed (not set by script), 40,000 characters: the input stops at Known_Objections__c's length.
      await page.keyboard.insertText("x".repeat(40_000));
      const typed = (await answer.inputValue()).length;
      assert.equal(typed, 32_768, `the answer must stop at the field's 32,768 characters, it holds ${typed}`);
      await expectText(item.locator('[data-id="counter"]'), "32,768 of 32,768 characters", "the character counter");

      await answer.fill('<img src=x onerror="alert(1)"> objections [here](javascript:alert(1))');
      await sales.getByRole("button", { name: "Save answers" }).click();
      await expectText(sales.locator('[data-id="result"]'), "Handoff answers saved.", "save result");
      await page
        .locator("c-handoff-summary")
        .getByRole("button", { name: /Copy as Markdown/ })
        .click();
      const markdown = await page.evaluate(() => navigator.clipboard.readText());
      assert.doesNotMatch(markdown, /<img/, "the Markdown must not carry raw HTML");
      assert.match(
        markdown,
        /&lt;img src=x onerror="alert\(1\)"&gt; objections \\\[here\\\]/,
        "HTML and link syntax are escaped",
      );
      // The CSM's promise note stops at Handoff_Promise__c.Status_Note__c's length (255 in the schema).
      const intake = await openIntakeAs(page, /Casey Morgan/, "Globex Foods");
      const promiseNote = intake.getByRole("textbox", { name: /Note for the next promise/ });
      await promiseNote.focus();
      await page.keyboard.insertText("y".repeat(300));
      assert.equal((await promiseNote.inputValue()).length, 255, "the promise note must stop at its field's length");
      await expectText(intake.locator('[data-id="promise-note-counter"]'), "255 of 255 characters", "note counter");
      assertNoPageProblems(problems);
      await context.close();
    });

    it("10. npm start reuses the last build when nothing changed, rebuilds when a component did, and says so", async () => {
      const said: string[] = [];
      const unchanged = await buildPreview({ outDir: SITE_DIR, reuseUnchanged: true, log: (m) => said.push(m) });
      assert.equal(unchanged.reused, true, `nothing changed since the build, yet it was rebuilt: ${said.join(" | ")}`);
      assert.match(
        said.join("\n"),
        /nothing changed since the build of .*: reusing/,
        "it must say it reuses the build",
      );

      const tempRoot = join(PROJECT_ROOT, "out/preview/tmp");
      mkdirSync(tempRoot, { recursive: true });
      const copy = mkdtempSync(join(tempRoot, "reuse-"));
      try {
        const source = join(copy, "default");
        cpSync(DEFAULT_SOURCE, source, { recursive: true, preserveTimestamps: true });
        cpSync(SITE_DIR, join(copy, "site"), { recursive: true });
        said.length = 0;
        const sameContent = await buildPreview({ source, outDir: join(copy, "site"), reuseUnchanged: true });
        assert.equal(sameContent.reused, true, "a copy with the same content must reuse the build made from it");
        appendFileSync(
          join(source, "lwc/csIntakePanel/csIntakePanel.css"),
          "\n.changed-for-the-test { color: red; }\n",
        );
        said.length = 0;
        const changed = await buildPreview({
          source,
          outDir: join(copy, "site"),
          reuseUnchanged: true,
          cache: session.buildCache,
          log: (m) => said.push(m),
        });
        assert.equal(changed.reused, false, "a changed component must be rebuilt");
        assert.match(said.join("\n"), /bundling .*csIntakePanel/, `it must say what it builds: ${said.join(" | ")}`);
      } finally {
        rmSync(copy, { recursive: true, force: true });
      }
    });

    it("11. has no serious or critical axe violations on the rep's, CSM's and manager's screens and states", async () => {
      const { page, problems } = await openPreview();
      const sales = checklist(page);
      await expectNoSeriousViolations(page, "rep's checklist with warnings");
      await sales.getByRole("textbox", { name: "Pain Points" }).fill("Managers re-key every order into three systems.");
      await sales.getByRole("button", { name: "Save answers" }).click();
      await expectText(sales.locator('[data-id="result"]'), "Handoff answers saved.", "save result");
      await expectNoSeriousViolations(page, "rep's checklist after saving");

      const intake = await openIntakeAs(page, /Casey Morgan/, "Initech");
      await expectNoSeriousViolations(page, "CSM's intake");
      await intake.getByRole("button", { name: "Request missing info" }).click();
      await intake.locator('[data-id="missing-items"] label').first().waitFor();
      await expectNoSeriousViolations(page, "CSM's request form");
      await intake.getByRole("button", { name: "Accept", exact: true }).click();
      await expectText(intake.locator('[data-id="action-reason"]'), "Accepted already", "accepted state");
      await expectNoSeriousViolations(page, "CSM's intake after accepting (actions disabled, reason shown)");

      await pickOption(page.locator('[data-id="intake-page"]'), "Signed in as", /Morgan Reyes/);
      await intakePanel(page).locator('[data-id="group-title"]').first().waitFor();
      await expectNoSeriousViolations(page, "manager's team view");
      await page.setViewportSize({ width: 390, height: 800 });
      await expectNoSeriousViolations(page, "manager's team view on a phone");
      assertNoPageProblems(problems);
      await page.close();
    });

    it("11. lets a rep save and submit, and a CSM accept, with the keyboard only", async () => {
      const { page, problems } = await openPreview();
      const sales = checklist(page);
      await tabTo(page, /^textarea\[\] Pain Points/);
      await page.keyboard.press("ControlOrMeta+A");
      await page.keyboard.type("Store managers re-key every order into three systems.");
      await tabTo(page, /^button\[combobox\] Technical Contact/);
      // Open the list, move down to Ari Novak, pick it; each step waits for the page, as a slow machine needs.
      await page.keyboard.press("Enter");
      await sales.locator('li[data-field="Technical_Contact__c"] [aria-expanded="true"]').first().waitFor();
      const highlighted = sales.locator('li[data-field="Technical_Contact__c"] [role="option"].slds-has-focus');
      const highlightedText = async () => ((await highlighted.count()) ? await highlighted.first().innerText() : "");
      for (let i = 0; i < 20 && !/Ari Novak/.test(await highlightedText()); i += 1) {
        await page.keyboard.press("ArrowDown");
        await page.waitForTimeout(50);
      }
      await page.keyboard.press("Enter");
      await expectText(
        sales.locator('li[data-field="Technical_Contact__c"] button[role="combobox"]'),
        "Ari Novak",
        "the technical contact picked with the keyboard",
      );
      await tabTo(page, /^input\[\] Target Go-Live Date/);
      await page.keyboard.type("Mar 1, 2027");
      await tabTo(page, /^textarea\[\] Promises Made/);
      await page.keyboard.type("- Two days of on-site admin training");
      await expectText(
        sales.locator('[data-id="meter-text"]'),
        "17 of 17",
        `every required answer typed by keyboard (${(await sales.locator('[data-id="section-summary"]').allInnerTexts()).join("; ")})`,
      );
      await tabTo(page, /^button\[\] Save answers/);
      await page.keyboard.press("Enter");
      await expectText(sales.locator('[data-id="result"]'), "Handoff answers saved.", "saved by keyboard");
      assert.match(await focusedControl(page), /Handoff answers saved/, "after Save, focus is on the result");
      await tabTo(page, /^button\[\] Submit handoff/);
      await page.keyboard.press("Enter");
      await expectText(sales.locator('[data-id="status"]'), "Handoff status: Submitted", "submitted by keyboard");
      assert.match(await focusedControl(page), /Handoff submitted/, "after Submit, focus is on the result");

      await tabTo(page, /^button\[tab\] CS intake/);
      await page.keyboard.press("Enter");
      await tabTo(page, /^button\[\] Acme Retail|Open intake for Acme Retail/);
      await page.keyboard.press("Enter");
      const intake = intakePanel(page).locator('[data-id="intake"]');
      await intake.locator('[data-id="intake-heading"]').filter({ hasText: "Acme Retail" }).waitFor();
      await tabTo(page, /^button\[\] Accept$/);
      await page.keyboard.press("Enter");
      await expectText(intake.locator('[data-id="action-result"]'), "Accepted", "accepted by keyboard");
      assert.match(await focusedControl(page), /Accepted/, "after Accept, focus is on the result");
      assertNoPageProblems(problems);
      await page.close();
    });
    // END OF TESTS
  },
);
