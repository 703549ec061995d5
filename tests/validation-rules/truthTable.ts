// The truth table of the Closed Won validation rules: every requirement x tier x answer x situation, evaluated
// with formulon and compared with an oracle written in plain TypeScript from the same custom metadata.
// The oracle never looks at a formula: it states the rules directly.
import type { CustomMetadataRecord, CustomMetadataValue } from "../../scripts/lib/forceApp.ts";
import {
  TIERS,
  handoffTier,
  isEnforcementLive,
  isExcludedDealType,
  requirementAnswerProblem,
  toSettings,
  type HandoffRequirement,
  type HandoffSettings,
  type RequirementField,
  type RequirementValue,
  type Tier,
} from "../../scripts/lib/handoffConfig.ts";
import { evaluateRule, evaluateTier, type DealState, type RuleContext } from "./harness.ts";

// Every setting the rules read, changed: the rules must follow the custom metadata, not literals.
export const SECOND_CONFIGURATION = {
  // The rules go by IsWon, not this name: deals are moved to "Signed" (won) in this configuration, and to
  // ANOTHER_WON_STAGE, and a stage named "Closed Won" that is not won must not be checked.
  Won_Stage__c: "Signed",
  Go_Live_Date__c: "2027-03-01",
  // Admins' typing: spaces, tabs and no-break spaces around ";", and any capitalisation.
  Excluded_Deal_Types__c: "renewal\t;\u00a0 Existing Customer - Downgrade",
  Placeholder_Answers__c: " Pending;\t\task sales\u00a0;N/A",
  Min_Answer_Length__c: 1,
  High_Touch_Min_Amount__c: 100000,
  High_Touch_Complexities__c: "medium ;\tHIGH\u00a0",
};

// A second won stage (IsWon) that no setting names: orgs with several won stages must be checked in each.
export const ANOTHER_WON_STAGE = "Closed Won - Expansion";

// Shaped like a Contact Id; no org has it.
export const FAKE_LOOKUP_ID = "003000000000000AAA";
const COMPLEXITIES = ["Low", "Medium", "High"];

// The enforcement rules, stated without any formula.
export function oracleBlocks(
  requirement: HandoffRequirement,
  field: RequirementField,
  deal: DealState,
  settings: HandoffSettings,
): boolean {
  if (deal.bypass) return false;
  const movingToWon = deal.won && (deal.isNew || deal.stageChanged);
  if (!movingToWon) return false;
  if (!isEnforcementLive(deal.closeDate, settings)) return false;
  if (isExcludedDealType(deal.type, settings)) return false;
  const tier = handoffTier(deal.amount, deal.complexity || null, settings);
  if (!requirement.requiredFor[tier]) return false;
  return requirementAnswerProblem(deal.values[field.name] ?? null, field.kind, settings) !== null;
}

export interface ValueState {
  name: string;
  value: RequirementValue;
}

function rawList(record: CustomMetadataRecord, field: string): string[] {
  return String(record.values[field] ?? "")
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean);
}

export function valueStates(field: RequirementField, record: CustomMetadataRecord): ValueState[] {
  const settings = toSettings(record);
  switch (field.kind) {
    case "checkbox":
      return [
        { name: "unticked", value: false },
        { name: "ticked", value: true },
      ];
    case "picklist":
      return [
        { name: "blank", value: "" },
        { name: "chosen", value: "Some value" },
      ];
    case "value":
      return [
        { name: "blank", value: null },
        { name: "filled", value: field.type === "Date" ? "2027-01-15" : FAKE_LOOKUP_ID },
      ];
    case "text": {
      const placeholders = rawList(record, "Placeholder_Answers__c");
      const min = Math.max(settings.minAnswerLength, 1);
      const states: ValueState[] = [
        { name: "blank", value: null },
        { name: "only spaces", value: "   " },
        { name: "exactly the minimum length, padded", value: `  ${"a".repeat(min)}  ` },
        { name: "filled", value: "The customer wants to halve onboarding time before the Q3 board meeting." },
      ];
      if (placeholders.length) {
        states.push(
          {
            name: `placeholder "${placeholders[0]}" in capitals, padded`,
            value: `  ${placeholders[0].toUpperCase()} `,
          },
          { name: `placeholder "${placeholders.at(-1)}" as listed`, value: placeholders.at(-1)! },
          { name: "two placeholders joined by ;", value: placeholders.slice(0, 2).join(";") },
        );
      }
      // Padded so that only a trimmed length is too short.
      if (min > 1) states.push({ name: "one character too short, padded", value: `   ${"a".repeat(min - 1)}   ` });
      return states;
    }
  }
}

export interface Situation {
  name: string;
  deal: (base: DealState, settings: HandoffSettings) => DealState;
  settingsOverrides?: Record<string, CustomMetadataValue>;
}

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function situations(settings: HandoffSettings): Situation[] {
  const movingToWon = (d: DealState, s: HandoffSettings): DealState => ({
    ...d,
    stage: s.wonStage,
    won: true,
    isNew: false,
    stageChanged: true,
  });
  const otherStage = settings.wonStage === "Proposal/Price Quote" ? "Negotiation/Review" : "Proposal/Price Quote";
  const list: Situation[] = [
    { name: "moving to won", deal: movingToWon },
    {
      name: `moving to a second won stage "${ANOTHER_WON_STAGE}"`,
      deal: (d, s) => ({ ...movingToWon(d, s), stage: ANOTHER_WON_STAGE }),
    },
    {
      name: "moving to a stage named like the won-stage setting that is not won",
      deal: (d, s) => ({ ...movingToWon(d, s), won: false }),
    },
    {
      name: `created directly in a second won stage "${ANOTHER_WON_STAGE}"`,
      deal: (d, s) => ({ ...movingToWon(d, s), stage: ANOTHER_WON_STAGE, isNew: true, stageChanged: false }),
    },
    {
      name: "moving to won, closing on the go-live day",
      deal: (d, s) => ({ ...movingToWon(d, s), closeDate: s.goLiveDate ?? d.closeDate }),
    },
    { name: "saving an already won deal", deal: (d, s) => ({ ...movingToWon(d, s), stageChanged: false }) },
    { name: "created directly as won", deal: (d, s) => ({ ...movingToWon(d, s), isNew: true, stageChanged: false }) },
    { name: "moving to another stage", deal: (d) => ({ ...d, stage: otherStage, stageChanged: true }) },
    { name: "created in another stage", deal: (d) => ({ ...d, stage: otherStage, isNew: true }) },
    {
      name: "moving to won, closed the day before go-live",
      deal: (d, s) => ({ ...movingToWon(d, s), closeDate: addDays(s.goLiveDate ?? d.closeDate, -1) }),
    },
    { name: "moving to won, go-live date blank", deal: movingToWon, settingsOverrides: { Go_Live_Date__c: null } },
    { name: "moving to won, blank deal type", deal: (d, s) => ({ ...movingToWon(d, s), type: "" }) },
    {
      name: "moving to won, deal type only part of an excluded one",
      deal: (d, s) => ({ ...movingToWon(d, s), type: (s.excludedDealTypes[0] ?? "Renewal").slice(0, -1) }),
    },
    { name: "moving to won, bypass permission", deal: (d, s) => ({ ...movingToWon(d, s), bypass: true }) },
    {
      name: "created as won, bypass permission",
      deal: (d, s) => ({ ...movingToWon(d, s), isNew: true, stageChanged: false, bypass: true }),
    },
  ];
  for (const excluded of settings.excludedDealTypes) {
    list.push(
      {
        name: `moving to won, excluded type "${excluded}"`,
        deal: (d, s) => ({ ...movingToWon(d, s), type: excluded }),
      },
      {
        name: `moving to won, excluded type "${excluded}" in capitals`,
        deal: (d, s) => ({ ...movingToWon(d, s), type: excluded.toUpperCase() }),
      },
    );
  }
  return list;
}

// A deal of the given tier, checked with both the tier formula (formulon) and the oracle.
export function baseDeal(tier: Tier, context: RuleContext, settings: HandoffSettings): DealState {
  const min = settings.highTouchMinAmount;
  const lowComplexity = COMPLEXITIES.find((c) => !settings.highTouchComplexities.includes(c)) ?? "";
  const [amount, complexity] =
    tier === "High-Touch"
      ? min !== null
        ? [min, ""]
        : [1000, settings.highTouchComplexities[0]]
      : [min !== null ? min - 0.01 : 1000, lowComplexity];
  const deal: DealState = {
    stage: settings.earlyIntroStage ?? "Negotiation/Review",
    won: false,
    isNew: false,
    stageChanged: false,
    closeDate: addDays(settings.goLiveDate ?? "2030-01-01", 10),
    type: "New Customer",
    amount,
    complexity,
    bypass: false,
    values: {},
  };
  const formulaTier = evaluateTier(context, amount, complexity);
  const oracleTier = handoffTier(amount, complexity || null, settings);
  if (formulaTier !== tier || oracleTier !== tier) {
    throw new Error(
      `could not build a ${tier} deal (amount ${amount}, complexity "${complexity}"): Handoff_Tier__c gives ` +
        `${formulaTier}, handoffTier() gives ${oracleTier}`,
    );
  }
  return deal;
}

export interface TruthTableResult {
  cases: number;
  blocked: number;
  mismatches: string[];
  blockedByRule: Map<string, number>;
}

// rules: requirement DeveloperName -> { name, formula } of the validation rule to evaluate.
export function runTruthTable(
  context: RuleContext,
  rules: Map<string, { name: string; formula: string }>,
  label: string,
): TruthTableResult {
  const result: TruthTableResult = { cases: 0, blocked: 0, mismatches: [], blockedByRule: new Map() };
  const baseSettings = toSettings(context.settingsRecord);
  for (const situation of situations(baseSettings)) {
    const record: CustomMetadataRecord = {
      ...context.settingsRecord,
      values: { ...context.settingsRecord.values, ...situation.settingsOverrides },
    };
    const situationContext: RuleContext = { ...context, settingsRecord: record };
    const settings = toSettings(record);
    for (const requirement of context.requirements) {
      const rule = rules.get(requirement.developerName);
      if (!rule) throw new Error(`no validation rule for Handoff_Requirement__mdt.${requirement.developerName}`);
      const field = context.fields.get(requirement.developerName)!;
      for (const tier of TIERS) {
        const base = baseDeal(tier, situationContext, baseSettings);
        for (const state of valueStates(field, record)) {
          const deal = situation.deal({ ...base, values: { [field.name]: state.value } }, settings);
          const expected = oracleBlocks(requirement, field, deal, settings);
          const actual = evaluateRule(rule.name, rule.formula, situationContext, deal);
          result.cases++;
          if (actual) {
            result.blocked++;
            result.blockedByRule.set(rule.name, (result.blockedByRule.get(rule.name) ?? 0) + 1);
          }
          if (actual !== expected) {
            result.mismatches.push(
              `[${label}] ${rule.name}, ${tier} deal, ${field.name} ${state.name} ` +
                `(${JSON.stringify(state.value)}), ${situation.name}: the rule ${actual ? "blocks" : "allows"} ` +
                `the save, but it should ${expected ? "block" : "allow"} it`,
            );
          }
        }
      }
    }
  }
  return result;
}

// The same settings record with some values replaced, for a second, different configuration.
export function withSettings(
  context: RuleContext,
  overrides: Record<string, CustomMetadataValue>,
  invertFlags = false,
): RuleContext {
  return {
    ...context,
    settingsRecord: { ...context.settingsRecord, values: { ...context.settingsRecord.values, ...overrides } },
    requirements: invertFlags
      ? context.requirements.map((r) => ({
          ...r,
          requiredFor: { "High-Touch": !r.requiredFor["High-Touch"], "Low-Touch": !r.requiredFor["Low-Touch"] },
        }))
      : context.requirements,
  };
}
