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

// PostHandoffToSlackAction.post(List<Request>): starts a new round of Slack messages in one update: Slack Status
// Pending (Not Configured without a Slack channel), the event (at most 80 characters) kept for the job and its
// retries, attempts 0, and last error, next attempt, channel post time and CSM direct-message status cleared, so a
// re-close posts and messages the CSM again. When configured, one job (or, inside async Apex, one platform event per
// handoff) posts the batch later; the runtime records it as one Slack entry per handoff at commit.
export const postHandoffToSlack: ApexDouble = (requests, context) => {
  const events = new Map<string, string>();
  for (const r of requests)
    if (r.handoffId) events.set(r.handoffId as string, abbreviate((r.event as string | null) || "Handoff", 80));
  if (events.size === 0) return;
  const configured = Boolean(context.runtime.setting("Slack_Channel__c"));
  context.dml(
    "update",
    "Handoff__c",
    [...events.entries()].map(([Id, event]) => ({
      Id,
      Slack_Status__c: configured ? "Pending" : "Not Configured",
      Slack_Event__c: event,
      Slack_Attempts__c: 0,
      Slack_Last_Error__c: null,
      Slack_Next_Attempt_At__c: null,
      Slack_Posted_At__c: null,
      Slack_DM_Status__c: null,
    })),
    true,
  );
  if (configured) for (const [id, event] of events) context.enqueueSlack(id, event);
};

// Apex String.abbreviate(max): longer text is cut to max characters ending in "...".
function abbreviate(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - 3) + "...";
}

export function bindHandoffApex(runtime: FlowRuntime): void {
  runtime.apex.set("AssignCsOwnerAction", assignCsOwner);
  runtime.apex.set("RecordHandoffAutomationErrorAction", recordHandoffAutomationError);
  runtime.apex.set("PostHandoffToSlackAction", postHandoffToSlack);
  bindEscalationApex(runtime);
}

export type { ApexContext };

// ---- HandoffBusinessHoursAction.addBusinessHours(List<Request>) ----
// Start At plus Hours counted only while the Business Hours record named in the settings (blank: the IsDefault one)
// is open, skipping its holidays; Reminder At = Start At plus max(Hours - Reminder Lead Hours, 0); Next Rung At =
// Due At plus Next Rung Hours; 0 hours = the next time business hours are open (the start itself when open). One
// BusinessHours query per transaction; a name matching no record, or an inactive record, throws an error naming it.
// The double knows calendars in GMT only, with "HH:MM" day times (Salesforce stores Time fields): enough for the
// test org's "Handoff Weekdays" (Monday to Friday, 09:00 to 17:00) and its holidays.
const MINUTE = 60_000;
const DAY = 86_400_000;
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const businessHoursCache = new WeakMap<object, Map<string, SObject>>();

interface Calendar {
  record: SObject;
  holidays: Set<string>;
}

function minutesOf(time: unknown): number {
  const [h, m] = String(time).split(":").map(Number);
  return h * 60 + m;
}

// The open interval of one UTC day, in ms since the epoch, or null when closed (weekend, holiday).
function openInterval(calendar: Calendar, dayStart: number): [number, number] | null {
  if (calendar.holidays.has(new Date(dayStart).toISOString().slice(0, 10))) return null;
  const name = WEEKDAYS[new Date(dayStart).getUTCDay()];
  const start = calendar.record[`${name}StartTime`];
  const end = calendar.record[`${name}EndTime`];
  if (!start || !end) return null;
  const endMinutes = minutesOf(end) <= minutesOf(start) ? minutesOf(end) + 24 * 60 : minutesOf(end);
  return [dayStart + minutesOf(start) * MINUTE, dayStart + endMinutes * MINUTE];
}

function walkDays<T>(calendar: Calendar, from: number, visit: (open: number, close: number) => T | undefined): T {
  for (let dayStart = from - (from % DAY), i = 0; i < 3700; i++, dayStart += DAY) {
    const interval = openInterval(calendar, dayStart);
    if (!interval) continue;
    const found = visit(...interval);
    if (found !== undefined) return found;
  }
  throw new Error(`Business Hours ${String(calendar.record.Name)} are never open within ten years`);
}

function nextStart(calendar: Calendar, at: Date): Date {
  return walkDays(calendar, at.getTime(), (open, close) =>
    at.getTime() < close ? new Date(Math.max(open, at.getTime())) : undefined,
  );
}

function addBusinessTime(calendar: Calendar, start: Date, hours: number): Date {
  if (hours === 0) return nextStart(calendar, start);
  let remaining = Math.round(hours * 3_600_000);
  return walkDays(calendar, start.getTime(), (open, close) => {
    const from = Math.max(open, start.getTime());
    if (from >= close) return undefined;
    if (from + remaining <= close) return new Date(from + remaining);
    remaining -= close - from;
    return undefined;
  });
}

function configuredCalendar(context: ApexContext): Calendar {
  const configured = context.runtime.setting("Business_Hours__c") as string | null;
  const key = configured?.trim() ?? "";
  let cache = businessHoursCache.get(context.transactionKey);
  if (!cache) businessHoursCache.set(context.transactionKey, (cache = new Map()));
  let record = cache.get(key);
  if (!record) {
    const found = context.query("BusinessHours", (b) => (key ? b.Name === key : b.IsDefault === true));
    if (found.length === 0)
      throw new Error(
        key
          ? `Business Hours "${key}" (Handoff Setting Default, Business Hours) does not exist: fix the name or create the record in Setup, Business Hours.`
          : "The org has no default Business Hours: set one in Setup, Business Hours.",
      );
    record = found[0];
    if (record.IsActive !== true)
      throw new Error(
        `Business Hours "${String(record.Name)}" (Handoff Setting Default, Business Hours) is inactive: activate it in Setup, Business Hours, or name another record.`,
      );
    if (!["GMT", "UTC"].includes(String(record.TimeZoneSidKey)))
      throw new Error(`the double counts GMT calendars only, not ${String(record.TimeZoneSidKey)}`);
    cache.set(key, record);
  }
  // Holidays are part of the Business Hours setup, read with it (no query of their own in the org either).
  const holidays = new Set(
    context.runtime
      .all("Holiday", (h) => h.BusinessHoursId === record.Id)
      .map((h) => String(h.ActivityDate).slice(0, 10)),
  );
  return { record, holidays };
}

export const addBusinessHours: ApexDouble = (requests, context) => {
  const calendar = configuredCalendar(context);
  const hoursOf = (name: string, value: unknown) => {
    if (value === null || value === undefined || Number(value) < 0)
      throw new Error(
        `Add Handoff Business Hours: ${name} must be 0 or more, got ${String(value)}; check the Handoff Setting.`,
      );
    return Number(value);
  };
  return requests.map((r) => {
    if (!(r.startAt instanceof Date))
      throw new Error("Add Handoff Business Hours: Start At is blank; pass the close or submit time.");
    const hours = hoursOf("Hours", r.hours);
    const dueAt = addBusinessTime(calendar, r.startAt, hours);
    const lead =
      r.reminderLeadHours === null || r.reminderLeadHours === undefined
        ? null
        : hoursOf("Reminder Lead Hours", r.reminderLeadHours);
    const nextRung =
      r.nextRungHours === null || r.nextRungHours === undefined ? null : hoursOf("Next Rung Hours", r.nextRungHours);
    return {
      dueAt,
      reminderAt: lead === null ? null : addBusinessTime(calendar, r.startAt, Math.max(hours - lead, 0)),
      nextRungAt: nextRung === null ? null : addBusinessTime(calendar, dueAt, nextRung),
    };
  });
};

// ---- HandoffLeadershipRecipientsAction.recipients(List<Request>) ----
// The public group named in Leadership Group (a regular group), else the active users holding Handoff_Leadership
// (at most 500), with how many and, in words, where the rung went; the same answer for every request. Permission set
// groups are not modelled by the runtime (the Apex reads them too).
export const leadershipRecipients: ApexDouble = (requests, context) => {
  const groupName = (context.runtime.setting("Leadership_Group__c") as string | null)?.trim();
  let answer: { recipientIds: string[]; recipientCount: number; routedTo: string } | undefined;
  let missing = "";
  if (groupName) {
    const [group] = context.query("Group", (g) => g.DeveloperName === groupName && g.Type === "Regular");
    if (group) answer = { recipientIds: [group.Id], recipientCount: 1, routedTo: `Leadership Group ${groupName}` };
    else missing = ` (Leadership Group ${groupName} not found)`;
  }
  if (!answer) {
    const holders = [
      ...new Set(
        context
          .query(
            "PermissionSetAssignment",
            (a) =>
              a.PermissionSetName === "Handoff_Leadership" &&
              context.runtime.find(a.AssigneeId as string)?.IsActive === true,
          )
          .map((a) => a.AssigneeId as string),
      ),
    ]
      .sort()
      .slice(0, 500);
    answer = {
      recipientIds: holders,
      recipientCount: holders.length,
      routedTo: `Handoff_Leadership holders (${holders.length})${missing}`,
    };
  }
  return requests.map(() => ({ ...answer, recipientIds: [...answer.recipientIds] }));
};

export function bindEscalationApex(runtime: FlowRuntime): void {
  runtime.apex.set("HandoffBusinessHoursAction", addBusinessHours);
  runtime.apex.set("HandoffLeadershipRecipientsAction", leadershipRecipients);
}
