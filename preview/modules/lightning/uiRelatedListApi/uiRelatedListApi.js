// Stand-in for lightning/uiRelatedListApi: the related lists the handoff components read, from the in-memory store.
import { query } from "preview/store";
import { StoreWireAdapter, toRepresentation } from "preview/lds";

// Related list id -> the child object and its lookup to the parent, as the org's relationships define them.
const RELATED_LISTS = {
  Handoffs__r: { apiName: "Handoff__c", parentField: "Opportunity__c" },
  OpportunityLineItems: { apiName: "OpportunityLineItem", parentField: "OpportunityId" },
  Handoff_Promises__r: { apiName: "Handoff_Promise__c", parentField: "Handoff__c" },
};

class GetRelatedListRecordsAdapter extends StoreWireAdapter {
  ready() {
    return !!this.config?.parentRecordId && !!this.config?.relatedListId;
  }

  load({ parentRecordId, relatedListId, fields, optionalFields }) {
    const list = RELATED_LISTS[relatedListId];
    if (!list) {
      const error = new Error(`The preview has no related list ${relatedListId}: add it to uiRelatedListApi.js`);
      error.status = 400;
      error.body = [{ errorCode: "INVALID_TYPE", message: error.message }];
      throw error;
    }
    const records = query(list.apiName, (r) => r.fields[list.parentField] === parentRecordId).map((r) =>
      toRepresentation(r.id, fields, optionalFields),
    );
    return {
      records,
      count: records.length,
      listReference: { relatedListId, parentObjectApiName: null },
      pageSize: 50,
      currentPageToken: null,
      nextPageToken: null,
      previousPageToken: null,
    };
  }
}

export const getRelatedListRecords = GetRelatedListRecordsAdapter;
