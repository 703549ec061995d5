// A requirement change is never silent: the latest entry of docs/requirements-changelog.md must carry the
// fingerprint of the configuration in force-app, with a date, the change, the reason and both VPs' approval.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_SOURCE } from "../../scripts/lib/forceApp.ts";
import { changelogProblems, parseChangelog, readChangelog } from "../../scripts/admin/docs/changelog.ts";
import { loadDocsModel } from "../../scripts/admin/docs/model.ts";

const current = () => loadDocsModel().fingerprint;

test("the requirements changelog is up to date with the requirement configuration", () => {
  const problems = changelogProblems(readChangelog(), current());
  assert.deepEqual(problems, [], problems.join("\n"));
});

test("changing a requirement in force-app without a changelog entry fails, naming the fix", () => {
  const dir = mkdtempSync(join(tmpdir(), "handoff-changelog-"));
  try {
    cpSync(DEFAULT_SOURCE, dir, { recursive: true });
    const requirement = loadDocsModel().requirements[0];
    const record = join(dir, `customMetadata/Handoff_Requirement.${requirement.developerName}.md-meta.xml`);
    const before = readFileSync(record, "utf8");
    const after = before.replace(
      /(<field>Guidance_Prompt__c<\/field>\s*<value xsi:type="xsd:string">)/,
      "$1Reworded: ",
    );
    assert.notEqual(after, before, `test setup: ${record} has no Guidance_Prompt__c value`);
    writeFileSync(record, after);
    const changed = loadDocsModel(dir).fingerprint;
    assert.notEqual(changed, current(), "rewording a prompt must change the fingerprint");
    const problems = changelogProblems(readChangelog(), changed).join("\n");
    assert.match(
      problems,
      /changed \(fingerprint sha256:[0-9a-f]{16}\) since the latest entry.*add an entry on top with date, change, reason/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("an operational setting outside the governed list does not need a changelog entry", () => {
  const model = loadDocsModel();
  const dir = mkdtempSync(join(tmpdir(), "handoff-changelog-"));
  try {
    cpSync(DEFAULT_SOURCE, dir, { recursive: true });
    const settings = join(dir, "customMetadata/Handoff_Setting.Default.md-meta.xml");
    writeFileSync(
      settings,
      readFileSync(settings, "utf8").replace(
        "</CustomMetadata>",
        '    <values>\n        <field>Not_Governed__c</field>\n        <value xsi:type="xsd:string">x</value>\n    </values>\n</CustomMetadata>',
      ),
    );
    assert.equal(
      loadDocsModel(dir).fingerprint,
      model.fingerprint,
      "an unrelated setting must not change the fingerprint",
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("an entry without reason or both approvers, with a bad date or out of order is reported", () => {
  const fingerprint = current();
  const changelog = [
    "# Requirements changelog",
    "## 2026-11-20: Pain points required for Low-Touch",
    "- **Change:** Pain points required for Low-Touch.",
    "- **Approved by:** VP Sales",
    `- **Configuration fingerprint:** \`${fingerprint}\``,
    "## 2026-12-01: Later entry below an earlier one",
    "- **Change:** x",
    "- **Reason:** y",
    "- **Approved by:** VP Sales, VP CS",
    `- **Configuration fingerprint:** \`${fingerprint}\``,
    "## 26/11/2026: Wrong date format",
    "- **Change:** x",
    "- **Reason:** y",
    "- **Approved by:** VP Sales, VP CS",
    "- **Configuration fingerprint:** `abc`",
  ].join("\n");
  assert.equal(parseChangelog(changelog).length, 3, "three entries parsed");
  const problems = changelogProblems(changelog, fingerprint).join("\n");
  assert.match(problems, /"2026-11-20: Pain points required for Low-Touch": says no \*\*Reason:\*\*/);
  assert.match(problems, /"2026-11-20: Pain points required for Low-Touch": \*\*Approved by:\*\* must name VP CS/);
  assert.match(problems, /"2026-12-01: Later entry below an earlier one": entries must be newest first/);
  assert.match(problems, /"26\/11\/2026: Wrong date format": the date must be YYYY-MM-DD/);
  assert.match(problems, /"26\/11\/2026: Wrong date format": \*\*Configuration fingerprint:\*\* must be/);
  assert.deepEqual(changelogProblems("# Requirements changelog\n", fingerprint), [
    'docs/requirements-changelog.md has no entries ("## YYYY-MM-DD: title")',
  ]);
});
