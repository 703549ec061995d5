// Stand-in for lightning/uiObjectInfoApi: labels, data types and picklist values read from force-app at build time.
import { objectInfo } from "preview/store";
import { StoreWireAdapter } from "preview/lds";

function apiNameOf(objectApiName) {
  return typeof objectApiName === "string" ? objectApiName : objectApiName?.objectApiName;
}

class GetObjectInfoAdapter extends StoreWireAdapter {
  ready() {
    return !!apiNameOf(this.config?.objectApiName);
  }

  load({ objectApiName }) {
    const apiName = apiNameOf(objectApiName);
    const info = objectInfo(apiName);
    if (!info) {
      const error = new Error(`The preview has no object info for ${apiName}`);
      error.status = 400;
      error.body = [{ errorCode: "INVALID_TYPE", message: error.message }];
      throw error;
    }
    const fields = {};
    for (const [name, field] of Object.entries(info.fields)) {
      fields[name] = {
        ...field,
        createable: field.updateable,
        referenceToInfos: field.referenceTo ? [{ apiName: field.referenceTo, nameFields: ["Name"] }] : [],
      };
    }
    return { apiName: info.apiName, label: info.label, fields, keyPrefix: null, recordTypeInfos: {} };
  }
}

export const getObjectInfo = GetObjectInfoAdapter;
