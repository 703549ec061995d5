// npm run deploy -- --target-org <alias> [--dry-run] [--settings-only]: see scripts/admin/lib/deploy.ts.
import { PROJECT_ROOT } from "../lib/forceApp.ts";
import { runDeployCommand } from "./lib/deploy.ts";

process.exitCode = runDeployCommand(process.argv.slice(2), {
  projectRoot: PROJECT_ROOT,
  env: process.env,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
