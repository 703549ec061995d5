// Finds LWC JavaScript that does not match its TypeScript: the .js beside each .ts is what deploys, so a .ts
// edited without `npm run build` would ship (and be tested as) the old behaviour.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { PROJECT_ROOT, walkFiles } from "../../scripts/lib/forceApp.ts";

export const LWC_DIR = join(PROJECT_ROOT, "force-app/main/default/lwc");

export function lwcSources(lwcDir: string): string[] {
  return walkFiles(lwcDir, ".ts").filter((path) => !path.endsWith(".d.ts") && !path.includes("__tests__"));
}

// Recompiles lwcDir's TypeScript into a temporary folder and returns one message per .js that is missing or differs.
export function findStaleLwcJs(lwcDir: string): string[] {
  const out = mkdtempSync(join(tmpdir(), "lwc-recompile-"));
  try {
    const tsc = join(PROJECT_ROOT, "node_modules/typescript/bin/tsc");
    execFileSync(process.execPath, [tsc, "-p", join(lwcDir, "tsconfig.json"), "--outDir", out, "--rootDir", lwcDir], {
      stdio: "pipe",
    });
    const problems: string[] = [];
    for (const source of lwcSources(lwcDir)) {
      const rel = relative(lwcDir, source).replace(/\.ts$/, ".js");
      const committed = join(lwcDir, rel);
      const fresh = readFileSync(join(out, rel), "utf8");
      if (!existsSync(committed)) problems.push(`${committed}: missing; run npm run build`);
      else if (readFileSync(committed, "utf8") !== fresh)
        problems.push(`${committed}: stale, does not match its .ts; run npm run build`);
    }
    return problems;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
