// The handoff configuration as admins keep it in custom metadata (force-app/main/default/customMetadata):
// which Opportunity fields are required for which tier, and the process settings.
import { DEFAULT_SOURCE, readCustomMetadataRecords, type CustomMetadataRecord } from "./forceApp.ts";

export const TIERS = ["High-Touch", "Low-Touch"] as const;
export type Tier = (typeof TIERS)[number];

export const GROUPS = ["Customer Context", "Stakeholders", "Scope", "Risks", "Relationship", "Notes"] as const;
export type Group = (typeof GROUPS)[number];

export interface HandoffRequirement {
  developerName: string;
  label: string;
  field: string;
  group: Group;
  prompt: string;
  whyCsNeedsIt: string;
  requiredFor: Record<Tier, boolean>;
  displayOrder: number;
}

export interface HandoffSettings {
  highTouchMinAmount: number | null;
  highTouchComplexities: string[];
  wonStage: string;
  earlyIntroStage: string | null;
  goLiveDate: string | null;
  excludedDealTypes: string[];
  placeholderAnswers: string[];
  minAnswerLength: number;
  handoffSlaHours: Record<Tier, number | null>;
  firstTouchSlaHours: Record<Tier, number | null>;
}

export const SETTINGS_RECORD = "Default";

function str(record: CustomMetadataRecord, field: string): string | null {
  const v = record.values[field];
  return v === null || v === undefined ? null : String(v);
}
function num(record: CustomMetadataRecord, field: string): number | null {
  const v = record.values[field];
  return v === null || v === undefined || v === "" ? null : Number(v);
}
function list(record: CustomMetadataRecord, field: string): string[] {
  return (str(record, field) ?? "")
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean);
}

export function toRequirement(record: CustomMetadataRecord): HandoffRequirement {
  const group = str(record, "Group__c");
  if (!GROUPS.includes(group as Group)) {
    throw new Error(`${record.path}: Group__c "${group}" is not one of ${GROUPS.join(", ")}`);
  }
  const field = str(record, "Field_API_Name__c");
  if (!field) throw new Error(`${record.path}: Field_API_Name__c is blank`);
  return {
    developerName: record.developerName,
    label: record.label,
    field,
    group: group as Group,
    prompt: str(record, "Guidance_Prompt__c") ?? "",
    whyCsNeedsIt: str(record, "Why_CS_Needs_It__c") ?? "",
    requiredFor: {
      "High-Touch": record.values.Required_High_Touch__c === true,
      "Low-Touch": record.values.Required_Low_Touch__c === true,
    },
    displayOrder: num(record, "Display_Order__c") ?? 0,
  };
}

export function loadRequirements(source = DEFAULT_SOURCE): HandoffRequirement[] {
  return readCustomMetadataRecords("Handoff_Requirement__mdt", source)
    .map(toRequirement)
    .sort(
      (a, b) =>
        GROUPS.indexOf(a.group) - GROUPS.indexOf(b.group) ||
        a.displayOrder - b.displayOrder ||
        a.field.localeCompare(b.field),
    );
}

export function toSettings(record: CustomMetadataRecord): HandoffSettings {
  return {
    highTouchMinAmount: num(record, "High_Touch_Min_Amount__c"),
    highTouchComplexities: list(record, "High_Touch_Complexities__c"),
    wonStage: str(record, "Won_Stage__c") ?? "Closed Won",
    earlyIntroStage: str(record, "Early_Intro_Stage__c"),
    goLiveDate: str(record, "Go_Live_Date__c"),
    excludedDealTypes: list(record, "Excluded_Deal_Types__c"),
    placeholderAnswers: list(record, "Placeholder_Answers__c").map((s) => s.toLowerCase()),
    minAnswerLength: num(record, "Min_Answer_Length__c") ?? 0,
    handoffSlaHours: {
      "High-Touch": num(record, "Handoff_SLA_Hours_High_Touch__c"),
      "Low-Touch": num(record, "Handoff_SLA_Hours_Low_Touch__c"),
    },
    firstTouchSlaHours: {
      "High-Touch": num(record, "First_Touch_SLA_Hours_High_Touch__c"),
      "Low-Touch": num(record, "First_Touch_SLA_Hours_Low_Touch__c"),
    },
  };
}

export function loadSettings(source = DEFAULT_SOURCE): HandoffSettings {
  const record = readCustomMetadataRecords("Handoff_Setting__mdt", source).find(
    (r) => r.developerName === SETTINGS_RECORD,
  );
  if (!record) throw new Error(`No Handoff_Setting__mdt record named ${SETTINGS_RECORD} in ${source}/customMetadata`);
  return toSettings(record);
}

// The answer rules that the validation rules enforce in the org, for code that must agree with them
// offline (the audit script, the checklist's live warning). The truth-table test holds both to the same cases.
export type AnswerProblem = "blank" | "placeholder" | "too short";

export function longTextAnswerProblem(
  value: string | null | undefined,
  settings: HandoffSettings,
): AnswerProblem | null {
  const trimmed = (value ?? "").trim();
  if (trimmed === "") return "blank";
  if (settings.placeholderAnswers.includes(trimmed.toLowerCase())) return "placeholder";
  if (trimmed.length < settings.minAnswerLength) return "too short";
  return null;
}

export function handoffTier(amount: number | null, complexity: string | null, settings: HandoffSettings): Tier {
  const byAmount = amount !== null && settings.highTouchMinAmount !== null && amount >= settings.highTouchMinAmount;
  const byComplexity = !!complexity && settings.highTouchComplexities.includes(complexity);
  return byAmount || byComplexity ? "High-Touch" : "Low-Touch";
}
