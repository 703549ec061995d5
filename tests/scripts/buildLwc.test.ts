// The LWC build (scripts/build-lwc.mjs) run in a throwaway project: what it leaves in a bundle is what deploys.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const BUILD = resolve("scripts/build-lwc.mjs");

test("a component's compiled JavaScript whose TypeScript was moved away is removed, so it cannot deploy with the bundle", () => {
  const project = mkdtempSync(join(tmpdir(), "build-lwc-"));
  try {
    const lwc = join(project, "force-app/main/default/lwc");
    const bundle = join(lwc, "intakePanel");
    mkdirSync(join(bundle, "__tests__"), { recursive: true });
    writeFileSync(join(lwc, "tsconfig.json"), "{}");
    writeFileSync(join(bundle, "intakePanel.ts"), "export default 1;\n");
    writeFileSync(join(bundle, "intakePanel.js"), "export default 1;\n");
    writeFileSync(join(bundle, "movedModel.js"), "export const stale = true;\n");
    writeFileSync(join(bundle, "__tests__/intakePanel.test.js"), "// a Jest test, hand-written\n");
    // Compiled output newer than its source and the settings: the build has nothing to compile.
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(bundle, "intakePanel.js"), later, later);

    const output = execFileSync(process.execPath, [BUILD], { cwd: project, encoding: "utf8" });

    assert.ok(!existsSync(join(bundle, "movedModel.js")), "the orphaned movedModel.js must be removed");
    assert.match(output, /removed .*movedModel\.js/, "the build says what it removed");
    assert.ok(existsSync(join(bundle, "intakePanel.js")), "JavaScript compiled from an existing .ts stays");
    assert.ok(existsSync(join(bundle, "__tests__/intakePanel.test.js")), "Jest tests in __tests__ are never touched");
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
});
