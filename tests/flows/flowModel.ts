// Reads Flow metadata (force-app/main/default/flows) into a graph of elements and connectors, and the structural
// checks the handoff automation relies on: fault paths, no data access inside loops, connectors that resolve, and
// "this element is only reachable through that decision outcome". Each check returns problems naming the flow file
// and the element, so a failing test says what to fix.
import { basename, join, relative } from "node:path";
import {
  DEFAULT_SOURCE,
  PROJECT_ROOT,
  parseMetadataFile,
  text,
  walkFiles,
  type XmlNode,
} from "../../scripts/lib/forceApp.ts";

export const FLOWS_DIR = join(DEFAULT_SOURCE, "flows");
// The fault path of the handoff flows ends in this Apex action; it uses partial-success DML and cannot fault
// itself, so it is the one element allowed without a fault connector.
export const FAULT_HANDLER_ACTION = "RecordHandoffAutomationErrorAction";

export const ELEMENT_KINDS = [
  "actionCalls",
  "assignments",
  "collectionProcessors",
  "customErrors",
  "decisions",
  "loops",
  "recordCreates",
  "recordDeletes",
  "recordLookups",
  "recordRollbacks",
  "recordUpdates",
  "screens",
  "subflows",
  "transforms",
  "waits",
] as const;
export type ElementKind = (typeof ELEMENT_KINDS)[number];
export const DATA_KINDS: readonly ElementKind[] = ["recordLookups", "recordCreates", "recordUpdates", "recordDeletes"];
export const FAULT_REQUIRED_KINDS: readonly ElementKind[] = [
  "recordCreates",
  "recordUpdates",
  "recordDeletes",
  "actionCalls",
];

export type ConnectorKind = "next" | "fault" | "rule" | "default" | "loopNext" | "loopDone";

export interface Connector {
  kind: ConnectorKind;
  target: string;
  rule?: string;
}

export interface FlowElement {
  kind: ElementKind;
  name: string;
  node: XmlNode;
  connectors: Connector[];
}

export interface ScheduledPath {
  name: string;
  target?: string;
  recordField?: string;
  timeSource?: string;
  offsetNumber: number;
  offsetUnit?: string;
}

export interface FlowModel {
  path: string;
  apiName: string;
  apiVersion?: string;
  processType?: string;
  status?: string;
  triggerType?: string;
  recordTriggerType?: string;
  object?: string;
  filterFormula?: string;
  requiresChangeToMeetCriteria: boolean;
  startTarget?: string;
  scheduledPaths: ScheduledPath[];
  elements: Map<string, FlowElement>;
  formulas: Map<string, { dataType?: string; expression: string }>;
}

export interface FlowProblem {
  file: string;
  element?: string;
  problem: string;
}

export function asArray(node: unknown): XmlNode[] {
  if (node === undefined || node === null || node === "") return [];
  return (Array.isArray(node) ? node : [node]) as XmlNode[];
}

function target(connector: unknown): string | undefined {
  return text((connector as XmlNode | undefined)?.targetReference);
}

function connectorsOf(kind: ElementKind, node: XmlNode): Connector[] {
  const out: Connector[] = [];
  const add = (k: ConnectorKind, connector: unknown, rule?: string) => {
    const t = target(connector);
    if (t) out.push({ kind: k, target: t, rule });
  };
  add("next", node.connector);
  add("fault", node.faultConnector);
  add("default", node.defaultConnector);
  if (kind === "decisions" || kind === "waits") {
    for (const rule of asArray(node.rules ?? node.waitEvents)) add("rule", rule.connector, text(rule.name));
  }
  if (kind === "loops") {
    add("loopNext", node.nextValueConnector);
    add("loopDone", node.noMoreValuesConnector);
  }
  if (kind === "screens" || kind === "actionCalls") {
    for (const p of asArray(node.actionCallPaths)) add("rule", p.connector, text(p.name));
  }
  return out;
}

export function readFlow(path: string): FlowModel {
  const { root, body } = parseMetadataFile(path);
  if (root !== "Flow") throw new Error(`${path}: root element is ${root}, not Flow`);
  const elements = new Map<string, FlowElement>();
  for (const kind of ELEMENT_KINDS) {
    for (const node of asArray(body[kind])) {
      const name = text(node.name) ?? "";
      elements.set(name, { kind, name, node, connectors: connectorsOf(kind, node) });
    }
  }
  const formulas = new Map<string, { dataType?: string; expression: string }>();
  for (const f of asArray(body.formulas)) {
    formulas.set(text(f.name) ?? "", { dataType: text(f.dataType), expression: text(f.expression) ?? "" });
  }
  const start = (body.start ?? {}) as XmlNode;
  return {
    path,
    apiName: basename(path, ".flow-meta.xml"),
    apiVersion: text(body.apiVersion),
    processType: text(body.processType),
    status: text(body.status),
    triggerType: text(start.triggerType),
    recordTriggerType: text(start.recordTriggerType),
    object: text(start.object),
    filterFormula: text(start.filterFormula),
    requiresChangeToMeetCriteria: text(start.doesRequireRecordChangedToMeetCriteria) === "true",
    startTarget: target(start.connector),
    scheduledPaths: asArray(start.scheduledPaths).map((p) => ({
      name: text(p.name) ?? "",
      target: target(p.connector),
      recordField: text(p.recordField),
      timeSource: text(p.timeSource),
      offsetNumber: Number(text(p.offsetNumber) ?? "0"),
      offsetUnit: text(p.offsetUnit),
    })),
    elements,
    formulas,
  };
}

export function readFlows(dir = FLOWS_DIR): FlowModel[] {
  return walkFiles(dir, ".flow-meta.xml").map(readFlow);
}

export function describe(p: FlowProblem): string {
  return `${relative(PROJECT_ROOT, p.file)}${p.element ? ` (${p.element})` : ""}: ${p.problem}`;
}

export function isFaultHandler(element: FlowElement): boolean {
  return element.kind === "actionCalls" && text(element.node.actionName) === FAULT_HANDLER_ACTION;
}

export function faultPathProblems(flow: FlowModel): FlowProblem[] {
  const problems: FlowProblem[] = [];
  for (const element of flow.elements.values()) {
    if (!FAULT_REQUIRED_KINDS.includes(element.kind) || isFaultHandler(element)) continue;
    const fault = element.connectors.find((c) => c.kind === "fault");
    if (!fault) {
      problems.push({
        file: flow.path,
        element: element.name,
        problem: `${element.kind} element has no fault connector: a failure here would roll back the user's save with an unhandled flow error`,
      });
      continue;
    }
    const handler = flow.elements.get(fault.target);
    if (handler && !isFaultHandler(handler)) {
      problems.push({
        file: flow.path,
        element: element.name,
        problem: `fault connector goes to ${fault.target}, which is not the ${FAULT_HANDLER_ACTION} action that records the error on the handoff`,
      });
    }
  }
  return problems;
}

export function connectorProblems(flow: FlowModel): FlowProblem[] {
  const problems: FlowProblem[] = [];
  const check = (from: string, t: string | undefined) => {
    if (t && !flow.elements.has(t))
      problems.push({
        file: flow.path,
        element: from,
        problem: `connector points to "${t}", which is not an element of this flow`,
      });
  };
  check("start", flow.startTarget);
  for (const p of flow.scheduledPaths) check(`scheduled path ${p.name}`, p.target);
  for (const element of flow.elements.values()) for (const c of element.connectors) check(element.name, c.target);
  return problems;
}

// Elements reachable from `from`, following every connector; `stopAt` ends a branch (the loop itself).
export function reachable(
  flow: FlowModel,
  from: string | undefined,
  stopAt?: string,
  skip?: (c: Connector, owner: FlowElement) => boolean,
): Set<string> {
  const seen = new Set<string>();
  const queue = from ? [from] : [];
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (name === stopAt || seen.has(name)) continue;
    const element = flow.elements.get(name);
    if (!element) continue;
    seen.add(name);
    for (const c of element.connectors) if (!skip?.(c, element)) queue.push(c.target);
  }
  return seen;
}

// A Get/Create/Update/Delete inside a loop runs once per item: 200 records in one save would be 200 queries or
// DML statements. Follows each loop's "next value" connector until the path comes back to the loop.
export function dataInLoopProblems(flow: FlowModel): FlowProblem[] {
  const problems: FlowProblem[] = [];
  for (const loop of flow.elements.values()) {
    if (loop.kind !== "loops") continue;
    const body = loop.connectors.find((c) => c.kind === "loopNext")?.target;
    for (const name of reachable(flow, body, loop.name)) {
      const element = flow.elements.get(name)!;
      if (DATA_KINDS.includes(element.kind)) {
        problems.push({
          file: flow.path,
          element: name,
          problem: `${element.kind} element inside loop ${loop.name}: it runs once per item; collect the records in the loop and do one ${element.kind} after it`,
        });
      }
    }
  }
  return problems;
}

// True when every path from the start to `targetElement` goes through decision `decision`, outcome `rule`.
export function onlyReachableThrough(flow: FlowModel, targetElement: string, decision: string, rule: string): boolean {
  const skipRule = (c: Connector, owner: FlowElement) =>
    owner.name === decision && c.kind === "rule" && c.rule === rule;
  const starts = [flow.startTarget, ...flow.scheduledPaths.map((p) => p.target)];
  return starts.every((s) => !reachable(flow, s, undefined, skipRule).has(targetElement));
}

export interface RuleCondition {
  left: string;
  operator: string;
  right?: string;
}

export function ruleConditions(flow: FlowModel, decision: string, rule: string): RuleCondition[] {
  const element = flow.elements.get(decision);
  if (!element || element.kind !== "decisions") return [];
  const r = asArray(element.node.rules).find((x) => text(x.name) === rule);
  return asArray(r?.conditions).map((c) => {
    const right = (c.rightValue ?? {}) as XmlNode;
    const value = Object.values(right)
      .map((v) => text(v))
      .find((v) => v !== undefined);
    return { left: text(c.leftValueReference) ?? "", operator: text(c.operator) ?? "", right: value };
  });
}

export function elementsOfKind(flow: FlowModel, kind: ElementKind): FlowElement[] {
  return [...flow.elements.values()].filter((e) => e.kind === kind);
}

// ---- Following one run of a flow ----

// The values a run sees, keyed as the flow writes them: "$Record.Status__c", "Get_Settings.Won_Stage__c",
// "varCsOwnerId". null is blank; booleans are written "true"/"false" as in the flow XML.
export type RunValues = Record<string, string | null>;

function conditionHolds(condition: XmlNode, values: RunValues, flow: FlowModel): boolean {
  const left = text(condition.leftValueReference) ?? "";
  if (!(left in values)) throw new Error(`${flow.apiName}: a condition reads ${left}, which the test run does not set`);
  const actual = values[left];
  const right = asArray(condition.rightValue)[0] ?? {};
  const expected =
    text(right.stringValue) ??
    text(right.booleanValue) ??
    text(right.numberValue) ??
    (right.elementReference !== undefined ? (values[text(right.elementReference)!] ?? null) : null);
  switch (text(condition.operator)) {
    case "EqualTo":
      return (actual ?? "") === (expected ?? "");
    case "NotEqualTo":
      return (actual ?? "") !== (expected ?? "");
    case "IsNull":
      return (actual === null || actual === "") === (expected === "true");
    case "GreaterThan":
      return actual !== null && actual !== "" && Number(actual) > Number(expected);
    default:
      throw new Error(`${flow.apiName}: operator ${text(condition.operator)} is not simulated`);
  }
}

// The elements one run goes through from `from`, taking at each decision the first outcome whose conditions hold
// (as Salesforce does) and no fault connectors. Only "and" conditions are simulated; anything else throws, so a
// test never silently follows the wrong branch.
export function runPath(flow: FlowModel, from: string | undefined, values: RunValues): string[] {
  const path: string[] = [];
  let name = from;
  while (name) {
    const element = flow.elements.get(name);
    if (!element) throw new Error(`${flow.apiName}: the run reaches ${name}, which is not an element`);
    if (path.includes(name)) throw new Error(`${flow.apiName}: the run loops at ${name}`);
    path.push(name);
    if (element.kind === "decisions") {
      const rule = asArray(element.node.rules).find((r) => {
        const logic = text(r.conditionLogic) ?? "and";
        if (logic !== "and") throw new Error(`${flow.apiName} (${name}): condition logic ${logic} is not simulated`);
        return asArray(r.conditions).every((c) => conditionHolds(c, values, flow));
      });
      name = rule
        ? element.connectors.find((c) => c.kind === "rule" && c.rule === text(rule.name))?.target
        : element.connectors.find((c) => c.kind === "default")?.target;
    } else if (element.kind === "loops") {
      throw new Error(`${flow.apiName} (${name}): loops are not simulated`);
    } else {
      name = element.connectors.find((c) => c.kind === "next")?.target;
    }
  }
  return path;
}

// What an element writes, one line per item: "varRecipientIds Add $Record.CS_Owner__c", "Status__c = \"Draft\"".
export function writesOf(flow: FlowModel, element: string): string[] {
  const node = flow.elements.get(element)?.node;
  if (!node) return [];
  const show = (value: unknown) => {
    const v = asArray(value)[0] ?? {};
    if (v.elementReference !== undefined) return text(v.elementReference) ?? "";
    if (v.stringValue !== undefined) return `"${text(v.stringValue) ?? ""}"`;
    return text(v.booleanValue) ?? text(v.numberValue) ?? "(blank)";
  };
  return [
    ...asArray(node.assignmentItems).map(
      (a) => `${text(a.assignToReference)} ${text(a.operator) === "Assign" ? "=" : text(a.operator)} ${show(a.value)}`,
    ),
    ...asArray(node.inputAssignments).map((a) => `${text(a.field)} = ${show(a.value)}`),
    ...asArray(node.inputParameters).map((a) => `${text(a.name)} = ${show(a.value)}`),
  ];
}
