// The Apex methods the components call, run in the browser on the in-memory store: only what the offline preview
// needs. Each export is named Class_method after the Apex method it stands in for (force-app/main/default/classes).
// Which intake actions a handoff allows, and why not, is not decided here: handoff rows carry the actions the
// recorded Apex responses give for the same state (preview/handoffRow), and an action is refused exactly when its
// row says so. The build fails when a component imports an Apex method that has no export here.
import { get, insert, query, queryComputed, runningUser, sample, statusHistory, update } from "preview/store";
import { toHandoffRow } from "preview/handoffRow";
import RECORDED from "@preview/recorded-apex";
import { answerVerdict, groupRank, settingListKey, toAnswerRules } from "c/handoffRules";
import { SUMMARY_SECTIONS } from "c/handoffSummarySections";
import { recapFields } from "c/handoffCustomerRecap";
import { formatLabel } from "c/labelFormat";
import { userSetting } from "preview/i18n";
import requestStampLabel from "@salesforce/label/c.Handoff_Intake_Request_Stamp";
import requestNoteLabel from "@salesforce/label/c.Handoff_Intake_Request_Note";
import taskSubjectLabel from "@salesforce/label/c.Handoff_Intake_Task_Subject";
import noteLineLabel from "@salesforce/label/c.Handoff_Intake_Note_Line";
import noteWithTextLabel from "@salesforce/label/c.Handoff_Intake_Note_With_Text";
import noteReturnedLabel from "@salesforce/label/c.Handoff_Intake_Note_Returned";
import noteEscalatedLabel from "@salesforce/label/c.Handoff_Intake_Note_Escalated";
import correctionLineLabel from "@salesforce/label/c.Handoff_Recap_Correction_Line";
import correctionBlankLabel from "@salesforce/label/c.Handoff_Recap_Correction_Blank";

// HandoffIntakeSelector: the largest page it returns.
const MAX_PAGE_SIZE = 200;
// A handoff is on the intake lists while CS has something to do with it besides escalating (the selector's open
// statuses, less an accepted handoff whose first touch is logged), read from the row's recorded actions.
const CS_WORK = new Set(["accept", "requestInfo", "return", "firstTouch"]);
// HandoffIntakeService: escalating from the panel goes straight to the CS manager.
const CS_MANAGER_ESCALATION_LEVEL = 3;
const NOTHING_PROMISED = /^(none|no (commitments?|promises?)\b.*)$/i;
const LIST_MARKER = /^\s*(?:[-*\u2022]+|\d{1,3}[.)])\s*/;

// AuraHandledException as an imperative Apex call rejects with it.
function auraError(message) {
  const error = new Error(message);
  error.status = 500;
  error.ok = false;
  error.statusText = "Server Error";
  error.body = {
    message,
    exceptionType: "System.AuraHandledException",
    isUserDefinedException: false,
    stackTrace: null,
  };
  return error;
}

function clone(value) {
  return JSON.parse(JSON.stringify(value));
}

function isManager() {
  return runningUser().role === "CS manager";
}

function nameOf(id) {
  return id ? (get(id)?.fields?.Name ?? null) : null;
}

// HandoffIntakeService.stampTime: now, as Apex Datetime.format() shows it in the writer's locale and time zone.
const STAMP_FORMAT = new Intl.DateTimeFormat(userSetting("locale"), {
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
  timeZone: userSetting("timeZone"),
});

function stamp() {
  return STAMP_FORMAT.format(new Date());
}

function requirements() {
  return sample().checklistConfig.requirements;
}

function requirementLabels() {
  return new Map(requirements().map((r) => [r.fieldApiName, r.label]));
}

function answerRules() {
  return toAnswerRules(sample().checklistConfig.settings);
}

// HandoffIntakeChecklist.placeholderAnswers: the entries as the answer rule compares them.
function placeholderAnswers() {
  return new Set(answerRules().placeholderAnswers.map(settingListKey));
}

function brokenPromiseCount(handoffId) {
  return query("Handoff_Promise__c", (p) => p.fields.Handoff__c === handoffId && p.fields.Status__c === "Broken")
    .length;
}

// HandoffIntakeController.HandoffRow
function toRow(handoff) {
  const f = get(handoff.id).fields;
  const opportunity = f.Opportunity__c ? get(f.Opportunity__c) : null;
  const names = {
    account: nameOf(f.Account__c),
    opportunity: opportunity?.fields?.Name ?? null,
    csOwner: nameOf(f.CS_Owner__c),
    salesOwner: nameOf(f.Sales_Owner__c),
  };
  return toHandoffRow(
    { id: handoff.id, fields: f },
    { names, amount: opportunity?.fields?.Amount ?? null, brokenPromiseCount: brokenPromiseCount(handoff.id) },
    RECORDED,
  );
}

function byDue(a, b) {
  const due = (r) => (r.dueAt ? Date.parse(r.dueAt) : Number.POSITIVE_INFINITY);
  return due(a) - due(b) || a.name.localeCompare(b.name);
}

// HandoffIntakeSelector.selectPage
function selectPage({ scope, status, tier, searchText, pageSize, pageNumber, atRiskHours }) {
  const me = runningUser().id;
  const search = (searchText ?? "").trim().toLowerCase();
  const horizon = Date.now() + (atRiskHours == null || atRiskHours < 0 ? 24 : atRiskHours) * 3600000;
  let rows = queryComputed("Handoff__c", (h) => {
    const f = h.fields;
    if (scope === "mine" && f.CS_Owner__c !== me) return false;
    if (scope === "unassigned" && f.CS_Owner__c) return false;
    if (scope === "atRisk" && !(f.Current_SLA_Due_At__c && Date.parse(f.Current_SLA_Due_At__c) <= horizon))
      return false;
    if (scope === "escalated" && f.Status__c !== "Escalated") return false;
    if (scope === "brokenPromises" && brokenPromiseCount(h.id) === 0) return false;
    if (status && f.Status__c !== status) return false;
    if (tier && f.Tier__c !== tier) return false;
    return true;
  })
    .map(toRow)
    .filter((row) => row.actions.some((action) => action.allowed && CS_WORK.has(action.name)));
  if (search) {
    rows = rows.filter((r) =>
      [r.name, r.accountName, r.opportunityName].some((text) => (text ?? "").toLowerCase().includes(search)),
    );
  }
  // Most urgent first; the panel groups the team lists itself.
  rows.sort(byDue);
  const size = Math.max(1, Math.min(pageSize ?? 25, MAX_PAGE_SIZE));
  const number = Math.max(1, pageNumber ?? 1);
  const slice = rows.slice((number - 1) * size, number * size + 1);
  return { rows: slice.slice(0, size), pageNumber: number, pageSize: size, hasMore: slice.length > size };
}

export function HandoffChecklistController_getChecklistConfig() {
  return clone(sample().checklistConfig);
}

export function HandoffIntakeController_getViewerContext() {
  return {
    userId: runningUser().id,
    isManager: isManager(),
    canReadHandoffs: runningUser().role !== "Sales",
    returnReasons: [...sample().returnReasons],
  };
}

export function HandoffIntakeController_getMyHandoffs(params) {
  return selectPage({ ...params, scope: "mine" });
}

export function HandoffIntakeController_getTeamHandoffs(params) {
  if (!isManager()) throw auraError("The team view is for CS managers.");
  return selectPage(params);
}

export function HandoffIntakeController_getCsUsers() {
  if (!isManager()) throw auraError("Only CS managers can reassign handoffs.");
  return sample()
    .users.filter((u) => u.role !== "Sales")
    .map((u) => ({ label: u.name, value: u.id }));
}

function displayValue(value, dataType) {
  if (value === null || value === undefined) return null;
  if (dataType === "Boolean") return value ? "Yes" : "No";
  // Apex Date.format() and Datetime.format(): the running user's locale (and time zone).
  if (dataType === "Date")
    return new Date(`${value}T00:00:00Z`).toLocaleDateString(userSetting("locale"), { timeZone: "UTC" });
  if (dataType === "DateTime")
    return new Date(value).toLocaleString(userSetting("locale"), { timeZone: userSetting("timeZone") });
  if (dataType === "Reference") return nameOf(value) ?? String(value);
  return String(value);
}

// HandoffIntakeChecklist.answerProblem judges the displayed value: a ticked checkbox shows "Yes".
function answerProblem(value, dataType, rules) {
  return dataType === "Boolean" ? (value === "Yes" ? null : "blank") : answerVerdict(value, dataType, rules);
}

// HandoffIntakeChecklist.build
function intakeItems(handoff) {
  const tier = handoff.fields.Tier__c || "Low-Touch";
  const verified = new Set((handoff.fields.Verified_Items__c ?? "").split("\n"));
  const deal = handoff.fields.Opportunity__c ? get(handoff.fields.Opportunity__c) : null;
  const fields = sample().objectInfos.Opportunity.fields;
  const rules = answerRules();
  const rank = (group) => groupRank(sample().checklistConfig.groupOrder, group);
  return requirements()
    .sort(
      (a, b) =>
        rank(a.groupName) - rank(b.groupName) ||
        (a.displayOrder ?? 0) - (b.displayOrder ?? 0) ||
        a.fieldApiName.localeCompare(b.fieldApiName),
    )
    .map((r) => {
      const item = {
        fieldApiName: r.fieldApiName,
        label: r.label,
        groupName: r.groupName,
        prompt: r.guidancePrompt,
        why: r.whyCsNeedsIt,
        value: null,
        answered: false,
        problem: null,
        accessible: true,
        verified: verified.has(r.fieldApiName),
        required: tier === "High-Touch" ? r.requiredHighTouch : r.requiredLowTouch,
      };
      const info = fields[r.fieldApiName];
      if (!info) return { ...item, accessible: false, problem: "not on Opportunity" };
      if (!deal) return { ...item, accessible: false, problem: "deal hidden from you" };
      const value = displayValue(deal.fields[r.fieldApiName], info.dataType);
      const problem = answerProblem(value, info.dataType, rules);
      // Not sent to the panel by Apex either (no @AuraEnabled): the lookup's record, for the stakeholders.
      const referenceId = info.dataType === "Reference" ? (deal.fields[r.fieldApiName] ?? null) : null;
      return { ...item, value, problem, answered: problem === null, referenceId };
    });
}

// HandoffIntakeDetails.productLines
function productLines(opportunityId) {
  return query("OpportunityLineItem", (line) => line.fields.OpportunityId === opportunityId).map((line) => ({
    id: line.id,
    name: line.fields.Name,
    quantity: line.fields.Quantity ?? null,
    amount: line.fields.TotalPrice ?? null,
  }));
}

// HandoffIntakeDetails.stakeholders
function stakeholders(items) {
  return items
    .filter((item) => item.referenceId && get(item.referenceId)?.apiName === "Contact")
    .map((item) => {
      const person = get(item.referenceId);
      return {
        role: item.label,
        fieldApiName: item.fieldApiName,
        contactId: person.id,
        name: person.fields.Name ?? null,
        title: person.fields.Title ?? null,
        email: person.fields.Email ?? null,
        phone: person.fields.Phone ?? null,
      };
    });
}

// HandoffIntakeDetails.timeline: the field history the org keeps on Status__c, kept here by the store.
function timeline(handoffId) {
  return statusHistory(handoffId).map((change) => ({
    changedAt: change.at,
    changedBy: nameOf(change.byId),
    fromStatus: change.from,
    toStatus: change.to,
  }));
}

// HandoffPromiseService.parsePromises
function parsePromises(promisesMade, placeholders) {
  const promises = [];
  const seen = new Set();
  for (const line of (promisesMade ?? "").split(/\r?\n/)) {
    const text = line.replace(LIST_MARKER, "").trim();
    const key = normalize(text);
    if (!text || placeholders.has(settingListKey(text)) || NOTHING_PROMISED.test(text) || seen.has(key)) continue;
    seen.add(key);
    promises.push(text.slice(0, 4000));
  }
  return promises;
}

function normalize(text) {
  return (text ?? "").trim().toLowerCase().replace(/\s+/g, " ");
}

// HandoffPromiseService.syncFromDeals
function syncPromises(handoff) {
  const existing = query("Handoff_Promise__c", (p) => p.fields.Handoff__c === handoff.id);
  const known = new Set(existing.map((p) => normalize(p.fields.Promise__c)));
  let line = Math.max(0, ...existing.map((p) => p.fields.Line_Number__c ?? 0));
  const deal = handoff.fields.Opportunity__c ? get(handoff.fields.Opportunity__c) : null;
  for (const text of parsePromises(deal?.fields?.Promises_Made__c, placeholderAnswers())) {
    if (known.has(normalize(text))) continue;
    line += 1;
    insert(
      "Handoff_Promise__c",
      { Handoff__c: handoff.id, Promise__c: text, Line_Number__c: line, Status__c: "Open" },
      "a0P",
    );
  }
}

function ledger(handoffId) {
  return query("Handoff_Promise__c", (p) => p.fields.Handoff__c === handoffId)
    .sort((a, b) => (a.fields.Line_Number__c ?? 0) - (b.fields.Line_Number__c ?? 0))
    .map((p) => ({
      id: p.id,
      handoffId,
      text: p.fields.Promise__c,
      status: p.fields.Status__c,
      note: p.fields.Status_Note__c ?? null,
      notedBy: nameOf(p.fields.Noted_By__c),
      notedAt: p.fields.Noted_At__c ?? null,
    }));
}

export function HandoffIntakeController_getIntake({ handoffId }) {
  const handoff = get(handoffId);
  if (!handoff || handoff.apiName !== "Handoff__c")
    throw auraError("Handoff not found, or you do not have access to it.");
  syncPromises(handoff);
  const items = intakeItems(handoff);
  return {
    handoff: toRow(handoff),
    missingInfoRequest: handoff.fields.Missing_Info_Request__c ?? null,
    intakeNotes: handoff.fields.Intake_Notes__c ?? null,
    // Like the Apex Item, whose referenceId is not @AuraEnabled: the panel never sees it.
    items: items.map((item) => {
      const shown = { ...item };
      delete shown.referenceId;
      return shown;
    }),
    promises: ledger(handoffId),
    productLines: productLines(handoff.fields.Opportunity__c),
    stakeholders: stakeholders(items),
    timeline: timeline(handoffId),
    recap: recapView(handoff),
  };
}

// The customer recap (HandoffRecapService), on the recap's one definition: the fields RECAP_PICKS picks from
// SUMMARY_SECTIONS, as the generated HandoffRecapFields lists them for Apex.
const RECAP_FIELDS = recapFields(SUMMARY_SECTIONS);
// The clock flow counts Recap Reminder Business Days (blank: 5) in business hours; the stand-in counts a week.
const RECAP_ANSWER_DAYS = 7;

function recapPeople(handoff) {
  const deal = handoff.fields.Opportunity__c ? get(handoff.fields.Opportunity__c) : null;
  const champion = deal?.fields?.Champion__c ? get(deal.fields.Champion__c) : null;
  const decider = deal?.fields?.Decision_Maker__c ? get(deal.fields.Decision_Maker__c) : null;
  const championEmail = champion?.fields?.Email ?? null;
  const deciderEmail = decider?.fields?.Email ?? null;
  const cc = deciderEmail && deciderEmail.toLowerCase() !== (championEmail ?? "").toLowerCase() ? deciderEmail : null;
  let problem = null;
  if (!champion) problem = "No champion on the deal: ask the rep to name the champion, who receives the recap.";
  else if (!championEmail)
    problem = `The champion ${champion.fields.Name} has no email address: add it to the contact first.`;
  return { deal, champion, championEmail, cc, problem };
}

// HandoffRecapService.view
function recapView(handoff) {
  const f = handoff.fields;
  const people = recapPeople(handoff);
  return {
    sentAt: f.Recap_Sent_At__c ?? null,
    answerDueAt: f.Recap_Answer_Due_At__c ?? null,
    outcome: f.Customer_Confirmation__c ?? null,
    answeredAt: f.Customer_Confirmed_At__c ?? null,
    corrections: f.Corrections__c ?? null,
    recipientName: people.champion?.fields?.Name ?? null,
    recipientEmail: people.championEmail,
    ccEmail: people.cc,
    cannotSendReason: people.problem,
    answers: people.deal
      ? RECAP_FIELDS.map((field) => ({
          sectionKey: field.sectionKey,
          sectionTitle: field.sectionTitle,
          fieldApiName: field.fieldApiName,
          label: field.summaryLabel,
          kind: field.kind,
          value: people.deal.fields[field.fieldApiName] ?? null,
          editable: true,
        }))
      : [],
  };
}

export function HandoffIntakeController_sendRecaps({ handoffIds, resend }) {
  const work = plan(handoffIds, "sendRecap");
  for (const handoff of work.allowed) {
    const people = recapPeople(handoff);
    const answer = handoff.fields.Customer_Confirmation__c;
    if (people.problem) {
      work.refuse(handoff, people.problem);
      continue;
    }
    if (answer && !resend) {
      work.refuse(
        handoff,
        `The customer’s answer is recorded (${answer}): choose Send again to ask again, which clears it.`,
      );
      continue;
    }
    const now = new Date();
    work.save(
      handoff,
      {
        Recap_Sent_At__c: now.toISOString(),
        Recap_Answer_Due_At__c: new Date(now.getTime() + RECAP_ANSWER_DAYS * 86400000).toISOString(),
        Customer_Confirmation__c: null,
        Customer_Confirmed_At__c: null,
        Corrections__c: null,
      },
      `Recap sent to ${people.champion.fields.Name} (${people.championEmail})` +
        (people.cc ? `, with ${people.cc} in copy.` : ".") +
        " The customer’s answer is due in the reminder days set for your org.",
    );
  }
  return work.results();
}

// HandoffRecapService.recordRecapAnswer: refusals throw, as the Apex does, and nothing is saved.
export function HandoffIntakeController_recordRecapAnswer({ handoffId, outcome, corrections, note }) {
  const given = corrections ?? [];
  if (outcome !== "Confirmed" && outcome !== "Corrected")
    throw auraError(`Pick the customer’s answer: Confirmed or Corrected (not ${outcome}).`);
  if (outcome === "Corrected" && given.length === 0)
    throw auraError("Corrected needs at least one changed answer: change what the customer corrected.");
  const work = plan([handoffId], "recordRecapAnswer");
  const handoff = work.allowed[0];
  if (!handoff) throw auraError(work.results()[0].message);
  const deal = handoff.fields.Opportunity__c ? get(handoff.fields.Opportunity__c) : null;
  const changes = given.map((correction) => {
    const field = RECAP_FIELDS.find((f) => f.fieldApiName === correction.fieldApiName);
    if (!field)
      throw auraError(
        `${correction.fieldApiName} is not an answer of the customer recap; the customer can correct: ${RECAP_FIELDS.map((f) => f.fieldApiName).join(", ")}.`,
      );
    const corrected = (correction.correctedValue ?? "").trim();
    if (!corrected) throw auraError(`Write the customer’s corrected answer for ${field.summaryLabel}.`);
    const previous = deal?.fields?.[field.fieldApiName] ?? null;
    if (previous !== null && String(previous).trim() === corrected)
      throw auraError(`${field.summaryLabel} already says this: change it or leave it out.`);
    return { field, previous, corrected };
  });
  if (changes.length > 0 && deal) {
    update([{ Id: deal.id, ...Object.fromEntries(changes.map((c) => [c.field.fieldApiName, c.corrected])) }]);
  }
  const lines = [];
  for (const field of RECAP_FIELDS) {
    const change = changes.find((c) => c.field === field);
    if (!change) continue;
    if (!lines.includes(field.sectionTitle)) lines.push(field.sectionTitle);
    lines.push(
      formatLabel(correctionLineLabel, field.summaryLabel, change.previous ?? correctionBlankLabel, change.corrected),
    );
  }
  if (lines.length > 0 && note && note.trim()) lines.push(formatLabel(requestNoteLabel, note.trim()));
  const what =
    outcome === "Confirmed"
      ? "Customer confirmed the recap"
      : `Customer corrected the recap (${changes.length} answers)`;
  update([
    {
      Id: handoff.id,
      Customer_Confirmation__c: outcome,
      Customer_Confirmed_At__c: new Date().toISOString(),
      Corrections__c: lines.length > 0 ? lines.join("\n") : null,
      Intake_Notes__c: appendNote(handoff.fields.Intake_Notes__c, what, note),
    },
  ]);
  for (const change of changes) {
    insert(
      "Handoff_Correction__c",
      {
        Handoff__c: handoff.id,
        Section__c: change.field.sectionKey,
        Field__c: change.field.fieldApiName,
        Field_Label__c: change.field.summaryLabel,
        Previous_Value__c: change.previous,
        Corrected_Value__c: change.corrected,
        Rep__c: handoff.fields.Sales_Owner__c ?? null,
      },
      "a0C",
    );
  }
  const rep = nameOf(handoff.fields.Sales_Owner__c);
  const message =
    outcome === "Confirmed"
      ? "Recorded: the customer confirmed the recap."
      : `Recorded ${changes.length} correction(s): the deal now holds the customer’s answers. Notified: ${rep ?? "nobody (the handoff has no Sales owner)"}.`;
  return { handoffId: handoff.id, name: handoff.fields.Name, success: true, message };
}

// HandoffIntakeService.Plan: one result per id; a refusal for one handoff never blocks the others. An intake action
// is refused with the reason its row gives (the recorded Apex answer for that state).
function plan(handoffIds, action) {
  if (!handoffIds || handoffIds.length === 0) throw auraError("Select at least one handoff.");
  const me = runningUser().id;
  const manager = isManager();
  const results = new Map();
  const allowed = [];
  for (const id of handoffIds) {
    if (results.has(id)) continue;
    const handoff = get(id);
    if (!handoff || handoff.apiName !== "Handoff__c") {
      results.set(id, {
        handoffId: id,
        name: null,
        success: false,
        message: "Handoff not found, or you do not have access to it.",
      });
    } else if (action && refusal(handoff, action)) {
      results.set(id, { handoffId: id, name: handoff.fields.Name, success: false, message: refusal(handoff, action) });
    } else if (!manager && handoff.fields.CS_Owner__c && handoff.fields.CS_Owner__c !== me) {
      results.set(id, {
        handoffId: id,
        name: handoff.fields.Name,
        success: false,
        message: `This handoff belongs to ${nameOf(handoff.fields.CS_Owner__c)}: ask them or a CS manager.`,
      });
    } else {
      results.set(id, { handoffId: id, name: handoff.fields.Name, success: false, message: "Not processed." });
      allowed.push(handoff);
    }
  }
  return {
    allowed,
    refuse(handoff, message) {
      results.get(handoff.id).message = message;
    },
    // Saves each change on its own, like Database.update(changes, false): partial success.
    save(handoff, change, successMessage) {
      const result = results.get(handoff.id);
      try {
        update([{ Id: handoff.id, ...change }]);
        result.success = true;
        result.message = successMessage;
      } catch (error) {
        result.message = error.body?.message ?? error.message;
      }
      return result.success;
    },
    results: () => [...results.values()],
  };
}

function refusal(handoff, action) {
  const state = toRow(handoff).actions.find((a) => a.name === action);
  return state?.allowed
    ? null
    : (state?.disabledReason ?? `Not possible for a handoff in status ${handoff.fields.Status__c}.`);
}

function appendNote(existing, what, note) {
  const line = formatLabel(
    noteLineLabel,
    stamp(),
    runningUser().name,
    note && note.trim() ? formatLabel(noteWithTextLabel, what, note.trim()) : what,
  );
  return existing ? `${existing}\n${line}` : line;
}

export function HandoffIntakeController_acceptHandoffs({ handoffIds }) {
  const work = plan(handoffIds, "accept");
  for (const handoff of work.allowed) {
    const change = { Status__c: "Accepted", Accepted_At__c: new Date().toISOString() };
    // Accepting an unassigned handoff claims it: somebody must own the customer from now on.
    if (!handoff.fields.CS_Owner__c) change.CS_Owner__c = runningUser().id;
    if (work.save(handoff, change, "Accepted: you own this customer now.")) syncPromises(handoff);
  }
  return work.results();
}

export function HandoffIntakeController_requestMissingInfo({ handoffIds, missingFields, note }) {
  const labels = requirementLabels();
  const items = [];
  for (const field of missingFields ?? []) {
    if (!labels.has(field)) {
      throw auraError(`"${field}" is not a handoff requirement: pick the missing items from the checklist.`);
    }
    items.push(labels.get(field));
  }
  if (items.length === 0) throw auraError("Pick at least one missing item so the rep knows what to add.");
  const request = `${formatLabel(requestStampLabel, stamp(), runningUser().name)}\n- ${items.join("\n- ")}${note && note.trim() ? `\n${formatLabel(requestNoteLabel, note.trim())}` : ""}`;
  const work = plan(handoffIds, "requestInfo");
  for (const handoff of work.allowed) {
    const salesOwner = handoff.fields.Sales_Owner__c;
    if (!salesOwner) {
      work.refuse(handoff, "No sales owner on this handoff to ask: set the Sales Owner first.");
      continue;
    }
    const saved = work.save(
      handoff,
      { Status__c: "Info Requested", Missing_Info_Request__c: request },
      `Information requested: ${nameOf(salesOwner)} has a task listing ${items.length} item(s).`,
    );
    if (saved) {
      insert(
        "Task",
        {
          OwnerId: salesOwner,
          WhatId: handoff.id,
          Subject: formatLabel(taskSubjectLabel, nameOf(handoff.fields.Account__c) ?? handoff.fields.Name),
          Description: request,
          Priority: "High",
        },
        "00T",
      );
    }
  }
  return work.results();
}

export function HandoffIntakeController_returnToSales({ handoffIds, reason, note }) {
  if (!sample().returnReasons.includes(reason))
    throw auraError(`Pick a return reason from the list (got "${reason}").`);
  const work = plan(handoffIds, "return");
  for (const handoff of work.allowed) {
    work.save(
      handoff,
      {
        Status__c: "Returned",
        Return_Reason__c: reason,
        Intake_Notes__c: appendNote(handoff.fields.Intake_Notes__c, formatLabel(noteReturnedLabel, reason), note),
      },
      `Returned to Sales: ${reason}.`,
    );
  }
  return work.results();
}

export function HandoffIntakeController_escalateHandoffs({ handoffIds, note }) {
  const work = plan(handoffIds, "escalate");
  for (const handoff of work.allowed) {
    work.save(
      handoff,
      {
        Status__c: "Escalated",
        Escalation_Level__c: Math.max(handoff.fields.Escalation_Level__c ?? 0, CS_MANAGER_ESCALATION_LEVEL),
        Escalation_Count__c: (handoff.fields.Escalation_Count__c ?? 0) + 1,
        Last_Escalated_At__c: new Date().toISOString(),
        Intake_Notes__c: appendNote(handoff.fields.Intake_Notes__c, noteEscalatedLabel, note),
      },
      "Escalated to the CS manager.",
    );
  }
  return work.results();
}

export function HandoffIntakeController_logFirstTouch({ handoffIds, touchedAt }) {
  const when = touchedAt ? new Date(touchedAt) : new Date();
  if (Number.isNaN(when.getTime())) throw auraError(`"${touchedAt}" is not a date and time.`);
  if (when.getTime() > Date.now()) throw auraError("First touch cannot be in the future.");
  const work = plan(handoffIds, "firstTouch");
  for (const handoff of work.allowed)
    work.save(handoff, { First_Touch_At__c: when.toISOString() }, "First touch logged.");
  return work.results();
}

export function HandoffIntakeController_reassignHandoffs({ handoffIds, newOwnerId }) {
  if (!isManager()) throw auraError("Only CS managers can reassign handoffs.");
  if (!newOwnerId || get(newOwnerId)?.apiName !== "User") throw auraError("Pick the CSM who takes over.");
  const work = plan(handoffIds, null);
  for (const handoff of work.allowed) work.save(handoff, { CS_Owner__c: newOwnerId }, "Reassigned.");
  return work.results();
}

export function HandoffIntakeController_saveVerifiedItems({ handoffId, verifiedFields }) {
  const labels = requirementLabels();
  const kept = [...new Set((verifiedFields ?? []).filter((f) => labels.has(f)))];
  const work = plan([handoffId], null);
  for (const handoff of work.allowed) {
    work.save(handoff, { Verified_Items__c: kept.join("\n") || null }, `${kept.length} item(s) verified.`);
  }
  return work.results()[0];
}

export function HandoffIntakeController_markPromises({ promiseIds, status, note }) {
  if (!promiseIds || promiseIds.length === 0) throw auraError("Select at least one promise.");
  const results = new Map();
  for (const id of promiseIds) {
    if (results.has(id)) continue;
    const promise = get(id);
    if (!promise || promise.apiName !== "Handoff_Promise__c") {
      results.set(id, {
        handoffId: id,
        name: null,
        success: false,
        message: "Promise not found, or you do not have access to it.",
      });
      continue;
    }
    update([
      {
        Id: id,
        Status__c: status,
        Status_Note__c: note && note.trim() ? note.trim().slice(0, 255) : null,
        Noted_By__c: runningUser().id,
        Noted_At__c: new Date().toISOString(),
      },
    ]);
    results.set(id, { handoffId: id, name: null, success: true, message: `Marked ${status}.` });
  }
  return [...results.values()];
}

// HandoffKickoffService: the kickoff lasts 1 to 1440 minutes; an Event description holds 32,000 characters.
const MAX_KICKOFF_MINUTES = 1440;
const EVENT_DESCRIPTION_LIMIT = 32000;
const KICKOFF_CONTACT_FIELDS = ["Champion__c", "Decision_Maker__c", "Executive_Sponsor__c", "Technical_Contact__c"];

// HandoffKickoffService.invitees: the deal's stakeholder contacts (each once, with every role), the rep, the CSM.
function kickoffInvitees(handoff) {
  const deal = handoff.fields.Opportunity__c ? get(handoff.fields.Opportunity__c) : null;
  const labels = sample().objectInfos.Opportunity.fields;
  const byId = new Map();
  const add = (id, role) => {
    const person = id ? get(id) : null;
    if (!person) return;
    const existing = byId.get(id);
    if (existing) existing.role += `, ${role}`;
    else byId.set(id, { id, name: person.fields.Name ?? null, email: person.fields.Email ?? null, role });
  };
  for (const field of KICKOFF_CONTACT_FIELDS) add(deal?.fields?.[field], labels[field]?.label ?? field);
  add(handoff.fields.Sales_Owner__c, "Sales rep");
  add(handoff.fields.CS_Owner__c, "CSM");
  return [...byId.values()];
}

export function HandoffIntakeController_getKickoffDraft({ handoffId }) {
  const handoff = get(handoffId);
  if (!handoff || handoff.apiName !== "Handoff__c")
    throw auraError("Handoff not found, or you do not have access to it.");
  const configured = sample().settings.kickoffDurationMinutes;
  return {
    handoffId,
    opportunityId: handoff.fields.Opportunity__c ?? null,
    subject: `Kickoff: ${nameOf(handoff.fields.Account__c) ?? handoff.fields.Name}`,
    durationMinutes: configured >= 1 && configured <= MAX_KICKOFF_MINUTES ? configured : 60,
    invitees: kickoffInvitees(handoff),
    scheduledFor: handoff.fields.Kickoff_Scheduled_For__c ?? null,
  };
}

// HandoffKickoffService.plan: the same checks in the same order, then the Event on the deal, owned by the CSM, with
// an EventRelation per invitee other than the owner; planning again moves the linked Event.
export function HandoffIntakeController_planKickoff({ handoffId, startAt, durationMinutes, inviteeIds, agenda }) {
  const start = startAt ? new Date(startAt) : null;
  if (!start || Number.isNaN(start.getTime()) || start.getTime() <= Date.now())
    throw auraError("Pick a kickoff start in the future.");
  const minutes = durationMinutes ?? sample().settings.kickoffDurationMinutes;
  if (minutes < 1 || minutes > MAX_KICKOFF_MINUTES)
    throw auraError(`A kickoff lasts from 1 to 1440 minutes, not ${minutes}.`);
  const invited = [...new Set((inviteeIds ?? []).filter(Boolean))];
  if (invited.length === 0) throw auraError("Invite at least one person to the kickoff.");
  if (agenda && agenda.length > EVENT_DESCRIPTION_LIMIT)
    throw auraError(
      `The agenda has ${agenda.length} characters; an event description holds at most 32,000. Shorten it.`,
    );
  const work = plan([handoffId], "planKickoff");
  for (const handoff of work.allowed) {
    const offered = new Set(kickoffInvitees(handoff).map((invitee) => invitee.id));
    const stranger = invited.find((id) => !offered.has(id));
    if (stranger)
      throw auraError(
        `${stranger} is not a stakeholder, the rep or the CSM of this handoff: pick the invitees from the list.`,
      );
    const owner = handoff.fields.CS_Owner__c ?? runningUser().id;
    const linked = handoff.fields.Kickoff_Event_Id__c ? get(handoff.fields.Kickoff_Event_Id__c) : null;
    const times = {
      StartDateTime: start.toISOString(),
      EndDateTime: new Date(start.getTime() + minutes * 60000).toISOString(),
      Description: agenda ?? null,
      Subject: `Kickoff: ${nameOf(handoff.fields.Account__c) ?? handoff.fields.Name}`,
    };
    let eventId = linked?.id;
    if (linked) update([{ Id: linked.id, ...times }]);
    else eventId = insert("Event", { ...times, WhatId: handoff.fields.Opportunity__c, OwnerId: owner }, "00U");
    const already = new Set(
      query("EventRelation", (r) => r.fields.EventId === eventId).map((r) => r.fields.RelationId),
    );
    for (const id of invited) {
      if (id !== owner && !already.has(id))
        insert("EventRelation", { EventId: eventId, RelationId: id, IsInvitee: true }, "0RE");
    }
    work.save(
      handoff,
      {
        Kickoff_Event_Id__c: eventId,
        Kickoff_Planned_At__c: new Date().toISOString(),
        Kickoff_Scheduled_For__c: start.toISOString(),
      },
      `Kickoff planned for ${start.toLocaleString(userSetting("locale"), { timeZone: userSetting("timeZone") })} with ${invited.length} invitee(s). Open the event to send the invitations.`,
    );
  }
  return work.results()[0];
}

// Runs one stand-in like an Apex call: asynchronously, with a copy of the answer, and AuraHandledException-shaped
// errors for anything the stand-in throws.
export function callApex(method, params) {
  // A resolved promise is enough to make the answer arrive after the caller continues, as a server round trip does.
  return Promise.resolve().then(() => {
    try {
      return clone(method(clone(params ?? {})));
    } catch (error) {
      throw error.body ? error : auraError(error.message);
    }
  });
}
