// Everything the generated documents say that can change: read from force-app, never typed into the documents.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import {
  DEFAULT_SOURCE,
  parseMetadataFile,
  readObjectFields,
  readPicklistValueSet,
  text,
  walkFiles,
  type XmlNode,
} from "../../lib/forceApp.ts";
import {
  loadRequirements,
  loadSettings,
  TIERS,
  type HandoffRequirement,
  type HandoffSettings,
  type Tier,
} from "../../lib/handoffConfig.ts";

export interface DocumentedRequirement extends HandoffRequirement {
  // How the answer is judged, so the cards can say which rules apply to which field.
  answerKind: "text" | "contact" | "date" | "products" | "other";
}

export interface ReportSummary {
  folder: string;
  developerName: string;
  name: string;
  description: string;
}

export interface DashboardSummary {
  folder: string;
  developerName: string;
  title: string;
  components: string[];
}

// Offsets (hours) of the escalation flow's scheduled paths from each stamped rung time, earliest first. The rung
// times themselves are counted in business hours from the settings when the handoff is closed or submitted.
export interface EscalationSchedule {
  afterHandoffDue: number[];
  afterHandoffEscalationDue: number[];
  afterFirstTouchReminder: number[];
  afterFirstTouchDue: number[];
  afterLeadershipEscalationDue: number[];
}

const RUNG_FIELDS: Record<string, keyof EscalationSchedule> = {
  Handoff_Due_At__c: "afterHandoffDue",
  Handoff_Escalation_Due_At__c: "afterHandoffEscalationDue",
  First_Touch_Reminder_At__c: "afterFirstTouchReminder",
  First_Touch_Due_At__c: "afterFirstTouchDue",
  Leadership_Escalation_Due_At__c: "afterLeadershipEscalationDue",
};

export interface DocsModel {
  requirements: DocumentedRequirement[];
  settings: HandoffSettings;
  statuses: string[];
  returnReasons: string[];
  reports: ReportSummary[];
  dashboards: DashboardSummary[];
  tabs: string[];
  escalation: EscalationSchedule;
  fingerprint: string;
}

// Products purchased are the standard Products related list, which a custom field file does not describe.
const STANDARD_REQUIREMENT_KINDS: Record<string, DocumentedRequirement["answerKind"]> = {
  HasOpportunityLineItem: "products",
};

function answerKind(fieldType: string | undefined, field: string): DocumentedRequirement["answerKind"] {
  if (STANDARD_REQUIREMENT_KINDS[field]) return STANDARD_REQUIREMENT_KINDS[field];
  if (fieldType === "LongTextArea" || fieldType === "TextArea" || fieldType === "Text") return "text";
  if (fieldType === "Lookup") return "contact";
  if (fieldType === "Date" || fieldType === "DateTime") return "date";
  return "other";
}

export function readPicklistValues(object: string, field: string, source = DEFAULT_SOURCE): string[] {
  return readPicklistValueSet(object, field, source).map((v) => v.label);
}

function asArray(node: unknown): XmlNode[] {
  if (node === undefined || node === null) return [];
  return (Array.isArray(node) ? node : [node]) as XmlNode[];
}

// The folder's label from its folder metadata (reports/<Folder>.reportFolder-meta.xml), else its API name.
function folderLabel(folderPath: string, suffix: string): string {
  const metadata = `${folderPath}.${suffix}-meta.xml`;
  return (existsSync(metadata) ? text(parseMetadataFile(metadata).body.name) : undefined) ?? basename(folderPath);
}

export function readReports(source = DEFAULT_SOURCE): ReportSummary[] {
  return walkFiles(join(source, "reports"), ".report-meta.xml").map((path) => {
    const { body } = parseMetadataFile(path);
    return {
      folder: folderLabel(dirname(path), "reportFolder"),
      developerName: basename(path, ".report-meta.xml"),
      name: text(body.name) ?? basename(path, ".report-meta.xml"),
      description: text(body.description) ?? "",
    };
  });
}

export function readDashboards(source = DEFAULT_SOURCE): DashboardSummary[] {
  return walkFiles(join(source, "dashboards"), ".dashboard-meta.xml").map((path) => {
    const { body } = parseMetadataFile(path);
    const components = ["leftSection", "middleSection", "rightSection"].flatMap((section) =>
      asArray((body[section] as XmlNode | undefined)?.components).map(
        (c) => text(c.header) ?? text(c.title) ?? text(c.report) ?? "",
      ),
    );
    const grid = asArray((body.dashboardGridLayout as XmlNode | undefined)?.dashboardGridComponents).map((g) => {
      const c = g.dashboardComponent as XmlNode;
      return text(c.header) ?? text(c.title) ?? text(c.report) ?? "";
    });
    return {
      folder: folderLabel(dirname(path), "dashboardFolder"),
      developerName: basename(path, ".dashboard-meta.xml"),
      title: text(body.title) ?? basename(path, ".dashboard-meta.xml"),
      components: [...components, ...grid].filter(Boolean),
    };
  });
}

const HOURS_PER_UNIT: Record<string, number> = { Minutes: 1 / 60, Hours: 1, Days: 24 };

// Reads the scheduled paths of the record-triggered flows on Handoff__c, so the documented escalation ladder
// follows the automation (a changed offset changes the cards).
export function readEscalationSchedule(source = DEFAULT_SOURCE): EscalationSchedule {
  const schedule: EscalationSchedule = {
    afterHandoffDue: [],
    afterHandoffEscalationDue: [],
    afterFirstTouchReminder: [],
    afterFirstTouchDue: [],
    afterLeadershipEscalationDue: [],
  };
  for (const path of walkFiles(join(source, "flows"), ".flow-meta.xml")) {
    const start = parseMetadataFile(path).body.start as XmlNode | undefined;
    if (!start || text(start.object) !== "Handoff__c") continue;
    for (const scheduled of asArray(start.scheduledPaths)) {
      const hoursPerUnit = HOURS_PER_UNIT[text(scheduled.offsetUnit) ?? ""];
      const offset = Number(text(scheduled.offsetNumber));
      if (hoursPerUnit === undefined || Number.isNaN(offset)) continue;
      const rung = RUNG_FIELDS[text(scheduled.recordField) ?? ""];
      if (rung) schedule[rung].push(offset * hoursPerUnit);
    }
  }
  for (const offsets of Object.values(schedule) as number[][]) offsets.sort((a, b) => a - b);
  return schedule;
}

export function listTabs(source = DEFAULT_SOURCE): string[] {
  return walkFiles(join(source, "tabs"), ".tab-meta.xml").map((p) => basename(p, ".tab-meta.xml"));
}

// The settings that decide what a rep must enter and by when. Operational settings (Slack channel, queues)
// are left out on purpose: changing them is not a requirement change for VP Sales and VP CS to approve.
export const GOVERNED_SETTINGS = [
  "highTouchMinAmount",
  "highTouchComplexities",
  "wonStage",
  "earlyIntroStage",
  "goLiveDate",
  "excludedDealTypes",
  "placeholderAnswers",
  "minAnswerLength",
  "handoffSlaHours",
  "firstTouchSlaHours",
] as const satisfies readonly (keyof HandoffSettings)[];

// A short, stable hash of the rules a handoff is judged by (requirements and settings as the code reads them).
// The requirements changelog records it, so a rule change without a changelog entry fails the tests.
export function configurationFingerprint(requirements: HandoffRequirement[], settings: HandoffSettings): string {
  const canonical = JSON.stringify({
    requirements: [...requirements]
      .sort((a, b) => a.developerName.localeCompare(b.developerName))
      .map((r) => ({
        developerName: r.developerName,
        label: r.label,
        field: r.field,
        group: r.group,
        prompt: r.prompt,
        whyCsNeedsIt: r.whyCsNeedsIt,
        requiredFor: TIERS.map((t) => r.requiredFor[t]),
        displayOrder: r.displayOrder,
      })),
    settings: Object.fromEntries(GOVERNED_SETTINGS.map((key) => [key, settings[key]])),
  });
  return "sha256:" + createHash("sha256").update(canonical).digest("hex").slice(0, 16);
}

export function loadDocsModel(source = DEFAULT_SOURCE): DocsModel {
  const opportunityFields = readObjectFields("Opportunity", source);
  const requirements = loadRequirements(source);
  const settings = loadSettings(source);
  return {
    requirements: requirements.map((r) => ({
      ...r,
      answerKind: answerKind(opportunityFields.get(r.field)?.type, r.field),
    })),
    settings,
    statuses: readPicklistValues("Handoff__c", "Status__c", source),
    returnReasons: readPicklistValues("Handoff__c", "Return_Reason__c", source),
    reports: readReports(source),
    dashboards: readDashboards(source),
    tabs: listTabs(source),
    escalation: readEscalationSchedule(source),
    fingerprint: configurationFingerprint(requirements, settings),
  };
}

export function requiredFor(model: DocsModel, tier: Tier): DocumentedRequirement[] {
  return model.requirements.filter((r) => r.requiredFor[tier]);
}
