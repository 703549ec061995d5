// The handoff rules the checklist applies in the browser, and the one TypeScript home of the answer rule (blank,
// placeholder, too short): the RevOps scripts and the admin generators (scripts/lib/handoffConfig.ts) and the
// offline preview import it from here. The Closed Won validation rules (scripts/admin/generate-validation-rules.ts)
// and Apex (HandoffIntakeChecklist.answerProblem) state the same rule in their languages; all three are held to
// tests/fixtures/answer-rule-truth-table.json (CONTRIBUTING.md, "The answer rule").
// No imports: node tests and scripts load this file directly, and the LWC bundles import it as c/handoffRules.

export type Tier = "High-Touch" | "Low-Touch";
export type AnswerProblem = "blank" | "placeholder" | "too short";

// The requirement and settings records as HandoffChecklistController.getChecklistConfig returns them.
export interface RequirementRecord {
  developerName: string;
  label: string;
  fieldApiName: string;
  groupName: string;
  guidancePrompt: string | null;
  whyCsNeedsIt: string | null;
  requiredHighTouch: boolean;
  requiredLowTouch: boolean;
  displayOrder: number | null;
}

export interface SettingsRecord {
  placeholderAnswers: string | null;
  minAnswerLength: number | null;
}

export interface ChecklistConfig {
  requirements: RequirementRecord[];
  settings: SettingsRecord | null;
  // The checklist sections in the order of the Handoff_Requirement__mdt.Group__c picklist values.
  groupOrder: string[];
}

export interface AnswerRules {
  placeholderAnswers: string[];
  minAnswerLength: number;
}

// Settings lists (placeholder answers, excluded deal types, High-Touch complexities) are typed by admins in Setup:
// "N/A ;\tAsk  Sales" must list "n/a" and "ask sales". Every comparison with a list entry ignores case and these
// characters wherever they stand; the generated validation rules and Handoff_Tier__c compare the same way.
export const LIST_IGNORED_CHARACTERS = [" ", "\t", "\u00a0"] as const;

export function settingListKey(value: string): string {
  let key = value.toLowerCase();
  for (const ignored of LIST_IGNORED_CHARACTERS) key = key.split(ignored).join("");
  return key;
}

// True when value is one of the entries; a blank value is never listed.
export function isListedSetting(entries: string[], value: string | null | undefined): boolean {
  const key = settingListKey(value ?? "");
  return key !== "" && entries.some((entry) => settingListKey(entry) === key);
}

// An answer's ends lose spaces, tabs and no-break spaces, as the validation rule's TRIM does after turning tabs and
// no-break spaces into spaces. Line breaks are kept: Salesforce's TRIM keeps them too.
export function trimAnswer(value: string): string {
  return value.replace(/^[ \t\u00a0]+|[ \t\u00a0]+$/g, "");
}

export function toAnswerRules(settings: SettingsRecord | null | undefined): AnswerRules {
  return {
    placeholderAnswers: (settings?.placeholderAnswers ?? "").split(";").filter((entry) => settingListKey(entry)),
    minAnswerLength: settings?.minAnswerLength ?? 0,
  };
}

// The rule for a written answer (Text, Text Area and Long Text Area fields alike).
export function answerProblem(value: string | null | undefined, rules: AnswerRules): AnswerProblem | null {
  const trimmed = trimAnswer(value ?? "");
  if (trimmed === "") return "blank";
  // An answer holding ";" is never one placeholder entry, however the entries line up.
  if (!trimmed.includes(";") && isListedSetting(rules.placeholderAnswers, trimmed)) return "placeholder";
  if (trimmed.length < rules.minAnswerLength) return "too short";
  return null;
}

// How a requirement's answer is judged: written text by answerProblem(); a checkbox must be ticked; a picklist must
// have a value; any other field (lookup, date, number, email...) must not be blank.
export type AnswerKind = "text" | "checkbox" | "picklist" | "value";

export function answerVerdictOfKind(value: unknown, kind: AnswerKind, rules: AnswerRules): AnswerProblem | null {
  if (kind === "checkbox") return value === true ? null : "blank";
  if (kind === "text") return answerProblem(typeof value === "string" ? value : null, rules);
  return value === null || value === undefined || String(value).trim() === "" ? "blank" : null;
}

// The words the checklist and the SLA clock are built with. The English below is what Node scripts, the audit and
// the generated docs use; the checklist component passes its Custom Labels instead, so a rep reads their language.
// No @salesforce/label import here: this module also runs in Node.
export interface ChecklistWording {
  placeholderWarning: string;
  tooShortWarning: (minLength: number) => string;
  hidden: string;
  answered: string;
  needsRealAnswer: string;
  missing: string;
  requiredFor: (tier: string) => string;
  optional: string;
  nothingRequired: string;
  allRequiredAnswered: (count: number) => string;
  sectionMissing: (labels: string[]) => string;
  meter: (answered: number, required: number) => string;
  handoffDue: string;
  firstTouchDue: string;
  overdueBy: (duration: string) => string;
  timeLeft: (duration: string) => string;
}

export const ENGLISH_CHECKLIST_WORDING: ChecklistWording = {
  placeholderWarning: "This looks like a placeholder. Write the real answer: Closed Won will be refused with it.",
  tooShortWarning: (minLength) => `Too short: write at least ${minLength} characters so CS gets real context.`,
  hidden: "Hidden from you: ask your admin for access",
  answered: "Answered",
  needsRealAnswer: "Needs a real answer",
  missing: "Missing",
  requiredFor: (tier) => `Required for ${tier}`,
  optional: "Optional",
  nothingRequired: "Nothing required in this section",
  allRequiredAnswered: (count) => `All ${count} required answered`,
  sectionMissing: (labels) => `Missing: ${labels.join(", ")}`,
  meter: (answered, required) => `${answered} of ${required} required answers complete`,
  handoffDue: "Handoff due",
  firstTouchDue: "CS first touch due",
  overdueBy: (duration) => `Overdue by ${duration}`,
  timeLeft: (duration) => `${duration} left`,
};

export function answerProblemMessage(
  problem: AnswerProblem | null,
  rules: AnswerRules,
  wording: ChecklistWording = ENGLISH_CHECKLIST_WORDING,
): string | null {
  switch (problem) {
    case "placeholder":
      return wording.placeholderWarning;
    case "too short":
      return wording.tooShortWarning(rules.minAnswerLength);
    default:
      return null;
  }
}

// Section rank: the position of the group in groupOrder; a group outside it still renders, after these.
export function groupRank(groupOrder: readonly string[], group: string): number {
  const index = groupOrder.indexOf(group);
  return index < 0 ? groupOrder.length : index;
}

// What the checklist knows about one Opportunity field for the running user (from getObjectInfo and getRecord).
export interface FieldState {
  value: unknown;
  dataType: string | null; // null: the user cannot see the field (field-level security)
  updateable: boolean;
}

export interface ChecklistItem {
  key: string;
  fieldApiName: string;
  label: string;
  prompt: string;
  why: string;
  required: boolean;
  requirementText: string;
  answered: boolean;
  statusText: string;
  warning: string | null;
  accessible: boolean;
  editable: boolean;
  isProducts: boolean;
}

export interface ChecklistSection {
  key: string;
  title: string;
  items: ChecklistItem[];
  missing: string[];
  requiredCount: number;
  answeredCount: number;
  summaryText: string;
}

export interface Checklist {
  sections: ChecklistSection[];
  requiredCount: number;
  answeredCount: number;
  percent: number;
  complete: boolean;
  meterText: string;
}

export const PRODUCTS_FIELD = "HasOpportunityLineItem";

// LDS reports Text fields as "String" and text areas (long or not) as "TextArea": both are written answers.
export function ldsAnswerKind(dataType: string): AnswerKind {
  if (dataType === "Boolean") return "checkbox";
  if (dataType === "String" || dataType === "TextArea") return "text";
  if (dataType === "Picklist") return "picklist";
  return "value";
}

export function answerVerdict(value: unknown, dataType: string, rules: AnswerRules): AnswerProblem | null {
  return answerVerdictOfKind(value, ldsAnswerKind(dataType), rules);
}

export function isRequired(requirement: RequirementRecord, tier: Tier): boolean {
  return tier === "High-Touch" ? requirement.requiredHighTouch : requirement.requiredLowTouch;
}

export function toTier(value: unknown): Tier {
  return value === "High-Touch" ? "High-Touch" : "Low-Touch";
}

function itemStatus(state: FieldState | undefined, rules: AnswerRules, wording: ChecklistWording) {
  if (!state || state.dataType === null) {
    return { answered: false, warning: null, statusText: wording.hidden };
  }
  const problem = answerVerdict(state.value, state.dataType, rules);
  const warning = answerProblemMessage(problem, rules, wording);
  return {
    answered: problem === null,
    warning,
    statusText: problem === null ? wording.answered : warning ? wording.needsRealAnswer : wording.missing,
  };
}

function byGroupThenOrder(groupOrder: readonly string[]) {
  return (a: RequirementRecord, b: RequirementRecord): number =>
    groupRank(groupOrder, a.groupName) - groupRank(groupOrder, b.groupName) ||
    a.groupName.localeCompare(b.groupName) ||
    (a.displayOrder ?? 0) - (b.displayOrder ?? 0) ||
    a.fieldApiName.localeCompare(b.fieldApiName);
}

export function buildChecklist(
  requirements: RequirementRecord[],
  tier: Tier,
  fields: Record<string, FieldState>,
  rules: AnswerRules,
  groupOrder: readonly string[],
  wording: ChecklistWording = ENGLISH_CHECKLIST_WORDING,
): Checklist {
  const sections: ChecklistSection[] = [];
  for (const requirement of [...requirements].sort(byGroupThenOrder(groupOrder))) {
    let section = sections.find((s) => s.title === requirement.groupName);
    if (!section) {
      section = {
        key: requirement.groupName,
        title: requirement.groupName,
        items: [],
        missing: [],
        requiredCount: 0,
        answeredCount: 0,
        summaryText: "",
      };
      sections.push(section);
    }
    const state = fields[requirement.fieldApiName];
    const required = isRequired(requirement, tier);
    const status = itemStatus(state, rules, wording);
    const isProducts = requirement.fieldApiName === PRODUCTS_FIELD;
    section.items.push({
      key: requirement.developerName,
      fieldApiName: requirement.fieldApiName,
      label: requirement.label,
      prompt: requirement.guidancePrompt ?? "",
      why: requirement.whyCsNeedsIt ?? "",
      required,
      requirementText: required ? wording.requiredFor(tier) : wording.optional,
      ...status,
      accessible: !!state && state.dataType !== null,
      editable: !!state && state.dataType !== null && state.updateable && !isProducts,
      isProducts,
    });
    if (required) {
      section.requiredCount += 1;
      if (status.answered) section.answeredCount += 1;
      else section.missing.push(requirement.label);
    }
  }
  for (const section of sections) {
    section.summaryText =
      section.requiredCount === 0
        ? wording.nothingRequired
        : section.missing.length === 0
          ? wording.allRequiredAnswered(section.requiredCount)
          : wording.sectionMissing(section.missing);
  }
  const requiredCount = sections.reduce((n, s) => n + s.requiredCount, 0);
  const answeredCount = sections.reduce((n, s) => n + s.answeredCount, 0);
  return {
    sections,
    requiredCount,
    answeredCount,
    percent: requiredCount === 0 ? 100 : Math.round((answeredCount / requiredCount) * 100),
    complete: answeredCount === requiredCount,
    meterText: wording.meter(answeredCount, requiredCount),
  };
}

// Handoff__c.Status__c values, and what each one lets Sales do.
export const STATUS_DRAFT = "Draft";
export const STATUS_SUBMITTED = "Submitted";
export const STATUS_ACCEPTED = "Accepted";
const SUBMITTABLE = new Set(["Draft", "Returned", "Info Requested"]);

export function canSubmitFrom(status: string | null | undefined): boolean {
  return SUBMITTABLE.has(status ?? STATUS_DRAFT);
}

export function isLockedForSales(status: string | null | undefined): boolean {
  return status === STATUS_ACCEPTED;
}

export interface HandoffClockInput {
  status: string | null;
  handoffDueAt: string | null;
  firstTouchDueAt: string | null;
  firstTouchAt: string | null;
}

export interface SlaClock {
  label: string;
  dueAt: string;
  overdue: boolean;
  // Due within NEAR_DUE_HOURS: the badge turns to a warning before it turns to an error.
  nearDue: boolean;
  text: string;
}

// One threshold for "due soon", shared by the rep's checklist and the CSM's list, so both badges agree.
export const NEAR_DUE_HOURS = 4;

export function isNearDue(remainingMs: number): boolean {
  return remainingMs >= 0 && remainingMs <= NEAR_DUE_HOURS * 3600000;
}

// SLDS badge themes: error when overdue, warning when due soon, plain otherwise.
export function clockBadgeClass(clock: { overdue: boolean; nearDue: boolean } | null): string {
  if (!clock) return "slds-badge";
  if (clock.overdue) return "slds-badge slds-theme_error";
  if (clock.nearDue) return "slds-badge slds-theme_warning";
  return "slds-badge slds-badge_lightest";
}

// The handoff's stages as a Path: Draft, Submitted, Accepted. The side statuses take the place of the stage they
// belong to, so the path always shows where the handoff is in words; Returned and Escalated are marked as a problem.
export interface StatusPath {
  steps: { label: string; value: string }[];
  current: string;
  hasError: boolean;
}

export function statusPath(status: string | null | undefined): StatusPath {
  const current = status ?? STATUS_DRAFT;
  const first = current === "Returned" ? "Returned" : STATUS_DRAFT;
  const middle = current === "Info Requested" || current === "Escalated" ? current : STATUS_SUBMITTED;
  const steps = [first, middle, STATUS_ACCEPTED].map((label) => ({ label, value: label }));
  return { steps, current, hasError: current === "Returned" || current === "Escalated" };
}

export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${mins} min`;
  return `${mins} min`;
}

// Sales owns the handoff clock until submission; after that the clock is CS's first touch.
export function slaClock(
  handoff: HandoffClockInput,
  now: Date,
  wording: ChecklistWording = ENGLISH_CHECKLIST_WORDING,
): SlaClock | null {
  const salesSide = canSubmitFrom(handoff.status);
  if (!salesSide && handoff.firstTouchAt) return null;
  const label = salesSide ? wording.handoffDue : wording.firstTouchDue;
  const dueAt = salesSide ? handoff.handoffDueAt : handoff.firstTouchDueAt;
  if (!dueAt) return null;
  const remaining = new Date(dueAt).getTime() - now.getTime();
  const overdue = remaining < 0;
  return {
    label,
    dueAt,
    overdue,
    nearDue: isNearDue(remaining),
    text: overdue ? wording.overdueBy(formatDuration(-remaining)) : wording.timeLeft(formatDuration(remaining)),
  };
}

// LDS and Apex errors come in several shapes; the user needs one readable sentence.
export function errorMessages(error: unknown): string[] {
  const errors = Array.isArray(error) ? error : [error];
  const out: string[] = [];
  for (const e of errors) {
    if (!e) continue;
    const body = (e as { body?: unknown }).body;
    if (Array.isArray(body)) out.push(...body.map((b) => String((b as { message?: string }).message ?? b)));
    else if (body && typeof (body as { message?: unknown }).message === "string")
      out.push((body as { message: string }).message);
    else if (typeof (e as { message?: unknown }).message === "string") out.push((e as { message: string }).message);
    else if (typeof (e as { statusText?: unknown }).statusText === "string")
      out.push((e as { statusText: string }).statusText);
  }
  return out.length ? out : ["Unknown error"];
}

// Whether an error means the user lacks access. Platform errors say so by status or error code; an Apex refusal
// (AuraHandledException) carries only its message, written from a Custom Label in the user's language, so it is
// recognised by the text before the label's first {0}: `refusalTexts` are those labels, as the component reads them.
export function isNoAccessError(error: unknown, refusalTexts: readonly string[] = []): boolean {
  const e = error as { status?: number; body?: unknown } | null;
  if (!e) return false;
  if (e.status === 403 || e.status === 404) return true;
  const refusalStarts = refusalTexts.map((text) => text.split("{")[0].trim()).filter((start) => start.length > 0);
  const bodies = Array.isArray(e.body) ? e.body : [e.body];
  return bodies.some((b) => {
    const errorCode = String((b as { errorCode?: string } | null)?.errorCode ?? "");
    const message = String((b as { message?: string } | null)?.message ?? "");
    return (
      errorCode.startsWith("INSUFFICIENT_ACCESS") ||
      /insufficient access/i.test(message) ||
      refusalStarts.some((start) => message.startsWith(start))
    );
  });
}
