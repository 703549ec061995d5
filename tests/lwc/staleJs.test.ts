import { test } from "node:test";
import assert from "node:assert/strict";
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../scripts/lib/forceApp.ts";
import { LWC_DIR, findStaleLwcJs, lwcSources } from "./lwcBuildCheck.ts";

// A copy of the project's LWC folder at the same depth, so lwc/tsconfig.json's relative paths still resolve.
function copyOfLwc(): { root: string; lwc: string } {
  const root = mkdtempSync(join(tmpdir(), "lwc-stale-"));
  const lwc = join(root, "force-app/main/default/lwc");
  mkdirSync(join(root, "force-app/main/default"), { recursive: true });
  cpSync(LWC_DIR, lwc, { recursive: true });
  cpSync(join(PROJECT_ROOT, "types"), join(root, "types"), { recursive: true });
  symlinkSync(join(PROJECT_ROOT, "node_modules"), join(root, "node_modules"));
  return { root, lwc };
}

test("every LWC .js matches a fresh compile of its .ts (run npm run build if this fails)", () => {
  assert.ok(lwcSources(LWC_DIR).length > 0, `no TypeScript found under ${LWC_DIR}: the check would prove nothing`);
  assert.deepEqual(findStaleLwcJs(LWC_DIR), []);
});

test("the check names a .js left behind after its .ts changed, and a .js that was never built", () => {
  const { root, lwc } = copyOfLwc();
  try {
    assert.deepEqual(findStaleLwcJs(lwc), [], "a faithful copy of the LWC folder must not be reported");
    appendFileSync(join(lwc, "handoffRules/handoffRules.ts"), "\nexport const ADDED_AFTER_BUILD = 1;\n");
    unlinkSync(join(lwc, "handoffSummary/handoffSummary.js"));
    const problems = findStaleLwcJs(lwc);
    assert.equal(problems.length, 2, `expected the edited and the deleted bundle, got: ${problems.join(" | ")}`);
    assert.match(problems.join("\n"), /handoffRules\/handoffRules\.js: stale/);
    assert.match(problems.join("\n"), /handoffSummary\/handoffSummary\.js: missing/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
