// Shipped tools never import from tests/, and bench/ and testkit/ stand on their own: see importBoundaries.ts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../scripts/lib/forceApp.ts";
import { makeTempDir, removeTempDir, writeFile } from "../lib/tempTree.ts";
import { findBoundaryViolations } from "./importBoundaries.ts";

test("no file under scripts/, bench/ or testkit/ depends on tests/ (or scripts/ on test tooling)", () => {
  const violations = findBoundaryViolations(PROJECT_ROOT);
  assert.deepEqual(
    violations.map((v) => v.message),
    [],
    "these files reach into a folder they must not depend on",
  );
});

// A copy of the three folders with one kind of forbidden dependency added at a time.
function withCopy(breakIt: (root: string) => void): ReturnType<typeof findBoundaryViolations> {
  const root = makeTempDir("import-boundaries");
  try {
    for (const folder of ["scripts", "bench", "testkit"]) {
      cpSync(join(PROJECT_ROOT, folder), join(root, folder), { recursive: true });
    }
    breakIt(root);
    return findBoundaryViolations(root);
  } finally {
    removeTempDir(root);
  }
}

test("a shipped script that imports a checker from tests/ is named with its line and the file it reaches", () => {
  const violations = withCopy((root) =>
    writeFile(
      join(root, "scripts/admin/broken.ts"),
      '// a tool\nimport { checkDeployConstraints } from "../../tests/metadata/deployConstraints.ts";\n',
    ),
  );
  assert.equal(violations.length, 1, "exactly the one added import should be reported");
  assert.equal(violations[0].file, "scripts/admin/broken.ts");
  assert.equal(violations[0].line, 2);
  assert.equal(violations[0].target, "tests/metadata/deployConstraints.ts");
  assert.match(violations[0].message, /must not depend on tests\//);
});

test("a dynamic import, a re-export and a data path into tests/ count too", () => {
  const violations = withCopy((root) => {
    writeFileSync(
      join(root, "scripts/lib/broken.ts"),
      [
        'const m = await import("../../tests/lib/tempTree.ts");',
        'export { x } from "../../tests/lib/manifest.ts";',
        'const data = join(PROJECT_ROOT, "tests/metadata/standard-fields.json");',
      ].join("\n"),
    );
  });
  assert.deepEqual(
    violations.map((v) => `${v.line} ${v.target}`),
    ["1 tests/lib/tempTree.ts", "2 tests/lib/manifest.ts", "3 tests/metadata/standard-fields.json"],
    "each kind of dependency on tests/ should be reported on its line",
  );
});

test("the benchmark must not borrow the tests' fixtures, and shipped scripts must not use testkit/", () => {
  const violations = withCopy((root) => {
    writeFile(
      join(root, "bench/support/broken.ts"),
      'import { smallOrg } from "../../tests/scripts/support/handoffFixture.ts";\n',
    );
    writeFile(
      join(root, "scripts/revops/broken.ts"),
      'import { FakeSalesforce } from "../../testkit/fake-salesforce/fakeSalesforce.ts";\n',
    );
  });
  assert.deepEqual(
    violations.map((v) => v.file).sort(),
    ["bench/support/broken.ts", "scripts/revops/broken.ts"],
    "both the bench import of tests/ and the script import of testkit/ should be reported",
  );
});
