// Builds the fake org for the script tests: the schema as deployed from force-app (or a bare org with
// only standard objects), and the sample export's deals as Opportunity records with real lookups,
// tasks and events, so the org audit can be checked against the same hand-computed figures.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT, readCustomMetadataRecords, readObjectFields } from "../../scripts/lib/forceApp.ts";
import { parseCsv } from "../../scripts/revops/lib/csv.ts";
import type { FieldType, Schema } from "./fakeSalesforce.ts";

export const SAMPLE_EXPORT = join(PROJECT_ROOT, "scripts/revops/samples/closed-won-export.csv");

const TYPE_MAP: Record<string, FieldType> = {
  LongTextArea: "textarea",
  TextArea: "textarea",
  Text: "string",
  Lookup: "reference",
  MasterDetail: "reference",
  Date: "date",
  DateTime: "datetime",
  Picklist: "picklist",
  Checkbox: "boolean",
  Number: "double",
  Currency: "currency",
};

const STANDARD: Schema = {
  Organization: { Name: "string", IsSandbox: "boolean" },
  User: { Name: "string", Username: "string", Email: "string", IsActive: "boolean" },
  PermissionSet: { Name: "string" },
  PermissionSetAssignment: { AssigneeId: "reference", PermissionSetId: "reference" },
  Account: { Name: "string", Industry: "picklist" },
  Contact: { FirstName: "string", LastName: "string", AccountId: "reference", Email: "string", Title: "string" },
  Opportunity: {
    Name: "string",
    AccountId: "reference",
    CloseDate: "date",
    Amount: "currency",
    StageName: "picklist",
    Type: "picklist",
    OwnerId: "reference",
    IsWon: "boolean",
    HasOpportunityLineItem: "boolean",
  },
  Task: { AccountId: "reference", OwnerId: "reference", ActivityDate: "date", Subject: "string" },
  Event: { AccountId: "reference", OwnerId: "reference", ActivityDate: "date", Subject: "string" },
};

function customFields(object: string): Record<string, FieldType> {
  return Object.fromEntries([...readObjectFields(object).values()].map((f) => [f.name, TYPE_MAP[f.type] ?? "string"]));
}

// withApp: the org after `sf project deploy start`; without: an org where nothing of ours is deployed.
export function orgSchema(withApp: boolean, extra: Schema = {}): Schema {
  const schema: Schema = JSON.parse(JSON.stringify(STANDARD));
  if (withApp) {
    Object.assign(schema.Opportunity, customFields("Opportunity"));
    Object.assign(schema.Account, customFields("Account"));
    Object.assign(schema.Contact, customFields("Contact"));
    schema.Handoff__c = { Name: "string", ...customFields("Handoff__c") };
    schema.Handoff_Feedback__c = { Name: "string", ...customFields("Handoff_Feedback__c") };
    schema.Handoff_Promise__c = { Name: "string", ...customFields("Handoff_Promise__c") };
    schema.Handoff_Requirement__mdt = {
      DeveloperName: "string",
      MasterLabel: "string",
      ...customFields("Handoff_Requirement__mdt"),
    };
    schema.Handoff_Setting__mdt = {
      DeveloperName: "string",
      MasterLabel: "string",
      ...customFields("Handoff_Setting__mdt"),
    };
  }
  for (const [object, fields] of Object.entries(extra)) schema[object] = { ...(schema[object] ?? {}), ...fields };
  return schema;
}

export function metadataRecords(type: string): Record<string, unknown>[] {
  return readCustomMetadataRecords(type).map((r) => ({
    DeveloperName: r.developerName,
    MasterLabel: r.label,
    ...r.values,
  }));
}

const isoDate = (mdy: string) => {
  const [m, d, y] = mdy.split("/").map(Number);
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
};

export interface SampleOrg {
  records: Record<string, Record<string, unknown>[]>;
  csUserIds: string[];
  salesUserIds: string[];
}

// The sample export's 15 deals as org records. Ids are fixed strings so a test can name them.
export function sampleOrgRecords(withApp: boolean): SampleOrg {
  const { records: rows } = parseCsv(readFileSync(SAMPLE_EXPORT, "utf8"));
  const [header, ...data] = rows;
  const deals = data.filter((r) => r.cells.length === header.cells.length);
  const col = (r: { cells: string[] }, name: string) => r.cells[header.cells.indexOf(name)];
  const userId = (n: number) => `005${String(n).padStart(12, "0")}AAA`;
  const owners = [...new Set(deals.map((d) => col(d, "Opportunity Owner")))];
  const users = [
    ...owners.map((name, i) => ({
      Id: userId(i + 1),
      Name: name,
      Username: `${name.split(" ")[0].toLowerCase()}@example.com`,
    })),
    { Id: userId(50), Name: "Casey CSM", Username: "casey.csm@example.com" },
    { Id: userId(51), Name: "Devon CSM", Username: "devon.csm@example.com" },
  ];
  const csUserIds = [userId(50), userId(51)];
  const out: SampleOrg["records"] = {
    Organization: [{ Id: "00D000000000001AAA", Name: "Acme Software", IsSandbox: true }],
    User: users,
    PermissionSet: [{ Id: "0PS000000000001AAA", Name: "Handoff_CS" }],
    PermissionSetAssignment: withApp
      ? csUserIds.map((id, i) => ({
          Id: `0Pa00000000000${i}AAA`,
          AssigneeId: id,
          PermissionSetId: "0PS000000000001AAA",
        }))
      : [],
    Account: [],
    Contact: [],
    Opportunity: [],
    Task: [],
    Event: [],
  };
  const lookupColumns: Record<string, string> = {
    Champion__c: "Champion",
    Decision_Maker__c: "Decision-Maker",
    Executive_Sponsor__c: "Executive Sponsor",
    Technical_Contact__c: "Technical Contact",
  };
  const textColumns: Record<string, string> = {
    Business_Goals__c: "Business Goals",
    Pain_Points__c: "Pain Points",
    Success_Criteria__c: "Success Criteria",
    Contract_Terms__c: "Contract Terms",
    Implementation_Timeline__c: "Implementation Timeline",
    Known_Objections__c: "Known Objections",
    Concerns_Raised__c: "Concerns Raised During Sales",
    Competitor_Threats__c: "Competitor Threats",
    Communication_Preferences__c: "Communication Preferences",
    Key_Conversations__c: "Key Conversations",
    Promises_Made__c: "Promises Made",
    Handoff_Notes__c: "Handoff Notes",
  };
  deals.forEach((d, i) => {
    const n = String(i + 1).padStart(3, "0");
    const accountId = `001000000000${n}AAA`;
    out.Account.push({ Id: accountId, Name: col(d, "Account Name") });
    const opp: Record<string, unknown> = {
      Id: `006000000000${n}AAA`,
      Name: col(d, "Opportunity Name"),
      AccountId: accountId,
      CloseDate: isoDate(col(d, "Close Date")),
      Amount: Number(col(d, "Amount")),
      StageName: "Closed Won",
      IsWon: true,
      Type: col(d, "Type"),
      OwnerId: users.find((u) => u.Name === col(d, "Opportunity Owner"))!.Id,
      HasOpportunityLineItem: col(d, "Has Line Item") === "1",
    };
    if (withApp) {
      opp.Deal_Complexity__c = col(d, "Deal Complexity");
      for (const [field, column] of Object.entries(textColumns)) opp[field] = col(d, column) || null;
      for (const dateField of ["Contract_Start_Date__c", "Target_Go_Live_Date__c"]) {
        const raw = col(d, dateField === "Contract_Start_Date__c" ? "Contract Start Date" : "Target Go-Live Date");
        opp[dateField] = raw ? isoDate(raw) : null;
      }
      Object.entries(lookupColumns).forEach(([field, column], k) => {
        const name = col(d, column);
        if (!name) return (opp[field] = null);
        const contactId = `003000000${n}${k}00AAA`;
        out.Contact.push({
          Id: contactId,
          FirstName: name.split(" ")[0],
          LastName: name.split(" ").slice(1).join(" "),
          AccountId: accountId,
        });
        opp[field] = contactId;
      });
    }
    out.Opportunity.push(opp);
    const firstTouch = col(d, "First CS Activity Date");
    const close = opp.CloseDate as string;
    // Noise the audit must ignore: the rep's own follow-up, and a CS call before the deal closed.
    out.Task.push({
      Id: `00T000000${n}001AAA`,
      AccountId: accountId,
      OwnerId: opp.OwnerId,
      ActivityDate: close,
      Subject: "Send countersigned order form",
    });
    out.Event.push({
      Id: `00U000000${n}001AAA`,
      AccountId: accountId,
      OwnerId: csUserIds[0],
      ActivityDate: "2026-09-01",
      Subject: "Early CS intro (pre-close)",
    });
    if (firstTouch) {
      const iso = isoDate(firstTouch);
      // Alternate tasks and events so both queries matter; a later touch too, so only the first counts.
      const target = i % 2 === 0 ? out.Task : out.Event;
      target.push({
        Id: `00${i % 2 === 0 ? "T" : "U"}000000${n}002AAA`,
        AccountId: accountId,
        OwnerId: csUserIds[i % 2],
        ActivityDate: iso,
        Subject: "Kickoff call",
      });
      out.Task.push({
        Id: `00T000000${n}003AAA`,
        AccountId: accountId,
        OwnerId: csUserIds[0],
        ActivityDate: "2026-12-20",
        Subject: "30-day check-in",
      });
    }
  });
  // A deal that is not won must never be audited.
  out.Opportunity.push({
    Id: "006000000000999AAA",
    Name: "Open deal - not won",
    AccountId: "001000000000001AAA",
    CloseDate: "2026-11-25",
    Amount: 5000,
    StageName: "Negotiation/Review",
    IsWon: false,
    Type: "New Business",
    OwnerId: users[0].Id,
    HasOpportunityLineItem: false,
  });
  return { records: out, csUserIds, salesUserIds: users.slice(0, owners.length).map((u) => u.Id) };
}
