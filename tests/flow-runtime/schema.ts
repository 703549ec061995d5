// The fields of each object the flow runtime stores: custom fields (type, default, formula, uniqueness, restricted
// picklist values) read from the object metadata in force-app, standard fields typed by hand from the Salesforce
// Object Reference (only those the handoff automation and its tests touch). Reading or writing a field that is in
// neither makes the runtime throw, so a flow that names a wrong field fails loudly instead of reading blank.
import { basename, join } from "node:path";
import {
  listObjects,
  parseMetadataFile,
  readObjectFields,
  text,
  walkFiles,
  type XmlNode,
} from "../../scripts/lib/forceApp.ts";
import { asArray } from "../flows/flowModel.ts";

export type FieldKind = "text" | "picklist" | "number" | "checkbox" | "date" | "datetime" | "id";

export interface FieldInfo {
  name: string;
  kind: FieldKind;
  formula?: string;
  defaultValue?: unknown;
  unique?: boolean;
  referenceTo?: string;
  restrictedValues?: string[];
}

// Key prefixes of the Salesforce objects (Object Reference); custom objects get a00, a01, ... in load order.
const KEY_PREFIXES: Record<string, string> = {
  Account: "001",
  Contact: "003",
  Opportunity: "006",
  User: "005",
  Group: "00G",
  GroupMember: "011",
  Task: "00T",
  Event: "00U",
  EmailTemplate: "00X",
  CustomNotificationType: "0ML",
  PermissionSetAssignment: "0Pa",
  BusinessHours: "01m",
  Holiday: "0C0",
};

const COMMON: Record<string, FieldKind> = {
  Id: "id",
  CreatedDate: "datetime",
  CreatedById: "id",
  LastModifiedDate: "datetime",
  LastModifiedById: "id",
};

// Standard fields by object, typed as the Object Reference gives them (picklists stay picklists so TEXT() and
// ISPICKVAL() behave as in the org). IsWon, IsClosed and Task/Event AccountId are derived by the runtime on save.
const STANDARD: Record<string, Record<string, FieldKind>> = {
  Account: { Name: "text", OwnerId: "id", Type: "picklist" },
  Contact: { FirstName: "text", LastName: "text", AccountId: "id", Email: "text", OwnerId: "id" },
  Opportunity: {
    Name: "text",
    StageName: "picklist",
    Type: "picklist",
    Amount: "number",
    CloseDate: "date",
    AccountId: "id",
    OwnerId: "id",
    IsWon: "checkbox",
    IsClosed: "checkbox",
    HasOpportunityLineItem: "checkbox",
    LeadSource: "picklist",
  },
  User: {
    FirstName: "text",
    LastName: "text",
    Name: "text",
    Email: "text",
    Username: "text",
    IsActive: "checkbox",
    UserType: "picklist",
    ManagerId: "id",
  },
  Group: { Name: "text", DeveloperName: "text", Type: "picklist" },
  GroupMember: { GroupId: "id", UserOrGroupId: "id" },
  PermissionSetAssignment: { AssigneeId: "id", PermissionSetName: "text" },
  Task: {
    Subject: "text",
    Status: "picklist",
    Priority: "picklist",
    Type: "picklist",
    TaskSubtype: "picklist",
    ActivityDate: "date",
    CompletedDateTime: "datetime",
    Description: "text",
    WhatId: "id",
    WhoId: "id",
    AccountId: "id",
    OwnerId: "id",
    IsClosed: "checkbox",
  },
  Event: {
    Subject: "text",
    Type: "picklist",
    EventSubtype: "picklist",
    StartDateTime: "datetime",
    EndDateTime: "datetime",
    DurationInMinutes: "number",
    // An invitee's copy of the organiser's Event (Salesforce users only); the kickoff flows skip them.
    IsChild: "checkbox",
    Description: "text",
    WhatId: "id",
    WhoId: "id",
    AccountId: "id",
    OwnerId: "id",
  },
  EmailTemplate: { DeveloperName: "text", Name: "text" },
  CustomNotificationType: { DeveloperName: "text", CustomNotifTypeName: "text" },
  // Times as "HH:MM" in the record's time zone; both blank: closed that day; 00:00 to 00:00: open all day.
  BusinessHours: {
    Name: "text",
    IsActive: "checkbox",
    IsDefault: "checkbox",
    TimeZoneSidKey: "text",
    MondayStartTime: "text",
    MondayEndTime: "text",
    TuesdayStartTime: "text",
    TuesdayEndTime: "text",
    WednesdayStartTime: "text",
    WednesdayEndTime: "text",
    ThursdayStartTime: "text",
    ThursdayEndTime: "text",
    FridayStartTime: "text",
    FridayEndTime: "text",
    SaturdayStartTime: "text",
    SaturdayEndTime: "text",
    SundayStartTime: "text",
    SundayEndTime: "text",
  },
  // BusinessHoursId stands for the Setup link between a holiday and the Business Hours it applies to.
  Holiday: { Name: "text", ActivityDate: "date", BusinessHoursId: "id" },
};

const CUSTOM_OBJECT_FIELDS: Record<string, FieldKind> = { Name: "text", OwnerId: "id" };
const CUSTOM_METADATA_FIELDS: Record<string, FieldKind> = {
  Id: "id",
  DeveloperName: "text",
  MasterLabel: "text",
  Label: "text",
  QualifiedApiName: "text",
};

function kindOf(metadataType: string): FieldKind {
  switch (metadataType) {
    case "Checkbox":
      return "checkbox";
    case "Number":
    case "Currency":
    case "Percent":
      return "number";
    case "Date":
      return "date";
    case "DateTime":
      return "datetime";
    case "Picklist":
      return "picklist";
    case "Lookup":
    case "MasterDetail":
      return "id";
    case "Text":
    case "TextArea":
    case "LongTextArea":
    case "Email":
    case "Url":
    case "Phone":
      return "text";
    default:
      throw new Error(`the flow runtime does not model fields of type ${metadataType}`);
  }
}

// A field's default is a formula; the objects here only use literals (false, 0, 'text').
function literalDefault(raw: string | undefined, field: string): unknown {
  if (raw === undefined) return undefined;
  if (raw === "true" || raw === "false") return raw === "true";
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  const quoted = /^["'](.*)["']$/.exec(raw);
  if (quoted) return quoted[1];
  throw new Error(`${field}: default value formula ${raw} is not a literal the flow runtime understands`);
}

export class Schema {
  readonly objects = new Map<string, Map<string, FieldInfo>>();
  readonly prefixes = new Map<string, string>();
  readonly autoNumberFormats = new Map<string, string>(); // object -> display format such as HO-{00000}

  constructor(source: string) {
    const custom = listObjects(source);
    const names = new Set([...Object.keys(STANDARD), ...custom]);
    let customIndex = 0;
    for (const object of names) {
      const fields = new Map<string, FieldInfo>();
      const isMetadata = object.endsWith("__mdt");
      const base = isMetadata
        ? CUSTOM_METADATA_FIELDS
        : { ...COMMON, ...(object.endsWith("__c") ? CUSTOM_OBJECT_FIELDS : {}), ...(STANDARD[object] ?? {}) };
      for (const [name, kind] of Object.entries(base)) fields.set(name, { name, kind });
      if (custom.includes(object)) {
        const objectFile = join(source, "objects", object, `${object}.object-meta.xml`);
        if (walkFiles(join(source, "objects", object), ".object-meta.xml").includes(objectFile)) {
          const nameField = (parseMetadataFile(objectFile).body.nameField ?? {}) as XmlNode;
          const format = text(nameField.displayFormat);
          if (text(nameField.type) === "AutoNumber" && format) this.autoNumberFormats.set(object, format);
        }
        for (const definition of readObjectFields(object, source).values()) {
          const { body } = parseMetadataFile(definition.path);
          const valueSet = (body.valueSet ?? {}) as XmlNode;
          const values = asArray((valueSet.valueSetDefinition as XmlNode | undefined)?.value);
          const picklistDefault = values.find((v) => text(v.default) === "true");
          fields.set(definition.name, {
            name: definition.name,
            kind: kindOf(definition.type),
            formula: definition.formula,
            defaultValue:
              definition.type === "Checkbox"
                ? (literalDefault(text(body.defaultValue), definition.name) ?? false)
                : picklistDefault
                  ? text(picklistDefault.fullName)
                  : literalDefault(text(body.defaultValue), definition.name),
            unique: text(body.unique) === "true",
            referenceTo: definition.referenceTo,
            restrictedValues:
              text(valueSet.restricted) === "true" ? values.map((v) => text(v.fullName) ?? "") : undefined,
          });
        }
      }
      this.objects.set(object, fields);
      this.prefixes.set(
        object,
        KEY_PREFIXES[object] ?? (isMetadata ? "m0" : "a0") + (customIndex++).toString(36).toUpperCase(),
      );
    }
  }

  fields(object: string): Map<string, FieldInfo> {
    const fields = this.objects.get(object);
    if (!fields) throw new Error(`the flow runtime knows no object ${object}`);
    return fields;
  }

  field(object: string, name: string): FieldInfo {
    const field = this.fields(object).get(name);
    if (!field)
      throw new Error(
        `${object} has no field ${name} (neither in force-app nor among the standard fields the runtime models)`,
      );
    return field;
  }

  objectOfId(id: string): string {
    const prefix = id.slice(0, 3);
    for (const [object, p] of this.prefixes) if (p === prefix) return object;
    throw new Error(`no object has key prefix ${prefix} (Id ${id})`);
  }

  // Account -> AccountId, CS_Owner__r -> CS_Owner__c, Owner -> OwnerId.
  lookupFieldOf(object: string, relationship: string): FieldInfo {
    const name = relationship.endsWith("__r") ? relationship.replace(/__r$/, "__c") : `${relationship}Id`;
    return this.field(object, name);
  }
}

export function customMetadataTypes(source: string): string[] {
  return listObjects(source).filter((o) => o.endsWith("__mdt"));
}

export function permissionSets(source: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const path of walkFiles(join(source, "permissionsets"), ".permissionset-meta.xml")) {
    const { body } = parseMetadataFile(path);
    const enabled = asArray(body.customPermissions)
      .filter((p) => text(p.enabled) === "true")
      .map((p) => text(p.name) ?? "");
    out.set(basename(path, ".permissionset-meta.xml"), enabled);
  }
  return out;
}

export function metadataNames(source: string, folder: string, suffix: string): string[] {
  return walkFiles(join(source, folder), suffix).map((p) => basename(p, suffix));
}
