// npm run docs: regenerates docs/generated from the handoff configuration in force-app.
//   --check        exit 1 and list the stale files instead of writing
//   --fingerprint  print the configuration fingerprint to record in docs/requirements-changelog.md
import { findStaleDocs, GENERATED_DIR, renderDocs, writeDocs } from "./docs/generate.ts";
import { loadDocsModel } from "./docs/model.ts";

const args = new Set(process.argv.slice(2));

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
