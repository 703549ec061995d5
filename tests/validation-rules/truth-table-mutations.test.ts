// The truth table is only worth something if it fails on a wrong rule. Each case below makes one realistic
// mistake in every committed formula and expects the table to report disagreements in the situations the
// mistake affects. The harness's shortcut around formulon's slow parser is also held to formulon's parse().
import { test } from "node:test";
import assert from "node:assert/strict";
import { readValidationRules } from "../../scripts/lib/forceApp.ts";
import { ruleName } from "../../scripts/admin/generate-validation-rules.ts";
import { handoffTier, toSettings } from "../../scripts/lib/handoffConfig.ts";
import {
  evaluateWithPublicParse,
  evaluateRule,
  evaluate,
  evaluateTier,
  loadRuleContext,
  rewriteForFormulon,
  ruleVariables,
  type RuleContext,
} from "./harness.ts";
import { SECOND_CONFIGURATION, baseDeal, runTruthTable, situations, valueStates, withSettings } from "./truthTable.ts";

const SETTING = "$CustomMetadata.Handoff_Setting__mdt.Default";

interface Mistake {
  name: string;
  change: (formula: string) => string;
  configuration: "committed" | "second";
  textOnly?: boolean;
  // Words that must appear in some reported disagreement: the situation the mistake breaks.
  shows: RegExp;
}

const MISTAKES: Mistake[] = [
  {
    name: "forgetting ISNEW(): a deal created directly as won skips the check",
    change: (f) => f.replace("OR(ISNEW(), ISCHANGED(StageName))", "ISCHANGED(StageName)"),
    configuration: "committed",
    shows: /created directly as won: the rule allows the save, but it should block it/,
  },
  {
    name: "forgetting ISCHANGED(): editing an old won deal is blocked",
    change: (f) => f.replace("OR(ISNEW(), ISCHANGED(StageName))", "TRUE"),
    configuration: "committed",
    shows: /saving an already won deal: the rule blocks the save, but it should allow it/,
  },
  {
    name: "not trimming the answer: padding makes a short answer pass",
    textOnly: true,
    change: (f) => f.replaceAll("TRIM(SUBSTITUTE(SUBSTITUTE(BLANKVALUE(", "(SUBSTITUTE(SUBSTITUTE(BLANKVALUE("),
    configuration: "committed",
    shows: /one character too short, padded .* the rule allows the save, but it should block it/,
  },
  {
    name: "comparing placeholders case-sensitively",
    textOnly: true,
    change: (f) => f.replace("LOWER(TRIM(", "(TRIM("),
    configuration: "second",
    shows: /in capitals, padded .* the rule allows the save, but it should block it/,
  },
  {
    name: "comparing excluded deal types case-sensitively",
    change: (f) => f.replace("LOWER(TEXT(Type))", "(TEXT(Type))"),
    configuration: "second",
    shows: /excluded type "renewal".* the rule blocks the save, but it should allow it/,
  },
  {
    name: "ignoring spaces typed around ';' in the settings",
    change: (f) => f.replaceAll(', " ", "")', ', " ", " ")'),
    configuration: "second",
    shows: /should (allow|block) it/,
  },
  {
    name: "forgetting that a tab or a no-break space in the settings counts as a space",
    change: (f) => f.replaceAll(', "\t", "")', ', "\t", "\t")').replaceAll(', "\u00a0", "")', ', "\u00a0", "\u00a0")'),
    configuration: "second",
    shows: /should (allow|block) it/,
  },
  {
    name: "treating a blank deal type as excluded",
    change: (f) => f.replace('OR(ISPICKVAL(Type, ""), NOT(', 'AND(NOT(ISPICKVAL(Type, "")), NOT('),
    configuration: "committed",
    shows: /blank deal type: the rule allows the save, but it should block it/,
  },
  {
    name: "checking one won stage's name instead of IsWon (orgs with several won stages)",
    change: (f) => f.replace("IsWon,", `TEXT(StageName) = BLANKVALUE(${SETTING}.Won_Stage__c, "Closed Won"),`),
    configuration: "second",
    shows: /moving to a second won stage .* the rule allows the save, but it should block it/,
  },
  {
    name: "hard-coding the won stage",
    change: (f) => f.replace("IsWon,", 'TEXT(StageName) = "Closed Won",'),
    configuration: "second",
    shows: /moving to won: the rule allows the save, but it should block it/,
  },
  {
    name: "hard-coding the minimum answer length",
    textOnly: true,
    change: (f) => f.replace(`MAX(1, BLANKVALUE(${SETTING}.Min_Answer_Length__c, 0))`, "20"),
    configuration: "second",
    shows: /exactly the minimum length.* the rule blocks the save, but it should allow it/,
  },
  {
    name: "dropping the go-live date check",
    change: (f) => f.replace(`CloseDate >= ${SETTING}.Go_Live_Date__c,`, ""),
    configuration: "committed",
    shows: /closed the day before go-live: the rule blocks the save, but it should allow it/,
  },
  {
    name: "enforcing while the go-live date is blank",
    change: (f) =>
      f
        .replace(`NOT(ISBLANK(${SETTING}.Go_Live_Date__c)),`, "")
        .replace(
          `CloseDate >= ${SETTING}.Go_Live_Date__c,`,
          `CloseDate >= BLANKVALUE(${SETTING}.Go_Live_Date__c, CloseDate),`,
        ),
    configuration: "committed",
    shows: /go-live date blank: the rule blocks the save, but it should allow it/,
  },
  {
    name: "swapping the tier flags",
    change: (f) => f.replace('Handoff_Tier__c = "High-Touch"', 'Handoff_Tier__c = "Low-Touch"'),
    configuration: "committed",
    shows: /Low-Touch deal, .*: the rule blocks the save, but it should allow it/,
  },
  {
    name: "forgetting the bypass permission",
    change: (f) => f.replace("NOT($Permission.Bypass_Handoff_Validation),", ""),
    configuration: "committed",
    shows: /bypass permission: the rule blocks the save, but it should allow it/,
  },
];

function committedRules(context: RuleContext) {
  const onDisk = new Map(readValidationRules("Opportunity").map((r) => [r.name, r.formula]));
  return new Map(
    context.requirements.map((r) => [r.developerName, { name: ruleName(r), formula: onDisk.get(ruleName(r))! }]),
  );
}

// One requirement of each kind of field keeps the thirteen tables fast; the full table runs in truth-table.test.ts.
function representativeRequirements(context: RuleContext): RuleContext {
  const seen = new Set<string>();
  // Fields required for one tier only come first: they show a mix-up of the tiers.
  const oneTierFirst = [...context.requirements].sort(
    (a, b) =>
      Number(a.requiredFor["High-Touch"] === a.requiredFor["Low-Touch"]) -
      Number(b.requiredFor["High-Touch"] === b.requiredFor["Low-Touch"]),
  );
  const requirements = oneTierFirst.filter((r) => {
    const field = context.fields.get(r.developerName)!;
    const kind = `${field.kind}/${field.type}`;
    if (seen.has(kind)) return false;
    seen.add(kind);
    return true;
  });
  return { ...context, requirements };
}

for (const mistake of MISTAKES) {
  test(`the truth table catches a rule ${mistake.name}`, () => {
    const committed = representativeRequirements(loadRuleContext());
    const context = mistake.configuration === "second" ? withSettings(committed, SECOND_CONFIGURATION) : committed;
    const rules = committedRules(committed);
    let broken = 0;
    for (const [developerName, rule] of rules) {
      if (mistake.textOnly && committed.fields.get(developerName)!.kind !== "text") continue;
      const formula = mistake.change(rule.formula);
      assert.notEqual(formula, rule.formula, `the mistake "${mistake.name}" does not apply to ${rule.name} any more`);
      rules.set(developerName, { ...rule, formula });
      broken++;
    }
    assert.ok(broken > 0, `no rule to make the mistake "${mistake.name}" in`);
    const result = runTruthTable(context, rules, `mistake: ${mistake.name}`);
    assert.ok(result.mismatches.length > 0, `the truth table did not notice ${mistake.name}`);
    assert.ok(
      result.mismatches.some((m) => mistake.shows.test(m)),
      `the truth table noticed ${mistake.name}, but not in the expected situation; it reported:\n` +
        result.mismatches.slice(0, 5).join("\n"),
    );
  });
}

test("the tier check catches a Handoff_Tier__c comparing complexities case-sensitively or ignoring tabs", () => {
  const context = withSettings(loadRuleContext(), SECOND_CONFIGURATION);
  const settings = toSettings(context.settingsRecord);
  const mistakes: [string, (formula: string) => string][] = [
    ["case-sensitively", (f) => f.replaceAll("LOWER(", "(")],
    ["ignoring tabs", (f) => f.replaceAll(', "\t", "")', ', "\t", "\t")')],
  ];
  for (const [name, change] of mistakes) {
    const tierFormula = change(context.tierFormula);
    assert.notEqual(
      tierFormula,
      context.tierFormula,
      `the mistake "${name}" does not apply to Handoff_Tier__c any more`,
    );
    const disagreements = ["Low", "Medium", "High"].filter(
      (complexity) => evaluateTier({ ...context, tierFormula }, 1, complexity) !== handoffTier(1, complexity, settings),
    );
    assert.ok(disagreements.length > 0, `a Handoff_Tier__c comparing ${name} went unnoticed`);
  }
});

test("the harness's parse-once evaluation gives formulon's own parse() result on every rule", () => {
  const context = withSettings(loadRuleContext(), {});
  const settings = toSettings(context.settingsRecord);
  const rules = committedRules(context);
  let compared = 0;
  for (const requirement of context.requirements) {
    const rule = rules.get(requirement.developerName)!;
    const field = context.fields.get(requirement.developerName)!;
    const base = baseDeal("High-Touch", context, settings);
    // formulon's parse() is slow on these formulas (see harness.ts): a blocked and an allowed save per rule.
    for (const situation of situations(settings).slice(0, 1)) {
      for (const state of valueStates(field, context.settingsRecord).filter((s) =>
        /^(blank|unticked|filled|ticked)$/.test(s.name),
      )) {
        const deal = situation.deal({ ...base, values: { [field.name]: state.value } }, settings);
        const variables = ruleVariables(context, deal);
        const reference = evaluateWithPublicParse(rule.formula, variables);
        assert.equal(reference.type, "literal", `formulon's parse() fails on ${rule.name}`);
        assert.equal(
          evaluate(rule.formula, variables, rule.name).value,
          (reference as { value: unknown }).value,
          `${rule.name}, ${state.name}, ${situation.name}: the harness and formulon's parse() disagree`,
        );
        compared++;
      }
    }
  }
  console.log(`parse-once evaluation checked against formulon's parse() on ${compared} cases`);
});

test("the harness refuses formulas it cannot evaluate faithfully, saying what is wrong", () => {
  assert.throws(
    () => rewriteForFormulon("PRIORVALUE(StageName) <> StageName"),
    /PRIORVALUE\(\.\.\.\) .* cannot rewrite/,
  );
  assert.equal(
    rewriteForFormulon("AND(ISNEW(), ISCHANGED( StageName ))"),
    "AND(Harness_IsNew, Harness_IsChanged_StageName)",
  );
  const context = loadRuleContext();
  const settings = toSettings(context.settingsRecord);
  const deal = baseDeal("High-Touch", context, settings);
  assert.throws(
    () => evaluateRule("Broken_Rule", "AND(ISBLANK(Next_Step_Owner__c), TRUE)", context, deal),
    /Validation rule Broken_Rule reads Next_Step_Owner__c, which the test harness does not provide/,
  );
  assert.throws(
    () => evaluateRule("Broken_Rule", 'LEN("abc")', context, deal),
    /Validation rule Broken_Rule returns number, not a checkbox/,
  );
  assert.throws(
    () => evaluateRule("Broken_Rule", 'CONTAINS(1, "a")', context, deal),
    /Validation rule Broken_Rule does not evaluate in formulon/,
  );
});
