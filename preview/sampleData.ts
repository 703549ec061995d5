// The sample org the preview runs on: a few closed deals of both tiers whose handoffs are in different states, plus
// the requirement records, settings, field labels and picklist values read from force-app at build time, so the
// preview shows what an admin configured, not a copy of it. Times are hours relative to page load, so the SLA clocks
// read the same whenever the page is opened.
import { DEFAULT_SOURCE, parseMetadataFile, readObjectFields, type FieldDefinition } from "../scripts/lib/forceApp.ts";
import type { RequirementRecord } from "../force-app/main/default/lwc/handoffRules/handoffRules.ts";
import {
  handoffTier,
  loadGroupOrder,
  loadRequirements,
  loadSettings,
  type HandoffRequirement,
  type HandoffSettings,
  type Tier,
} from "../scripts/lib/handoffConfig.ts";

// A datetime is written as hours from page load; the browser store turns it into an ISO timestamp.
export interface RelativeTime {
  hoursFromNow: number;
}
export type SampleValue = string | number | boolean | null | RelativeTime;

export interface SampleRecord {
  apiName: string;
  id: string;
  fields: Record<string, SampleValue>;
}

// The shape of LDS ObjectInfo.fields[...] that the components and the form stand-ins read.
export interface SampleFieldInfo {
  apiName: string;
  label: string;
  dataType: string;
  updateable: boolean;
  referenceTo: string | null;
  relationshipName: string | null;
  picklistValues: string[];
  // Text fields: the maximum length, as ObjectInfo.fields[...].length reports it; null for other types.
  length: number | null;
}

export interface SampleObjectInfo {
  apiName: string;
  label: string;
  fields: Record<string, SampleFieldInfo>;
}

export interface SampleUser {
  id: string;
  name: string;
  role: "Sales" | "CS" | "CS manager";
}

export interface PreviewData {
  // The Apex answer of HandoffChecklistController.getChecklistConfig, built from the custom metadata records.
  checklistConfig: {
    requirements: RequirementRecord[];
    settings: { placeholderAnswers: string; minAnswerLength: number };
    groupOrder: string[];
  };
  settings: HandoffSettings;
  returnReasons: string[];
  objectInfos: Record<string, SampleObjectInfo>;
  users: SampleUser[];
  salesUserId: string;
  csUserId: string;
  csManagerId: string;
  records: SampleRecord[];
  // Deals in the order the page lists them; the first is where the happy path starts.
  dealIds: string[];
}

// Ids look like Salesforce Ids (key prefix + 15 characters) so code that checks their shape accepts them, but
// they are made up and exist in no org.
export function sampleId(prefix: string, n: number): string {
  return `${prefix}PRV${String(n).padStart(9, "0")}AAA`;
}

// Salesforce field types as LDS names them in ObjectInfo.fields[...].dataType.
const LDS_DATA_TYPES: Record<string, string> = {
  LongTextArea: "TextArea",
  TextArea: "TextArea",
  Text: "String",
  Lookup: "Reference",
  MasterDetail: "Reference",
  Date: "Date",
  DateTime: "DateTime",
  Checkbox: "Boolean",
  Picklist: "Picklist",
  Number: "Double",
  Currency: "Currency",
  Percent: "Percent",
  Email: "Email",
  Phone: "Phone",
  Url: "Url",
};

function picklistValues(field: FieldDefinition): string[] {
  if (field.type !== "Picklist") return [];
  const { body } = parseMetadataFile(field.path);
  const valueSet = body.valueSet as { valueSetDefinition?: { value?: { fullName?: unknown }[] } } | undefined;
  return (valueSet?.valueSetDefinition?.value ?? []).map((v) => String(v.fullName));
}

// The length the record UI API reports for text fields, from the field's metadata.
function fieldLength(field: FieldDefinition): number | null {
  const { body } = parseMetadataFile(field.path);
  const length = Number(body.length);
  return Number.isInteger(length) && length > 0 ? length : null;
}

function fieldInfo(field: FieldDefinition): SampleFieldInfo {
  const dataType = LDS_DATA_TYPES[field.type];
  if (!dataType) throw new Error(`${field.path}: the preview does not know how to show a ${field.type} field`);
  const isReference = dataType === "Reference";
  return {
    apiName: field.name,
    label: field.label,
    dataType,
    updateable: !field.formula,
    referenceTo: isReference ? (field.referenceTo ?? null) : null,
    relationshipName: isReference ? field.name.replace(/__c$/, "__r") : null,
    picklistValues: picklistValues(field),
    length: fieldLength(field),
  };
}

function standardField(apiName: string, label: string, dataType: string, updateable = true): SampleFieldInfo {
  return {
    apiName,
    label,
    dataType,
    updateable,
    referenceTo: null,
    relationshipName: null,
    picklistValues: [],
    length: null,
  };
}

function objectInfo(
  apiName: string,
  label: string,
  standard: SampleFieldInfo[],
  source: string,
  custom = true,
): SampleObjectInfo {
  const fields: Record<string, SampleFieldInfo> = {};
  for (const field of standard) fields[field.apiName] = field;
  if (custom) for (const field of readObjectFields(apiName, source).values()) fields[field.name] = fieldInfo(field);
  return { apiName, label, fields };
}

function toChecklistRequirement(requirement: HandoffRequirement) {
  return {
    developerName: requirement.developerName,
    label: requirement.label,
    fieldApiName: requirement.field,
    groupName: requirement.group,
    guidancePrompt: requirement.prompt || null,
    whyCsNeedsIt: requirement.whyCsNeedsIt || null,
    requiredHighTouch: requirement.requiredFor["High-Touch"],
    requiredLowTouch: requirement.requiredFor["Low-Touch"],
    displayOrder: requirement.displayOrder,
  };
}

// Full, realistic answers for every requirement field a deal may carry; each deal below leaves some out.
const GOOD_ANSWERS: Record<string, string> = {
  Business_Goals__c: "Cut onboarding time for new stores from 6 weeks to 2, and report weekly to the COO.",
  Pain_Points__c: "Store managers re-key orders into three systems; errors cost about 4% of revenue.",
  Success_Criteria__c: "20 stores live by end of Q1 with fewer than 1% order errors in the first month.",
  Contract_Terms__c: "3-year term, annual billing, 90-day out clause if go-live slips past Q2.",
  Implementation_Timeline__c: "Kickoff in week 1, pilot with 5 stores in weeks 2-6, rollout in weeks 7-12.",
  Known_Objections__c: "IT worried about SSO setup effort; we agreed to include two days of admin help.",
  Concerns_Raised__c: "Finance asked whether usage-based fees can spike; we showed the cap in the order form.",
  Competitor_Threats__c: "Incumbent vendor offered a 30% discount to stay; renewal decision was close.",
  Communication_Preferences__c: "Weekly Tuesday call with the champion; email for anything else, no Slack.",
  Key_Conversations__c: "Demo with the COO on the 3rd; pricing call with Finance on the 10th (notes in Gong).",
  Promises_Made__c: "- Two days of on-site admin training\n- SSO working before the pilot starts",
  Handoff_Notes__c: "Champion is new in role; loop in the executive sponsor early.",
};

interface DealPlan {
  account: string;
  name: string;
  amount: number;
  complexity: string | null;
  // Requirement fields left blank (or given a placeholder) on this deal.
  blank: string[];
  placeholders?: Record<string, string>;
  products: { name: string; quantity: number; unitPrice: number }[];
  // Without a handoff: the deal is still open.
  handoff: null | {
    status: string;
    csOwner: "cs" | "other" | null;
    closedHoursAgo: number;
    submittedHoursAgo?: number;
    acceptedHoursAgo?: number;
    firstTouchHoursAgo?: number;
    missingInfoRequest?: string;
    returnReason?: string;
    escalationLevel?: number;
    verified?: string[];
    promises?: { text: string; status: string }[];
  };
}

const DEALS: DealPlan[] = [
  {
    account: "Acme Retail",
    name: "Acme Retail - Store Platform",
    amount: 120000,
    complexity: "Medium",
    blank: ["Technical_Contact__c", "Target_Go_Live_Date__c", "Promises_Made__c"],
    placeholders: { Pain_Points__c: "tbd" },
    products: [
      { name: "Store Platform Enterprise", quantity: 40, unitPrice: 2500 },
      { name: "Onboarding Package", quantity: 1, unitPrice: 20000 },
    ],
    handoff: { status: "Draft", csOwner: "cs", closedHoursAgo: 6 },
  },
  {
    account: "Globex Foods",
    name: "Globex Foods - Starter",
    amount: 18000,
    complexity: "Low",
    blank: ["Pain_Points__c", "Decision_Maker__c", "Executive_Sponsor__c", "Known_Objections__c"],
    products: [{ name: "Store Platform Starter", quantity: 12, unitPrice: 1500 }],
    handoff: { status: "Submitted", csOwner: "cs", closedHoursAgo: 20, submittedHoursAgo: 5 },
  },
  {
    account: "Initech",
    name: "Initech - Analytics Add-on",
    amount: 64000,
    complexity: "High",
    blank: ["Executive_Sponsor__c", "Implementation_Timeline__c"],
    products: [{ name: "Analytics Add-on", quantity: 1, unitPrice: 64000 }],
    handoff: {
      status: "Info Requested",
      csOwner: "cs",
      closedHoursAgo: 51,
      submittedHoursAgo: 30,
      missingInfoRequest:
        "Requested by Casey Morgan:\n- Executive sponsor\n- Implementation timeline\nNote: who signs off the rollout?",
    },
  },
  {
    account: "Umbrella Health",
    name: "Umbrella Health - Clinic Rollout",
    amount: 210000,
    complexity: "High",
    blank: [],
    products: [{ name: "Store Platform Enterprise", quantity: 84, unitPrice: 2500 }],
    handoff: {
      status: "Accepted",
      csOwner: "cs",
      closedHoursAgo: 80,
      submittedHoursAgo: 40,
      acceptedHoursAgo: 30,
      verified: ["Business_Goals__c", "Success_Criteria__c", "Champion__c"],
      promises: [
        { text: "Two days of on-site admin training", status: "Kept" },
        { text: "SSO working before the pilot starts", status: "Broken" },
      ],
    },
  },
  {
    account: "Stark Logistics",
    name: "Stark Logistics - Pilot",
    amount: 9000,
    complexity: "Low",
    blank: ["Pain_Points__c", "Contract_Terms__c"],
    products: [{ name: "Store Platform Starter", quantity: 6, unitPrice: 1500 }],
    handoff: { status: "Submitted", csOwner: null, closedHoursAgo: 10, submittedHoursAgo: 2 },
  },
  {
    account: "Wayne Outfitters",
    name: "Wayne Outfitters - Expansion",
    amount: 75000,
    complexity: "Medium",
    blank: ["Success_Criteria__c", "Champion__c", "Contract_Start_Date__c", "Promises_Made__c", "Key_Conversations__c"],
    products: [],
    handoff: null,
  },
];

const CONTACT_ROLES = [
  { first: "Dana", last: "Cho", title: "VP Operations", field: "Champion__c" },
  { first: "Sam", last: "Okafor", title: "COO", field: "Decision_Maker__c" },
  { first: "Lee", last: "Brandt", title: "CFO", field: "Executive_Sponsor__c" },
  { first: "Ari", last: "Novak", title: "IT Lead", field: "Technical_Contact__c" },
];

function hoursAgo(hours: number | undefined): RelativeTime | null {
  return hours === undefined ? null : { hoursFromNow: -hours };
}

function slaHours(map: Record<Tier, number | null>, tier: Tier): number {
  const hours = map[tier];
  if (hours === null) throw new Error(`Handoff_Setting__mdt.Default has no SLA hours for ${tier}`);
  return hours;
}

export function buildSampleData(source = DEFAULT_SOURCE): PreviewData {
  const requirements = loadRequirements(source);
  const settings = loadSettings(source);
  const handoffFields = readObjectFields("Handoff__c", source);
  const returnReasonField = handoffFields.get("Return_Reason__c");
  const returnReasons = returnReasonField ? picklistValues(returnReasonField) : [];

  const users: SampleUser[] = [
    { id: sampleId("005", 1), name: "Riley Chen", role: "Sales" },
    { id: sampleId("005", 2), name: "Casey Morgan", role: "CS" },
    { id: sampleId("005", 3), name: "Jordan Patel", role: "CS" },
    { id: sampleId("005", 4), name: "Morgan Reyes", role: "CS manager" },
  ];
  const [sales, cs, otherCs, manager] = users;

  const objectInfos: Record<string, SampleObjectInfo> = {
    Opportunity: objectInfo(
      "Opportunity",
      "Opportunity",
      [
        standardField("Name", "Opportunity Name", "String"),
        { ...standardField("AccountId", "Account Name", "Reference", false), referenceTo: "Account" },
        standardField("Amount", "Amount", "Currency", false),
        standardField("CloseDate", "Close Date", "Date", false),
        standardField("StageName", "Stage", "Picklist", false),
        standardField("HasOpportunityLineItem", "Has Line Item", "Boolean", false),
      ],
      source,
    ),
    Handoff__c: objectInfo("Handoff__c", "Handoff", [standardField("Name", "Handoff Number", "String", false)], source),
    // The intake panel reads the note fields' lengths from it.
    Handoff_Promise__c: objectInfo("Handoff_Promise__c", "Handoff Promise", [], source),
  };
  objectInfos.Opportunity.fields.AccountId.relationshipName = "Account";
  objectInfos.OpportunityLineItem = objectInfo(
    "OpportunityLineItem",
    "Opportunity Product",
    [
      standardField("Name", "Product Name", "String", false),
      standardField("Quantity", "Quantity", "Double", false),
      standardField("UnitPrice", "Sales Price", "Currency", false),
      standardField("TotalPrice", "Total Price", "Currency", false),
    ],
    source,
    false,
  );

  // Reserved example domain: sample people, reachable by nobody (the kickoff form shows invitees with their email).
  const records: SampleRecord[] = users.map((u) => ({
    apiName: "User",
    id: u.id,
    fields: { Name: u.name, Email: `${u.name.replace(" ", ".").toLowerCase()}@example.com` },
  }));
  const dealIds: string[] = [];
  let contactCount = 0;
  let productCount = 0;
  let promiseCount = 0;
  let handoffCount = 0;

  DEALS.forEach((deal, index) => {
    const accountId = sampleId("001", index + 1);
    const opportunityId = sampleId("006", index + 1);
    dealIds.push(opportunityId);
    records.push({ apiName: "Account", id: accountId, fields: { Name: deal.account } });

    const contactIds: Record<string, string> = {};
    for (const role of CONTACT_ROLES) {
      contactCount += 1;
      const id = sampleId("003", contactCount);
      contactIds[role.field] = id;
      records.push({
        apiName: "Contact",
        id,
        fields: {
          Name: `${role.first} ${role.last}`,
          Title: role.title,
          // Reserved example domain and fictional 555 numbers: sample people, reachable by nobody.
          Email: `${role.first}.${role.last}@${deal.account.split(" ")[0]}.example.com`.toLowerCase(),
          Phone: `+1 555 01${String(contactCount).padStart(2, "0")}`,
          AccountId: accountId,
        },
      });
    }

    const tier = handoffTier(deal.amount, deal.complexity, settings);
    const answers: Record<string, SampleValue> = {};
    for (const requirement of requirements) {
      const field = requirement.field;
      if (field === "HasOpportunityLineItem") continue;
      const blank = deal.blank.includes(field);
      if (field in contactIds) answers[field] = blank ? null : contactIds[field];
      else if (field === "Contract_Start_Date__c") answers[field] = blank ? null : "2026-12-15";
      else if (field === "Target_Go_Live_Date__c") answers[field] = blank ? null : "2027-03-01";
      else answers[field] = blank ? null : (deal.placeholders?.[field] ?? GOOD_ANSWERS[field] ?? null);
    }
    for (const [field, placeholder] of Object.entries(deal.placeholders ?? {})) answers[field] = placeholder;

    records.push({
      apiName: "Opportunity",
      id: opportunityId,
      fields: {
        Name: deal.name,
        AccountId: accountId,
        Amount: deal.amount,
        CloseDate: "2026-11-20",
        StageName: deal.handoff ? settings.wonStage : "Negotiation/Review",
        Deal_Complexity__c: deal.complexity,
        // The formula field's value, computed by the same rule the formula encodes (scripts/lib/handoffConfig.ts).
        Handoff_Tier__c: tier,
        OwnerId: sales.id,
        ...answers,
      },
    });

    for (const product of deal.products) {
      productCount += 1;
      records.push({
        apiName: "OpportunityLineItem",
        id: sampleId("00k", productCount),
        fields: {
          OpportunityId: opportunityId,
          Name: product.name,
          Quantity: product.quantity,
          UnitPrice: product.unitPrice,
          TotalPrice: product.quantity * product.unitPrice,
        },
      });
    }

    const plan = deal.handoff;
    if (!plan) return;
    handoffCount += 1;
    const handoffId = sampleId("a0H", handoffCount);
    const csOwner = plan.csOwner === "cs" ? cs.id : plan.csOwner === "other" ? otherCs.id : null;
    const handoffDueHours = slaHours(settings.handoffSlaHours, tier) - plan.closedHoursAgo;
    const firstTouchDue =
      plan.submittedHoursAgo === undefined
        ? null
        : { hoursFromNow: slaHours(settings.firstTouchSlaHours, tier) - plan.submittedHoursAgo };
    records.push({
      apiName: "Handoff__c",
      id: handoffId,
      fields: {
        Name: `H-${String(handoffCount).padStart(5, "0")}`,
        Opportunity__c: opportunityId,
        Opportunity_Key__c: opportunityId,
        Account__c: accountId,
        Status__c: plan.status,
        Tier__c: tier,
        Sales_Owner__c: sales.id,
        CS_Owner__c: csOwner,
        Closed_At__c: hoursAgo(plan.closedHoursAgo),
        Handoff_Due_At__c: { hoursFromNow: handoffDueHours },
        Submitted_At__c: hoursAgo(plan.submittedHoursAgo),
        First_Touch_Due_At__c: firstTouchDue,
        Accepted_At__c: hoursAgo(plan.acceptedHoursAgo),
        First_Touch_At__c: hoursAgo(plan.firstTouchHoursAgo),
        Missing_Info_Request__c: plan.missingInfoRequest ?? null,
        Return_Reason__c: plan.returnReason ?? null,
        Escalation_Level__c: plan.escalationLevel ?? null,
        Escalation_Count__c: plan.escalationLevel ? 1 : 0,
        Verified_Items__c: (plan.verified ?? []).join("\n") || null,
        Intake_Notes__c: null,
      },
    });
    (plan.promises ?? []).forEach((promise, line) => {
      promiseCount += 1;
      records.push({
        apiName: "Handoff_Promise__c",
        id: sampleId("a0P", promiseCount),
        fields: {
          Handoff__c: handoffId,
          Promise__c: promise.text,
          Line_Number__c: line + 1,
          Status__c: promise.status,
          Status_Note__c: promise.status === "Broken" ? "SSO slipped two weeks past pilot start" : null,
          Noted_By__c: promise.status === "Open" ? null : cs.id,
          Noted_At__c: promise.status === "Open" ? null : { hoursFromNow: -4 },
        },
      });
    });
  });

  return {
    checklistConfig: {
      requirements: requirements.map(toChecklistRequirement),
      settings: {
        placeholderAnswers: settings.placeholderAnswers.join(";"),
        minAnswerLength: settings.minAnswerLength,
      },
      groupOrder: loadGroupOrder(source),
    },
    settings,
    returnReasons,
    objectInfos,
    users,
    salesUserId: sales.id,
    csUserId: cs.id,
    csManagerId: manager.id,
    records,
    dealIds,
  };
}
