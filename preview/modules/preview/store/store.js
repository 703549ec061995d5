// The preview's in-memory org: the sample records (bundled at build time), the record-level automation the org runs
// on save (stamps of the Handoff lifecycle flow, formula fields), and change notifications for the LDS and Apex
// stand-ins. It lives only in the page: a reload starts again from the sample data.
import SAMPLE from "@preview/sample-data";
import { isSalesSide } from "preview/handoffRow";

const records = new Map();
// Handoff__History on Status__c: the org tracks the field's history; the store keeps it the same way.
const history = [];
const listeners = new Set();
let runningUserId = SAMPLE.salesUserId;

function resolveValue(value, now) {
  if (value && typeof value === "object" && "hoursFromNow" in value) {
    return new Date(now + value.hoursFromNow * 3600000).toISOString();
  }
  return value;
}

export function reset() {
  const now = Date.now();
  records.clear();
  history.length = 0;
  for (const record of SAMPLE.records) {
    const fields = {};
    for (const [name, value] of Object.entries(record.fields)) fields[name] = resolveValue(value, now);
    records.set(record.id, { apiName: record.apiName, id: record.id, fields });
    if (record.apiName === "Handoff__c") seedHistory(record.id, fields);
  }
  notify();
}

// What field history would hold for a sample handoff: its submission and acceptance, from their stamps.
function seedHistory(handoffId, fields) {
  if (fields.Submitted_At__c && fields.Status__c !== "Draft") {
    history.push({
      parentId: handoffId,
      from: "Draft",
      to: "Submitted",
      at: fields.Submitted_At__c,
      byId: fields.Sales_Owner__c,
    });
  }
  if (fields.Status__c !== "Submitted" && fields.Status__c !== "Draft") {
    const at = fields.Accepted_At__c ?? fields.Last_Escalated_At__c ?? fields.Submitted_At__c ?? null;
    if (at)
      history.push({
        parentId: handoffId,
        from: "Submitted",
        to: fields.Status__c,
        at,
        byId: fields.CS_Owner__c ?? null,
      });
  }
}

export function statusHistory(handoffId) {
  return history.filter((change) => change.parentId === handoffId).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

export function sample() {
  return SAMPLE;
}

export function subscribe(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify() {
  for (const listener of [...listeners]) listener();
}

export function setRunningUser(userId) {
  runningUserId = userId;
}

export function runningUser() {
  const user = SAMPLE.users.find((u) => u.id === runningUserId);
  return user ?? SAMPLE.users[0];
}

export function objectInfo(apiName) {
  return SAMPLE.objectInfos[apiName] ?? null;
}

// Formula fields, computed on read as the org does.
function computed(record) {
  const fields = { ...record.fields };
  if (record.apiName === "Handoff__c") {
    fields.Current_SLA_Due_At__c = isSalesSide(fields)
      ? fields.Handoff_Due_At__c
      : fields.First_Touch_At__c
        ? null
        : fields.First_Touch_Due_At__c;
    fields.Handoff_SLA_Met__c =
      !!fields.Submitted_At__c && !!fields.Handoff_Due_At__c && fields.Submitted_At__c <= fields.Handoff_Due_At__c;
    fields.First_Touch_SLA_Met__c =
      !!fields.First_Touch_At__c &&
      !!fields.First_Touch_Due_At__c &&
      fields.First_Touch_At__c <= fields.First_Touch_Due_At__c;
  }
  if (record.apiName === "Opportunity") {
    fields.HasOpportunityLineItem =
      query("OpportunityLineItem", (r) => r.fields.OpportunityId === record.id).length > 0;
  }
  return { apiName: record.apiName, id: record.id, fields };
}

export function get(id) {
  const record = records.get(id);
  return record ? computed(record) : null;
}

export function query(apiName, predicate = () => true) {
  const out = [];
  for (const record of records.values()) {
    if (record.apiName === apiName && predicate(record)) out.push(record);
  }
  return out.map((r) => (r.apiName === "Opportunity" ? computed(r) : { ...r, fields: { ...r.fields } }));
}

export function queryComputed(apiName, predicate = () => true) {
  return query(apiName).map(computed).filter(predicate);
}

function firstTouchSlaHours(tier) {
  return SAMPLE.settings.firstTouchSlaHours[tier === "High-Touch" ? "High-Touch" : "Low-Touch"];
}

// What Handoff_Before_Save_Lifecycle_Stamps does before a status change is saved.
function stampLifecycle(before, after, now) {
  if (after.Status__c === "Submitted" && before.Status__c !== "Submitted") {
    if (!before.Submitted_At__c) after.Submitted_At__c = after.Submitted_At__c ?? now;
    const hours = firstTouchSlaHours(after.Tier__c);
    if (!after.First_Touch_Due_At__c && hours !== null) {
      after.First_Touch_Due_At__c = new Date(Date.parse(after.Submitted_At__c) + hours * 3600000).toISOString();
    }
  }
  if (after.Status__c === "Accepted" && !after.Accepted_At__c) after.Accepted_At__c = now;
}

const READ_ONLY = new Set(["Id", "HasOpportunityLineItem", "Handoff_Tier__c", "Current_SLA_Due_At__c"]);

// Saves field changes to several records as one transaction: all or none, like a DML statement without partial
// success. Answers an error per record id when a change is refused.
export function update(changesList) {
  const now = new Date().toISOString();
  const staged = [];
  for (const changes of changesList) {
    const record = records.get(changes.Id);
    if (!record) throw refusal(`Record ${changes.Id} not found, or you do not have access to it.`, "ENTITY_IS_DELETED");
    const fields = { ...record.fields };
    for (const [name, value] of Object.entries(changes)) {
      if (name === "Id") continue;
      const info = objectInfo(record.apiName)?.fields?.[name];
      if (READ_ONLY.has(name) || (info && !info.updateable)) {
        throw refusal(`${info?.label ?? name} is read-only.`, "INVALID_FIELD_FOR_INSERT_UPDATE");
      }
      fields[name] = value === "" ? null : value;
    }
    if (record.apiName === "Handoff__c") stampLifecycle(record.fields, fields, now);
    staged.push([record, fields]);
  }
  for (const [record, fields] of staged) {
    if (record.apiName === "Handoff__c" && fields.Status__c !== record.fields.Status__c) {
      history.push({
        parentId: record.id,
        from: record.fields.Status__c ?? null,
        to: fields.Status__c,
        at: now,
        byId: runningUserId,
      });
    }
    record.fields = fields;
  }
  notify();
  return staged.map(([record]) => get(record.id));
}

export function insert(apiName, fields, prefix) {
  const id = `${prefix}PRV${String(records.size + 1).padStart(9, "0")}NEW`;
  records.set(id, { apiName, id, fields: { ...fields } });
  notify();
  return id;
}

// Errors in the shape LDS and Apex calls reject with (a FetchResponse with a body), so the components' error
// handling reads them as it would in the org.
export function refusal(message, errorCode = "FIELD_CUSTOM_VALIDATION_EXCEPTION", status = 400) {
  const error = new Error(message);
  error.status = status;
  error.body = { message, errorCode };
  return error;
}

reset();
