// Stand-in for lightning/uiRecordApi on the preview's in-memory store (preview/store).
import { insert, refusal, update } from "preview/store";
import { StoreWireAdapter, toRepresentation } from "preview/lds";

class GetRecordAdapter extends StoreWireAdapter {
  ready() {
    // LDS waits until the record id and a field list are known.
    const config = this.config;
    return !!config && !!config.recordId && !!(config.fields || config.optionalFields);
  }

  load({ recordId, fields, optionalFields }) {
    const record = toRepresentation(recordId, fields, optionalFields);
    if (!record) {
      const error = new Error("The requested resource does not exist");
      error.status = 404;
      error.body = [{ errorCode: "NOT_FOUND", message: error.message }];
      throw error;
    }
    return record;
  }
}

export const getRecord = GetRecordAdapter;

// Saves like LDS: one record per call; the promise rejects with an error body the components' errorMessages() read.
export async function updateRecord(recordInput) {
  const fields = recordInput?.fields ?? {};
  if (!fields.Id) throw new Error("updateRecord: fields.Id is required");
  const [saved] = update([fields]);
  const paths = Object.keys(saved.fields).map((name) => `${saved.apiName}.${name}`);
  return toRepresentation(saved.id, [], paths);
}

// Creates like LDS: the new record comes back in the RecordRepresentation shape, with the fields that were set.
export async function createRecord(recordInput) {
  const apiName = recordInput?.apiName;
  if (!apiName) throw refusal("createRecord: apiName is required", "INVALID_TYPE");
  const fields = recordInput.fields ?? {};
  const id = insert(apiName, fields, "a0X");
  return toRepresentation(
    id,
    [],
    Object.keys(fields).map((name) => `${apiName}.${name}`),
  );
}

export function getFieldValue(record, field) {
  const path = typeof field === "string" ? field.split(".").slice(1) : [field.fieldApiName];
  let current = record;
  for (const part of path) {
    const value = current?.fields?.[part];
    if (value === undefined) return undefined;
    current = value.value;
  }
  return current;
}

export function getFieldDisplayValue(record, field) {
  const name = typeof field === "string" ? field.split(".").slice(1).join(".") : field.fieldApiName;
  return record?.fields?.[name]?.displayValue ?? null;
}

// Every save in the preview already refreshes the wires that show the record, so there is nothing left to do.
export function notifyRecordUpdateAvailable() {
  return Promise.resolve();
}
