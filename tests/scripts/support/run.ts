// Runs a RevOps script the way a user does (a separate Node process through tsx), so the tests cover
// argument parsing, exit codes, stdout/stderr and the files written.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../../scripts/lib/forceApp.ts";
import { runNode } from "../../../testkit/runNode.ts";

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  json: Record<string, any> | undefined;
}

export function tempDir(prefix = "revops-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function runScript(
  script: string,
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<RunResult> {
  const run = await runNode([join(PROJECT_ROOT, "scripts", "revops", script), ...args], {
    cwd: env.RUN_CWD ?? PROJECT_ROOT,
    // A login in the developer's shell must not reach the scripts under test.
    env: { SF_INSTANCE_URL: undefined, SF_ACCESS_TOKEN: undefined, ...env },
  });
  let json: Record<string, any> | undefined;
  try {
    json = JSON.parse(run.stdout);
  } catch {
    json = undefined;
  }
  return { ...run, json };
}

export function describeRun(r: RunResult): string {
  return `exit ${r.code}\n--- stdout ---\n${r.stdout.slice(0, 3000)}\n--- stderr ---\n${r.stderr.slice(0, 3000)}`;
}
