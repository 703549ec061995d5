// What the Lightning Data Service stand-ins share: records in the RecordRepresentation shape the components read
// (fields.X.value / displayValue, relationship fields nested), and a wire adapter base that re-emits whenever the
// in-memory store changes, as LDS refreshes every wire that shows a record after it is saved.
import { get, objectInfo, subscribe } from "preview/store";
import { userSetting } from "preview/i18n";

// LDS formats displayValue in the running user's locale, currency and time zone.
const DATE_FORMAT = new Intl.DateTimeFormat(userSetting("locale"), {
  year: "numeric",
  month: "numeric",
  day: "numeric",
  timeZone: "UTC",
});
const DATETIME_FORMAT = new Intl.DateTimeFormat(userSetting("locale"), {
  dateStyle: "short",
  timeStyle: "short",
  timeZone: userSetting("timeZone"),
});
const CURRENCY_FORMAT = new Intl.NumberFormat(userSetting("locale"), {
  style: "currency",
  currency: userSetting("currency"),
});

export function displayValueOf(dataType, value) {
  if (value === null || value === undefined) return null;
  switch (dataType) {
    case "Date":
      return DATE_FORMAT.format(new Date(`${value}T00:00:00Z`));
    case "DateTime":
      return DATETIME_FORMAT.format(new Date(value));
    case "Currency":
      return CURRENCY_FORMAT.format(value);
    default:
      return null;
  }
}

// "Opportunity.Champion__r.Name" -> ["Champion__r", "Name"] for a record of that object; other objects' paths are ignored.
function pathsFor(apiName, fieldPaths) {
  return (fieldPaths ?? [])
    .map((path) => (typeof path === "string" ? path : `${path.objectApiName}.${path.fieldApiName}`))
    .filter((path) => path.startsWith(`${apiName}.`))
    .map((path) => path.slice(apiName.length + 1).split("."));
}

function relationshipTarget(apiName, relationshipName, record) {
  const fields = objectInfo(apiName)?.fields ?? {};
  const lookup = Object.values(fields).find((f) => f.relationshipName === relationshipName);
  if (lookup) return record.fields[lookup.apiName] ?? null;
  // Standard lookups not described in the sample object infos (e.g. Contact.Account).
  const idField = `${relationshipName}Id`;
  return record.fields[idField] ?? null;
}

// Builds a RecordRepresentation with the requested fields. A field the record does not have is left out when
// optional (as LDS does for a field the user cannot see); a required one is an error, as in LDS.
export function toRepresentation(recordId, fields, optionalFields) {
  const record = get(recordId);
  if (!record) return null;
  const required = pathsFor(record.apiName, fields);
  const optional = pathsFor(record.apiName, optionalFields);
  const missing = required.filter((parts) => parts.length === 1 && !(parts[0] in record.fields) && parts[0] !== "Id");
  if (missing.length) {
    const error = new Error(`No such column '${missing[0][0]}' on entity '${record.apiName}'.`);
    error.status = 400;
    error.body = [{ errorCode: "INVALID_FIELD", message: error.message }];
    throw error;
  }
  return build(record, [...required, ...optional]);
}

function build(record, paths) {
  const info = objectInfo(record.apiName);
  const fields = {};
  const nested = new Map();
  for (const parts of paths) {
    const [head, ...rest] = parts;
    if (rest.length === 0) {
      if (head === "Id") continue;
      if (!(head in record.fields)) continue;
      const value = record.fields[head];
      fields[head] = { value, displayValue: displayValueOf(info?.fields?.[head]?.dataType, value) };
    } else {
      if (!nested.has(head)) nested.set(head, []);
      nested.get(head).push(rest);
    }
  }
  for (const [relationship, restPaths] of nested) {
    const targetId = relationshipTarget(record.apiName, relationship, record);
    const target = targetId ? get(targetId) : null;
    const value = target ? build(target, restPaths) : null;
    fields[relationship] = { value, displayValue: target?.fields?.Name ?? null };
  }
  return {
    apiName: record.apiName,
    id: record.id,
    childRelationships: {},
    eTag: "",
    lastModifiedById: null,
    lastModifiedDate: null,
    recordTypeId: null,
    recordTypeInfo: null,
    systemModstamp: null,
    weakEtag: 0,
    fields,
  };
}

// Emitted values remember their adapter, so refreshApex(value) can ask that wire to emit again.
const ADAPTER_OF_VALUE = new WeakMap();

export function refreshValue(value) {
  const adapter = value && typeof value === "object" ? ADAPTER_OF_VALUE.get(value) : undefined;
  if (adapter) adapter.emit();
  return Promise.resolve();
}

// Subclasses implement load(config) -> data (or a promise of it); an exception becomes { error }.
export class StoreWireAdapter {
  constructor(dataCallback) {
    this.dataCallback = dataCallback;
    this.config = undefined;
    this.unsubscribe = undefined;
  }

  connect() {
    this.unsubscribe = subscribe(() => this.emit());
  }

  disconnect() {
    if (this.unsubscribe) this.unsubscribe();
    this.unsubscribe = undefined;
  }

  update(config) {
    this.config = config;
    this.emit();
  }

  ready() {
    return this.config !== undefined;
  }

  async emit() {
    if (!this.ready()) return;
    let value;
    try {
      const data = await this.load(this.config);
      if (data === undefined) return;
      value = { data, error: undefined };
    } catch (error) {
      value = { data: undefined, error };
    }
    ADAPTER_OF_VALUE.set(value, this);
    this.dataCallback(value);
  }
}

// The wire side of an imperatively callable Apex method (@wire(getChecklistConfig)): like a cacheable Apex wire it
// emits once per config and again on refreshApex, not on every record change.
export function apexWireAdapter(call) {
  return class ApexWireAdapter extends StoreWireAdapter {
    connect() {}

    load(config) {
      return call(config);
    }
  };
}
