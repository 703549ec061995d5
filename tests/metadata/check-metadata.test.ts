// The admin's pre-deploy command (scripts/admin/check-metadata.ts) must fail with a readable list of problems when the
// metadata is broken, and pass on a correct tree, with the exit codes its help promises.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../scripts/lib/forceApp.ts";
import { main } from "../../scripts/admin/check-metadata.ts";
import { copyForceApp, editFile, makeTempDir, removeTempDir, replaceOnce, writeFile } from "../lib/tempTree.ts";

function runCheck(args: string[]) {
  return spawnSync(
    process.execPath,
    ["--import", "tsx", join(PROJECT_ROOT, "scripts/admin/check-metadata.ts"), ...args],
    {
      cwd: PROJECT_ROOT,
      encoding: "utf8",
      timeout: 60_000,
    },
  );
}

describe("scripts/admin/check-metadata.ts", () => {
  let dir: string;

  before(() => {
    dir = makeTempDir("check-metadata");
  });

  after(() => removeTempDir(dir));

  it("exits 1 and names the file and the problem for a schema error, an unresolved reference and a broken deploy rule", () => {
    const root = copyForceApp(join(dir, "broken"));
    const rule = join(
      root,
      "main/default/objects/Handoff__c/validationRules/Opportunity_Key_Matches_Opportunity.validationRule-meta.xml",
    );
    editFile(rule, (c) =>
      replaceOnce(
        replaceOnce(c, "<active>true</active>", "<active>yes</active>"),
        "Opportunity_Key__c &lt;&gt;",
        "Opportunity_Kee__c &lt;&gt;",
      ),
    );
    editFile(join(root, "main/default/objects/Handoff__c/fields/Handoff_SLA_Met__c.field-meta.xml"), (c) =>
      replaceOnce(c, "</fullName>", "</fullName>\n    <defaultValue>false</defaultValue>"),
    );
    const result = runCheck(["--root", root]);
    assert.equal(result.status, 1, `Expected exit 1 for a broken tree; output:\n${result.stdout}\n${result.stderr}`);
    assert.match(
      result.stdout,
      /Opportunity_Key_Matches_Opportunity\.validationRule-meta\.xml:\d+: .*'yes' is not a valid value/,
      "Schema problem with file and line",
    );
    assert.match(
      result.stdout,
      /Opportunity_Key_Matches_Opportunity\.validationRule-meta\.xml: Opportunity_Kee__c does not resolve; expected field Handoff__c\.Opportunity_Kee__c/,
      "Reference problem with file and expectation",
    );
    assert.match(
      result.stdout,
      /Handoff_SLA_Met__c\.field-meta\.xml: Handoff__c\.Handoff_SLA_Met__c: Can not specify a defaultValue for CustomFields that have a formula \[formula-no-default\]/,
      "Deploy rule problem with file and rule id",
    );
    assert.match(result.stdout, /FAILED: 3 problem\(s\)/, "Summary line");
  });

  it("exits 1 naming a dashboard tile grouped by a field its report does not group by", () => {
    const root = copyForceApp(join(dir, "broken-dashboard"));
    editFile(
      join(root, "main/default/dashboards/Sales_to_CS_Handoff_Dashboards/Sales_to_CS_Handoff.dashboard-meta.xml"),
      (c) =>
        replaceOnce(
          c,
          "<groupingColumn>Handoff__c.Handoff_Promises__r$Status__c</groupingColumn>",
          "<groupingColumn>Handoff__c.Handoff_Promises__r$Noted_By__c</groupingColumn>",
        ),
    );
    const result = runCheck(["--root", root]);
    assert.equal(result.status, 1, `Expected exit 1 for a broken tile; output:\n${result.stdout}\n${result.stderr}`);
    assert.match(
      result.stdout,
      /component "Promises kept \/ at risk \/ broken" groups by Handoff__c\.Handoff_Promises__r\$Noted_By__c, which is not a grouping of Sales_to_CS_Handoff\/Handoff_Promises_by_Status/,
      "the tile, the grouping and the report are named",
    );
    assert.match(result.stdout, /4\. Reports and dashboards: 1 problem\(s\)/, "the report check's summary line");
  });

  it("exits 0 with OK on a correct tree", () => {
    const root = join(dir, "clean", "force-app");
    const objectDir = join(root, "main/default/objects/Survey__c");
    writeFile(
      join(objectDir, "Survey__c.object-meta.xml"),
      readFileSync(join(PROJECT_ROOT, "force-app/main/default/objects/Handoff__c/Handoff__c.object-meta.xml"), "utf8"),
    );
    writeFile(
      join(objectDir, "fields/Score__c.field-meta.xml"),
      `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Score__c</fullName>
    <label>Score</label>
    <precision>3</precision>
    <required>false</required>
    <scale>0</scale>
    <type>Number</type>
</CustomField>
`,
    );
    writeFile(
      join(objectDir, "validationRules/Score_In_Range.validationRule-meta.xml"),
      `<?xml version="1.0" encoding="UTF-8"?>
<ValidationRule xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Score_In_Range</fullName>
    <active>true</active>
    <errorConditionFormula>Score__c &gt; 10 &amp;&amp; Owner.Email &lt;&gt; &quot;Fake__c&quot;</errorConditionFormula>
    <errorDisplayField>Score__c</errorDisplayField>
    <errorMessage>Score is 0 to 10.</errorMessage>
</ValidationRule>
`,
    );
    const result = runCheck(["--root", root]);
    assert.equal(result.status, 0, `Expected exit 0 for a correct tree; output:\n${result.stdout}\n${result.stderr}`);
    assert.match(result.stdout, /OK: no problem found/);
    assert.match(result.stdout, /validation rules: [1-9]\d* checked/, "The rule's references must have been read");
  });

  it("returns 2 with the usage on an unknown option, and 0 with the usage on --help", async () => {
    const captured = { out: "", err: "" };
    const io = { out: (t: string) => (captured.out += t), err: (t: string) => (captured.err += t) };
    assert.equal(await main(["--rot", "x"], io), 2, "A wrong option must give exit code 2");
    assert.match(
      captured.err,
      /Usage: npx tsx scripts\/admin\/check-metadata\.ts/,
      "A wrong option must print the usage",
    );
    assert.equal(await main(["--help"], io), 0, "--help must give exit code 0");
    assert.match(captured.out, /Metadata API v66 schema/, "--help must print the usage");
  });
});
