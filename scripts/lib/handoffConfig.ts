// The handoff configuration as admins keep it in custom metadata (force-app/main/default/customMetadata):
// which Opportunity fields are required for which tier, and the process settings.
import {
  DEFAULT_SOURCE,
  readCustomMetadataRecords,
  readObjectFields,
  readPicklistValueSet,
  type CustomMetadataRecord,
  type FieldDefinition,
} from "./forceApp.ts";
import {
  answerVerdictOfKind,
  groupRank,
  isListedSetting,
  type AnswerKind,
  type AnswerProblem,
} from "../../force-app/main/default/lwc/handoffRules/handoffRules.ts";

export type { AnswerProblem } from "../../force-app/main/default/lwc/handoffRules/handoffRules.ts";

export const TIERS = ["High-Touch", "Low-Touch"] as const;
export type Tier = (typeof TIERS)[number];

export interface HandoffRequirement {
  developerName: string;
  label: string;
  field: string;
  // A Handoff_Requirement__mdt.Group__c value: the checklist section, ordered as loadGroupOrder() says.
  group: string;
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
  // Escalation ladder, counted in the Business Hours record named here (null: the org default); blanks fall back
  // to the values the flows use (24 grace hours, a reminder at the due time).
  businessHours: string | null;
  escalationGraceHours: number;
  firstTouchReminderLeadHours: number;
  // Customer survey (CSAT) business days after the first touch; null: no automatic survey. The recap counts as
  // unanswered after recapReminderBusinessDays (blank: 5, as the settings' description says).
  csatSurveyBusinessDays: number | null;
  recapReminderBusinessDays: number;
  // Plan kickoff: the kickoff is due this many business days after accept, and lasts this long (blank: 5 and 60).
  kickoffSlaBusinessDays: number;
  kickoffDurationMinutes: number;
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

// The checklist sections in the order of the Handoff_Requirement__mdt.Group__c picklist values: admins reorder the
// sections in Setup. Apex reads the same order through the field's describe, the LWC from the Apex config.
export function loadGroupOrder(source = DEFAULT_SOURCE): string[] {
  return readPicklistValueSet("Handoff_Requirement__mdt", "Group__c", source).map((v) => v.fullName);
}

// The groups that hold requirements, in section order (requirements as loadRequirements() sorts them).
export function requirementGroups(requirements: HandoffRequirement[]): string[] {
  return [...new Set(requirements.map((r) => r.group))];
}

export function toRequirement(record: CustomMetadataRecord): HandoffRequirement {
  const group = str(record, "Group__c");
  if (!group) throw new Error(`${record.path}: Group__c is blank; the requirement needs a checklist section`);
  const field = str(record, "Field_API_Name__c");
  if (!field) throw new Error(`${record.path}: Field_API_Name__c is blank`);
  return {
    developerName: record.developerName,
    label: record.label,
    field,
    group,
    prompt: str(record, "Guidance_Prompt__c") ?? "",
    whyCsNeedsIt: str(record, "Why_CS_Needs_It__c") ?? "",
    requiredFor: {
      "High-Touch": record.values.Required_High_Touch__c === true,
      "Low-Touch": record.values.Required_Low_Touch__c === true,
    },
    displayOrder: num(record, "Display_Order__c") ?? 0,
  };
}

// Salesforce API names are case-insensitive, and admins type Field_API_Name__c by hand: "business_goals__c" names
// Business_Goals__c. Requirements carry the field's own spelling from here on; an unknown name is kept as typed
// for requirementField() to refuse.
export function canonicalFieldName(typed: string, opportunityFields: Map<string, FieldDefinition>): string {
  const wanted = typed.trim().toLowerCase();
  const known = [...Object.keys(STANDARD_OPPORTUNITY_FIELDS), ...opportunityFields.keys()];
  return known.find((name) => name.toLowerCase() === wanted) ?? typed.trim();
}

export function loadRequirements(source = DEFAULT_SOURCE): HandoffRequirement[] {
  const opportunityFields = readObjectFields("Opportunity", source);
  const groupOrder = loadGroupOrder(source);
  return readCustomMetadataRecords("Handoff_Requirement__mdt", source)
    .map(toRequirement)
    .map((requirement) => ({ ...requirement, field: canonicalFieldName(requirement.field, opportunityFields) }))
    .sort(
      (a, b) =>
        groupRank(groupOrder, a.group) - groupRank(groupOrder, b.group) ||
        a.group.localeCompare(b.group) ||
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
    businessHours: str(record, "Business_Hours__c"),
    escalationGraceHours: num(record, "Escalation_Grace_Hours__c") ?? 24,
    firstTouchReminderLeadHours: num(record, "First_Touch_Reminder_Lead_Hours__c") ?? 0,
    csatSurveyBusinessDays: num(record, "CSAT_Survey_Business_Days__c"),
    recapReminderBusinessDays: num(record, "Recap_Reminder_Business_Days__c") ?? 5,
    kickoffSlaBusinessDays: num(record, "Kickoff_SLA_Business_Days__c") ?? 5,
    kickoffDurationMinutes: num(record, "Kickoff_Duration_Minutes__c") ?? 60,
  };
}

export function loadSettings(source = DEFAULT_SOURCE): HandoffSettings {
  const record = readCustomMetadataRecords("Handoff_Setting__mdt", source).find(
    (r) => r.developerName === SETTINGS_RECORD,
  );
  if (!record) throw new Error(`No Handoff_Setting__mdt record named ${SETTINGS_RECORD} in ${source}/customMetadata`);
  return toSettings(record);
}

export function handoffTier(amount: number | null, complexity: string | null, settings: HandoffSettings): Tier {
  const byAmount = amount !== null && settings.highTouchMinAmount !== null && amount >= settings.highTouchMinAmount;
  const byComplexity = isListedSetting(settings.highTouchComplexities, complexity);
  return byAmount || byComplexity ? "High-Touch" : "Low-Touch";
}

// How a requirement's answer is judged, from the field's type in force-app: the answer rule of handoffRules.ts
// (answerVerdictOfKind), which the Closed Won validation rules (scripts/admin/generate-validation-rules.ts) state as
// formulas. Text, Text Area and Long Text Area are all written answers.
export type RequirementAnswerKind = AnswerKind;

export function requirementAnswerKind(salesforceType: string): RequirementAnswerKind {
  switch (salesforceType) {
    case "LongTextArea":
    case "TextArea":
    case "Text":
      return "text";
    case "Checkbox":
      return "checkbox";
    case "Picklist":
      return "picklist";
    case "Lookup":
    case "MasterDetail":
    case "Date":
    case "DateTime":
    case "Number":
    case "Currency":
    case "Percent":
    case "Email":
    case "Phone":
    case "Url":
      return "value";
    default:
      throw new Error(
        `Field type "${salesforceType}" cannot be a handoff requirement: supported are long text, text area, ` +
          "checkbox, picklist, lookup, date, date/time, number, currency, percent, text, email, phone and URL fields",
      );
  }
}

export interface RequirementField {
  name: string;
  label: string;
  type: string;
  kind: RequirementAnswerKind;
  // The field that shows the rule's error; null when the requirement is not an editable field
  // (the message then appears at the top of the page and says where to act).
  errorDisplayField: string | null;
  whereToAct: string | null;
}

// Standard Opportunity fields that may be requirements. They are not in force-app, so their facts live here.
export const STANDARD_OPPORTUNITY_FIELDS: Record<string, Omit<RequirementField, "name">> = {
  HasOpportunityLineItem: {
    label: "Products",
    type: "Checkbox",
    kind: "checkbox",
    errorDisplayField: null,
    whereToAct: "the Products related list of this deal",
  },
};

export function requirementField(
  requirement: HandoffRequirement,
  opportunityFields: Map<string, FieldDefinition>,
): RequirementField {
  const name = canonicalFieldName(requirement.field, opportunityFields);
  const standard = STANDARD_OPPORTUNITY_FIELDS[name];
  if (standard) return { name, ...standard };
  const field = opportunityFields.get(name);
  if (!field) {
    throw new Error(
      `Handoff_Requirement__mdt.${requirement.developerName}: Field_API_Name__c "${requirement.field}" is neither an ` +
        "Opportunity field in force-app nor listed in STANDARD_OPPORTUNITY_FIELDS (scripts/lib/handoffConfig.ts)",
    );
  }
  if (field.formula) {
    throw new Error(
      `Handoff_Requirement__mdt.${requirement.developerName}: ${requirement.field} is a formula field; a rep cannot fill it in`,
    );
  }
  return {
    name: field.name,
    label: field.label,
    type: field.type,
    kind: requirementAnswerKind(field.type),
    errorDisplayField: field.name,
    whereToAct: null,
  };
}

export function loadRequirementFields(
  requirements: HandoffRequirement[],
  source = DEFAULT_SOURCE,
): Map<string, RequirementField> {
  const opportunityFields = readObjectFields("Opportunity", source);
  return new Map(requirements.map((r) => [r.developerName, requirementField(r, opportunityFields)]));
}

// A value as the org holds it: text, a lookup Id, a YYYY-MM-DD date, a checkbox, or null when blank.
export type RequirementValue = string | boolean | null;

export function requirementAnswerProblem(
  value: RequirementValue | undefined,
  kind: RequirementAnswerKind,
  settings: HandoffSettings,
): AnswerProblem | null {
  return answerVerdictOfKind(value, kind, settings);
}

// A blank deal type is never excluded; otherwise compared with the setting's entries as settingListKey() says.
export function isExcludedDealType(dealType: string | null | undefined, settings: HandoffSettings): boolean {
  return isListedSetting(settings.excludedDealTypes, dealType);
}

// Enforcement starts on the go-live date: deals closing before it, or any deal while no date is set, are not checked.
export function isEnforcementLive(closeDate: string, settings: HandoffSettings): boolean {
  return settings.goLiveDate !== null && closeDate >= settings.goLiveDate;
}
