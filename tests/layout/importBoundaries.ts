// Who may use what: the tools shipped to admins and RevOps (scripts/) run from a checkout without the test tree,
// the benchmark (bench/) and the shared local Salesforce API (testkit/) are not tests either. A file that reaches
// into a folder it must not depend on breaks when that folder changes for its own reasons, so this check lists
// every such import, static or dynamic, and every path into the folder built from the project root.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

// For each folder, the top-level folders its source files must not reach.
export const IMPORT_BOUNDARIES: Record<string, string[]> = {
  scripts: ["tests", "testkit", "bench"],
  bench: ["tests"],
  testkit: ["tests", "bench"],
};

export interface BoundaryViolation {
  file: string;
  line: number;
  target: string;
  message: string;
}

const SOURCE_FILE = /\.(ts|mts|mjs|js)$/;
// import x from "…", export … from "…", import "…", import("…")
const IMPORT_SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)["'`]([^"'`]+)["'`]/g;
// join(PROJECT_ROOT, "tests/…") and the like: data read from a folder is a dependency as much as code is.
const ROOT_PATH = /\b(?:join|resolve)\(\s*PROJECT_ROOT\s*,\s*["'`]([^"'`]+)["'`]/g;

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(path);
    return SOURCE_FILE.test(entry.name) ? [path] : [];
  });
}

const topFolder = (root: string, path: string) => relative(root, path).split(sep)[0];

export function findBoundaryViolations(root: string, boundaries = IMPORT_BOUNDARIES): BoundaryViolation[] {
  const violations: BoundaryViolation[] = [];
  for (const [folder, forbidden] of Object.entries(boundaries)) {
    for (const file of sourceFiles(join(root, folder))) {
      const lines = readFileSync(file, "utf8").split("\n");
      lines.forEach((text, index) => {
        const targets = [
          ...[...text.matchAll(IMPORT_SPECIFIER)]
            .map((m) => m[1])
            .filter((spec) => spec.startsWith("."))
            .map((spec) => resolve(dirname(file), spec)),
          ...[...text.matchAll(ROOT_PATH)].map((m) => resolve(root, m[1])),
        ];
        for (const target of targets) {
          const reached = topFolder(root, target);
          if (!forbidden.includes(reached)) continue;
          const shown = relative(root, file);
          violations.push({
            file: shown,
            line: index + 1,
            target: relative(root, target),
            message:
              `${shown}:${index + 1} uses ${relative(root, target)}: files under ${folder}/ must not depend on ` +
              `${reached}/; move what both need next to its user (scripts/ for shipped tools, testkit/ for test tooling)`,
          });
        }
      });
    }
  }
  return violations;
}
