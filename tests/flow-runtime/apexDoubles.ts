// TypeScript doubles of the Apex invocable actions the flows call. Each models the documented contract of its class
// (the class comment, the @InvocableVariable descriptions and what its Apex test asserts), with the same queries
// and DML statements, so governor-limit counts and the flows triggered by its DML match the org. They are not a
// second implementation to maintain: when the Apex contract changes, the double and apexDoubles.test.ts change.
import type { ApexContext, ApexDouble, FlowRuntime, SObject } from "./runtime.ts";

const METHOD_ACCOUNT_CSM = "Account CSM";
const METHOD_ROUND_ROBIN = "Round Robin";
const METHOD_FALLBACK_QUEUE = "Fallback Queue";
// AssignCsOwnerAction.MAX_NESTED_GROUP_LEVELS
export const MAX_NESTED_GROUP_LEVELS = 5;

// AssignCsOwnerAction.assign(List<Request>): for each handoff without a CS owner, the account's CSM (CS owner of
// its latest other handoff), else the least-loaded available member of the tier's group (fewest open handoffs,
// then the one who waited longest, counting the batch), else the fallback queue owns it. Inactive and out-of-office
// users are skipped, and a preset CS owner (early intro, re-close) who became one is replaced; public groups nested
// in a tier group count their users, up to MAX_NESTED_GROUP_LEVELS levels deep. Reads in system mode
// without sharing, so a closing user without handoff permission sets gets the same routing. Results: csOwnerId,
// notifyRecipientId (CSM, else the fallback queue; never the rep when no queue was found), assignmentMethod.
export const assignCsOwner: ApexDouble = (requests, context) => {
  const { runtime } = context;
  const ids = new Set(requests.map((r) => r.handoffId as string | null).filter((id): id is string => Boolean(id)));
  const handoffs = new Map(context.query("Handoff__c", (h) => ids.has(h.Id)).map((h) => [h.Id, h]));
  const available = (userId: unknown) => {
    const user = runtime.find(userId as string);
    return Boolean(user && user.IsActive === true && user.CS_Out_Of_Office__c !== true);
  };
  const presetOwners = new Set([...handoffs.values()].map((h) => h.CS_Owner__c as string | null).filter(Boolean));
  if (presetOwners.size > 0) context.query("User", (u) => presetOwners.has(u.Id));
  for (const h of handoffs.values()) if (h.CS_Owner__c && !available(h.CS_Owner__c)) h.CS_Owner__c = null;
  const unassigned = [...handoffs.values()].filter((h) => !h.CS_Owner__c);
  const changed: SObject[] = [];
  if (unassigned.length > 0) {
    const csmByAccount = new Map<string, string>();
    const accountIds = new Set(unassigned.map((h) => h.Account__c as string | null).filter(Boolean));
    if (accountIds.size > 0) {
      const earlier = context
        .query(
          "Handoff__c",
          (h) =>
            accountIds.has(h.Account__c as string) &&
            Boolean(h.CS_Owner__c) &&
            !ids.has(h.Id) &&
            available(h.CS_Owner__c),
        )
        .sort((a, b) => (b.CreatedDate as Date).getTime() - (a.CreatedDate as Date).getTime());
      for (const h of earlier)
        if (!csmByAccount.has(h.Account__c as string))
          csmByAccount.set(h.Account__c as string, h.CS_Owner__c as string);
    }
    const groupNames = [runtime.setting("High_Touch_CS_Group__c"), runtime.setting("Low_Touch_CS_Group__c")].filter(
      Boolean,
    );
    const queueName = runtime.setting("Fallback_CS_Queue__c");
    const groups = context.query(
      "Group",
      (g) =>
        (groupNames.includes(g.DeveloperName) && g.Type === "Regular") ||
        (g.DeveloperName === queueName && g.Type === "Queue"),
    );
    const fallbackQueueId = groups.find((g) => g.Type === "Queue")?.Id;
    const groupNameById = new Map(
      groups.filter((g) => g.Type === "Regular").map((g) => [g.Id, g.DeveloperName as string]),
    );
    const groupsByUser = new Map<string, string[]>();
    const addTo = (map: Map<string, string[]>, key: string, name: string) => {
      if (!map.get(key)?.includes(name)) map.set(key, [...(map.get(key) ?? []), name]);
    };
    // Nested public groups, one GroupMember query per nesting level (the Apex recursion), each group expanded once
    // per tier group (so a cycle ends), at most MAX_NESTED_GROUP_LEVELS levels below the tier group; roles and
    // queues as members are not expanded (the query reads members of Regular groups only).
    const reached = new Map<string, Set<string>>();
    let level = new Map<string, string[]>();
    for (const [id, name] of groupNameById) {
      reached.set(id, new Set([name]));
      level.set(id, [name]);
    }
    for (let depth = 0; level.size > 0 && depth <= MAX_NESTED_GROUP_LEVELS; depth++) {
      const next = new Map<string, string[]>();
      const members = context.query(
        "GroupMember",
        (m) => level.has(m.GroupId as string) && runtime.find(m.GroupId as string)?.Type === "Regular",
      );
      for (const m of members) {
        const member = m.UserOrGroupId as string;
        const isUser = runtime.schema.objectOfId(member) === "User";
        for (const tierGroup of level.get(m.GroupId as string)!) {
          if (isUser) addTo(groupsByUser, member, tierGroup);
          else if (!reached.get(member)?.has(tierGroup)) {
            reached.set(member, new Set([...(reached.get(member) ?? []), tierGroup]));
            addTo(next, member, tierGroup);
          }
        }
      }
      level = next;
    }
    const candidatesByGroup = new Map<string, string[]>();
    const users = context.query(
      "User",
      (u) => groupsByUser.has(u.Id) && u.IsActive === true && u.CS_Out_Of_Office__c !== true,
    );
    for (const u of users.sort((a, b) => a.Id.localeCompare(b.Id))) {
      for (const name of groupsByUser.get(u.Id)!)
        candidatesByGroup.set(name, [...(candidatesByGroup.get(name) ?? []), u.Id]);
    }
    const candidateIds = new Set([...candidatesByGroup.values()].flat());
    const openCount = new Map<string, number>();
    const lastAssigned = new Map<string, number>();
    if (candidateIds.size > 0) {
      for (const h of context.query(
        "Handoff__c",
        (h) =>
          candidateIds.has(h.CS_Owner__c as string) && !h.First_Touch_At__c && h.Return_Reason__c !== "Deal Not Closed",
      )) {
        openCount.set(h.CS_Owner__c as string, (openCount.get(h.CS_Owner__c as string) ?? 0) + 1);
      }
      for (const h of context.query("Handoff__c", (h) => candidateIds.has(h.CS_Owner__c as string))) {
        const created = (h.CreatedDate as Date).getTime();
        lastAssigned.set(h.CS_Owner__c as string, Math.max(lastAssigned.get(h.CS_Owner__c as string) ?? 0, created));
      }
    }
    const lessLoaded = (a: string, b: string) => {
      const [ca, cb] = [openCount.get(a) ?? 0, openCount.get(b) ?? 0];
      if (ca !== cb) return ca < cb;
      const [la, lb] = [lastAssigned.get(a), lastAssigned.get(b)];
      if (la !== lb) return la === undefined || (lb !== undefined && la < lb);
      return a < b;
    };
    for (const handoff of unassigned) {
      const tier = handoff.Tier__c === "High-Touch" ? "High_Touch_CS_Group__c" : "Low_Touch_CS_Group__c";
      const candidates = candidatesByGroup.get(runtime.setting(tier) as string) ?? [];
      const accountCsm = handoff.Account__c ? csmByAccount.get(handoff.Account__c as string) : undefined;
      const best = candidates.reduce<string | undefined>(
        (b, c) => (b === undefined || lessLoaded(c, b) ? c : b),
        undefined,
      );
      const chosen = accountCsm ?? best;
      if (chosen) {
        handoff.CS_Owner__c = chosen;
        handoff.Assignment_Method__c = accountCsm ? METHOD_ACCOUNT_CSM : METHOD_ROUND_ROBIN;
        openCount.set(chosen, (openCount.get(chosen) ?? 0) + 1);
        lastAssigned.set(chosen, runtime.clock.getTime());
        if (handoff.Account__c) csmByAccount.set(handoff.Account__c as string, chosen);
      } else {
        if (fallbackQueueId) handoff.OwnerId = fallbackQueueId;
        handoff.Assignment_Method__c = METHOD_FALLBACK_QUEUE;
      }
      changed.push(handoff);
    }
    context.dml(
      "update",
      "Handoff__c",
      changed.map((h) => ({
        Id: h.Id,
        CS_Owner__c: h.CS_Owner__c,
        OwnerId: h.OwnerId,
        Assignment_Method__c: h.Assignment_Method__c,
      })),
      true,
    );
  }
  return requests.map((r) => {
    const handoff = handoffs.get(r.handoffId as string);
    if (!handoff) return {};
    return {
      csOwnerId: handoff.CS_Owner__c ?? null,
      notifyRecipientId:
        handoff.CS_Owner__c ??
        (runtime.schema.objectOfId(handoff.OwnerId as string) === "Group" ? handoff.OwnerId : null),
      assignmentMethod: handoff.Assignment_Method__c ?? null,
    };
  });
};

// RecordHandoffAutomationErrorAction.record(List<Request>): finds the handoff by its Id or by Opportunity Key,
// prepends "<UTC time> <step>: <message>" to Automation Error (newest first); a deal Id without a handoff gets the
// entry on the deal's Handoff Automation Error instead. Saves with partial success so it never fails itself; an
// unknown key changes nothing.
export const recordHandoffAutomationError: ApexDouble = (requests, context) => {
  const keys = new Set(requests.map((r) => r.recordKey as string | null).filter((k): k is string => Boolean(k)));
  if (keys.size === 0) return;
  const byKey = new Map<string, SObject>();
  for (const h of context.query("Handoff__c", (h) => keys.has(h.Id) || keys.has(h.Opportunity_Key__c as string))) {
    byKey.set(h.Id, h);
    if (h.Opportunity_Key__c) byKey.set(h.Opportunity_Key__c as string, h);
  }
  const isDealId = (key: string) => {
    try {
      return context.runtime.schema.objectOfId(key) === "Opportunity";
    } catch {
      return false; // not an Id at all: an unknown key changes nothing
    }
  };
  const dealIds = [...keys].filter((k) => !byKey.has(k) && isDealId(k));
  const deals = new Map(
    dealIds.length > 0 ? context.query("Opportunity", (o) => dealIds.includes(o.Id)).map((o) => [o.Id, o]) : [],
  );
  const stamp = `${context.runtime.clock.toISOString().slice(0, 19).replace("T", " ")} UTC`;
  const prepended = (entry: string, earlier: unknown) =>
    `${entry}${earlier ? `\n${String(earlier)}` : ""}`.slice(0, 32768);
  const changed = new Map<string, SObject>();
  const changedDeals = new Map<string, SObject>();
  for (const r of requests) {
    const entry = `${stamp} ${String(r.step)}: ${(r.message as string | null) ?? ""}`;
    const handoff = byKey.get(r.recordKey as string);
    const deal = deals.get(r.recordKey as string);
    if (handoff) {
      handoff.Automation_Error__c = prepended(entry, handoff.Automation_Error__c);
      changed.set(handoff.Id, handoff);
    } else if (deal) {
      deal.Handoff_Automation_Error__c = prepended(entry, deal.Handoff_Automation_Error__c);
      changedDeals.set(deal.Id, deal);
    }
  }
  context.dml(
    "update",
    "Handoff__c",
    [...changed.values()].map((h) => ({ Id: h.Id, Automation_Error__c: h.Automation_Error__c })),
    false,
  );
  if (changedDeals.size > 0)
    context.dml(
      "update",
      "Opportunity",
      [...changedDeals.values()].map((o) => ({ Id: o.Id, Handoff_Automation_Error__c: o.Handoff_Automation_Error__c })),
      false,
    );
};

// PostHandoffToSlackAction.post(List<Request>): sets Slack Status Pending (Not Configured without a Slack channel),
// attempts 0, clears the last error, in one update; when configured, one queueable job posts the batch later.
export const postHandoffToSlack: ApexDouble = (requests, context) => {
  const events = new Map<string, string>();
  for (const r of requests) if (r.handoffId) events.set(r.handoffId as string, (r.event as string | null) || "Handoff");
  if (events.size === 0) return;
  const configured = Boolean(context.runtime.setting("Slack_Channel__c"));
  context.dml(
    "update",
    "Handoff__c",
    [...events.keys()].map((Id) => ({
      Id,
      Slack_Status__c: configured ? "Pending" : "Not Configured",
      Slack_Attempts__c: 0,
      Slack_Last_Error__c: null,
    })),
    true,
  );
  if (configured) for (const [id, event] of events) context.enqueueSlack(id, event);
};

export function bindHandoffApex(runtime: FlowRuntime): void {
  runtime.apex.set("AssignCsOwnerAction", assignCsOwner);
  runtime.apex.set("RecordHandoffAutomationErrorAction", recordHandoffAutomationError);
  runtime.apex.set("PostHandoffToSlackAction", postHandoffToSlack);
}

export type { ApexContext };
