// npm run docs: regenerates docs/generated from the handoff configuration in force-app and the pilot in
// config/pilot.json.
//   --check        exit 1 and list the stale files instead of writing
//   --fingerprint  print the configuration fingerprint to record in docs/requirements-changelog.md
import { findStaleDocs, GENERATED_DIR, renderDocs, writeDocs } from "./docs/generate.ts";
import { loadDocsModel } from "./docs/model.ts";
import { PilotConfigError } from "./docs/pilotConfig.ts";

const args = new Set(process.argv.slice(2));

try {
  if (args.has("--fingerprint")) {
    console.log(loadDocsModel().fingerprint);
  } else if (args.has("--check")) {
    const problems = findStaleDocs(renderDocs());
    for (const problem of problems) console.error(problem);
    process.exitCode = problems.length > 0 ? 1 : 0;
  } else {
    const files = renderDocs();
    writeDocs(files);
    console.log(`Wrote ${files.size} files to ${GENERATED_DIR}`);
  }
} catch (error) {
  // A mistake in the pilot file is the RevOps lead's to fix: one line naming the field, no stack trace.
  if (!(error instanceof PilotConfigError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
