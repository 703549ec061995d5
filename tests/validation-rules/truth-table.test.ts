// The committed Closed Won validation rules, evaluated with formulon (a real Salesforce formula engine) on every
// requirement x tier x answer x situation, must block a save exactly when the oracle says so: with the committed
// settings, and with a second configuration that changes every setting and flips every requirement flag.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readValidationRules } from "../../scripts/lib/forceApp.ts";
import { TIERS, handoffTier, toSettings } from "../../scripts/lib/handoffConfig.ts";
import { ruleName } from "../../scripts/admin/generate-validation-rules.ts";
import { evaluateTier, loadRuleContext, type RuleContext } from "./harness.ts";
import { SECOND_CONFIGURATION, runTruthTable, withSettings, type TruthTableResult } from "./truthTable.ts";

function committedRules(context: RuleContext): Map<string, { name: string; formula: string }> {
  const onDisk = new Map(readValidationRules("Opportunity").map((r) => [r.name, r]));
  const rules = new Map<string, { name: string; formula: string }>();
  for (const requirement of context.requirements) {
    const name = ruleName(requirement);
    const rule = onDisk.get(name);
    assert.ok(
      rule,
      `Handoff_Requirement__mdt.${requirement.developerName} has no validation rule ${name}: run npm run generate:rules`,
    );
    rules.set(requirement.developerName, { name, formula: rule.formula });
  }
  return rules;
}

function assertTable(result: TruthTableResult, context: RuleContext, label: string) {
  assert.deepEqual(
    result.mismatches.slice(0, 15),
    [],
    `${result.mismatches.length} of ${result.cases} cases disagree with the oracle (${label}); first ones listed`,
  );
  // A table where nothing is ever blocked (or everything is) proves nothing: every rule whose field is required
  // for some tier must block in some case.
  for (const requirement of context.requirements) {
    if (!TIERS.some((tier) => requirement.requiredFor[tier])) continue;
    const name = ruleName(requirement);
    assert.ok(
      (result.blockedByRule.get(name) ?? 0) > 0,
      `${name} never blocked a save in the ${label} truth table, though the field is required`,
    );
  }
  assert.ok(result.blocked < result.cases, `every case was blocked in the ${label} truth table`);
}

test("Handoff_Tier__c, evaluated with formulon, agrees with handoffTier() around the thresholds", () => {
  let cases = 0;
  for (const overrides of [{}, SECOND_CONFIGURATION]) {
    const context = withSettings(loadRuleContext(), overrides);
    const settings = toSettings(context.settingsRecord);
    const min = settings.highTouchMinAmount!;
    for (const amount of [null, 0, min - 0.01, min, min + 0.01, min * 10]) {
      for (const complexity of ["", "Low", "Medium", "High"]) {
        const expected = handoffTier(amount, complexity || null, settings);
        assert.equal(
          evaluateTier(context, amount, complexity),
          expected,
          `Handoff_Tier__c for amount ${amount}, complexity "${complexity}" with threshold ${min} and ` +
            `high-touch complexities "${settings.highTouchComplexities.join(";")}"`,
        );
        cases++;
      }
    }
  }
  console.log(`Handoff_Tier__c: ${cases} cases evaluated with formulon`);
});

test("the Closed Won rules block exactly the saves the issue asks for, with the committed settings", () => {
  const context = loadRuleContext();
  const result = runTruthTable(context, committedRules(context), "committed settings");
  console.log(`committed settings: ${result.cases} cases evaluated with formulon, ${result.blocked} blocked`);
  assertTable(result, context, "committed settings");
});

test("the rules follow the settings and flags in custom metadata, not literals (second configuration)", () => {
  const committed = loadRuleContext();
  const context = withSettings(committed, SECOND_CONFIGURATION, true);
  const result = runTruthTable(context, committedRules(committed), "second configuration");
  console.log(`second configuration: ${result.cases} cases evaluated with formulon, ${result.blocked} blocked`);
  assertTable(result, context, "second configuration");
});
