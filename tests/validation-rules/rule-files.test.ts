// The committed validation rules are exactly what the generator makes from the requirement records, and the
// checks catch the realistic ways they drift apart: a rule deleted or deactivated, a record added or removed
// without regenerating, a rule edited by hand. Changing a requirement flag needs no regeneration.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../scripts/lib/forceApp.ts";
import { readValidationRules } from "../../scripts/lib/forceApp.ts";
import { TIERS, loadRequirementFields, loadRequirements, toSettings } from "../../scripts/lib/handoffConfig.ts";
import {
  GENERATED_MARKER,
  MAX_ERROR_MESSAGE_LENGTH,
  MAX_FORMULA_LENGTH,
  MAX_RULE_NAME_LENGTH,
  RULE_PREFIX,
  checkValidationRules,
  generateValidationRules,
  ruleErrorMessage,
  ruleName,
  writeValidationRules,
} from "../../scripts/admin/generate-validation-rules.ts";
import { evaluateRule, loadRuleContext, type DealState } from "./harness.ts";
import { copySource, setCheckbox, setText } from "./fixtures.ts";
import { baseDeal, runTruthTable } from "./truthTable.ts";

const REGENERATE = "npm run generate:rules";

test("the committed validation rules are up to date with the requirement records", async () => {
  const problems = await checkValidationRules();
  assert.deepEqual(problems, [], `The Closed Won rules are stale; run \`${REGENERATE}\`:\n${problems.join("\n")}`);
});

test("a deleted rule is reported, naming the rule file, the requirement record and the fix", async () => {
  const copy = copySource();
  try {
    const requirement = loadRequirements(copy.source)[0];
    const name = ruleName(requirement);
    unlinkSync(copy.rule(name));
    const problems = await checkValidationRules(copy.source);
    assert.equal(problems.length, 1, `expected one problem for the deleted ${name}, got:\n${problems.join("\n")}`);
    assert.match(problems[0], new RegExp(`${name}\\.validationRule-meta\\.xml is missing`));
    assert.match(problems[0], new RegExp(`Handoff_Requirement\\.${requirement.developerName}\\.md-meta\\.xml`));
    assert.ok(problems[0].includes(REGENERATE), `the message should tell the user to run ${REGENERATE}`);
  } finally {
    copy.remove();
  }
});

test("`npm run generate:rules -- --check` fails with the problem, for CI, and passes on the committed rules", () => {
  const script = join(PROJECT_ROOT, "scripts", "admin", "generate-validation-rules.ts");
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", script, "--check", ...args], {
      cwd: PROJECT_ROOT,
      encoding: "utf8",
    });
  const committed = run();
  assert.equal(committed.status, 0, `--check fails on the committed rules:\n${committed.stderr}`);
  const copy = copySource();
  try {
    const name = ruleName(loadRequirements(copy.source)[0]);
    unlinkSync(copy.rule(name));
    const broken = run("--source", copy.source);
    assert.equal(broken.status, 1, "--check should exit with 1 when a rule is missing");
    assert.match(broken.stderr, new RegExp(`${name}\\.validationRule-meta\\.xml is missing`));
  } finally {
    copy.remove();
  }
});

test("a deactivated rule is reported as not enforced", async () => {
  const copy = copySource();
  try {
    const name = ruleName(loadRequirements(copy.source)[1]);
    copy.edit(copy.rule(name), (xml) => xml.replace("<active>true</active>", "<active>false</active>"));
    const problems = await checkValidationRules(copy.source);
    assert.equal(problems.length, 1, `expected one problem for the deactivated ${name}, got:\n${problems.join("\n")}`);
    assert.match(problems[0], new RegExp(`${name}\\.validationRule-meta\\.xml is inactive`));
    assert.match(problems[0], /not enforced at Closed Won/);
  } finally {
    copy.remove();
  }
});

test("a rule edited by hand is reported as out of date", async () => {
  const copy = copySource();
  try {
    const name = ruleName(loadRequirements(copy.source)[2]);
    copy.edit(copy.rule(name), (xml) => xml.replace("NOT($Permission.Bypass_Handoff_Validation),", ""));
    const problems = await checkValidationRules(copy.source);
    assert.equal(problems.length, 1, `expected one problem for the edited ${name}, got:\n${problems.join("\n")}`);
    assert.match(problems[0], new RegExp(`${name}\\.validationRule-meta\\.xml is out of date`));
    assert.ok(problems[0].includes(REGENERATE), `the message should tell the user to run ${REGENERATE}`);
  } finally {
    copy.remove();
  }
});

test("a requirement record added without its rule is reported; once generated, its rule blocks as it should", async () => {
  const copy = copySource();
  try {
    const requirements = loadRequirements(copy.source);
    const template = requirements[0];
    // A picklist, a kind of field no committed requirement uses yet.
    assert.ok(
      !requirements.some((r) => r.field === "Deal_Complexity__c"),
      "this test adds a Deal_Complexity__c requirement; pick another field now that one exists",
    );
    const record = copy.requirementRecord("Deal_Complexity");
    copyFileSync(copy.requirementRecord(template.developerName), record);
    copy.edit(record, (xml) => setText(xml, "Field_API_Name__c", "Deal_Complexity__c"));

    const problems = await checkValidationRules(copy.source);
    assert.equal(problems.length, 1, `expected one problem for the new record, got:\n${problems.join("\n")}`);
    assert.match(problems[0], /Handoff_Req_Deal_Complexity\.validationRule-meta\.xml is missing/);
    assert.match(problems[0], /Handoff_Requirement\.Deal_Complexity\.md-meta\.xml/);

    const { written } = await writeValidationRules(copy.source);
    assert.deepEqual(
      written.map((p) => p.slice(p.lastIndexOf("/") + 1)),
      ["Handoff_Req_Deal_Complexity.validationRule-meta.xml"],
      "the generator should write only the missing rule",
    );
    assert.deepEqual(await checkValidationRules(copy.source), [], "after generating, nothing should be reported");

    const context = loadRuleContext(copy.source);
    const onDisk = readValidationRules("Opportunity", copy.source).find(
      (r) => r.name === "Handoff_Req_Deal_Complexity",
    );
    const result = runTruthTable(
      { ...context, requirements: context.requirements.filter((r) => r.developerName === "Deal_Complexity") },
      new Map([["Deal_Complexity", { name: onDisk!.name, formula: onDisk!.formula }]]),
      "new picklist requirement",
    );
    assert.deepEqual(result.mismatches, [], "the generated picklist rule disagrees with the oracle");
    assert.ok(result.blocked > 0, "the generated picklist rule never blocked a save");
  } finally {
    copy.remove();
  }
});

test("a rule whose record was removed is reported; the generator deletes it and nothing it did not generate", async () => {
  const copy = copySource();
  try {
    const requirement = loadRequirements(copy.source).at(-1)!;
    const name = ruleName(requirement);
    unlinkSync(copy.requirementRecord(requirement.developerName));
    const problems = await checkValidationRules(copy.source);
    assert.equal(problems.length, 1, `expected one problem for the orphaned ${name}, got:\n${problems.join("\n")}`);
    assert.match(problems[0], new RegExp(`${name}\\.validationRule-meta\\.xml has no Handoff_Requirement__mdt record`));

    const handWritten = copy.rule("Close_Date_Not_In_Past");
    writeFileSync(handWritten, readFileSync(copy.rule(name), "utf8").replaceAll(name, "Close_Date_Not_In_Past"));
    const lookalike = copy.rule(`${RULE_PREFIX}Hand_Written`);
    writeFileSync(lookalike, readFileSync(handWritten, "utf8").replace(GENERATED_MARKER, "Written by an admin"));
    await assert.rejects(
      writeValidationRules(copy.source),
      new RegExp(`${RULE_PREFIX}Hand_Written.validationRule-meta.xml starts with ${RULE_PREFIX} but was not generated`),
      "the generator must refuse to delete a prefixed rule it did not write",
    );
    unlinkSync(lookalike);

    const { deleted } = await writeValidationRules(copy.source);
    assert.deepEqual(deleted, [copy.rule(name)], "the generator should delete exactly the orphaned rule");
    assert.ok(existsSync(handWritten), "the generator deleted a rule without its prefix");
    assert.deepEqual(await checkValidationRules(copy.source), []);
  } finally {
    copy.remove();
  }
});

test("changing a requirement flag needs no regeneration: the same rule file enforces the new flag", async () => {
  const copy = copySource();
  try {
    const requirement = loadRequirements(copy.source).find(
      (r) => r.requiredFor["High-Touch"] && !r.requiredFor["Low-Touch"],
    );
    assert.ok(requirement, "this test needs a requirement required for High-Touch deals only");
    const name = ruleName(requirement);
    const before = loadRuleContext(copy.source);
    copy.edit(copy.requirementRecord(requirement.developerName), (xml) =>
      setCheckbox(xml, "Required_Low_Touch__c", true),
    );
    assert.deepEqual(await checkValidationRules(copy.source), [], "a flag change must not make the rules stale");

    const after = loadRuleContext(copy.source);
    const formula = readValidationRules("Opportunity", copy.source).find((r) => r.name === name)!.formula;
    const settings = toSettings(after.settingsRecord);
    const field = after.fields.get(requirement.developerName)!;
    const deal: DealState = {
      ...baseDeal("Low-Touch", after, settings),
      stage: settings.wonStage,
      won: true,
      stageChanged: true,
      values: { [field.name]: null },
    };
    assert.equal(evaluateRule(name, formula, before, deal), false, `${name} blocked a Low-Touch deal before the flag`);
    assert.equal(evaluateRule(name, formula, after, deal), true, `${name} ignored Required_Low_Touch__c = true`);

    const rules = new Map(readValidationRules("Opportunity", copy.source).map((r) => [r.name, r.formula]));
    const result = runTruthTable(
      after,
      new Map(
        after.requirements.map((r) => [r.developerName, { name: ruleName(r), formula: rules.get(ruleName(r))! }]),
      ),
      "after a flag change",
    );
    assert.deepEqual(result.mismatches.slice(0, 10), [], "with the changed flag, the rules disagree with the oracle");
  } finally {
    copy.remove();
  }
});

test("each rule's message names the field, says what to enter and why CS needs it, and sits on the field", () => {
  const requirements = loadRequirements();
  const fields = loadRequirementFields(requirements);
  const rules = new Map(readValidationRules("Opportunity").map((r) => [r.name, r]));
  for (const requirement of requirements) {
    const name = ruleName(requirement);
    const rule = rules.get(name);
    assert.ok(rule, `no committed rule ${name}: run ${REGENERATE}`);
    const field = fields.get(requirement.developerName)!;
    const where = `${name} (${rule.path})`;
    assert.ok(
      rule.errorMessage.includes(field.label),
      `${where}: the message does not name the field "${field.label}"`,
    );
    assert.ok(
      rule.errorMessage.includes(requirement.prompt.trim().replace(/[.?!]?$/, "")),
      `${where}: the message does not give the record's Guidance_Prompt__c`,
    );
    assert.ok(
      rule.errorMessage.includes(requirement.whyCsNeedsIt.trim().replace(/[.?!]?$/, "")),
      `${where}: the message does not say why CS needs it (Why_CS_Needs_It__c)`,
    );
    assert.ok(
      rule.errorMessage.length <= MAX_ERROR_MESSAGE_LENGTH,
      `${where}: the message has ${rule.errorMessage.length} characters; Salesforce allows ${MAX_ERROR_MESSAGE_LENGTH}`,
    );
    if (field.errorDisplayField) {
      assert.equal(rule.errorDisplayField, field.name, `${where}: the error should sit on ${field.name}`);
    } else {
      assert.equal(rule.errorDisplayField, undefined, `${where}: ${field.name} cannot hold an error; use the page top`);
      assert.ok(rule.errorMessage.includes(field.whereToAct!), `${where}: the message should say where to act`);
    }
  }
});

test("each formula stays well under the 3,900-character limit and reads its own requirement's flags", () => {
  const requirements = loadRequirements();
  const rules = new Map(readValidationRules("Opportunity").map((r) => [r.name, r]));
  let longest = 0;
  for (const requirement of requirements) {
    const name = ruleName(requirement);
    assert.ok(name.length <= MAX_RULE_NAME_LENGTH, `${name} is longer than ${MAX_RULE_NAME_LENGTH} characters`);
    const formula = rules.get(name)!.formula;
    longest = Math.max(longest, formula.length);
    assert.ok(
      formula.length <= MAX_FORMULA_LENGTH / 2,
      `${name}: the formula has ${formula.length} characters, more than half the ${MAX_FORMULA_LENGTH} limit`,
    );
    const flags = [...formula.matchAll(/\$CustomMetadata\.Handoff_Requirement__mdt\.(\w+)\.(\w+)/g)];
    assert.deepEqual(
      flags.map((m) => `${m[1]}.${m[2]}`).sort(),
      TIERS.map((t) => `${requirement.developerName}.Required_${t.replace("-", "_")}__c`).sort(),
      `${name} must read exactly its own record's Required_High_Touch__c and Required_Low_Touch__c`,
    );
    assert.ok(formula.includes("$Permission.Bypass_Handoff_Validation"), `${name} ignores the bypass permission`);
  }
  console.log(`longest rule formula: ${longest} of ${MAX_FORMULA_LENGTH} characters`);
});

test("the generator refuses records it cannot turn into a deployable rule, saying which and why", async () => {
  const [requirement] = loadRequirements();
  const field = loadRequirementFields([requirement]).get(requirement.developerName)!;
  assert.throws(
    () => ruleName({ ...requirement, developerName: "A_Requirement_Name_Far_Too_Long_For_A_Rule" }),
    /Handoff_Requirement__mdt\.A_Requirement_Name_Far_Too_Long_For_A_Rule: the rule name .* longer than 40/,
  );
  assert.throws(
    () => ruleErrorMessage({ ...requirement, prompt: "x".repeat(250) }, field),
    new RegExp(`Handoff_Requirement__mdt\\.${requirement.developerName}: .* more than the 255 .* shorten`),
  );
  assert.throws(
    () => ruleErrorMessage({ ...requirement, whyCsNeedsIt: " " }, field),
    /Guidance_Prompt__c and Why_CS_Needs_It__c must both be filled in/,
  );
  const copy = copySource();
  try {
    copy.edit(copy.requirementRecord(requirement.developerName), (xml) =>
      setText(xml, "Field_API_Name__c", "Handoff_Tier__c"),
    );
    await assert.rejects(generateValidationRules(copy.source), /Handoff_Tier__c is a formula field/);
    copy.edit(copy.requirementRecord(requirement.developerName), (xml) =>
      setText(xml, "Field_API_Name__c", "No_Such_Field__c"),
    );
    await assert.rejects(generateValidationRules(copy.source), /"No_Such_Field__c" is neither an Opportunity field/);
  } finally {
    copy.remove();
  }
});

test("Field_API_Name__c matches the field whatever its capitalisation, giving the same rule", async () => {
  const [requirement] = loadRequirements().filter((r) => r.field.endsWith("__c"));
  const committed = readFileSync(
    join(
      PROJECT_ROOT,
      "force-app/main/default/objects/Opportunity/validationRules",
      `${ruleName(requirement)}.validationRule-meta.xml`,
    ),
    "utf8",
  );
  const copy = copySource();
  try {
    copy.edit(copy.requirementRecord(requirement.developerName), (xml) =>
      setText(xml, "Field_API_Name__c", ` ${requirement.field.toLowerCase()} `),
    );
    const rule = (await generateValidationRules(copy.source)).find(
      (r) => r.requirement.developerName === requirement.developerName,
    )!;
    assert.equal(rule.field.name, requirement.field, "the requirement should resolve to the field's own spelling");
    assert.equal(rule.content, committed, `typing ${requirement.field.toLowerCase()} should give the committed rule`);
    assert.equal(
      loadRequirements(copy.source).find((r) => r.developerName === requirement.developerName)!.field,
      requirement.field,
      "every reader of the requirement (layout check, docs, audit) should see the field's own spelling",
    );
  } finally {
    copy.remove();
  }
});

test("`npm run generate:rules` stops on a field that does not exist with one clear line, not a stack trace", () => {
  const script = join(PROJECT_ROOT, "scripts", "admin", "generate-validation-rules.ts");
  const [requirement] = loadRequirements();
  const copy = copySource();
  try {
    copy.edit(copy.requirementRecord(requirement.developerName), (xml) =>
      setText(xml, "Field_API_Name__c", "Business_Goal__c"),
    );
    const run = spawnSync(process.execPath, ["--import", "tsx", script, "--source", copy.source], {
      cwd: PROJECT_ROOT,
      encoding: "utf8",
    });
    assert.equal(run.status, 1, `a missing field must fail the command:\n${run.stdout}${run.stderr}`);
    const lines = run.stderr.trim().split("\n");
    assert.equal(lines.length, 1, `expected one line on stderr, got:\n${run.stderr}`);
    assert.match(
      lines[0],
      new RegExp(
        `^generate:rules: Handoff_Requirement__mdt\\.${requirement.developerName}: Field_API_Name__c "Business_Goal__c" is neither an Opportunity field`,
      ),
    );
    assert.equal(run.stdout, "", "nothing should be written when a record is wrong");
  } finally {
    copy.remove();
  }
});
