// The checklist's section order has one source, the Handoff_Requirement__mdt.Group__c picklist: no hand-written
// source (Apex, LWC, scripts, preview) may spell the sections out again, or the runtimes drift apart the day an admin
// reorders or adds a section in Setup.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { DEFAULT_SOURCE, PROJECT_ROOT, walkFiles } from "../../scripts/lib/forceApp.ts";
import { loadGroupOrder } from "../../scripts/lib/handoffConfig.ts";
import { makeTempDir, removeTempDir, writeFile } from "../lib/tempTree.ts";

// Three section names quoted within this many characters are a list of sections, not a single mention.
const LIST_SPAN = 300;
const LIST_MIN_NAMES = 3;

function handWrittenSources(root: string): string[] {
  const lwc = join(root, "force-app/main/default/lwc");
  return [
    ...walkFiles(join(root, "force-app/main/default/classes"), ".cls").filter(
      (f) => !/Test(Factory)?\.cls$|_Test\.cls$/.test(f),
    ),
    // The .js beside each .ts is compiled from it (git ignores it); tests and their fixtures may name sections.
    ...walkFiles(lwc, ".ts").filter((f) => !f.includes("__tests__")),
    ...walkFiles(join(root, "scripts"), ".ts"),
    ...walkFiles(join(root, "preview"), ".ts"),
    ...walkFiles(join(root, "preview"), ".js"),
  ];
}

// One line per file that quotes several section names close together, naming the file and the names.
export function sectionListCopies(files: string[], groups: string[], root = PROJECT_ROOT): string[] {
  const quoted = new RegExp(`["'](${groups.map((g) => g.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})["']`, "g");
  const copies: string[] = [];
  for (const file of files) {
    const hits = [...readFileSync(file, "utf8").matchAll(quoted)].map((m) => ({ at: m.index, name: m[1] }));
    for (const hit of hits) {
      const near = new Set(hits.filter((h) => h.at >= hit.at && h.at - hit.at <= LIST_SPAN).map((h) => h.name));
      if (near.size >= LIST_MIN_NAMES) {
        copies.push(`${relative(root, file)} spells out the sections ${[...near].join(", ")}: read Group__c instead`);
        break;
      }
    }
  }
  return copies;
}

test("no hand-written source spells out the checklist sections: they come from the Group__c picklist", () => {
  const groups = loadGroupOrder();
  assert.ok(groups.length >= LIST_MIN_NAMES, `Group__c has only ${groups.length} values in ${DEFAULT_SOURCE}`);
  assert.deepEqual(sectionListCopies(handWrittenSources(PROJECT_ROOT), groups), []);
});

test("broken copy: a source that brings back a constant of the sections is named", () => {
  const dir = makeTempDir("section-order");
  try {
    const file = join(dir, "preview/modules/preview/apex/apex.js");
    writeFile(file, 'const GROUP_ORDER = ["Customer Context", "Stakeholders", "Scope", "Risks", "Relationship"];\n');
    const single = join(dir, "scripts/one.ts");
    writeFile(single, 'const first = "Customer Context"; // one mention is not a list\n');
    assert.deepEqual(sectionListCopies(handWrittenSources(dir), loadGroupOrder(), dir), [
      "preview/modules/preview/apex/apex.js spells out the sections Customer Context, Stakeholders, Scope, Risks, " +
        "Relationship: read Group__c instead",
    ]);
  } finally {
    removeTempDir(dir);
  }
});
