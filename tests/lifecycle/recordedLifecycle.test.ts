// The recorded Apex responses (the Jest fixtures that csIntakePanel, its children and the preview's Apex stand-in
// replay) are tied to HandoffLifecycle: the generated HandoffLifecycleRecorded_Test must carry exactly the recorded
// rows, so the org's test run proves each one, and every recorded reason must be worded as HandoffLifecycle.cls
// words it (a literal there, or the English value of a Custom Label it reads), which catches drift before an org run. Each check is also run on a broken copy to show that it fails.
import { afterEach, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  APEX_TEST_PATH,
  LIFECYCLE_CLASS_PATH,
  LWC_DIR,
  apexTestProblem,
  loadRecordedRows,
  reasonsNotInApex,
} from "../../scripts/admin/generate-lifecycle-test.ts";
import { labelValues } from "../../scripts/lib/customLabels.ts";
import { DEFAULT_SOURCE } from "../../scripts/lib/forceApp.ts";
import { editFile, makeTempDir, removeTempDir, replaceOnce } from "../lib/tempTree.ts";

const INTAKE_DATA = "csIntakePanel/__tests__/data";

describe("the recorded intake actions and HandoffLifecycle", () => {
  it("finds a recorded row for every lifecycle status in the Jest fixtures", () => {
    const statuses = new Set(loadRecordedRows().map((row) => row.status));
    for (const status of ["Draft", "Submitted", "Info Requested", "Returned", "Accepted", "Escalated"]) {
      assert.ok(statuses.has(status), `no Jest fixture records a ${status} handoff row with its actions`);
    }
  });

  it("the generated Apex test carries exactly the recorded rows, so the org's test run checks them", async () => {
    assert.equal(await apexTestProblem(), null);
  });

  it("every recorded reason is worded as HandoffLifecycle.cls returns it", () => {
    assert.deepEqual(reasonsNotInApex(loadRecordedRows(), readFileSync(LIFECYCLE_CLASS_PATH, "utf8")), []);
  });
});

describe("the checks on broken copies", () => {
  let dir: string;
  let lwcCopy: string;
  beforeEach(() => {
    dir = makeTempDir("recorded-lifecycle");
    lwcCopy = join(dir, "lwc");
    // Every component's fixtures, so the copy records what the real tree does until a test breaks it.
    for (const component of readdirSync(LWC_DIR)) {
      const data = join(component, "__tests__/data");
      if (existsSync(join(LWC_DIR, data))) cpSync(join(LWC_DIR, data), join(lwcCopy, data), { recursive: true });
    }
  });
  afterEach(() => removeTempDir(dir));

  it("a fixture reason edited without regenerating the Apex test is reported with the fix", async () => {
    editFile(join(lwcCopy, INTAKE_DATA, "lifecycleRows.json"), (json) =>
      json.replace(
        '"disabledReason": "Returned to Sales: waiting for the rep to resubmit."',
        '"disabledReason": "Returned to Sales."',
      ),
    );
    const problem = await apexTestProblem(lwcCopy, APEX_TEST_PATH);
    assert.match(problem ?? "", /does not carry the rows of .*Run npm run generate:lifecycle-test\.$/);
    // The committed class asserts the label; the edited fixture's text is no label's value, so it would be a literal.
    assert.match(problem ?? "", /System\.Label\.Handoff_Lifecycle_Returned\).*instead of .*'Returned to Sales\.'/);
  });

  it("a hand-edited Apex test is reported with the line that differs", async () => {
    const apex = join(dir, "HandoffLifecycleRecorded_Test.cls");
    // Someone "fixes" the org's failing test by hand instead of correcting the fixture.
    writeFileSync(
      apex,
      readFileSync(APEX_TEST_PATH, "utf8").replace(
        "describe('firstTouch', false, System.Label.Handoff_Lifecycle_First_Touch_Logged)",
        "describe('firstTouch', true, null)",
      ),
    );
    assert.match((await apexTestProblem(LWC_DIR, apex)) ?? "", /first difference at line \d+: .*firstTouch', true/);
  });

  it("a recorded reason Apex does not write (the old guess) is named with where it was recorded", () => {
    editFile(join(lwcCopy, INTAKE_DATA, "lifecycleRows.json"), (json) =>
      json.replaceAll(
        "Not submitted yet: the handoff is still with Sales.",
        "Sales has not submitted this handoff yet.",
      ),
    );
    const problems = reasonsNotInApex(loadRecordedRows(lwcCopy), readFileSync(LIFECYCLE_CLASS_PATH, "utf8"));
    assert.deepEqual(problems, [
      '"Sales has not submitted this handoff yet." is not a reason HandoffLifecycle.cls returns (recorded in ' +
        "csIntakePanel/__tests__/data/lifecycleRows.json HO-00020 accept, " +
        "csIntakePanel/__tests__/data/lifecycleRows.json HO-00020 requestInfo, " +
        "csIntakePanel/__tests__/data/lifecycleRows.json HO-00020 return, " +
        "csIntakePanel/__tests__/data/lifecycleRows.json HO-00020 firstTouch); copy Apex's wording (the English " +
        "value of the label it reads) into the fixture",
    ]);
  });

  it("a reason reworded in the labels file but not in the fixtures is reported", () => {
    const englishValues = labelValues(DEFAULT_SOURCE);
    assert.equal(englishValues.get("Handoff_Lifecycle_Accepted"), "Accepted already: the handoff is with CS.");
    englishValues.set("Handoff_Lifecycle_Accepted", "Accepted: CS owns this handoff now.");
    const problems = reasonsNotInApex(loadRecordedRows(), readFileSync(LIFECYCLE_CLASS_PATH, "utf8"), englishValues);
    assert.equal(problems.length, 1, problems.join("\n"));
    assert.match(problems[0], /^"Accepted already: the handoff is with CS\." is not a reason HandoffLifecycle\.cls/);
  });

  it("a label HandoffLifecycle.cls no longer reads does not vouch for the fixtures' reason", () => {
    // Someone swaps the Accepted reason for a new label (or a literal) without updating the fixtures.
    const swapped = replaceOnce(
      readFileSync(LIFECYCLE_CLASS_PATH, "utf8"),
      "System.Label.Handoff_Lifecycle_Accepted",
      "System.Label.Handoff_Lifecycle_Accepted_By_CS",
    );
    const problems = reasonsNotInApex(loadRecordedRows(), swapped);
    assert.equal(problems.length, 1, problems.join("\n"));
    assert.match(problems[0], /^"Accepted already: the handoff is with CS\." is not a reason HandoffLifecycle\.cls/);
  });

  it("a recorded action that is allowed yet carries a reason is refused, naming the file and row", () => {
    editFile(join(lwcCopy, INTAKE_DATA, "teamHandoffs.json"), (json) =>
      json.replace(
        '"allowed": true,\n          "disabledReason": null',
        '"allowed": true,\n          "disabledReason": "Busy."',
      ),
    );
    assert.throws(
      () => loadRecordedRows(lwcCopy),
      /teamHandoffs\.json, row HO-00011: action accept: Apex sends a disabledReason exactly when allowed is false/,
    );
  });
});
