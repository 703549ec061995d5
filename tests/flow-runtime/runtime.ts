// An offline Salesforce org for the handoff automation: records in memory, the save order of the platform, and the
// record-triggered flows of force-app/main/default/flows (or any flows directory) executed element by element.
//
// Save order, after "Triggers and Order of Execution" (Apex Developer Guide,
// https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_triggers_order_of_execution.htm):
// load the original record, apply the new values, run before-save record-triggered flows, run the custom validation
// rules, save (not committed), run after-save record-triggered flows, commit; scheduled paths are queued at commit.
// DML a flow or an Apex action makes inside the transaction runs the same steps for those records (recursion),
// up to the trigger depth limit of 16.
//
// Scheduled paths (Salesforce Help, "Scheduled Paths",
// https://help.salesforce.com/apex/HTViewHelpDoc?id=platform.flow_concepts_trigger_scheduled_path.htm): they run in
// system context, "but the running user associated with the flow's actions is the user who originally changed the
// record", or the Default Workflow User when that user is inactive. `scheduledPathUser` picks that documented
// behaviour ("triggering user") or the Automated Process user, so a test can run a path both ways.
//
// Bulk: the interviews of one save run side by side; an interview stops at each data element or action and the
// element then runs once for every interview waiting at it: one query, one DML statement, one action call for the
// batch, as the platform bulkifies flows. Queries, DML statements and rows are counted per transaction against the
// synchronous governor limits; exceeding one throws LimitExceeded, which nothing catches.
import {
  DEFAULT_SOURCE,
  parseMetadataFile,
  readCustomMetadataRecords,
  readValidationRules,
  text,
  type ValidationRuleDefinition,
  type XmlNode,
} from "../../scripts/lib/forceApp.ts";
import { FLOWS_DIR, asArray, readFlows, type FlowElement, type FlowModel } from "../flows/flowModel.ts";
import { evaluateFlowFormula, evaluateRecordFormula, type Typed } from "./formula.ts";
import { Schema, customMetadataTypes, metadataNames, permissionSets, type FieldKind } from "./schema.ts";

export type SObject = Record<string, unknown> & { Id: string };

export interface DmlError {
  statusCode: string;
  message: string;
}

export interface SaveResult {
  id?: string;
  success: boolean;
  errors: DmlError[];
}

export const GOVERNOR_LIMITS = { soql: 100, dmlStatements: 150, dmlRows: 10_000, queryRows: 50_000 };
export const MAX_TRIGGER_DEPTH = 16;
export const SCHEDULED_PATH_BATCH_SIZE = 200;
const MAX_RUNS_PER_PATH = 20;
export type LimitName = keyof typeof GOVERNOR_LIMITS;

// Uncatchable, as System.LimitException is on the platform.
export class LimitExceeded extends Error {}
// The runtime met something it does not model: a test must never pass because a piece of a flow was skipped.
export class UnsupportedByRuntime extends Error {}
class ScheduledBatchFailed extends Error {}
export class UnevaluableFormula {
  constructor(readonly reason: string) {}
}
// A failed DML statement, as Apex throws it when allOrNone is true.
export class DmlFailure extends Error {
  constructor(readonly errors: DmlError[]) {
    super(errors.map((e) => `${e.statusCode}: ${e.message}`).join("; "));
  }
}

export interface OutboxEntry {
  channel: "bell" | "email" | "slack";
  flow?: string;
  element?: string;
  recipientIds: string[];
  title?: string;
  body?: string;
  targetId?: string;
  templateId?: string;
  event?: string;
  sentAt: Date;
  runningUserId: string;
}

// An unhandled flow fault: on the platform the save fails and the admin gets a flow error email.
export interface FlowErrorEmail {
  flow: string;
  element: string;
  message: string;
  recordId?: string;
  at: Date;
}

export interface TransactionLog {
  label: string;
  runningUserId: string;
  limits: Record<LimitName, number>;
}

export interface InjectedFault {
  flow: string;
  element: string;
  message: string;
  when?: (interview: { record: SObject | null }) => boolean;
}

export type ScheduledPathUser = "triggering user" | "automated process";

interface PendingPath {
  flow: string;
  path: string;
  recordId: string;
  triggeringUserId: string;
  triggeredAt: Date;
}

interface Transaction {
  label: string;
  user: SObject;
  limits: Record<LimitName, number>;
  outbox: OutboxEntry[];
  scheduled: PendingPath[];
  unscheduled: string[];
  depth: number;
}

export interface ApexContext {
  runtime: FlowRuntime;
  user: SObject;
  query(object: string, where: (record: SObject) => boolean): SObject[];
  dml(
    operation: "insert" | "update",
    object: string,
    rows: Record<string, unknown>[],
    allOrNone: boolean,
  ): SaveResult[];
  enqueueSlack(handoffId: string, event: string): void;
  // The same object for every Apex call of one transaction: what a static variable of an Apex class lives for.
  transactionKey: object;
}
export type ApexDouble = (
  requests: Record<string, unknown>[],
  context: ApexContext,
) => Record<string, unknown>[] | void;

interface LoadedFlow extends FlowModel {
  variables: Map<string, { dataType: string; isCollection: boolean; initial: unknown; objectType?: string }>;
  textTemplates: Map<string, string>;
  startFilters: XmlNode[];
  startFilterLogic?: string;
}

interface Interview {
  flow: LoadedFlow;
  record: SObject | null;
  prior: SObject | null;
  isNew: boolean;
  vars: Map<string, unknown>;
  outputs: Map<string, unknown>;
  loopIndex: Map<string, number>;
  faultMessage: string | null;
  at?: string;
  error?: { element: string; message: string };
  steps: number;
}

const clone = <T>(value: T): T => structuredClone(value);
const isBlank = (v: unknown) => v === null || v === undefined || v === "";

// Salesforce's 18-character Id: three checksum characters flag the upper-case letters of each 5-character block.
function caseSafe(id15: string): string {
  const table = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
  let suffix = "";
  for (let block = 0; block < 3; block++) {
    let flags = 0;
    for (let i = 0; i < 5; i++) if (/[A-Z]/.test(id15[block * 5 + i])) flags |= 1 << i;
    suffix += table[flags];
  }
  return id15 + suffix;
}

function loadFlow(model: FlowModel): LoadedFlow {
  const { body } = parseMetadataFile(model.path);
  const variables: LoadedFlow["variables"] = new Map();
  for (const v of asArray(body.variables)) {
    const value = asArray(v.value)[0];
    variables.set(text(v.name) ?? "", {
      dataType: text(v.dataType) ?? "String",
      isCollection: text(v.isCollection) === "true",
      initial: value ? literalValue(value) : null,
      objectType: text(v.objectType),
    });
  }
  const textTemplates = new Map<string, string>();
  for (const t of asArray(body.textTemplates)) textTemplates.set(text(t.name) ?? "", text(t.text) ?? "");
  const start = (body.start ?? {}) as XmlNode;
  for (const unsupported of ["constants", "choices", "dynamicChoiceSets", "stages", "steps", "apexPluginCalls"]) {
    if (body[unsupported] !== undefined) {
      throw new UnsupportedByRuntime(`${model.apiName}: <${unsupported}> is not supported by the flow runtime`);
    }
  }
  return {
    ...model,
    variables,
    textTemplates,
    startFilters: asArray(start.filters),
    startFilterLogic: text(start.filterLogic),
  };
}

// A literal of a <value>/<rightValue> node; element references are resolved by the interview.
function literalValue(node: XmlNode): unknown {
  if (node.stringValue !== undefined) return text(node.stringValue) || null;
  if (node.booleanValue !== undefined) return text(node.booleanValue) === "true";
  if (node.numberValue !== undefined) return Number(text(node.numberValue));
  if (node.dateValue !== undefined) return text(node.dateValue) ?? null;
  if (node.dateTimeValue !== undefined) return new Date(text(node.dateTimeValue) ?? "");
  return null;
}

const DATA_ELEMENTS = new Set(["recordLookups", "recordCreates", "recordUpdates", "recordDeletes", "actionCalls"]);

interface Metadata {
  schema: Schema;
  flows: LoadedFlow[];
  validationRules: Map<string, ValidationRuleDefinition[]>;
  permissionSets: Map<string, string[]>;
  setupRecords: [string, Record<string, unknown>][];
}

// Metadata is read once per source and flows directory: a test file builds many orgs on the same metadata.
const metadataCache = new Map<string, Metadata>();
function loadMetadata(source: string, flowsDir: string): Metadata {
  const key = `${source}\u0000${flowsDir}`;
  const known = metadataCache.get(key);
  if (known) return known;
  const schema = new Schema(source);
  const flows = readFlows(flowsDir)
    .filter((f) => f.status === "Active")
    .map(loadFlow)
    .sort((a, b) => a.apiName.localeCompare(b.apiName));
  for (const flow of flows) {
    if (flow.processType !== "AutoLaunchedFlow" || !flow.triggerType?.startsWith("Record")) {
      throw new UnsupportedByRuntime(`${flow.apiName}: only record-triggered flows are supported`);
    }
    // Flow Builder only offers scheduled paths on a flow that runs on create, or on update "only when a record
    // is updated to meet the condition requirements"; the org refuses to activate anything else.
    if (flow.scheduledPaths.length > 0 && flow.recordTriggerType !== "Create" && !flow.requiresChangeToMeetCriteria) {
      throw new Error(
        `${flow.apiName}: scheduled paths on a flow that runs on update need "only when a record is updated to meet the condition requirements"`,
      );
    }
  }
  const validationRules = new Map<string, ValidationRuleDefinition[]>();
  for (const object of schema.objects.keys()) {
    validationRules.set(
      object,
      readValidationRules(object, source).filter((r) => r.active),
    );
  }
  const setupRecords: [string, Record<string, unknown>][] = [];
  for (const type of customMetadataTypes(source)) {
    for (const record of readCustomMetadataRecords(type, source)) {
      setupRecords.push([
        type,
        {
          ...record.values,
          DeveloperName: record.developerName,
          MasterLabel: record.label,
          Label: record.label,
          QualifiedApiName: record.developerName,
        },
      ]);
    }
  }
  for (const name of metadataNames(source, "notificationtypes", ".notiftype-meta.xml")) {
    setupRecords.push(["CustomNotificationType", { DeveloperName: name, CustomNotifTypeName: name }]);
  }
  for (const name of metadataNames(source, "email", ".email-meta.xml")) {
    setupRecords.push(["EmailTemplate", { DeveloperName: name, Name: name }]);
  }
  for (const name of metadataNames(source, "groups", ".group-meta.xml")) {
    setupRecords.push(["Group", { DeveloperName: name, Name: name, Type: "Regular" }]);
  }
  for (const name of metadataNames(source, "queues", ".queue-meta.xml")) {
    setupRecords.push(["Group", { DeveloperName: name, Name: name, Type: "Queue" }]);
  }
  const metadata = { schema, flows, validationRules, permissionSets: permissionSets(source), setupRecords };
  metadataCache.set(key, metadata);
  return metadata;
}

export interface RuntimeOptions {
  flowsDir?: string;
  source?: string;
  now?: Date;
}

export class FlowRuntime {
  readonly schema: Schema;
  readonly flows: LoadedFlow[];
  readonly validationRules: Map<string, ValidationRuleDefinition[]>;
  readonly permissionSets: Map<string, string[]>;
  private store = new Map<string, Map<string, SObject>>();
  private idCounter = 0;
  private autoNumbers = new Map<string, number>();
  private tx: Transaction | null = null;
  clock: Date;
  readonly settings: { scheduledPathUser: ScheduledPathUser; defaultWorkflowUserId?: string } = {
    scheduledPathUser: "triggering user",
  };
  readonly outbox: OutboxEntry[] = [];
  readonly flowErrors: FlowErrorEmail[] = [];
  readonly transactions: TransactionLog[] = [];
  readonly faults: InjectedFault[] = [];
  readonly apex = new Map<string, ApexDouble>();
  pending: PendingPath[] = [];
  // Stage -> won/closed, as the org's OpportunityStage records say; Task statuses that close a task.
  readonly opportunityStages = new Map<string, { isWon: boolean; isClosed: boolean }>([
    ["Prospecting", { isWon: false, isClosed: false }],
    ["Qualification", { isWon: false, isClosed: false }],
    ["Negotiation/Review", { isWon: false, isClosed: false }],
    ["Closed Won", { isWon: true, isClosed: true }],
    ["Closed Lost", { isWon: false, isClosed: true }],
  ]);
  readonly closedTaskStatuses = new Set(["Completed"]);
  readonly automatedProcessUser: SObject;

  constructor(options: RuntimeOptions = {}) {
    const metadata = loadMetadata(options.source ?? DEFAULT_SOURCE, options.flowsDir ?? FLOWS_DIR);
    this.schema = metadata.schema;
    this.flows = metadata.flows;
    this.validationRules = metadata.validationRules;
    this.permissionSets = metadata.permissionSets;
    this.clock = options.now ?? new Date("2026-12-07T15:00:00Z");
    for (const [object, values] of metadata.setupRecords) this.put(object, values);
    this.automatedProcessUser = this.put("User", {
      FirstName: "Automated",
      LastName: "Process",
      Name: "Automated Process",
      IsActive: true,
      UserType: "AutomatedProcess",
    });
  }

  // ---- setup and direct access (no automation runs) ----

  newId(object: string): string {
    const prefix = this.schema.prefixes.get(object);
    if (!prefix) throw new Error(`no key prefix for ${object}`);
    return caseSafe(prefix + (++this.idCounter).toString(36).toUpperCase().padStart(12, "0"));
  }

  // Setup data (users, groups, metadata): written as is, no flows, no rules.
  put(object: string, values: Record<string, unknown>): SObject {
    const fields = this.schema.fields(object);
    for (const key of Object.keys(values)) if (!fields.has(key)) this.schema.field(object, key);
    const record = { ...this.defaults(object), ...values, Id: (values.Id as string) ?? this.newId(object) } as SObject;
    this.table(object).set(record.Id, record);
    return record;
  }

  private table(object: string): Map<string, SObject> {
    let table = this.store.get(object);
    if (!table) this.store.set(object, (table = new Map()));
    return table;
  }

  // A record as a query or $Record sees it: every field present (blank ones null) and formula fields computed.
  get(id: string): SObject {
    const object = this.schema.objectOfId(id);
    const stored = this.table(object).get(id);
    if (!stored) throw new Error(`no ${object} with Id ${id}`);
    return this.materialize(object, stored);
  }

  find(id: string | null | undefined): SObject | null {
    if (!id) return null;
    const stored = this.table(this.schema.objectOfId(id)).get(id);
    return stored ? this.materialize(this.schema.objectOfId(id), stored) : null;
  }

  // The filter sees a view that computes a formula field only when it reads it: a query filtering on a lookup
  // no longer evaluates every formula of every row in the table, which made a bulk save quadratic in formulas.
  all(object: string, where: (record: SObject) => boolean = () => true): SObject[] {
    return [...this.table(object).values()]
      .filter((stored) => where(this.filterView(object, stored)))
      .map((stored) => this.materialize(object, stored));
  }

  private filterView(object: string, stored: SObject): SObject {
    const fields = this.schema.fields(object);
    const computed = new Map<string, unknown>();
    return new Proxy(stored, {
      get: (target, name, receiver) => {
        const field = typeof name === "string" ? fields.get(name) : undefined;
        if (!field) return Reflect.get(target, name, receiver);
        if (field.formula) {
          if (!computed.has(field.name)) {
            computed.set(field.name, this.formulaField(object, stored, field.name, field.formula));
          }
          return computed.get(field.name);
        }
        if (field.name in target) return target[field.name];
        return field.kind === "checkbox" ? false : null;
      },
      set: () => {
        throw new Error(`a query filter on ${object} tried to change a row`);
      },
    });
  }

  setting(field: string, developerName = "Default"): unknown {
    const record = [...this.table("Handoff_Setting__mdt").values()].find((r) => r.DeveloperName === developerName);
    return record ? (record[field] ?? null) : null;
  }

  hasCustomPermission(userId: string, permission: string): boolean {
    return this.all("PermissionSetAssignment", (a) => a.AssigneeId === userId).some((a) =>
      (this.permissionSets.get(String(a.PermissionSetName)) ?? []).includes(permission),
    );
  }

  failElement(fault: InjectedFault): void {
    const flow = this.flows.find((f) => f.apiName === fault.flow);
    if (!flow?.elements.has(fault.element)) {
      throw new Error(`cannot make ${fault.flow}.${fault.element} fail: no such flow element`);
    }
    this.faults.push(fault);
  }

  private defaults(object: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const field of this.schema.fields(object).values()) {
      if (field.formula) continue;
      out[field.name] =
        field.defaultValue !== undefined ? field.defaultValue : field.kind === "checkbox" ? false : null;
    }
    return out;
  }

  private materialize(object: string, stored: SObject): SObject {
    const record = clone(stored);
    for (const field of this.schema.fields(object).values()) {
      if (field.formula) {
        record[field.name] = this.formulaField(object, stored, field.name, field.formula);
      } else if (!(field.name in record)) {
        record[field.name] = field.kind === "checkbox" ? false : null;
      }
    }
    return record;
  }

  // formulon evaluates both branches of IF(), so IF(ISBLANK(X), NULL, X - Y) fails on a blank X where the org
  // returns blank: a formula field that fails only on a blank argument is blank.
  private formulaField(object: string, stored: SObject, name: string, formula: string): unknown {
    try {
      return evaluateRecordFormula(
        formula,
        {
          resolve: (path) => this.resolvePath(object, stored, path),
          isNew: false,
          isChanged: () => false,
          prior: (f) => this.resolvePath(object, stored, f),
        },
        `${object}.${name}`,
      );
    } catch (error) {
      if (/received Null/.test((error as Error).message)) return null;
      // Date-time arithmetic (Hours_To_Handoff__c) is beyond formulon: the field reads as unsupported, loudly.
      return new UnevaluableFormula(`${object}.${name}: ${(error as Error).message}`);
    }
  }

  // Field, Rel__r.Field, Account.Name, and in formulas $User.X, $Permission.X, $CustomMetadata.Type.Record.Field.
  private resolvePath(object: string, record: Record<string, unknown> | null, path: string): Typed {
    const parts = path.split(".");
    if (parts[0] === "$Permission") {
      return { value: this.hasCustomPermission(this.currentUser().Id, parts[1]), kind: "checkbox" };
    }
    if (parts[0] === "$User") return this.resolvePath("User", this.currentUser(), parts.slice(1).join("."));
    if (parts[0] === "$CustomMetadata") {
      const [, type, developerName, field] = parts;
      const found = [...this.table(type).values()].find((r) => r.DeveloperName === developerName);
      if (!found) throw new Error(`formula reads $CustomMetadata.${type}.${developerName}, which has no record`);
      return { value: found[field] ?? null, kind: this.schema.field(type, field).kind };
    }
    if (parts[0].startsWith("$")) throw new UnsupportedByRuntime(`formula merge field ${path} is not supported`);
    let current: Record<string, unknown> | null = record;
    let currentObject = object;
    for (let i = 0; i < parts.length - 1; i++) {
      const lookup = this.schema.lookupFieldOf(currentObject, parts[i]);
      const id = current ? (current[lookup.name] as string | null) : null;
      currentObject = lookup.referenceTo ?? (id ? this.schema.objectOfId(id) : currentObject);
      // The stored parent, not a materialized one: materializing computes every formula of the parent (and of its
      // parents), which made each save evaluate the whole record graph's formulas.
      current = id ? (this.table(this.schema.objectOfId(id)).get(id) ?? null) : null;
    }
    const field = this.schema.field(currentObject, parts[parts.length - 1]);
    const value =
      current && field.formula && !(field.name in current)
        ? this.formulaField(currentObject, current as SObject, field.name, field.formula)
        : current
          ? (current[field.name] ?? null)
          : null;
    if (value instanceof UnevaluableFormula) throw new UnsupportedByRuntime(`cannot read ${value.reason}`);
    return { value, kind: field.kind };
  }

  private currentUser(): SObject {
    if (!this.tx) throw new Error("no transaction: $User is only known while a save runs");
    return this.tx.user;
  }

  // ---- transactions ----

  insert(object: string, rows: Record<string, unknown>[], options: SaveOptions = {}): SaveResult[] {
    return this.topLevel(`insert ${object}`, options, () =>
      this.dml("insert", object, rows, options.allOrNone ?? true),
    );
  }

  update(object: string, rows: Record<string, unknown>[], options: SaveOptions = {}): SaveResult[] {
    return this.topLevel(`update ${object}`, options, () =>
      this.dml("update", object, rows, options.allOrNone ?? true),
    );
  }

  delete(object: string, ids: string[], options: SaveOptions = {}): SaveResult[] {
    return this.topLevel(`delete ${object}`, options, () =>
      this.dml(
        "delete",
        object,
        ids.map((Id) => ({ Id })),
        options.allOrNone ?? true,
      ),
    );
  }

  get lastTransaction(): TransactionLog {
    const last = this.transactions.at(-1);
    if (!last) throw new Error("no transaction has run yet");
    return last;
  }

  // Calls an Apex action's double in its own transaction, as an Apex test calling the invocable method would.
  invokeApex(
    action: string,
    requests: Record<string, unknown>[],
    options: SaveOptions = {},
  ): Record<string, unknown>[] {
    const double = this.apex.get(action);
    if (!double) throw new Error(`no TypeScript double is bound for Apex action ${action}`);
    return this.topLevel(`apex ${action}`, options, () => double(requests, this.apexContext()) ?? []);
  }

  private topLevel<T>(label: string, options: SaveOptions, work: () => T): T {
    if (this.tx) throw new Error("a transaction is already running");
    const user = options.as ?? this.automatedProcessUser;
    return this.inTransaction(label, user, work);
  }

  private inTransaction<T>(label: string, user: SObject, work: () => T): T {
    const snapshot = clone(this.store);
    this.tx = {
      label,
      user: this.find(user.Id) ?? user,
      limits: { soql: 0, dmlStatements: 0, dmlRows: 0, queryRows: 0 },
      outbox: [],
      scheduled: [],
      unscheduled: [],
      depth: 0,
    };
    const tx = this.tx;
    this.transactions.push({ label, runningUserId: tx.user.Id, limits: tx.limits });
    try {
      const result = work();
      this.outbox.push(...tx.outbox);
      this.pending = this.pending.filter((p) => !tx.unscheduled.includes(pathKey(p)));
      for (const p of tx.scheduled) {
        this.pending = this.pending.filter((q) => pathKey(q) !== pathKey(p));
        this.pending.push({ ...p, triggeringUserId: tx.user.Id });
      }
      return result;
    } catch (error) {
      this.store = snapshot;
      throw error;
    } finally {
      this.tx = null;
    }
  }

  private count(limit: LimitName, by = 1): void {
    const tx = this.tx!;
    tx.limits[limit] += by;
    if (tx.limits[limit] > GOVERNOR_LIMITS[limit]) {
      throw new LimitExceeded(
        `System.LimitException in "${tx.label}": ${limit} ${tx.limits[limit]} exceeds the governor limit of ${GOVERNOR_LIMITS[limit]}`,
      );
    }
  }

  // A query: one SOQL statement, its rows counted.
  query(object: string, where: (record: SObject) => boolean): SObject[] {
    this.count("soql");
    const rows = this.all(object, where);
    this.count("queryRows", rows.length);
    return rows;
  }

  // One DML statement. With allOrNone false a failing row is left out and the rest saved again (up to two retries),
  // as the platform does for bulk DML ("Bulk DML Exception Handling", Apex Developer Guide); with allOrNone true
  // any failure rolls the statement back and every row fails.
  dml(
    operation: "insert" | "update" | "delete",
    object: string,
    rows: Record<string, unknown>[],
    allOrNone: boolean,
  ): SaveResult[] {
    if (rows.length === 0) return [];
    const tx = this.tx!;
    this.count("dmlStatements");
    this.count("dmlRows", rows.length);
    let attempt = rows.map((_, i) => i);
    const results: SaveResult[] = rows.map(() => ({ success: false, errors: [] }));
    for (let round = 0; round < 3 && attempt.length > 0; round++) {
      const snapshot = {
        store: clone(this.store),
        outbox: tx.outbox.length,
        scheduled: tx.scheduled.length,
        unscheduled: tx.unscheduled.length,
      };
      const outcome = this.save(
        operation,
        object,
        attempt.map((i) => clone(rows[i])),
      );
      const failed = attempt.filter((_, k) => outcome[k].errors.length > 0);
      if (failed.length === 0) {
        attempt.forEach((i, k) => (results[i] = outcome[k]));
        return results;
      }
      this.store = snapshot.store;
      tx.outbox.length = snapshot.outbox;
      tx.scheduled.length = snapshot.scheduled;
      tx.unscheduled.length = snapshot.unscheduled;
      attempt.forEach((i, k) => {
        if (outcome[k].errors.length > 0) results[i] = outcome[k];
      });
      if (allOrNone) {
        for (const r of results)
          if (r.errors.length === 0)
            r.errors.push({
              statusCode: "ALL_OR_NONE_OPERATION_ROLLED_BACK",
              message:
                "Record rolled back because not all records were valid and the request was using AllOrNone header",
            });
        return results;
      }
      attempt = attempt.filter((i) => !failed.includes(i));
    }
    return results;
  }

  // ---- the save order ----

  private save(
    operation: "insert" | "update" | "delete",
    object: string,
    rows: Record<string, unknown>[],
  ): SaveResult[] {
    const tx = this.tx!;
    if (++tx.depth > MAX_TRIGGER_DEPTH) {
      throw new LimitExceeded(`System.LimitException: maximum trigger depth exceeded (${object} ${operation})`);
    }
    try {
      if (operation === "delete") return this.saveDelete(object, rows);
      const now = new Date(this.clock.getTime());
      const items = rows.map((row) => {
        const errors: DmlError[] = [];
        for (const key of Object.keys(row)) this.schema.field(object, key);
        let old: SObject | null = null;
        let record: SObject;
        if (operation === "insert") {
          if (row.Id) throw new Error(`cannot insert a ${object} that already has an Id`);
          record = { ...this.defaults(object), ...this.coerceRow(object, row), Id: this.newId(object) } as SObject;
          const owner = this.schema.fields(object).get("OwnerId");
          if (owner && !record.OwnerId) record.OwnerId = tx.user.Id;
          record.CreatedDate = now;
          record.CreatedById = tx.user.Id;
          const format = this.schema.autoNumberFormats.get(object);
          if (format) {
            const next = (this.autoNumbers.get(object) ?? 0) + 1;
            this.autoNumbers.set(object, next);
            record.Name = format.replace(/\{(0+)\}/, (_m, zeros: string) => String(next).padStart(zeros.length, "0"));
          }
        } else {
          const stored = this.table(object).get(String(row.Id));
          if (!stored) {
            errors.push({ statusCode: "ENTITY_IS_DELETED", message: `no ${object} with Id ${String(row.Id)}` });
            record = { Id: String(row.Id) } as SObject;
          } else {
            old = this.materialize(object, stored);
            record = { ...clone(stored), ...this.coerceRow(object, row) } as SObject;
          }
        }
        this.derive(object, record);
        return { record, old, errors, isNew: operation === "insert" };
      });

      // Before-save flows work on the record being saved.
      for (const flow of this.flowsFor(object, "RecordBeforeSave", operation)) {
        const qualifying = items.filter((item) => item.errors.length === 0 && this.qualifies(flow, item));
        if (qualifying.length === 0 || !flow.startTarget) continue;
        const interviews = this.runInterviews(
          flow,
          flow.startTarget,
          qualifying.map((item) => ({ record: item.record, prior: item.old, isNew: item.isNew })),
        );
        interviews.forEach((iv, k) => {
          if (iv.error) qualifying[k].errors.push(this.unhandled(flow, iv));
        });
      }

      for (const item of items) {
        if (item.errors.length > 0) continue;
        this.derive(object, item.record);
        item.errors.push(
          ...this.systemValidation(
            object,
            item.record,
            item.old,
            items.map((i) => i.record),
          ),
        );
        if (item.errors.length === 0)
          item.errors.push(...this.validationErrors(object, item.record, item.old, item.isNew));
      }

      for (const item of items) {
        if (item.errors.length > 0) continue;
        item.record.LastModifiedDate = now;
        item.record.LastModifiedById = tx.user.Id;
        this.table(object).set(item.record.Id, clone(item.record));
      }

      const saved = items.filter((item) => item.errors.length === 0);
      for (const flow of this.flowsFor(object, "RecordAfterSave", operation)) {
        const views = saved.map((item) => ({ item, record: this.get(item.record.Id) }));
        for (const { item, record } of views) {
          const key = (path: string) => `${flow.apiName}|${path}|${record.Id}`;
          if (
            operation === "update" &&
            flow.scheduledPaths.length > 0 &&
            !this.entryHolds(flow, record, item.old, false)
          ) {
            tx.unscheduled.push(...flow.scheduledPaths.map((p) => key(p.name)));
          }
        }
        const qualifying = views.filter(
          ({ item, record }) => item.errors.length === 0 && this.qualifies(flow, { ...item, record }),
        );
        for (const { record } of qualifying) {
          for (const path of flow.scheduledPaths) {
            tx.scheduled.push({
              flow: flow.apiName,
              path: path.name,
              recordId: record.Id,
              triggeringUserId: tx.user.Id,
              triggeredAt: now,
            });
          }
        }
        if (qualifying.length === 0 || !flow.startTarget) continue;
        const interviews = this.runInterviews(
          flow,
          flow.startTarget,
          qualifying.map(({ item, record }) => ({ record, prior: item.old, isNew: item.isNew })),
        );
        interviews.forEach((iv, k) => {
          if (iv.error) qualifying[k].item.errors.push(this.unhandled(flow, iv));
        });
      }
      return items.map((item) =>
        item.errors.length > 0
          ? { success: false, errors: item.errors }
          : { id: item.record.Id, success: true, errors: [] },
      );
    } finally {
      tx.depth--;
    }
  }

  private saveDelete(object: string, rows: Record<string, unknown>[]): SaveResult[] {
    if (this.flows.some((f) => f.object === object && f.recordTriggerType === "Delete")) {
      throw new UnsupportedByRuntime(`delete-triggered flows on ${object} are not supported`);
    }
    return rows.map((row) => {
      const id = String(row.Id);
      if (!this.table(object).delete(id)) {
        return { success: false, errors: [{ statusCode: "ENTITY_IS_DELETED", message: `no ${object} with Id ${id}` }] };
      }
      this.pending = this.pending.filter((p) => p.recordId !== id);
      return { id, success: true, errors: [] };
    });
  }

  private unhandled(flow: LoadedFlow, iv: Interview): DmlError {
    const error = iv.error!;
    this.flowErrors.push({
      flow: flow.apiName,
      element: error.element,
      message: error.message,
      recordId: iv.record?.Id,
      at: new Date(this.clock.getTime()),
    });
    return {
      statusCode: "CANNOT_EXECUTE_FLOW_TRIGGER",
      message: `We can't save this record because the "${flow.apiName}" process failed at ${error.element}: ${error.message}`,
    };
  }

  private coerceRow(object: string, row: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(row)) {
      if (key === "Id") continue;
      const field = this.schema.field(object, key);
      if (field.formula) throw new Error(`${object}.${key} is a formula field and cannot be written`);
      out[key] = coerce(field.kind, value);
    }
    return out;
  }

  // System fields the platform keeps: IsWon and IsClosed from the stage, a task's IsClosed and completion time from
  // its status, and the AccountId of an activity from what it is related to.
  private derive(object: string, record: SObject): void {
    if (object === "Opportunity") {
      const stage = this.opportunityStages.get(String(record.StageName));
      if (!stage) throw new Error(`Opportunity stage ${String(record.StageName)} is not one of the org's stages`);
      record.IsWon = stage.isWon;
      record.IsClosed = stage.isClosed;
    }
    if (object === "Task") {
      record.IsClosed = this.closedTaskStatuses.has(String(record.Status));
      if (record.IsClosed && !record.CompletedDateTime) record.CompletedDateTime = new Date(this.clock.getTime());
    }
    if (object === "Task" || object === "Event") {
      const what = record.WhatId ? this.find(String(record.WhatId)) : null;
      const whatObject = what ? this.schema.objectOfId(what.Id) : null;
      record.AccountId =
        whatObject === "Account" ? what!.Id : whatObject === "Opportunity" ? (what!.AccountId ?? null) : null;
    }
  }

  private systemValidation(object: string, record: SObject, old: SObject | null, batch: SObject[]): DmlError[] {
    const errors: DmlError[] = [];
    // Records cannot be given to an inactive user (INACTIVE_OWNER_OR_USER); keeping an inactive owner is allowed.
    const owner = record.OwnerId ? this.find(String(record.OwnerId)) : null;
    if (owner && this.schema.objectOfId(owner.Id) === "User" && owner.IsActive !== true && old?.OwnerId !== owner.Id) {
      errors.push({
        statusCode: "INACTIVE_OWNER_OR_USER",
        message: `operation performed with inactive user ${owner.Id} as owner of ${object}`,
      });
    }
    for (const field of this.schema.fields(object).values()) {
      const value = record[field.name];
      if (field.restrictedValues && !isBlank(value) && !field.restrictedValues.includes(String(value))) {
        errors.push({
          statusCode: "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
          message: `${field.name}: bad value for restricted picklist field: ${String(value)}`,
        });
      }
      if (field.unique && !isBlank(value)) {
        const clash = [...this.table(object).values(), ...batch].some(
          (other) => other.Id !== record.Id && other[field.name] === value,
        );
        if (clash)
          errors.push({
            statusCode: "DUPLICATE_VALUE",
            message: `duplicate value found: ${field.name} duplicates value on record with id: ${String(value)}`,
          });
      }
      if (field.kind === "id" && field.name !== "Id" && !isBlank(value)) {
        if (!this.find(String(value)))
          errors.push({
            statusCode: "INVALID_CROSS_REFERENCE_KEY",
            message: `${field.name}: id value of incorrect type or not found: ${String(value)}`,
          });
      }
    }
    return errors;
  }

  private validationErrors(object: string, record: SObject, old: SObject | null, isNew: boolean): DmlError[] {
    const errors: DmlError[] = [];
    const view = this.materialize(object, record);
    for (const rule of this.validationRules.get(object) ?? []) {
      const blocks = evaluateRecordFormula(
        rule.formula,
        {
          resolve: (path) => this.resolvePath(object, view, path),
          isNew,
          isChanged: (field) => !isNew && !sameValue(old?.[field], record[field]),
          prior: (field) =>
            old ? this.resolvePath(object, old, field) : { value: null, kind: this.schema.field(object, field).kind },
        },
        `Validation rule ${object}.${rule.name}`,
      );
      if (blocks === true)
        errors.push({ statusCode: "FIELD_CUSTOM_VALIDATION_EXCEPTION", message: `${rule.name}: ${rule.errorMessage}` });
    }
    return errors;
  }

  private flowsFor(object: string, triggerType: string, operation: string): LoadedFlow[] {
    return this.flows.filter(
      (f) =>
        f.object === object &&
        f.triggerType === triggerType &&
        (f.recordTriggerType === "CreateAndUpdate" ||
          (f.recordTriggerType === "Create" && operation === "insert") ||
          (f.recordTriggerType === "Update" && operation === "update")),
    );
  }

  // Entry conditions, with "only when a record is updated to meet the condition requirements": an update qualifies
  // only when the prior version did not meet them.
  private qualifies(flow: LoadedFlow, item: { record: SObject; old: SObject | null; isNew: boolean }): boolean {
    if (!this.entryHolds(flow, item.record, item.old, item.isNew)) return false;
    if (flow.requiresChangeToMeetCriteria && !item.isNew && item.old) {
      return !this.entryHolds(flow, item.old, item.old, false);
    }
    return true;
  }

  private entryHolds(flow: LoadedFlow, record: SObject, prior: SObject | null, isNew: boolean): boolean {
    const iv = this.newInterview(flow, record, prior, isNew);
    if (flow.filterFormula) {
      return (
        evaluateFlowFormula(flow.filterFormula, this.formulaContext(iv), `${flow.apiName} entry condition`) === true
      );
    }
    if (flow.startFilters.length > 0) {
      return this.conditionsHold(iv, flow.startFilters, flow.startFilterLogic ?? "and", (c) => ({
        left: this.resolve(iv, `$Record.${text(c.field)}`),
        operator: text(c.operator) ?? "",
        right: this.valueOf(iv, asArray(c.value)[0]),
      }));
    }
    return true;
  }

  // ---- scheduled paths on the virtual clock ----

  advanceHours(hours: number): void {
    this.advanceTo(new Date(this.clock.getTime() + hours * 3_600_000));
  }

  advanceTo(target: Date): void {
    if (this.tx) throw new Error("cannot move the clock inside a transaction");
    // A path whose run makes its record qualify again is scheduled again; past due, it would run forever.
    const runsByPath = new Map<string, number>();
    for (;;) {
      const due = this.pending
        .map((p) => ({ p, at: this.dueTime(p) }))
        .filter((d): d is { p: PendingPath; at: Date } => d.at !== null && d.at.getTime() <= target.getTime())
        .sort((a, b) => a.at.getTime() - b.at.getTime());
      if (due.length === 0) break;
      if (due[0].at.getTime() > this.clock.getTime()) this.clock = new Date(due[0].at.getTime());
      const first = due[0].p;
      const batch = due
        .filter((d) => d.p.flow === first.flow && d.p.path === first.path && d.at.getTime() <= this.clock.getTime())
        .slice(0, SCHEDULED_PATH_BATCH_SIZE)
        .map((d) => d.p);
      this.pending = this.pending.filter((p) => !batch.includes(p));
      for (const p of batch) {
        const runs = (runsByPath.get(pathKey(p)) ?? 0) + 1;
        runsByPath.set(pathKey(p), runs);
        if (runs > MAX_RUNS_PER_PATH) {
          throw new LimitExceeded(
            `${p.flow} scheduled path ${p.path} ran ${runs} times for ${p.recordId}: it keeps scheduling itself again`,
          );
        }
      }
      this.runScheduledBatch(batch);
    }
    if (target.getTime() > this.clock.getTime()) this.clock = new Date(target.getTime());
  }

  scheduledRuns(recordId?: string): { flow: string; path: string; recordId: string; dueAt: Date | null }[] {
    return this.pending
      .filter((p) => !recordId || p.recordId === recordId)
      .map((p) => ({ flow: p.flow, path: p.path, recordId: p.recordId, dueAt: this.dueTime(p) }));
  }

  private dueTime(p: PendingPath): Date | null {
    const flow = this.flows.find((f) => f.apiName === p.flow)!;
    const path = flow.scheduledPaths.find((s) => s.name === p.path)!;
    const stored = this.table(flow.object!).get(p.recordId);
    if (!stored) return null;
    let base: Date;
    if (path.timeSource === "RecordField") {
      const value = stored[path.recordField!];
      if (isBlank(value)) return null;
      base = value instanceof Date ? value : new Date(`${String(value)}T00:00:00Z`);
    } else if (path.timeSource === "RecordTriggerEvent") {
      base = p.triggeredAt;
    } else {
      throw new UnsupportedByRuntime(`${flow.apiName}: scheduled path time source ${path.timeSource} is not supported`);
    }
    const unitMs: Record<string, number> = { Minutes: 60_000, Hours: 3_600_000, Days: 86_400_000 };
    const ms = unitMs[path.offsetUnit ?? "Hours"];
    if (!ms)
      throw new UnsupportedByRuntime(`${flow.apiName}: scheduled path offset unit ${path.offsetUnit} is not supported`);
    return new Date(base.getTime() + path.offsetNumber * ms);
  }

  private runScheduledBatch(batch: PendingPath[]): void {
    const flow = this.flows.find((f) => f.apiName === batch[0].flow)!;
    const path = flow.scheduledPaths.find((s) => s.name === batch[0].path)!;
    const byUser = new Map<string, PendingPath[]>();
    for (const p of batch) {
      const user = this.scheduledPathRunningUser(p);
      byUser.set(user.Id, [...(byUser.get(user.Id) ?? []), p]);
    }
    for (const [userId, runs] of byUser) {
      // An unhandled fault rolls the batch back; the other records of the batch run again without it, as a bulk
      // save is retried without its failed rows.
      let remaining = runs;
      for (let round = 0; round < 3 && remaining.length > 0; round++) {
        const failed = new Set<string>();
        try {
          this.inTransaction(`${flow.apiName} scheduled path ${path.name}`, this.get(userId), () => {
            // The record as it is when the path runs, checked again against the entry conditions.
            const records = remaining
              .map((p) => this.get(p.recordId))
              .filter((r) => this.entryHolds(flow, r, null, false));
            if (records.length === 0 || !path.target) return;
            const interviews = this.runInterviews(
              flow,
              path.target,
              records.map((record) => ({ record, prior: null, isNew: false })),
            );
            for (const iv of interviews) {
              if (!iv.error) continue;
              this.unhandled(flow, iv);
              failed.add(iv.record!.Id);
            }
            if (failed.size > 0) throw new ScheduledBatchFailed();
          });
          break;
        } catch (error) {
          if (!(error instanceof ScheduledBatchFailed)) throw error;
          remaining = remaining.filter((p) => !failed.has(p.recordId));
        }
      }
    }
  }

  private scheduledPathRunningUser(p: PendingPath): SObject {
    if (this.settings.scheduledPathUser === "automated process") return this.automatedProcessUser;
    const triggering = this.find(p.triggeringUserId);
    if (triggering?.IsActive) return triggering;
    const fallback = this.find(this.settings.defaultWorkflowUserId);
    if (!fallback) throw new Error(`the user who triggered ${p.flow} is inactive and no Default Workflow User is set`);
    return fallback;
  }

  // ---- interviews ----

  private newInterview(flow: LoadedFlow, record: SObject | null, prior: SObject | null, isNew: boolean): Interview {
    const vars = new Map<string, unknown>();
    for (const [name, v] of flow.variables) vars.set(name, v.isCollection ? [] : clone(v.initial));
    return { flow, record, prior, isNew, vars, outputs: new Map(), loopIndex: new Map(), faultMessage: null, steps: 0 };
  }

  private runInterviews(
    flow: LoadedFlow,
    start: string,
    contexts: { record: SObject; prior: SObject | null; isNew: boolean }[],
  ): Interview[] {
    const interviews = contexts.map((c) => {
      const iv = this.newInterview(flow, c.record, c.prior, c.isNew);
      iv.at = start;
      return iv;
    });
    for (;;) {
      for (const iv of interviews) this.stepUntilData(iv);
      const waiting = interviews.filter((iv) => iv.at !== undefined);
      if (waiting.length === 0) return interviews;
      const name = waiting[0].at!;
      this.executeData(
        flow.elements.get(name)!,
        waiting.filter((iv) => iv.at === name),
      );
    }
  }

  private stepUntilData(iv: Interview): void {
    while (iv.at !== undefined) {
      const element = iv.flow.elements.get(iv.at);
      if (!element) throw new Error(`${iv.flow.apiName}: a connector leads to ${iv.at}, which is not an element`);
      if (++iv.steps > 2000)
        throw new LimitExceeded(`${iv.flow.apiName}: more than 2000 elements executed in one interview`);
      if (DATA_ELEMENTS.has(element.kind)) return;
      switch (element.kind) {
        case "decisions":
          iv.at = this.decide(iv, element);
          break;
        case "assignments":
          for (const item of asArray(element.node.assignmentItems)) this.assign(iv, element, item);
          iv.at = next(element);
          break;
        case "loops":
          iv.at = this.loop(iv, element);
          break;
        case "collectionProcessors":
          this.processCollection(iv, element);
          iv.at = next(element);
          break;
        default:
          throw new UnsupportedByRuntime(
            `${iv.flow.apiName}: element ${element.name} (${element.kind}) is not supported by the flow runtime`,
          );
      }
    }
  }

  private decide(iv: Interview, element: FlowElement): string | undefined {
    for (const rule of asArray(element.node.rules)) {
      const holds = this.conditionsHold(iv, asArray(rule.conditions), text(rule.conditionLogic) ?? "and", (c) => ({
        left: this.resolve(iv, text(c.leftValueReference) ?? ""),
        operator: text(c.operator) ?? "",
        right: this.valueOf(iv, c.rightValue as XmlNode | undefined),
      }));
      if (holds) return element.connectors.find((c) => c.kind === "rule" && c.rule === text(rule.name))?.target;
    }
    return element.connectors.find((c) => c.kind === "default")?.target;
  }

  private conditionsHold(
    iv: Interview,
    conditions: XmlNode[],
    logic: string,
    read: (c: XmlNode) => { left: Typed; operator: string; right: unknown },
  ): boolean {
    const results = conditions.map((c) => {
      const { left, operator, right } = read(c);
      return compare(left, operator, right, `${iv.flow.apiName}`);
    });
    if (logic === "and") return results.every(Boolean);
    if (logic === "or") return results.some(Boolean);
    if (!/^(\s|\d+|\(|\)|AND|OR|NOT)+$/i.test(logic)) {
      throw new UnsupportedByRuntime(`${iv.flow.apiName}: condition logic "${logic}" is not supported`);
    }
    const expression = logic
      .replace(/\d+/g, (n) => String(results[Number(n) - 1]))
      .replace(/\bAND\b/gi, "&&")
      .replace(/\bOR\b/gi, "||")
      .replace(/\bNOT\b/gi, "!");
    return Boolean(new Function(`return (${expression});`)());
  }

  private assign(iv: Interview, element: FlowElement, item: XmlNode): void {
    const target = text(item.assignToReference) ?? "";
    const operator = text(item.operator) ?? "";
    const value = this.valueOf(iv, asArray(item.value)[0]);
    const current = this.resolve(iv, target).value;
    let result: unknown;
    switch (operator) {
      case "Assign":
        result = value;
        break;
      case "Add":
        if (Array.isArray(current)) result = [...current, ...(Array.isArray(value) ? value : [value])];
        else if (typeof current === "number" || typeof value === "number")
          result = Number(current ?? 0) + Number(value ?? 0);
        else result = `${(current as string | null) ?? ""}${(value as string | null) ?? ""}`;
        break;
      case "Subtract":
        result = Number(current ?? 0) - Number(value ?? 0);
        break;
      default:
        throw new UnsupportedByRuntime(
          `${iv.flow.apiName}: assignment operator ${operator} in ${element.name} is not supported`,
        );
    }
    this.write(iv, target, result);
  }

  private write(iv: Interview, target: string, value: unknown): void {
    if (target.startsWith("$Record.")) {
      const field = target.slice("$Record.".length);
      if (field.includes(".")) throw new UnsupportedByRuntime(`${iv.flow.apiName}: cannot assign to ${target}`);
      iv.record![field] = coerce(this.schema.field(iv.flow.object!, field).kind, value);
      return;
    }
    if (!iv.flow.variables.has(target))
      throw new UnsupportedByRuntime(`${iv.flow.apiName}: assignment to ${target}, which is not a variable`);
    iv.vars.set(target, value);
  }

  private loop(iv: Interview, element: FlowElement): string | undefined {
    const collection = this.resolve(iv, text(element.node.collectionReference) ?? "").value;
    const items = Array.isArray(collection) ? collection : [];
    const order = text(element.node.iterationOrder) ?? "Asc";
    const index = iv.loopIndex.get(element.name) ?? 0;
    if (index < items.length) {
      iv.loopIndex.set(element.name, index + 1);
      const item = order === "Desc" ? items[items.length - 1 - index] : items[index];
      this.write(iv, text(element.node.assignNextValueToReference) ?? "", item);
      return element.connectors.find((c) => c.kind === "loopNext")?.target;
    }
    iv.loopIndex.delete(element.name);
    return element.connectors.find((c) => c.kind === "loopDone")?.target;
  }

  // Filter: the element holds the items whose conditions hold for the current item. Sort: sorts the collection
  // it names in place, optionally keeping the first `limit` items.
  private processCollection(iv: Interview, element: FlowElement): void {
    const node = element.node;
    const type = text(node.collectionProcessorType);
    const reference = text(node.collectionReference) ?? "";
    const collection = this.resolve(iv, reference).value;
    const items = Array.isArray(collection) ? [...(collection as SObject[])] : [];
    if (type === "FilterCollectionProcessor") {
      const current = text(node.assignNextValueToReference) ?? "";
      const kept = items.filter((item) => {
        this.write(iv, current, item);
        return this.conditionsHold(iv, asArray(node.conditions), text(node.conditionLogic) ?? "and", (c) => ({
          left: this.resolve(iv, text(c.leftValueReference) ?? ""),
          operator: text(c.operator) ?? "",
          right: this.valueOf(iv, c.rightValue as XmlNode | undefined),
        }));
      });
      iv.outputs.set(element.name, kept);
      return;
    }
    if (type === "SortCollectionProcessor") {
      const options = asArray(node.sortOptions).map((o) => ({
        field: text(o.sortField) ?? "",
        descending: text(o.sortOrder) === "Desc",
        blanksFirst: text(o.doesPutEmptyStringAndNullFirst) === "true",
      }));
      items.sort((a, b) => {
        for (const o of options) {
          const [x, y] = [a[o.field], b[o.field]];
          if (isBlank(x) !== isBlank(y)) return isBlank(x) === o.blanksFirst ? -1 : 1;
          const c = compareValues(x, y) * (o.descending ? -1 : 1);
          if (c !== 0) return c;
        }
        return 0;
      });
      const limit = node.limit !== undefined ? Number(text(node.limit)) : undefined;
      const sorted = limit !== undefined ? items.slice(0, limit) : items;
      if (iv.flow.variables.has(reference)) iv.vars.set(reference, sorted);
      else if (iv.outputs.has(reference)) iv.outputs.set(reference, sorted);
      else
        throw new UnsupportedByRuntime(
          `${iv.flow.apiName}: ${element.name} sorts ${reference}, which is not a collection`,
        );
      return;
    }
    throw new UnsupportedByRuntime(
      `${iv.flow.apiName}: collection processor ${element.name} of type ${type} is not supported`,
    );
  }

  private fault(iv: Interview, element: FlowElement, message: string): void {
    const target = element.connectors.find((c) => c.kind === "fault")?.target;
    if (target) {
      iv.faultMessage = message;
      iv.at = target;
    } else {
      iv.error = { element: element.name, message };
      iv.at = undefined;
    }
  }

  private executeData(element: FlowElement, group: Interview[]): void {
    const flow = group[0].flow;
    const live: Interview[] = [];
    for (const iv of group) {
      const injected = this.faults.find(
        (f) => f.flow === flow.apiName && f.element === element.name && (!f.when || f.when({ record: iv.record })),
      );
      if (injected) this.fault(iv, element, injected.message);
      else live.push(iv);
    }
    if (live.length === 0) return;
    const node = element.node;
    switch (element.kind) {
      case "recordLookups":
        return this.lookup(element, live);
      case "recordCreates":
        return this.create(element, live);
      case "recordUpdates":
      case "recordDeletes":
        return this.updateOrDelete(element, live);
      case "actionCalls": {
        const type = text(node.actionType);
        if (type === "apex") return this.apexAction(element, live);
        if (type === "customNotificationAction" || type === "emailSimple") return this.message(element, live, type);
        throw new UnsupportedByRuntime(`${flow.apiName}: action ${element.name} of type ${type} is not supported`);
      }
    }
  }

  private filterRecords(iv: Interview, element: FlowElement, object: string): (record: SObject) => boolean {
    const filters = asArray(element.node.filters);
    const logic = text(element.node.filterLogic) ?? "and";
    const prepared = filters.map((f) => ({
      field: text(f.field) ?? "",
      operator: text(f.operator) ?? "",
      right: this.valueOf(iv, asArray(f.value)[0]),
    }));
    for (const f of prepared) this.schema.field(object, f.field);
    return (record) =>
      this.conditionsHold(iv, prepared as unknown as XmlNode[], logic, (f) => {
        const p = f as unknown as (typeof prepared)[number];
        return {
          left: { value: record[p.field], kind: this.schema.field(object, p.field).kind },
          operator: p.operator,
          right: p.right,
        };
      });
  }

  private lookup(element: FlowElement, group: Interview[]): void {
    const node = element.node;
    const object = text(node.object) ?? "";
    for (const unsupported of ["outputReference", "outputAssignments"]) {
      if (node[unsupported] !== undefined)
        throw new UnsupportedByRuntime(`${group[0].flow.apiName}: ${element.name} uses ${unsupported}`);
    }
    if (text(node.storeOutputAutomatically) !== "true") {
      throw new UnsupportedByRuntime(
        `${group[0].flow.apiName}: ${element.name} does not store its output automatically`,
      );
    }
    const queried = asArray(node.queriedFields).map((q) => text(q) ?? "");
    const sortField = text(node.sortField);
    const sortOrder = text(node.sortOrder) ?? "Asc";
    const limit =
      node.limit !== undefined ? Number(text(asArray(node.limit)[0]?.numberValue ?? node.limit)) : undefined;
    const first = text(node.getFirstRecordOnly) === "true";
    this.count("soql");
    for (const iv of group) {
      let rows = this.all(object, this.filterRecords(iv, element, object));
      if (sortField) {
        rows.sort((a, b) => compareValues(a[sortField], b[sortField]) * (sortOrder === "Desc" ? -1 : 1));
      }
      if (limit !== undefined) rows = rows.slice(0, limit);
      if (first) rows = rows.slice(0, 1);
      this.count("queryRows", rows.length);
      const shaped = rows.map((r) =>
        queried.length ? Object.fromEntries(["Id", ...queried].map((f) => [f, r[f]])) : r,
      );
      iv.outputs.set(element.name, first ? (shaped[0] ?? null) : shaped.length ? shaped : null);
      iv.at = next(element);
    }
  }

  private inputRow(iv: Interview, element: FlowElement, object: string): Record<string, unknown> {
    const row: Record<string, unknown> = {};
    for (const a of asArray(element.node.inputAssignments)) {
      const field = text(a.field) ?? "";
      row[field] = coerce(this.schema.field(object, field).kind, this.valueOf(iv, asArray(a.value)[0]));
    }
    return row;
  }

  private create(element: FlowElement, group: Interview[]): void {
    const node = element.node;
    if (node.inputReference !== undefined)
      throw new UnsupportedByRuntime(`${group[0].flow.apiName}: ${element.name} creates from a record variable`);
    const object = text(node.object) ?? "";
    const rows: Record<string, unknown>[] = [];
    const owners: Interview[] = [];
    for (const iv of group) {
      try {
        rows.push(this.inputRow(iv, element, object));
        owners.push(iv);
      } catch (error) {
        if (error instanceof UnsupportedByRuntime || error instanceof LimitExceeded) throw error;
        this.fault(iv, element, (error as Error).message);
      }
    }
    const results = this.dml("insert", object, rows, false);
    owners.forEach((iv, k) => {
      if (!results[k].success)
        return this.fault(iv, element, results[k].errors.map((e) => `${e.statusCode}: ${e.message}`).join("; "));
      if (text(node.storeOutputAutomatically) === "true") iv.outputs.set(element.name, results[k].id);
      const assignId = text(node.assignRecordIdToReference);
      if (assignId) this.write(iv, assignId, results[k].id);
      iv.at = next(element);
    });
  }

  // Update/Delete Records with conditions: one query finds the records of every interview, then one DML statement.
  private updateOrDelete(element: FlowElement, group: Interview[]): void {
    const node = element.node;
    const flow = group[0].flow;
    const isDelete = element.kind === "recordDeletes";
    const byInterview = new Map<Interview, string[]>();
    const rows = new Map<string, Record<string, unknown>>();
    if (node.inputReference !== undefined) {
      const reference = text(node.inputReference) ?? "";
      if (reference !== "$Record")
        throw new UnsupportedByRuntime(`${flow.apiName}: ${element.name} updates ${reference}`);
      for (const iv of group) {
        const values = isDelete ? {} : this.inputRow(iv, element, flow.object!);
        rows.set(iv.record!.Id, { ...(rows.get(iv.record!.Id) ?? {}), ...values, Id: iv.record!.Id });
        byInterview.set(iv, [iv.record!.Id]);
      }
    } else {
      const object = text(node.object) ?? "";
      this.count("soql");
      for (const iv of group) {
        try {
          const matches = this.all(object, this.filterRecords(iv, element, object));
          this.count("queryRows", matches.length);
          const values = isDelete ? {} : this.inputRow(iv, element, object);
          for (const m of matches) rows.set(m.Id, { ...(rows.get(m.Id) ?? {}), ...values, Id: m.Id });
          byInterview.set(
            iv,
            matches.map((m) => m.Id),
          );
        } catch (error) {
          if (error instanceof UnsupportedByRuntime || error instanceof LimitExceeded) throw error;
          this.fault(iv, element, (error as Error).message);
        }
      }
    }
    const ids = [...rows.keys()];
    const object = node.inputReference !== undefined ? flow.object! : (text(node.object) ?? "");
    const results = this.dml(isDelete ? "delete" : "update", object, [...rows.values()], false);
    const failed = new Map<string, string>();
    ids.forEach((id, k) => {
      if (!results[k].success) failed.set(id, results[k].errors.map((e) => `${e.statusCode}: ${e.message}`).join("; "));
    });
    for (const [iv, mine] of byInterview) {
      const error = mine.map((id) => failed.get(id)).find(Boolean);
      if (error) this.fault(iv, element, error);
      else iv.at = next(element);
    }
  }

  private actionInputs(iv: Interview, element: FlowElement): Record<string, unknown> {
    const inputs: Record<string, unknown> = {};
    for (const p of asArray(element.node.inputParameters))
      inputs[text(p.name) ?? ""] = this.valueOf(iv, asArray(p.value)[0]);
    return inputs;
  }

  private apexAction(element: FlowElement, group: Interview[]): void {
    const name = text(element.node.actionName) ?? "";
    const double = this.apex.get(name);
    if (!double)
      throw new UnsupportedByRuntime(
        `${group[0].flow.apiName}: no TypeScript double is bound for Apex action ${name} (${element.name})`,
      );
    const requests = group.map((iv) => this.actionInputs(iv, element));
    let results: Record<string, unknown>[] | void;
    try {
      results = double(requests, this.apexContext());
    } catch (error) {
      if (error instanceof UnsupportedByRuntime || error instanceof LimitExceeded) throw error;
      for (const iv of group) this.fault(iv, element, `An Apex error occurred: ${(error as Error).message}`);
      return;
    }
    group.forEach((iv, k) => {
      for (const out of asArray(element.node.outputParameters)) {
        this.write(
          iv,
          text(out.assignToReference) ?? "",
          (results as Record<string, unknown>[])[k]?.[text(out.name) ?? ""] ?? null,
        );
      }
      iv.at = next(element);
    });
  }

  apexContext(): ApexContext {
    const tx = this.tx!;
    return {
      runtime: this,
      user: tx.user,
      transactionKey: tx,
      query: (object, where) => this.query(object, where),
      dml: (operation, object, rows, allOrNone) => {
        const results = this.dml(operation, object, rows, allOrNone);
        if (allOrNone && results.some((r) => !r.success)) throw new DmlFailure(results.flatMap((r) => r.errors));
        return results;
      },
      enqueueSlack: (handoffId, event) =>
        tx.outbox.push({
          channel: "slack",
          recipientIds: [],
          targetId: handoffId,
          event,
          sentAt: new Date(this.clock.getTime()),
          runningUserId: tx.user.Id,
        }),
    };
  }

  // Bell notifications and simple emails leave at commit, so they go to the transaction's outbox.
  private message(element: FlowElement, group: Interview[], type: string): void {
    const tx = this.tx!;
    for (const iv of group) {
      const inputs = this.actionInputs(iv, element);
      const base = {
        flow: iv.flow.apiName,
        element: element.name,
        sentAt: new Date(this.clock.getTime()),
        runningUserId: tx.user.Id,
      };
      if (type === "customNotificationAction") {
        const typeId = inputs.customNotifTypeId as string | null;
        const recipients = (Array.isArray(inputs.recipientIds) ? inputs.recipientIds : [inputs.recipientIds]).filter(
          (r) => !isBlank(r),
        ) as string[];
        if (!typeId || this.schema.objectOfId(typeId) !== "CustomNotificationType" || !this.find(typeId)) {
          this.fault(iv, element, "INVALID_PARAMETER_VALUE: Custom notification type Id is missing or invalid");
          continue;
        }
        if (recipients.length === 0) {
          this.fault(iv, element, "INVALID_PARAMETER_VALUE: recipientIds must contain at least one recipient");
          continue;
        }
        tx.outbox.push({
          ...base,
          channel: "bell",
          recipientIds: recipients,
          title: inputs.title as string,
          body: inputs.body as string,
          targetId: inputs.targetId as string,
        });
      } else {
        const template = this.find(inputs.emailTemplateId as string | null);
        const recipient = this.find(inputs.recipientId as string | null);
        if (!template) {
          this.fault(iv, element, "INVALID_ID_FIELD: the email template Id is missing or invalid");
          continue;
        }
        if (!recipient) {
          this.fault(iv, element, "INVALID_ID_FIELD: the recipient Id is missing or invalid");
          continue;
        }
        tx.outbox.push({
          ...base,
          channel: "email",
          recipientIds: [recipient.Id],
          templateId: template.Id,
          targetId: inputs.relatedRecordId as string,
        });
      }
      iv.at = next(element);
    }
  }

  // ---- values ----

  private valueOf(iv: Interview, node: XmlNode | undefined): unknown {
    if (!node) return null;
    if (node.elementReference !== undefined) return this.resolve(iv, text(node.elementReference) ?? "").value;
    for (const key of Object.keys(node)) {
      if (!["stringValue", "booleanValue", "numberValue", "dateValue", "dateTimeValue"].includes(key)) {
        throw new UnsupportedByRuntime(`${iv.flow.apiName}: value of type ${key} is not supported`);
      }
    }
    return literalValue(node);
  }

  private formulaContext(iv: Interview) {
    return {
      resolve: (reference: string) => this.resolve(iv, reference),
      isChanged: (reference: string) => {
        if (!reference.startsWith("$Record."))
          throw new UnsupportedByRuntime(`ISCHANGED(${reference}) outside $Record`);
        const field = reference.slice("$Record.".length);
        return !iv.isNew && iv.prior !== null && !sameValue(iv.prior[field], iv.record?.[field]);
      },
      isNew: iv.isNew,
    };
  }

  private resolve(iv: Interview, reference: string): Typed {
    const flow = iv.flow;
    const [head, ...rest] = reference.split(".");
    if (head === "$Record" || head === "$Record__Prior") {
      const record = head === "$Record" ? iv.record : iv.prior;
      if (rest.length === 0) return { value: record, kind: "id" };
      return this.fromRecord(flow.object!, record, rest, reference);
    }
    if (head === "$Flow") {
      if (rest[0] === "CurrentDateTime") return { value: new Date(this.clock.getTime()), kind: "datetime" };
      if (rest[0] === "CurrentDate") return { value: this.clock.toISOString().slice(0, 10), kind: "date" };
      if (rest[0] === "FaultMessage") return { value: iv.faultMessage, kind: "text" };
      throw new UnsupportedByRuntime(`${flow.apiName}: global ${reference} is not supported`);
    }
    if (flow.variables.has(head)) {
      const variable = flow.variables.get(head)!;
      const value = iv.vars.get(head) ?? null;
      if (rest.length === 0) return { value, kind: kindOfDataType(variable.dataType) };
      return this.fromRecord(variable.objectType!, value as SObject | null, rest, reference);
    }
    if (flow.formulas.has(head) && rest.length === 0) {
      const formula = flow.formulas.get(head)!;
      const value = evaluateFlowFormula(formula.expression, this.formulaContext(iv), `${flow.apiName} formula ${head}`);
      return { value, kind: kindOfDataType(formula.dataType ?? "String") };
    }
    if (flow.textTemplates.has(head) && rest.length === 0) {
      const template = flow.textTemplates.get(head)!;
      return {
        value: template.replace(/\{!([^}]+)\}/g, (_m, ref: string) => display(this.resolve(iv, ref))),
        kind: "text",
      };
    }
    const element = flow.elements.get(head);
    if (element?.kind === "collectionProcessors" && rest.length === 0) {
      if (!iv.outputs.has(head)) throw new Error(`${flow.apiName}: ${reference} is read before ${head} ran`);
      return { value: iv.outputs.get(head), kind: "id" };
    }
    if (element && (element.kind === "recordLookups" || element.kind === "recordCreates")) {
      if (!iv.outputs.has(head)) throw new Error(`${flow.apiName}: ${reference} is read before ${head} ran`);
      const output = iv.outputs.get(head) ?? null;
      if (element.kind === "recordCreates" || rest.length === 0) return { value: output, kind: "id" };
      return this.fromRecord(text(element.node.object) ?? "", output as SObject | null, rest, reference);
    }
    throw new UnsupportedByRuntime(`${flow.apiName}: reference ${reference} is not a resource the flow runtime knows`);
  }

  private fromRecord(object: string, record: Record<string, unknown> | null, path: string[], reference: string): Typed {
    if (Array.isArray(record)) throw new Error(`${reference} reads a field of a collection`);
    let current = record;
    let currentObject = object;
    for (let i = 0; i < path.length - 1; i++) {
      const lookup = this.schema.lookupFieldOf(currentObject, path[i]);
      if (current && !(lookup.name in current)) throw new Error(`${reference}: ${lookup.name} was not queried`);
      const id = current ? (current[lookup.name] as string | null) : null;
      currentObject = lookup.referenceTo ?? (id ? this.schema.objectOfId(id) : currentObject);
      current = id ? this.find(id) : null;
    }
    const field = this.schema.field(currentObject, path[path.length - 1]);
    if (current && !(field.name in current)) {
      throw new Error(
        `The flow tried to read ${reference}, but ${field.name} was not queried (SObject row was retrieved via SOQL without querying the requested field)`,
      );
    }
    const value = current ? (current[field.name] ?? null) : null;
    if (value instanceof UnevaluableFormula) throw new UnsupportedByRuntime(`cannot read ${value.reason}`);
    return { value, kind: field.kind };
  }
}

export interface SaveOptions {
  as?: SObject;
  allOrNone?: boolean;
}

function pathKey(p: { flow: string; path: string; recordId: string }): string {
  return `${p.flow}|${p.path}|${p.recordId}`;
}

function next(element: FlowElement): string | undefined {
  return element.connectors.find((c) => c.kind === "next")?.target;
}

function kindOfDataType(dataType: string): FieldKind {
  const kinds: Record<string, FieldKind> = {
    String: "text",
    Boolean: "checkbox",
    Number: "number",
    Currency: "number",
    Date: "date",
    DateTime: "datetime",
    SObject: "id",
  };
  const kind = kinds[dataType];
  if (!kind) throw new UnsupportedByRuntime(`flow data type ${dataType} is not supported`);
  return kind;
}

function coerce(kind: FieldKind, value: unknown): unknown {
  if (kind === "checkbox") return value === true || value === "true";
  if (isBlank(value)) return null;
  switch (kind) {
    case "number":
      return Number(value);
    case "datetime":
      return value instanceof Date ? new Date(value.getTime()) : new Date(String(value));
    case "date":
      return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
    default:
      return String(value);
  }
}

function display({ value }: Typed): string {
  if (isBlank(value)) return "";
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (isBlank(a) && isBlank(b)) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
}

function compareValues(a: unknown, b: unknown): number {
  if (isBlank(a) && isBlank(b)) return 0;
  if (isBlank(a)) return -1;
  if (isBlank(b)) return 1;
  const x = a instanceof Date ? a.getTime() : (a as number | string);
  const y = b instanceof Date ? b.getTime() : (b as number | string);
  return x < y ? -1 : x > y ? 1 : 0;
}

function compare(left: Typed, operator: string, right: unknown, where: string): boolean {
  const l = left.value;
  // A date-time compared with a literal: the literal is parsed as one.
  const r =
    operator !== "IsNull" && l instanceof Date && !isBlank(right) && !(right instanceof Date)
      ? new Date(String(right))
      : right;
  switch (operator) {
    case "IsNull":
      return isBlank(l) === (r === true);
    case "EqualTo":
    case "NotEqualTo": {
      if (l !== null && typeof l === "object" && !(l instanceof Date)) {
        throw new UnsupportedByRuntime(`${where}: ${operator} on a record or collection`);
      }
      let equal: boolean;
      if (left.kind === "checkbox") equal = (l === true) === (r === true || r === "true");
      else if (left.kind === "number")
        equal = isBlank(l) || isBlank(r) ? isBlank(l) && isBlank(r) : Number(l) === Number(r);
      else equal = sameValue(l, r);
      return operator === "EqualTo" ? equal : !equal;
    }
    case "GreaterThan":
    case "GreaterThanOrEqualTo":
    case "LessThan":
    case "LessThanOrEqualTo": {
      if (isBlank(l) || isBlank(r)) return false;
      const c = compareValues(l, r);
      if (operator === "GreaterThan") return c > 0;
      if (operator === "GreaterThanOrEqualTo") return c >= 0;
      return operator === "LessThan" ? c < 0 : c <= 0;
    }
    case "StartsWith":
      return !isBlank(l) && String(l).startsWith(String(r ?? ""));
    case "EndsWith":
      return !isBlank(l) && String(l).endsWith(String(r ?? ""));
    case "Contains":
      return !isBlank(l) && String(l).includes(String(r ?? ""));
    default:
      throw new UnsupportedByRuntime(`${where}: operator ${operator} is not supported by the flow runtime`);
  }
}
