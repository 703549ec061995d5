// The handoff status rule (Handoff__c.Status_Change_Needs_CS_Intake) evaluated with formulon, and every place a flow
// writes Handoff__c.Status__c, with the user it runs as and the record states it can meet. Together they answer
// "can a rep skip CS intake?" and "can the rule ever block the automation?" without an org.
import { join } from "node:path";
import type { FormulonLiteral } from "formulon";
import {
  DEFAULT_SOURCE,
  parseMetadataFile,
  readValidationRules,
  text,
  type XmlNode,
} from "../../scripts/lib/forceApp.ts";
import { evaluate as evaluateFlowFormula } from "../flows/flowFormula.ts";
import { asArray, onlyReachableThrough, reachable, type FlowModel } from "../flows/flowModel.ts";
import { BYPASS_PERMISSION, evaluate, isChangedVariable, priorValueVariable } from "../validation-rules/harness.ts";

export const STATUS_RULE = "Status_Change_Needs_CS_Intake";
export const INTAKE_PERMISSION = "$Permission.Handoff_Intake";
export const DEAL_NOT_CLOSED = "Deal Not Closed";

export type UserKind = "rep" | "csm with Handoff Intake" | "admin with bypass" | "automated process";

export interface StatusChange {
  priorStatus: string;
  newStatus: string;
  priorReason: string; // "" = blank
  newReason: string;
  dealWon: boolean;
  user: UserKind;
  isNew?: boolean;
  // The same save raises Escalation Level to 2 or more (only the automation can edit that field).
  escalationRaised?: boolean;
}

export function picklistValues(object: string, field: string, source = DEFAULT_SOURCE): string[] {
  const { body } = parseMetadataFile(join(source, "objects", object, "fields", `${field}.field-meta.xml`));
  const definition = ((body.valueSet ?? {}) as XmlNode).valueSetDefinition as XmlNode | undefined;
  return asArray(definition?.value).map((v) => text(v.fullName) ?? "");
}

export function loadStatusRule(source = DEFAULT_SOURCE): {
  formula: string;
  errorDisplayField?: string;
  message: string;
} {
  const rule = readValidationRules("Handoff__c", source).find((r) => r.name === STATUS_RULE);
  if (!rule) throw new Error(`Handoff__c has no validation rule ${STATUS_RULE} in ${source}`);
  if (!rule.active) throw new Error(`Handoff__c.${STATUS_RULE} is not active`);
  return { formula: rule.formula, errorDisplayField: rule.errorDisplayField, message: rule.errorMessage };
}

const literal = (dataType: string, value: unknown): FormulonLiteral => ({
  type: "literal",
  dataType,
  value,
  options: dataType === "picklist" ? { values: [value] } : {},
});

// True when the rule blocks the save.
export function ruleBlocks(formula: string, change: StatusChange): boolean {
  const variables: Record<string, FormulonLiteral> = {
    [isChangedVariable("Status__c")]: literal("checkbox", !change.isNew && change.priorStatus !== change.newStatus),
    [BYPASS_PERMISSION]: literal("checkbox", change.user === "admin with bypass"),
    [INTAKE_PERMISSION]: literal("checkbox", change.user === "csm with Handoff Intake"),
    "$User.UserType": literal("picklist", change.user === "automated process" ? "AutomatedProcess" : "Standard"),
    [isChangedVariable("Escalation_Level__c")]: literal("checkbox", change.escalationRaised === true),
    Escalation_Level__c: {
      type: "literal",
      dataType: "number",
      value: change.escalationRaised ? 2 : 1,
      options: { length: 3, scale: 0 },
    },
    Status__c: literal("picklist", change.newStatus),
    Return_Reason__c: literal("picklist", change.newReason),
    [priorValueVariable("Status__c")]: literal("picklist", change.isNew ? "" : change.priorStatus),
    [priorValueVariable("Return_Reason__c")]: literal("picklist", change.isNew ? "" : change.priorReason),
    "Opportunity__r.IsWon": literal("checkbox", change.dealWon),
  };
  const result = evaluate(formula, variables, `Validation rule Handoff__c.${STATUS_RULE}`, { priorValues: true });
  if (result.dataType !== "checkbox") throw new Error(`${STATUS_RULE} returns ${result.dataType}, not true/false`);
  return result.value === true;
}

// What the business wants, written independently of the formula: Sales submits, CS does the rest, and the status
// changes the automation makes stay possible whichever user it runs as (a scheduled path runs as the rep who made
// the change, or as the Automated Process user): the automation is recognised by what it writes, not by who runs it.
export function oracleAllows(change: StatusChange): boolean {
  if (change.isNew || change.priorStatus === change.newStatus) return true;
  if (change.user === "csm with Handoff Intake" || change.user === "admin with bypass") return true;
  if (change.priorStatus === "Accepted") return false;
  if (change.newStatus === "Submitted") return true;
  if (change.newStatus === "Escalated") return change.escalationRaised === true;
  if (change.newStatus === "Returned") return change.newReason === DEAL_NOT_CLOSED && !change.dealWon;
  if (change.newStatus === "Draft") return change.priorReason === DEAL_NOT_CLOSED && change.dealWon;
  return false;
}

// ---- Status writes in the flows ----

export interface StatusWrite {
  flow: string;
  element: string;
  kind: "recordCreates" | "recordUpdates" | "assignments";
  newStatus: string;
  newReason?: string; // set when the same element writes Return_Reason__c ("" = cleared)
  runsAs: UserKind[];
  raisesEscalation: boolean;
  priorStatuses: string[];
  priorReasons: string[];
  dealWon: boolean[];
}

// A flow <value> or <rightValue> (read as an array of one by forceApp.ts): its string, or its boolean as text.
function literalOf(value: unknown): { string?: string; boolean?: string } {
  const v = ((Array.isArray(value) ? value[0] : value) ?? {}) as XmlNode;
  return {
    string: "stringValue" in v ? (text(v.stringValue) ?? "") : undefined,
    boolean: text(v.booleanValue),
  };
}
const stringValue = (value: unknown) => literalOf(value).string;
const conditionValue = (value: unknown) => literalOf(value).string ?? literalOf(value).boolean;

const fieldOf = (reference: string) => reference.split(".").pop() ?? "";

interface Condition {
  field: string;
  operator: string;
  value?: string;
}

function applyConditions(values: string[], conditions: Condition[], field: string): string[] {
  let kept = values;
  for (const c of conditions.filter((x) => x.field === field)) {
    if (c.operator === "EqualTo") kept = kept.filter((v) => v === (c.value ?? ""));
    else if (c.operator === "NotEqualTo") kept = kept.filter((v) => v !== (c.value ?? ""));
    else if (c.operator === "IsNull") kept = kept.filter((v) => (v === "") === (c.value === "true"));
  }
  return kept;
}

// Conditions on the handoff's status and return reason that hold whenever `element` runs: the filters of the
// element itself, and every decision outcome the element can only be reached through.
function guardConditions(flow: FlowModel, element: string): Condition[] {
  const node = flow.elements.get(element)!.node;
  const conditions: Condition[] = asArray(node.filters).map((f) => ({
    field: text(f.field) ?? "",
    operator: text(f.operator) ?? "",
    value: conditionValue(f.value),
  }));
  for (const decision of flow.elements.values()) {
    if (decision.kind !== "decisions") continue;
    for (const rule of asArray(decision.node.rules)) {
      const ruleName = text(rule.name) ?? "";
      if ((text(rule.conditionLogic) ?? "and") !== "and") continue;
      if (!onlyReachableThrough(flow, element, decision.name, ruleName)) continue;
      for (const c of asArray(rule.conditions)) {
        conditions.push({
          field: fieldOf(text(c.leftValueReference) ?? ""),
          operator: text(c.operator) ?? "",
          value: conditionValue(c.rightValue),
        });
      }
    }
  }
  return conditions;
}

// Who the element runs as: everything reached from the start as the user whose save fired the flow, which for
// every handoff flow can be a rep (the least privileged user). A scheduled path runs as the user who made the
// triggering change (Salesforce Help, "Scheduled Paths"), which can be a rep or the Automated Process user when the
// automation made it: both are checked.
function runsAs(flow: FlowModel, element: string): UserKind[] {
  const kinds = new Set<UserKind>();
  if (reachable(flow, flow.startTarget).has(element)) kinds.add("rep");
  if (flow.scheduledPaths.some((p) => reachable(flow, p.target).has(element))) {
    kinds.add("rep");
    kinds.add("automated process");
  }
  return [...kinds];
}

// Whether the deal is won when the flow runs: read from the entry condition of the deal flows, both for the others.
function dealWonStates(flow: FlowModel): boolean[] {
  if (flow.object !== "Opportunity" || !flow.filterFormula) return [true, false];
  const states = [true, false].filter((isWon) => {
    try {
      return (
        evaluateFlowFormula(flow.filterFormula!, {
          "$Record.IsWon": isWon,
          "ISNEW()": false,
          "ISCHANGED($Record.IsWon)": true,
          "$Record.IsClosed": isWon,
          "ISCHANGED($Record.IsClosed)": true,
          "$Record.StageName": { picklist: "" },
        }) === true
      );
    } catch {
      return true;
    }
  });
  return states.length ? states : [true, false];
}

export function statusWrites(flows: FlowModel[], statuses: string[], reasons: string[]): StatusWrite[] {
  const writes: StatusWrite[] = [];
  for (const flow of flows) {
    for (const element of flow.elements.values()) {
      let newStatus: string | undefined;
      let newReason: string | undefined;
      let raisesEscalation = false;
      if (element.kind === "recordCreates" || element.kind === "recordUpdates") {
        if (text(element.node.object) !== "Handoff__c" && !(element.kind === "recordUpdates" && !element.node.object))
          continue;
        for (const a of asArray(element.node.inputAssignments)) {
          if (text(a.field) === "Status__c") newStatus = stringValue(a.value) ?? "(not a fixed value)";
          if (text(a.field) === "Return_Reason__c") newReason = stringValue(a.value) ?? "(not a fixed value)";
          if (text(a.field) === "Escalation_Level__c") raisesEscalation = true;
        }
      } else if (element.kind === "assignments" && flow.object === "Handoff__c") {
        for (const a of asArray(element.node.assignmentItems)) {
          const to = text(a.assignToReference);
          if (to === "$Record.Status__c") newStatus = stringValue(a.value) ?? "(not a fixed value)";
          if (to === "$Record.Return_Reason__c") newReason = stringValue(a.value) ?? "(not a fixed value)";
          if (to === "$Record.Escalation_Level__c") raisesEscalation = true;
        }
      } else continue;
      if (newStatus === undefined) continue;
      const guards = guardConditions(flow, element.name);
      writes.push({
        flow: flow.apiName,
        element: element.name,
        kind: element.kind,
        newStatus,
        newReason,
        runsAs: runsAs(flow, element.name),
        raisesEscalation,
        priorStatuses: applyConditions(statuses, guards, "Status__c"),
        priorReasons: applyConditions(["", ...reasons], guards, "Return_Reason__c"),
        dealWon: dealWonStates(flow),
      });
    }
  }
  return writes;
}

// Every combination a write can meet, where the rule blocks it: each entry names the flow, element and situation.
export function blockedStatusWrites(formula: string, writes: StatusWrite[]): string[] {
  const blocked: string[] = [];
  for (const w of writes) {
    if (w.runsAs.length === 0) continue;
    for (const user of w.runsAs)
      for (const priorStatus of w.priorStatuses)
        for (const priorReason of w.priorReasons)
          for (const dealWon of w.dealWon) {
            const change: StatusChange = {
              priorStatus,
              newStatus: w.newStatus,
              priorReason,
              newReason: w.newReason ?? priorReason,
              dealWon,
              user,
              isNew: w.kind === "recordCreates",
              escalationRaised: w.raisesEscalation,
            };
            if (ruleBlocks(formula, change))
              blocked.push(
                `${w.flow} (${w.element}) sets ${w.newStatus} as the ${user}, from ${priorStatus}` +
                  `${priorReason ? ` (reason ${priorReason})` : ""}, deal ${dealWon ? "won" : "not won"}: ` +
                  `the status rule blocks it`,
              );
          }
  }
  return blocked;
}
