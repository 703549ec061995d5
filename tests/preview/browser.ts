// Shared by the preview's browser tests: Debian's Chromium driven by playwright-core, and a record of everything
// the page reports as wrong (console errors, uncaught exceptions, failed requests), so a test can assert there is none.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import assert from "node:assert/strict";
import { after, before } from "node:test";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import type { RollupCache } from "rollup";
import { PROJECT_ROOT } from "../../scripts/lib/forceApp.ts";
import { buildPreview, type BuildResult } from "../../preview/build.ts";
import { startServer, type PreviewServer } from "../../preview/serve.ts";

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

// Every browser test file serves the same site: one build (about 13 s idle, half a minute under load) instead of
// one per file. The test runner starts files side by side, so a lock directory lets one build while the others wait
// and then reuse it; the build's own fingerprint decides whether the site on disk is current.
export const SHARED_SITE_DIR = join(PROJECT_ROOT, "out/preview/test-site");
const BUILD_LOCK = `${SHARED_SITE_DIR}.lock`;
// A lock older than any build is left over from a killed run.
const STALE_LOCK_MS = 600_000;

export async function buildSharedPreview(): Promise<BuildResult> {
  mkdirSync(join(PROJECT_ROOT, "out/preview"), { recursive: true });
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      let age = 0;
      try {
        age = Date.now() - statSync(BUILD_LOCK).mtimeMs;
      } catch {
        continue; // released between the two calls
      }
      if (age > STALE_LOCK_MS) rmSync(BUILD_LOCK, { recursive: true, force: true });
      else await new Promise((done) => setTimeout(done, 250));
    }
  }
  try {
    return await buildPreview({ outDir: SHARED_SITE_DIR, reuseUnchanged: true });
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

// Generous: the first build on a 2-core CI machine under load.
export const BUILD_TIMEOUT_MS = 300_000;

export interface PreviewSession {
  server?: PreviewServer;
  browser?: Browser;
  // Set when this file built the site; undefined when it reused another file's build.
  buildCache?: RollupCache;
}

// Registers, in the describe it is called in, the hooks every browser test file needs: the shared preview build,
// its server and Chromium, closed afterwards. The session's fields are filled in once the before hook has run.
export function previewSession(): PreviewSession {
  const session: PreviewSession = {};
  before(
    async () => {
      session.buildCache = (await buildSharedPreview()).cache;
      session.server = await startServer({ siteDir: SHARED_SITE_DIR });
      session.browser = await launchChromium();
    },
    { timeout: BUILD_TIMEOUT_MS },
  );
  after(async () => {
    await session.browser?.close();
    await session.server?.close();
  });
  return session;
}

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

// A fresh page on the session's preview, query appended to its address ("?lang=de"); fails with openPage's message
// when the session's server or browser did not start.
export function openSessionPage(
  session: PreviewSession,
  viewport: { width: number; height: number },
  query = "",
): Promise<{ page: Page; problems: PageProblems }> {
  return openPage(session.browser, session.server && `${session.server.url}${query}`, viewport);
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

const AXE_SOURCE = readFileSync(join(PROJECT_ROOT, "node_modules/axe-core/axe.min.js"), "utf8");

// axe-core in the page, on the real DOM of the components: it walks every shadow root itself (synthetic shadow
// answers its shadowRoot and childNodes like native shadow does), as the rule counts in the failure message show.
export async function expectNoSeriousViolations(page: Page, screen: string): Promise<void> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<AxeResults> } }).axe;
    type AxeNode = { target: string[]; failureSummary?: string };
    type AxeResults = {
      violations: { id: string; impact: string | null; nodes: AxeNode[] }[];
      passes: { id: string; nodes: AxeNode[] }[];
    };
    const outcome = await axe.run(document);
    return {
      checkedLabels: outcome.passes.find((rule) => rule.id === "label")?.nodes.length ?? 0,
      serious: outcome.violations
        .filter((rule) => rule.impact === "serious" || rule.impact === "critical")
        .map(
          (rule) =>
            `${rule.impact} ${rule.id}: ${rule.nodes
              .slice(0, 3)
              .map((node) => `${node.target.join(" > ")} (${(node.failureSummary ?? "").replace(/\s+/g, " ")})`)
              .join("; ")}`,
        ),
    };
  });
  assert.ok(result.checkedLabels > 0, `${screen}: axe saw no form field at all, so it did not reach the components`);
  assert.deepEqual(result.serious, [], `${screen}: serious or critical accessibility violations`);
}

// The element that has focus, through every shadow root, described as a keyboard user would hear it.
export async function focusedControl(page: Page): Promise<string> {
  return page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    if (!element) return "(nothing)";
    const labelled = (element as HTMLInputElement).labels?.[0]?.textContent ?? "";
    const name = element.getAttribute("aria-label") ?? (labelled || (element.textContent ?? ""));
    return `${element.tagName.toLowerCase()}[${element.getAttribute("role") ?? ""}] ${name.replace(/\s+/g, " ").trim()}`;
  });
}

// Presses Tab until the focused control matches, as a keyboard user would; fails naming where focus went.
export async function tabTo(page: Page, target: RegExp, maxPresses = 250): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < maxPresses; i += 1) {
    await page.keyboard.press("Tab");
    const now = await focusedControl(page);
    if (target.test(now)) return;
    seen.push(now);
  }
  assert.fail(`Tab never reached ${String(target)}; focus went through: ${seen.slice(-15).join(" | ")}`);
}
