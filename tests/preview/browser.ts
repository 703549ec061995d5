// Shared by the preview's browser tests: Debian's Chromium driven by playwright-core, and a record of everything
// the page reports as wrong (console errors, uncaught exceptions, failed requests), so a test can assert there is none.
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import assert from "node:assert/strict";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { PROJECT_ROOT } from "../../scripts/lib/forceApp.ts";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// Flags that work in this container and on CI: no sandbox (runs as root), no GPU, no calls home.
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
export const ARTEFACTS_DIR = join(PROJECT_ROOT, "out/preview/screenshots");
// Generous: a 2-core CI machine compiling and rendering the whole page is slow, and a wait ends as soon as it can.
export const UI_TIMEOUT_MS = 30_000;

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: install Debian's chromium (apt-get install chromium, as .ci/run does) ` +
        "or set CHROMIUM_PATH. The preview's browser tests need it and do not skip without it.",
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS, timeout: 60_000 });
}

export interface PageProblems {
  list: string[];
}

// Console warnings are not collected: lightning-base-components logs engine warnings in development mode that
// are about native shadow DOM, not about this app.
export function watchPageProblems(page: Page): PageProblems {
  const problems: PageProblems = { list: [] };
  page.on("console", (message) => {
    if (message.type() === "error") problems.list.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.list.push(`uncaught exception: ${error.message}`));
  page.on("requestfailed", (request) =>
    problems.list.push(`request failed: ${request.url()} (${request.failure()?.errorText ?? "unknown"})`),
  );
  page.on("response", (response) => {
    if (response.status() >= 400) problems.list.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return problems;
}

export function artefactPath(name: string): string {
  mkdirSync(ARTEFACTS_DIR, { recursive: true });
  return join(ARTEFACTS_DIR, name);
}

// A fresh page on the preview, recording what goes wrong on it.
export async function openPage(
  browser: Browser | undefined,
  url: string | undefined,
  viewport: { width: number; height: number },
): Promise<{ page: Page; problems: PageProblems }> {
  if (!browser || !url) throw new Error("the preview server or the browser did not start (see the before hook)");
  const page = await browser.newPage({ viewport });
  page.setDefaultTimeout(UI_TIMEOUT_MS);
  const problems = watchPageProblems(page);
  await page.goto(url);
  return { page, problems };
}

export function assertNoPageProblems(problems: PageProblems): void {
  assert.deepEqual(problems.list, [], `the page reported problems:\n${problems.list.join("\n")}`);
}

export const checklist = (page: Page): Locator => page.locator("c-handoff-checklist");
export const intakePanel = (page: Page): Locator => page.locator("c-cs-intake-panel");

export async function expectText(locator: Locator, expected: string | RegExp, what: string): Promise<void> {
  try {
    await locator.filter({ hasText: expected }).first().waitFor({ state: "visible" });
  } catch {
    const actual = (await locator.allInnerTexts().catch(() => [])).join(" | ") || "(nothing shown)";
    assert.fail(`${what}: expected to see ${String(expected)}, but the page shows: ${actual}`);
  }
}

export async function pickOption(scope: Locator, label: string, option: string | RegExp): Promise<void> {
  await scope.getByRole("combobox", { name: label }).click();
  await scope.getByRole("option", { name: option }).click();
}
