// Renders every generated document (Markdown and printable HTML) in memory, writes them to docs/generated,
// and tells which files on disk differ from what the configuration produces now.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_SOURCE, PROJECT_ROOT } from "../../lib/forceApp.ts";
import { DOCUMENTS } from "./documents.ts";
import { blocks, htmlPage, table } from "./markdown.ts";
import { loadDocsModel } from "./model.ts";
import { loadPilotConfig, PILOT_CONFIG_PATH } from "./pilotConfig.ts";
import { loadPilotDocsInput, PILOT_DOCUMENTS } from "./pilotDocuments.ts";

export const GENERATED_DIR = join(PROJECT_ROOT, "docs/generated");

export function renderDocs(source = DEFAULT_SOURCE, pilotConfigPath = PILOT_CONFIG_PATH): Map<string, string> {
  const model = loadDocsModel(source);
  const pilot = loadPilotDocsInput(model, loadPilotConfig(pilotConfigPath, model.settings.goLiveDate), source);
  const files = new Map<string, string>();
  const documents = [...DOCUMENTS.map((build) => build(model)), ...PILOT_DOCUMENTS.map((build) => build(pilot))];
  for (const doc of documents) {
    files.set(`${doc.slug}.md`, doc.markdown);
    files.set(`${doc.slug}.html`, htmlPage(doc.title, doc.markdown));
  }
  files.set(
    "README.md",
    blocks(
      "# Generated handoff documents",
      "Written by `npm run docs` from the custom metadata in force-app and, for the pilot plan and the launch announcements, the pilot in `config/pilot.json`. Do not edit: `npm test` fails when these files no longer match the configuration.",
      table(
        ["Document", "For", "Markdown", "Printable"],
        documents.map((d) => [d.title, d.audience, `[${d.slug}.md](${d.slug}.md)`, `[${d.slug}.html](${d.slug}.html)`]),
      ),
      `Configuration fingerprint: \`${model.fingerprint}\` (the latest entry of docs/requirements-changelog.md records the same value).`,
    ),
  );
  return files;
}

export function writeDocs(files: Map<string, string>, dir = GENERATED_DIR): void {
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) {
    if (!files.has(name)) rmSync(join(dir, name));
  }
  for (const [name, content] of files) writeFileSync(join(dir, name), content);
}

// One line per file that is missing, different or left over, naming the file and the fix.
export function findStaleDocs(files: Map<string, string>, dir = GENERATED_DIR): string[] {
  const problems: string[] = [];
  for (const [name, content] of files) {
    const path = join(dir, name);
    if (!existsSync(path)) problems.push(`${path} is missing: run npm run docs`);
    else if (readFileSync(path, "utf8") !== content) {
      problems.push(`${path} is stale against the configuration in force-app: run npm run docs`);
    }
  }
  if (existsSync(dir)) {
    for (const name of readdirSync(dir)) {
      if (!files.has(name))
        problems.push(`${join(dir, name)} is not produced by the generator any more: run npm run docs`);
    }
  }
  return problems;
}
