// Reads the audit's deals from an org in three API calls, and still works on an org where none of
// this app's metadata is deployed (that is when a team audits its current process).
import {
  handoffTier,
  loadRequirements,
  loadSettings,
  toRequirement,
  toSettings,
  TIERS,
  type HandoffRequirement,
  type HandoffSettings,
  type Tier,
} from "../../lib/handoffConfig.ts";
import type { CustomMetadataRecord, CustomMetadataValue } from "../../lib/forceApp.ts";
import {
  fieldKindFromSalesforceType,
  requirementsToFields,
  type AuditDeal,
  type AuditField,
  type FieldKind,
} from "./auditCore.ts";
import {
  explainError,
  queryUrl,
  soqlList,
  soqlString,
  type CompositeSubresponse,
  type QueryResult,
  type SalesforceClient,
  type SalesforceRecord,
} from "./salesforce.ts";

export interface OrgAuditOptions {
  limit?: number;
  since?: string;
  fields?: string[]; // --fields: overrides the requirement records, required for both tiers
  csUsers?: string[]; // user Ids or usernames
  csPermissionSet: string;
}

export interface OrgAuditInput {
  deals: AuditDeal[];
  fields: AuditField[];
  settings: HandoffSettings;
  warnings: string[];
  requirementSource: string;
  soql: string[];
}

interface DescribeField {
  name: string;
  type: string;
  label: string;
}

const REQUIREMENT_SOQL =
  "SELECT DeveloperName, MasterLabel, Field_API_Name__c, Group__c, Guidance_Prompt__c, Why_CS_Needs_It__c, " +
  "Required_High_Touch__c, Required_Low_Touch__c, Display_Order__c FROM Handoff_Requirement__mdt";
const SETTINGS_SOQL =
  "SELECT DeveloperName, MasterLabel, High_Touch_Min_Amount__c, High_Touch_Complexities__c, Won_Stage__c, Early_Intro_Stage__c, " +
  "Go_Live_Date__c, Excluded_Deal_Types__c, Placeholder_Answers__c, Min_Answer_Length__c, Handoff_SLA_Hours_High_Touch__c, " +
  "Handoff_SLA_Hours_Low_Touch__c, First_Touch_SLA_Hours_High_Touch__c, First_Touch_SLA_Hours_Low_Touch__c " +
  "FROM Handoff_Setting__mdt WHERE DeveloperName = 'Default'";

const USER_ID = /^005[0-9A-Za-z]{12}([0-9A-Za-z]{3})?$/;

function asMetadataRecord(type: string, r: SalesforceRecord): CustomMetadataRecord {
  const values: Record<string, CustomMetadataValue> = {};
  for (const [k, v] of Object.entries(r)) {
    if (k.endsWith("__c")) values[k] = (v as CustomMetadataValue) ?? null;
  }
  const developerName = String(r.DeveloperName);
  return {
    type,
    developerName,
    label: String(r.MasterLabel ?? developerName),
    values,
    path: `org ${type} ${developerName}`,
  };
}

const queryPath = queryUrl;

function ok(sub: CompositeSubresponse | undefined): sub is CompositeSubresponse {
  return !!sub && sub.httpStatusCode >= 200 && sub.httpStatusCode < 300;
}

function subError(sub: CompositeSubresponse | undefined) {
  const body = sub?.body;
  return explainError(Array.isArray(body) ? body[0] : (body ?? { message: "no response" }));
}

export async function loadOrgAudit(
  client: SalesforceClient,
  options: OrgAuditOptions,
  progress: (m: string) => void,
): Promise<OrgAuditInput> {
  const warnings: string[] = [];
  const soql: string[] = [];
  const csIds = (options.csUsers ?? []).filter((u) => USER_ID.test(u));
  const csUsernames = (options.csUsers ?? []).filter((u) => !USER_ID.test(u));
  const csSoql = options.csUsers?.length
    ? csUsernames.length
      ? `SELECT Id FROM User WHERE Username IN ${soqlList(csUsernames)}`
      : null
    : `SELECT AssigneeId FROM PermissionSetAssignment WHERE PermissionSet.Name = ${soqlString(options.csPermissionSet)}`;

  // Call 1: what the org has (describe), its requirement records and settings, and who CS is.
  progress("reading the org's configuration");
  const first: Parameters<SalesforceClient["composite"]>[0] = [
    { method: "GET", url: `${client.apiBase}/sobjects/Opportunity/describe`, referenceId: "describe" },
    { method: "GET", url: queryPath(client, REQUIREMENT_SOQL), referenceId: "requirements" },
    { method: "GET", url: queryPath(client, SETTINGS_SOQL), referenceId: "settings" },
  ];
  soql.push(REQUIREMENT_SOQL, SETTINGS_SOQL);
  if (csSoql) {
    first.push({ method: "GET", url: queryPath(client, csSoql), referenceId: "csUsers" });
    soql.push(csSoql);
  }
  const config = await client.composite(first);
  // Every page of a composite query result: a subresponse holds the first 2,000 records at most.
  const records = (sub: CompositeSubresponse, label: string) =>
    client.remainingPages(sub.body as QueryResult<SalesforceRecord>, label);

  const describe = config.get("describe");
  if (!ok(describe)) throw subError(describe);
  const orgFields = new Map((describe.body as { fields: DescribeField[] }).fields.map((f) => [f.name, f]));
  const kindOf = (field: string): FieldKind | undefined => {
    const f = orgFields.get(field);
    return f ? fieldKindFromSalesforceType(f.type) : undefined;
  };

  let settings: HandoffSettings;
  const settingsSub = config.get("settings");
  const settingsRecords = ok(settingsSub) ? await records(settingsSub, "settings") : [];
  if (settingsRecords.length) {
    settings = toSettings(asMetadataRecord("Handoff_Setting__mdt", settingsRecords[0]));
  } else {
    settings = loadSettings();
    warnings.push(
      ok(settingsSub)
        ? "Handoff_Setting__mdt has no Default record in the org: using the repository's settings."
        : `Handoff_Setting__mdt is not readable in the org (${subError(settingsSub).errorCode}): using the repository's settings.`,
    );
  }

  let requirements: HandoffRequirement[];
  let requirementSource: string;
  const reqSub = config.get("requirements");
  const requirementRecords = ok(reqSub) ? await records(reqSub, "requirements") : [];
  if (options.fields?.length) {
    requirements = options.fields.map((field, i) => ({
      developerName: field,
      label: orgFields.get(field)?.label ?? field,
      field,
      group: "Notes",
      prompt: "",
      whyCsNeedsIt: "",
      requiredFor: { "High-Touch": true, "Low-Touch": true },
      displayOrder: i,
    }));
    requirementSource = "--fields";
  } else if (requirementRecords.length) {
    requirements = requirementRecords.map((r) => toRequirement(asMetadataRecord("Handoff_Requirement__mdt", r)));
    requirementSource = "the org's Handoff_Requirement__mdt records";
  } else {
    requirements = loadRequirements();
    requirementSource = "the repository's Handoff_Requirement__mdt records (none readable in the org)";
    if (!ok(reqSub))
      warnings.push(
        `Handoff_Requirement__mdt is not readable in the org (${subError(reqSub).errorCode}): using the repository's requirement list.`,
      );
  }
  const fields = requirementsToFields(requirements, kindOf);
  const notDeployed = fields.filter((f) => !f.available);
  if (notDeployed.length) {
    warnings.push(`Not in this org, so not captured: ${notDeployed.map((f) => f.field).join(", ")}.`);
  }

  let csUserIds = [...csIds];
  const csSub = config.get("csUsers");
  if (csSoql && ok(csSub)) {
    csUserIds.push(...(await records(csSub, "CS users")).map((r) => String(r.AssigneeId ?? r.Id)));
  } else if (csSoql) {
    warnings.push(`Could not read the CS users (${subError(csSub).message}).`);
  }
  csUserIds = [...new Set(csUserIds)];
  if (csUserIds.length === 0) {
    warnings.push(
      `No CS users found (nobody has the ${options.csPermissionSet} permission set): handoff timing is not measured. Pass --cs-users with their usernames.`,
    );
  }

  // Call 2: the deals.
  const optional = ["Deal_Complexity__c", "Handoff_Tier__c"].filter((f) => orgFields.has(f));
  const selected = [
    ...new Set([
      "Id",
      "Name",
      "AccountId",
      "Account.Name",
      "CloseDate",
      "Amount",
      "StageName",
      "Type",
      "Owner.Name",
      ...optional,
      ...fields.filter((f) => f.available).map((f) => f.field),
    ]),
  ];
  const where = ["IsWon = true", ...(options.since ? [`CloseDate >= ${options.since}`] : [])];
  const limit = options.limit ?? (options.since ? undefined : 15);
  const dealSoql = `SELECT ${selected.join(", ")} FROM Opportunity WHERE ${where.join(" AND ")} ORDER BY CloseDate DESC${limit ? ` LIMIT ${limit}` : ""}`;
  soql.push(dealSoql);
  progress("reading closed-won deals");
  const opps = (await client.query(dealSoql, "deals")).records;

  // Call 3: the first CS activity on each deal's account after its close date.
  const firstTouch = new Map<string, string[]>();
  const accountIds = [...new Set(opps.map((o) => String(o.AccountId ?? "")).filter(Boolean))];
  const timingKnown = csUserIds.length > 0;
  if (timingKnown && accountIds.length) {
    const since = opps.map((o) => String(o.CloseDate)).sort()[0];
    const activitySoql = (object: string) =>
      `SELECT AccountId, ActivityDate, OwnerId FROM ${object} WHERE AccountId IN ${soqlList(accountIds)} AND OwnerId IN ${soqlList(csUserIds)} AND ActivityDate >= ${since} ORDER BY ActivityDate ASC`;
    soql.push(activitySoql("Task"), activitySoql("Event"));
    progress("reading CS activities on those accounts");
    const activities = await client.composite([
      { method: "GET", url: queryPath(client, activitySoql("Task")), referenceId: "tasks" },
      { method: "GET", url: queryPath(client, activitySoql("Event")), referenceId: "events" },
    ]);
    for (const ref of ["tasks", "events"]) {
      const sub = activities.get(ref);
      if (!ok(sub)) throw subError(sub);
      for (const a of await records(sub, ref)) {
        const list = firstTouch.get(String(a.AccountId)) ?? [];
        list.push(String(a.ActivityDate));
        firstTouch.set(String(a.AccountId), list);
      }
    }
  }

  const deals: AuditDeal[] = opps.map((o) => {
    const closeDate = String(o.CloseDate);
    const amount = typeof o.Amount === "number" ? o.Amount : null;
    const complexity = (o.Deal_Complexity__c as string | null | undefined) ?? null;
    const tierValue = o.Handoff_Tier__c as string | undefined;
    const tier: Tier = TIERS.includes(tierValue as Tier)
      ? (tierValue as Tier)
      : handoffTier(amount, complexity, settings);
    const values: AuditDeal["values"] = {};
    for (const f of fields)
      if (f.available) values[f.field] = (o[f.field] as string | boolean | null | undefined) ?? null;
    const touches = (firstTouch.get(String(o.AccountId)) ?? []).filter((d) => d >= closeDate).sort();
    return {
      id: String(o.Id),
      name: String(o.Name),
      account: String((o.Account as { Name?: string } | null)?.Name ?? ""),
      accountId: String(o.AccountId ?? ""),
      closeDate,
      amount,
      stage: (o.StageName as string) ?? null,
      type: (o.Type as string | null) ?? null,
      owner: String((o.Owner as { Name?: string } | null)?.Name ?? "") || null,
      complexity,
      tier,
      values,
      firstCsActivity: timingKnown ? (touches[0] ?? null) : undefined,
    };
  });
  return { deals, fields, settings, warnings, requirementSource, soql };
}
