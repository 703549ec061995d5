// Compiles each LWC bundle's TypeScript to the JavaScript that deploys, beside it.
// No bundles yet is not an error: the data model lands before the components.
// Nothing to do when every component's JavaScript is newer than its TypeScript and the compiler settings:
// `npm start` is then ready in seconds (type errors are still caught by `npm run typecheck`).
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";

const config = "force-app/main/default/lwc/tsconfig.json";

// One pass over the bundles: the TypeScript files whose JavaScript is older than they or the compiler settings, and
// the orphans. A component's compiled JavaScript outlives its TypeScript when a file is moved or renamed (git ignores
// the .js); left behind, it would deploy with the bundle, so it goes. Every top-level .js of a bundle is compiled.
function staleSourcesRemovingOrphans(lwcDir) {
  const configTime = statSync(config).mtimeMs;
  const stale = [];
  for (const bundle of readdirSync(lwcDir, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
    const folder = join(lwcDir, bundle.name);
    const files = new Set(readdirSync(folder));
    for (const file of files) {
      if (file.endsWith(".js") && !files.has(file.replace(/\.js$/, ".ts"))) {
        rmSync(join(folder, file));
        console.log(`build: removed ${join(folder, file)}, compiled from a TypeScript file that no longer exists`);
      } else if (file.endsWith(".ts") && !file.endsWith(".d.ts")) {
        const compiled = file.replace(/\.ts$/, ".js");
        const compiledTime = files.has(compiled) ? statSync(join(folder, compiled)).mtimeMs : -1;
        if (compiledTime < statSync(join(folder, file)).mtimeMs || compiledTime < configTime) stale.push(file);
      }
    }
  }
  return stale;
}

if (!existsSync(config)) {
  console.log(`build: ${config} not found, no LWC to compile`);
} else {
  const stale = staleSourcesRemovingOrphans("force-app/main/default/lwc");
  if (stale.length === 0) {
    console.log("build: every component's JavaScript is up to date with its TypeScript, nothing to compile");
  } else {
    console.log(
      `build: compiling the components with tsc (${stale.length} changed: ${stale.slice(0, 5).join(", ")}${stale.length > 5 ? ", ..." : ""})`,
    );
    execFileSync("npx", ["tsc", "-p", config], { stdio: "inherit" });
  }
}
