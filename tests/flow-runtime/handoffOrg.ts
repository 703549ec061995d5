// A small org for the handoff behaviour tests: a sales rep and their manager, CSMs in the tier groups, a CS
// manager, a CS lead, accounts with contacts, the permission sets each role holds, and deals whose handoff answers
// are complete (so the Closed Won validation rules let them close). Names are made up here; nothing is hard-coded
// into the runtime.
import assert from "node:assert/strict";
import { DEFAULT_SOURCE } from "../../scripts/lib/forceApp.ts";
import { loadRequirementFields, loadRequirements, type RequirementField } from "../../scripts/lib/handoffConfig.ts";
import { bindHandoffApex } from "./apexDoubles.ts";
import { FlowRuntime, type OutboxEntry, type RuntimeOptions, type SObject } from "./runtime.ts";

export interface HandoffOrg {
  runtime: FlowRuntime;
  rep: SObject;
  repManager: SObject;
  csManager: SObject;
  csLead: SObject;
  highTouchCsm: SObject;
  lowTouchCsm: SObject;
  // Holds Handoff_Leadership: told at the leadership rung while no Leadership Group is set.
  leader: SObject;
  // Business Hours as a new org has them (the default, open all week) and a weekday calendar tests can switch to.
  defaultBusinessHours: SObject;
  weekdayBusinessHours: SObject;
  account: SObject;
  contact: SObject;
  group(developerName: string): SObject;
  addUser(values: Record<string, unknown>, permissionSets?: string[], groups?: string[]): SObject;
  newDeal(values?: Record<string, unknown>): Record<string, unknown>;
  createDeal(values?: Record<string, unknown>): SObject;
  closeWon(dealId: string): SObject;
  handoffOf(dealId: string): SObject;
  tasksOn(recordId: string): SObject[];
  // What the Default Handoff Setting record holds changed, as an admin would edit it in Setup.
  changeSettings(values: Record<string, unknown>): void;
  // The messages of one channel that reached the user.
  sentTo(channel: "bell" | "email" | "slack", recipientId: string): OutboxEntry[];
}

const requirementFieldsBySource = new Map<string, RequirementField[]>();
const ANSWER = "A complete, specific answer the CSM can act on without calling the rep.";

export function handoffOrg(options: RuntimeOptions = {}): HandoffOrg {
  const runtime = new FlowRuntime(options);
  bindHandoffApex(runtime);
  const group = (developerName: string) => {
    const found = runtime.all("Group", (g) => g.DeveloperName === developerName)[0];
    if (!found) throw new Error(`no group or queue ${developerName} in the org`);
    return found;
  };
  let userCount = 0;
  const addUser = (values: Record<string, unknown>, permissionSets: string[] = [], groups: string[] = []) => {
    userCount++;
    const user = runtime.put("User", {
      FirstName: `User${userCount}`,
      LastName: "Test",
      Username: `user${userCount}@handoff.test`,
      Email: `user${userCount}@handoff.test`,
      IsActive: true,
      UserType: "Standard",
      ...values,
    });
    for (const name of permissionSets)
      runtime.put("PermissionSetAssignment", { AssigneeId: user.Id, PermissionSetName: name });
    for (const g of groups) runtime.put("GroupMember", { GroupId: group(g).Id, UserOrGroupId: user.Id });
    return user;
  };
  const repManager = addUser({ FirstName: "Rita", LastName: "Sales-Manager" }, ["Handoff_Sales"]);
  const rep = addUser({ FirstName: "Sam", LastName: "Rep", ManagerId: repManager.Id }, ["Handoff_Sales"]);
  const csManager = addUser({ FirstName: "Cora", LastName: "CS-Manager" }, ["Handoff_CS", "Handoff_CS_Manager"]);
  const csLead = addUser({ FirstName: "Lee", LastName: "CS-Lead" }, ["Handoff_CS"], ["CS_Leads"]);
  const highTouchCsm = addUser(
    { FirstName: "Hana", LastName: "High-Touch", ManagerId: csManager.Id },
    ["Handoff_CS"],
    ["CS_High_Touch"],
  );
  const lowTouchCsm = addUser(
    { FirstName: "Liam", LastName: "Low-Touch", ManagerId: csManager.Id },
    ["Handoff_CS"],
    ["CS_Low_Touch"],
  );
  const leader = addUser({ FirstName: "Vera", LastName: "VP-CS" }, ["Handoff_Leadership"]);
  const allDay = Object.fromEntries(
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"].flatMap((d) => [
      [`${d}StartTime`, "00:00"],
      [`${d}EndTime`, "00:00"],
    ]),
  );
  const defaultBusinessHours = runtime.put("BusinessHours", {
    Name: "Default",
    IsActive: true,
    IsDefault: true,
    TimeZoneSidKey: "GMT",
    ...allDay,
  });
  const weekdayBusinessHours = runtime.put("BusinessHours", {
    Name: "Handoff Weekdays",
    IsActive: true,
    IsDefault: false,
    TimeZoneSidKey: "GMT",
    ...Object.fromEntries(
      ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"].flatMap((d) => [
        [`${d}StartTime`, "09:00"],
        [`${d}EndTime`, "17:00"],
      ]),
    ),
  });
  const account = runtime.put("Account", { Name: "Acme Analytics", OwnerId: rep.Id });
  const contact = runtime.put("Contact", { FirstName: "Ada", LastName: "Champion", AccountId: account.Id });

  const source = options.source ?? DEFAULT_SOURCE;
  let requirementFields = requirementFieldsBySource.get(source);
  if (!requirementFields) {
    requirementFields = [...loadRequirementFields(loadRequirements(source), source).values()];
    requirementFieldsBySource.set(source, requirementFields);
  }
  const today = runtime.clock.toISOString().slice(0, 10);
  let dealCount = 0;
  const newDeal = (values: Record<string, unknown> = {}) => {
    const deal: Record<string, unknown> = {
      Name: `Acme expansion ${++dealCount}`,
      AccountId: account.Id,
      OwnerId: rep.Id,
      StageName: "Qualification",
      CloseDate: today,
      Amount: 20000,
      Deal_Complexity__c: "Low",
    };
    for (const field of requirementFields) {
      if (field.name === "HasOpportunityLineItem") deal[field.name] = true;
      else if (field.type === "Lookup") deal[field.name] = contact.Id;
      else if (field.type === "Date") deal[field.name] = "2027-01-15";
      else if (field.type === "Checkbox") deal[field.name] = true;
      else deal[field.name] = ANSWER;
    }
    return { ...deal, ...values };
  };
  const expectSaved = (what: string, results: { success: boolean; errors: { message: string }[] }[]) => {
    const failed = results.filter((r) => !r.success);
    if (failed.length > 0)
      throw new Error(`${what} failed: ${failed.flatMap((r) => r.errors.map((e) => e.message)).join(" | ")}`);
  };
  const createDeal = (values: Record<string, unknown> = {}) => {
    const results = runtime.insert("Opportunity", [newDeal(values)], { as: rep });
    expectSaved("creating the deal", results);
    return runtime.get(results[0].id!);
  };
  const closeWon = (dealId: string) => {
    expectSaved(
      "closing the deal",
      runtime.update("Opportunity", [{ Id: dealId, StageName: "Closed Won" }], { as: rep }),
    );
    return runtime.get(dealId);
  };
  const handoffOf = (dealId: string) => {
    const found = runtime.all("Handoff__c", (h) => h.Opportunity__c === dealId);
    if (found.length !== 1) throw new Error(`expected exactly one handoff for the deal, found ${found.length}`);
    return found[0];
  };
  const tasksOn = (recordId: string) => runtime.all("Task", (t) => t.WhatId === recordId);
  const changeSettings = (values: Record<string, unknown>) => {
    const settings = runtime.all("Handoff_Setting__mdt", (r) => r.DeveloperName === "Default")[0];
    runtime.put("Handoff_Setting__mdt", { ...settings, ...values });
  };
  const sentTo = (channel: "bell" | "email" | "slack", recipientId: string) =>
    runtime.outbox.filter((m) => m.channel === channel && m.recipientIds.includes(recipientId));
  return {
    runtime,
    rep,
    repManager,
    csManager,
    csLead,
    highTouchCsm,
    lowTouchCsm,
    leader,
    defaultBusinessHours,
    weekdayBusinessHours,
    account,
    contact,
    group,
    addUser,
    newDeal,
    createDeal,
    closeWon,
    handoffOf,
    tasksOn,
    changeSettings,
    sentTo,
  };
}

// A date-time field as the tests compare it: ISO text, or the value as text when it is not a date.
export const iso = (value: unknown): string => (value instanceof Date ? value.toISOString() : String(value));

// Fails naming the save and the platform's messages when any row of a DML did not save.
export function expectSaved(results: { success: boolean; errors: { message: string }[] }[], what: string): void {
  for (const r of results)
    assert.ok(r.success, `${what} should save, but: ${r.errors.map((e) => e.message).join(" | ")}`);
}
