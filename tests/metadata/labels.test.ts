// The app's Custom Labels (labels/CustomLabels.labels-meta.xml) and their German translation
// (translations/de.translation-meta.xml): valid Metadata API XML, every label a component imports exists, every
// label has its German text, and every translated label exists. Each check is also run on a copy of force-app broken
// the way a person would break it, and must name the file and the label.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { checkReferences, formatUnresolvedReference } from "../../scripts/admin/checks/metadataReferences.ts";
import {
  directoryProblem,
  formatSchemaProblem,
  validateMetadataFiles,
} from "../../scripts/admin/checks/metadataSchema.ts";
import { DEFAULT_SOURCE } from "../../scripts/lib/forceApp.ts";
import { labelTranslations, readCustomLabels } from "../../scripts/lib/customLabels.ts";
import { copyForceApp, editFile, makeTempDir, removeTempDir, replaceOnce } from "../lib/tempTree.ts";

const LABELS = "labels/CustomLabels.labels-meta.xml";
const GERMAN = "translations/de.translation-meta.xml";
const FEEDBACK = "lwc/handoffFeedback/handoffFeedback.ts";

describe("the shipped labels", () => {
  it("are read from force-app: English values in en_US, and the German texts", () => {
    const labels = readCustomLabels(DEFAULT_SOURCE);
    assert.ok(labels.length > 50, `expected the components' labels in ${LABELS}, found ${labels.length}`);
    const save = labels.find((label) => label.name === "Handoff_Checklist_Save");
    assert.equal(save?.value, "Save answers", "Handoff_Checklist_Save is the checklist's Save button");
    for (const label of labels) assert.equal(label.language, "en_US", `${label.name} must be written in en_US`);
    const german = labelTranslations(DEFAULT_SOURCE).get("de");
    assert.ok(german, `${GERMAN} must exist: the app ships German`);
    assert.equal(german.get("Handoff_Checklist_Save"), "Antworten speichern");
  });

  it("keep every {0} placeholder in the German text, so the value still shows in German", () => {
    const german = labelTranslations(DEFAULT_SOURCE).get("de") ?? new Map<string, string>();
    for (const label of readCustomLabels(DEFAULT_SOURCE)) {
      const placeholders = (text: string) => (text.match(/\{\d+\}/g) ?? []).sort().join(" ");
      assert.equal(
        placeholders(german.get(label.name) ?? ""),
        placeholders(label.value),
        `the German text of ${label.name} must carry the same placeholders as "${label.value}"`,
      );
    }
  });
});

describe("the label checks report broken copies", () => {
  let dir: string;
  let source: string;

  before(() => {
    dir = makeTempDir("labels-negative");
    source = copyForceApp(dir);
    const main = join(source, "main/default");
    // A label renamed in the file while the component still imports the old name.
    editFile(join(main, LABELS), (c) =>
      replaceOnce(c, "<fullName>Handoff_Feedback_Send</fullName>", "<fullName>Handoff_Feedback_Submit</fullName>"),
    );
    // A label HandoffLifecycle.cls reads renamed in the file: the class would no longer deploy.
    editFile(join(main, LABELS), (c) =>
      replaceOnce(
        c,
        "<fullName>Handoff_Lifecycle_Returned</fullName>",
        "<fullName>Handoff_Lifecycle_Returned_To_Sales</fullName>",
      ),
    );
    // A German text deleted, and a German text for a label that does not exist.
    editFile(join(main, GERMAN), (c) =>
      replaceOnce(
        c,
        /\s*<customLabels>\s*<label>Antworten speichern<\/label>\s*<name>Handoff_Checklist_Save<\/name>\s*<\/customLabels>/,
        "\n    <customLabels><label>Abbrechen</label><name>Handoff_Checklist_Cancel</name></customLabels>",
      ),
    );
  });

  after(() => removeTempDir(dir));

  function problemsOf(file: string) {
    return checkReferences({ root: source, relativeTo: dir }).problems.filter(
      (p) => p.file === join("force-app/main/default", file),
    );
  }

  it("names the component importing a label the labels file does not have", () => {
    const problems = problemsOf(FEEDBACK);
    assert.ok(
      problems.some(
        (p) =>
          p.reference === "@salesforce/label/c.Handoff_Feedback_Send" &&
          /Custom Label Handoff_Feedback_Send/.test(p.expected),
      ),
      `expected ${FEEDBACK} to report its import of the renamed label; got:\n${problems.map(formatUnresolvedReference).join("\n") || "(none)"}`,
    );
  });

  it("names the Apex class reading a label the labels file does not have", () => {
    const problems = problemsOf("classes/HandoffLifecycle.cls");
    assert.deepEqual(
      problems.map((p) => `${p.reference} -> ${p.expected}`),
      [
        "System.Label.Handoff_Lifecycle_Returned -> a Custom Label Handoff_Lifecycle_Returned " +
          "(<labels><fullName>Handoff_Lifecycle_Returned</fullName> in main/default/labels/CustomLabels.labels-meta.xml)",
      ],
      "HandoffLifecycle.cls reads the renamed label, so the check must name the class and the label",
    );
  });

  it("names a label without its German text, and a German text for no label", () => {
    const missing = problemsOf(LABELS);
    assert.ok(
      missing.some((p) => p.reference === "label Handoff_Checklist_Save" && /de translation/.test(p.expected)),
      `expected ${LABELS} to report Handoff_Checklist_Save without German; got:\n${missing.map(formatUnresolvedReference).join("\n") || "(none)"}`,
    );
    // The renamed label has no German text under its new name either.
    assert.ok(missing.some((p) => p.reference === "label Handoff_Feedback_Submit"));
    const orphan = problemsOf(GERMAN);
    assert.deepEqual(
      orphan.map((p) => p.reference).sort(),
      [
        "customLabels Handoff_Checklist_Cancel",
        "customLabels Handoff_Feedback_Send",
        "customLabels Handoff_Lifecycle_Returned",
      ],
      `expected ${GERMAN} to report the translations of labels that do not exist; got:\n${orphan.map(formatUnresolvedReference).join("\n")}`,
    );
  });

  it("passes on the shipped force-app (the same checks, unbroken)", () => {
    const problems = checkReferences().problems.filter((p) => /label/i.test(p.reference));
    assert.deepEqual(problems.map(formatUnresolvedReference), []);
  });
});

describe("the Metadata API schema check of the label files", () => {
  let dir: string;
  let source: string;

  before(() => {
    dir = makeTempDir("labels-schema");
    source = join(copyForceApp(dir), "main/default");
    // shortDescription misspelled, and a translation with name before label (the schema's order is label, name).
    editFile(join(source, LABELS), (c) =>
      replaceOnce(
        c,
        "<shortDescription>Save answers button</shortDescription>",
        "<shortDescripton>Save answers button</shortDescripton>",
      ),
    );
    editFile(join(source, GERMAN), (c) =>
      replaceOnce(
        c,
        /<label>Antworten speichern<\/label>\s*<name>Handoff_Checklist_Save<\/name>/,
        "<name>Handoff_Checklist_Save</name><label>Antworten speichern</label>",
      ),
    );
  });

  after(() => removeTempDir(dir));

  it("accepts the shipped files", async () => {
    const problems = await validateMetadataFiles([join(DEFAULT_SOURCE, LABELS), join(DEFAULT_SOURCE, GERMAN)]);
    assert.deepEqual(problems.map(formatSchemaProblem), []);
  });

  it("rejects a misspelled label element and translation elements out of order", async () => {
    const problems = await validateMetadataFiles([join(source, LABELS), join(source, GERMAN)], { relativeTo: source });
    const text = problems.map(formatSchemaProblem).join("\n");
    assert.ok(
      problems.some((p) => p.file === LABELS && /shortDescripton/.test(p.message)),
      `expected ${LABELS} to fail on <shortDescripton>; got:\n${text || "(none)"}`,
    );
    assert.ok(
      problems.some((p) => p.file === GERMAN && /name/.test(p.message)),
      `expected ${GERMAN} to fail on <name> before <label>; got:\n${text || "(none)"}`,
    );
  });

  it("requires the label files in their folders, where the Salesforce CLI reads them", () => {
    assert.match(
      directoryProblem("force-app/main/default/lwc/de.translation-meta.xml") ?? "",
      /folder named "translations"/,
    );
    assert.match(
      directoryProblem("force-app/main/default/CustomLabels.labels-meta.xml") ?? "",
      /folder named "labels"/,
    );
    assert.equal(directoryProblem(join("force-app/main/default", GERMAN)), null);
  });
});
