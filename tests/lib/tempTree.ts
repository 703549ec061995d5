// Broken copies of the real metadata for negative tests: each test copies force-app (or a few of its files) to a
// temp dir, breaks one thing the way a person would, and checks that the checker names the file and the problem.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { PROJECT_ROOT } from "../../scripts/lib/forceApp.ts";

export const REAL_FORCE_APP = join(PROJECT_ROOT, "force-app");

export function makeTempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `${prefix}-`));
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

// Copies the whole force-app tree into dir/force-app and returns that path.
export function copyForceApp(dir: string): string {
  const target = join(dir, "force-app");
  cpSync(REAL_FORCE_APP, target, { recursive: true });
  return target;
}

// Rewrites a file in place; fails if the edit changed nothing, so a test never passes on an edit that missed
// because the real file was reworded.
export function editFile(path: string, edit: (content: string) => string): void {
  const before = readFileSync(path, "utf8");
  const after = edit(before);
  if (after === before) throw new Error(`Test setup: the edit left ${path} unchanged; update the test to the file`);
  writeFileSync(path, after);
}

export function writeFile(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

// Replaces exactly one occurrence, failing when the text is missing or ambiguous.
export function replaceOnce(content: string, find: string | RegExp, replacement: string): string {
  const matches =
    typeof find === "string" ? content.split(find).length - 1 : [...content.matchAll(new RegExp(find, "g"))].length;
  if (matches !== 1) throw new Error(`Test setup: expected one match of ${String(find)}, found ${matches}`);
  return content.replace(find, replacement);
}

// Runs use() on a throwaway copy of force-app/main/default that edit() has changed, then removes the copy.
export function withSourceCopy<T>(prefix: string, edit: (source: string) => void, use: (source: string) => T): T {
  const dir = makeTempDir(prefix);
  try {
    const source = join(dir, "default");
    cpSync(join(REAL_FORCE_APP, "main/default"), source, { recursive: true });
    edit(source);
    return use(source);
  } finally {
    removeTempDir(dir);
  }
}

// Replaces the first match in a file; fails when there is none, so a test never passes on an edit that missed.
export function replaceInFile(path: string, from: string | RegExp, to: string): void {
  const before = readFileSync(path, "utf8");
  const after = before.replace(from, to);
  if (after === before) throw new Error(`Test setup: ${path} does not contain ${String(from)}`);
  writeFileSync(path, after);
}
