// Module declarations for the Salesforce modules the LWC TypeScript imports and @salesforce/lightning-types
// does not cover (LDS adapters, toasts, Apex). Only what this project uses, typed loosely where LDS returns
// its generic record shapes.
declare module "lightning/uiRecordApi" {
  import type { WireAdapterConstructor } from "lwc";
  export interface FieldValue {
    value: unknown;
    displayValue: string | null;
  }
  export interface RecordRepresentation {
    id: string;
    apiName: string;
    fields: Record<string, FieldValue>;
  }
  export const getRecord: WireAdapterConstructor<
    { recordId?: string; fields?: string[]; optionalFields?: string[] },
    WireResult<RecordRepresentation>
  >;
  // What a wired LDS or Apex adapter hands the component: data, or an error.
  export interface WireResult<T> {
    data?: T;
    error?: unknown;
  }
  export function updateRecord(recordInput: { fields: Record<string, unknown> }): Promise<RecordRepresentation>;
  export function createRecord(recordInput: {
    apiName: string;
    fields: Record<string, unknown>;
  }): Promise<RecordRepresentation>;
  export function getFieldValue(record: RecordRepresentation, field: string): unknown;
  export function getFieldDisplayValue(record: RecordRepresentation, field: string): string | null;
}

declare module "lightning/uiRelatedListApi" {
  import type { WireAdapterConstructor } from "lwc";
  import type { RecordRepresentation, WireResult } from "lightning/uiRecordApi";
  export const getRelatedListRecords: WireAdapterConstructor<
    { parentRecordId?: string; relatedListId: string; fields?: string[]; sortBy?: string[]; pageSize?: number },
    WireResult<{ records: RecordRepresentation[]; count: number }>
  >;
}

declare module "lightning/uiObjectInfoApi" {
  import type { WireAdapterConstructor } from "lwc";
  export interface FieldInfo {
    apiName: string;
    label: string;
    dataType: string;
    updateable: boolean;
    // Text fields: the maximum number of characters (record UI API field info).
    length?: number;
  }
  export interface ObjectInfo {
    apiName: string;
    updateable: boolean;
    fields: Record<string, FieldInfo>;
  }
  import type { WireResult } from "lightning/uiRecordApi";
  export const getObjectInfo: WireAdapterConstructor<{ objectApiName: string }, WireResult<ObjectInfo>>;
}

declare module "lightning/platformShowToastEvent" {
  export class ShowToastEvent extends CustomEvent<unknown> {
    constructor(toast: { title: string; message?: string; variant?: "info" | "success" | "warning" | "error" });
  }
}

// A field import is { objectApiName, fieldApiName }; an object import has no fieldApiName, so each object a
// component imports is declared by name (an exact declaration wins over the pattern).
declare module "@salesforce/schema/*" {
  const field: { objectApiName: string; fieldApiName: string };
  export default field;
}

declare module "@salesforce/schema/Handoff_Feedback__c" {
  const object: { objectApiName: string };
  export default object;
}

declare module "@salesforce/apex" {
  export function refreshApex(wiredValue: unknown): Promise<unknown>;
}

declare module "@salesforce/apex/HandoffChecklistController.getChecklistConfig" {
  import type { WireAdapterConstructor } from "lwc";
  import type { ChecklistConfig } from "c/handoffRules";
  import type { WireResult } from "lightning/uiRecordApi";
  const getChecklistConfig: WireAdapterConstructor<Record<string, never>, WireResult<ChecklistConfig>>;
  export default getChecklistConfig;
}
