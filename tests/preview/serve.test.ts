// The preview's static server: serves the built page and the locally installed SLDS, nothing outside those two
// folders, and says what to do when the page has not been built.
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../scripts/lib/forceApp.ts";
import { SLDS_ASSETS, resolveRequestPath, startServer } from "../../preview/serve.ts";

const tempRoot = join(PROJECT_ROOT, "out/preview/tmp");
mkdirSync(tempRoot, { recursive: true });
const siteDir = mkdtempSync(join(tempRoot, "serve-"));
writeFileSync(join(siteDir, "index.html"), "<!doctype html><title>preview</title>");
writeFileSync(join(siteDir, "app.js"), "console.log('app');");

describe("preview server", () => {
  after(() => rmSync(siteDir, { recursive: true, force: true }));

  it("maps / to the page, other paths to the site folder and /assets/ to the installed SLDS", () => {
    assert.equal(resolveRequestPath(siteDir, "/"), join(siteDir, "index.html"), "/ must serve index.html");
    assert.equal(resolveRequestPath(siteDir, "/app.js?v=1"), join(siteDir, "app.js"), "the query string is ignored");
    assert.equal(
      resolveRequestPath(siteDir, "/assets/styles/salesforce-lightning-design-system.min.css"),
      join(SLDS_ASSETS, "styles/salesforce-lightning-design-system.min.css"),
      "SLDS must come from node_modules/@salesforce-ux/design-system, not the internet",
    );
  });

  it("refuses paths that climb out of the site or the SLDS folder", () => {
    for (const path of [
      "/../package.json",
      "/%2e%2e/package.json",
      "/assets/../../package.json",
      "/assets/%2e%2e/%2e%2e/package.json",
    ]) {
      assert.equal(resolveRequestPath(siteDir, path), null, `${path} must not be served`);
    }
    assert.equal(resolveRequestPath(siteDir, "/%E0%A4%A"), null, "a malformed escape is not found, not a crash");
  });

  it("serves the page with no caching and answers 404 for anything else", async () => {
    const server = await startServer({ siteDir });
    try {
      const page = await fetch(server.url);
      assert.equal(page.status, 200, "GET / must succeed");
      assert.match(page.headers.get("content-type") ?? "", /text\/html/, "the page must be served as HTML");
      assert.equal(page.headers.get("cache-control"), "no-store", "a reload must fetch fresh sample data");
      const css = await fetch(new URL("/assets/styles/salesforce-lightning-design-system.min.css", server.url));
      assert.equal(css.status, 200, "the SLDS stylesheet must be served locally");
      assert.match(css.headers.get("content-type") ?? "", /text\/css/);
      const missing = await fetch(new URL("/nothing-here.js", server.url));
      assert.equal(missing.status, 404, "an unknown path must be 404");
      assert.match(await missing.text(), /Not found: \/nothing-here\.js/);
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/, "the server must listen on 127.0.0.1 only");
    } finally {
      await server.close();
    }
  });

  it("tells the user to build first when the page has not been built", async () => {
    const empty = mkdtempSync(join(tempRoot, "serve-empty-"));
    try {
      await assert.rejects(startServer({ siteDir: empty }), /index\.html not found: build the preview first/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
