// Runs a TypeScript entry point in its own Node process through tsx, the way a user runs a script, and collects
// what it printed. The script tests use it for exit codes and output, the benchmark for a process's own time and
// memory (so the local server's work is not counted).
import { spawn } from "node:child_process";

export interface NodeRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface NodeRunOptions {
  // --import hooks loaded after tsx (the benchmark's usage reporter)
  imports?: string[];
  cwd?: string;
  // Variables set to undefined are removed from the child's environment, not passed as the string "undefined".
  env?: Record<string, string | undefined>;
}

export function runNode(args: string[], options: NodeRunOptions = {}): Promise<NodeRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const imports = ["tsx", ...(options.imports ?? [])].flatMap((hook) => ["--import", hook]);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...imports, ...args], { cwd: options.cwd, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
