// Compiles each LWC bundle's TypeScript to the JavaScript that deploys, beside it.
// No bundles yet is not an error: the data model lands before the components.
import { existsSync } from "node:fs";
import { execFileSync } from "node:child_process";

const config = "force-app/main/default/lwc/tsconfig.json";
if (!existsSync(config)) {
  console.log(`build: ${config} not found, no LWC to compile`);
} else {
  execFileSync("npx", ["tsc", "-p", config], { stdio: "inherit" });
}
