// Runs a RevOps script the way a user does (a separate Node process through tsx), so the tests cover
// argument parsing, exit codes, stdout/stderr and the files written.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../../scripts/lib/forceApp.ts";

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  json: Record<string, any> | undefined;
}

export function tempDir(prefix = "revops-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function runScript(
  script: string,
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const cleanEnv: NodeJS.ProcessEnv = {
      ...process.env,
      SF_INSTANCE_URL: undefined,
      SF_ACCESS_TOKEN: undefined,
      ...env,
    };
    for (const k of Object.keys(cleanEnv)) if (cleanEnv[k] === undefined) delete cleanEnv[k];
    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(PROJECT_ROOT, "scripts", "revops", script), ...args],
      {
        cwd: env.RUN_CWD ?? PROJECT_ROOT,
        env: cleanEnv,
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => {
      let json: Record<string, any> | undefined;
      try {
        json = JSON.parse(stdout);
      } catch {
        json = undefined;
      }
      resolve({ code, stdout, stderr, json });
    });
  });
}

export function describeRun(r: RunResult): string {
  return `exit ${r.code}\n--- stdout ---\n${r.stdout.slice(0, 3000)}\n--- stderr ---\n${r.stderr.slice(0, 3000)}`;
}
