// A local HTTP server that answers like the Salesforce REST API (v66.0) for the parts the RevOps scripts
// use, from an in-memory record store. Response shapes follow the REST API Developer Guide and the
// Bulk API 2.0 guide: query pages with nextRecordsUrl, composite and composite graph responses,
// sObject collections with per-record results, Bulk API 2.0 query jobs with CSV results paged by
// Sforce-Locator, error arrays [{message, errorCode, fields}], 401 INVALID_SESSION_ID.
// jsforce talks to it over real HTTP: nothing in jsforce is mocked.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type FieldType =
  "id" | "string" | "textarea" | "reference" | "date" | "datetime" | "boolean" | "double" | "currency" | "picklist";
export type Schema = Record<string, Record<string, FieldType>>;
export type StoredRecord = Record<string, unknown> & { Id: string };

export interface LoggedRequest {
  method: string;
  path: string;
  search: URLSearchParams;
  body: unknown;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FakeSalesforceOptions {
  schema: Schema;
  records?: Record<string, Record<string, unknown>[]>;
  accessToken?: string;
  queryPageSize?: number;
  bulkPageSize?: number;
  bulkPollsBeforeComplete?: number;
  latencyMs?: number;
  // Records made on demand, one page at a time, so a million-row org costs no memory: make(i) gives the
  // fields of the i-th record (its Id is derived from i). Filtering works; ORDER BY and LIMIT do not.
  generated?: Record<string, { count: number; make: (i: number) => Record<string, unknown> }>;
  // Lets a test make a save fail the way a validation rule or trigger would.
  validate?: (
    object: string,
    record: Record<string, unknown>,
  ) => { message: string; errorCode: string; fields: string[] } | undefined;
}

const ID_PREFIX: Record<string, string> = {
  Account: "001",
  Contact: "003",
  Opportunity: "006",
  User: "005",
  Task: "00T",
  Event: "00U",
  Organization: "00D",
  PermissionSet: "0PS",
  PermissionSetAssignment: "0Pa",
  Handoff__c: "a0H",
};

const err = (status: number, errorCode: string, message: string, fields: string[] = []): Reply => ({
  status,
  body: [{ message, errorCode, fields }],
});

export class SoqlError extends Error {
  constructor(
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

// ---------- a small SOQL subset: SELECT fields|COUNT() FROM object [WHERE ...] [ORDER BY ...] [LIMIT n]

type Value = string | number | boolean | null;
type Condition =
  { kind: "and" | "or"; parts: Condition[] } | { kind: "cmp"; field: string; op: string; value: Value | Value[] };

interface ParsedQuery {
  fields: string[];
  count: boolean;
  object: string;
  where?: Condition;
  orderBy: { field: string; desc: boolean; nullsLast: boolean }[];
  limit?: number;
}

function tokenize(soql: string): string[] {
  const tokens: string[] = [];
  const re = /\s*('(?:\\.|[^'\\])*'|<=|>=|!=|<>|[(),=<>]|[A-Za-z0-9_.:\-+]+)/gy;
  let m: RegExpExecArray | null;
  let last = 0;
  while ((m = re.exec(soql))) {
    tokens.push(m[1]);
    last = re.lastIndex;
  }
  if (soql.slice(last).trim())
    throw new SoqlError("MALFORMED_QUERY", `unexpected text near '${soql.slice(last, last + 20)}'`);
  return tokens;
}

export function parseSoql(soql: string): ParsedQuery {
  const t = tokenize(soql);
  let i = 0;
  const peek = () => t[i]?.toUpperCase();
  const next = () => t[i++];
  const expect = (word: string) => {
    if (peek() !== word) throw new SoqlError("MALFORMED_QUERY", `expected ${word} at '${t[i] ?? "end"}'`);
    i++;
  };
  expect("SELECT");
  const fields: string[] = [];
  let count = false;
  if (peek() === "COUNT" && t[i + 1] === "(" && t[i + 2] === ")") {
    count = true;
    i += 3;
  } else {
    for (;;) {
      fields.push(next());
      if (t[i] !== ",") break;
      i++;
    }
  }
  expect("FROM");
  const object = next();
  const literal = (): Value => {
    const tok = next();
    if (tok === undefined) throw new SoqlError("MALFORMED_QUERY", "missing value");
    if (tok.startsWith("'")) return tok.slice(1, -1).replace(/\\(.)/g, "$1");
    if (/^(true|false)$/i.test(tok)) return tok.toLowerCase() === "true";
    if (/^null$/i.test(tok)) return null;
    if (/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2}))?$/.test(tok)) return tok;
    if (/^-?\d+(\.\d+)?$/.test(tok)) return Number(tok);
    throw new SoqlError("MALFORMED_QUERY", `unsupported value '${tok}'`);
  };
  const comparison = (): Condition => {
    if (t[i] === "(") {
      i++;
      const c = orExpr();
      if (t[i++] !== ")") throw new SoqlError("MALFORMED_QUERY", "missing )");
      return c;
    }
    const field = next();
    let op = next().toUpperCase();
    if (op === "NOT" && peek() === "IN") {
      i++;
      op = "NOT IN";
    }
    if (op === "IN" || op === "NOT IN") {
      if (t[i++] !== "(") throw new SoqlError("MALFORMED_QUERY", "IN needs a list");
      const values: Value[] = [];
      while (t[i] !== ")") {
        values.push(literal());
        if (t[i] === ",") i++;
      }
      i++;
      return { kind: "cmp", field, op, value: values };
    }
    if (!["=", "!=", "<>", "<", ">", "<=", ">=", "LIKE"].includes(op))
      throw new SoqlError("MALFORMED_QUERY", `unsupported operator ${op}`);
    return { kind: "cmp", field, op: op === "<>" ? "!=" : op, value: literal() };
  };
  const andExpr = (): Condition => {
    const parts = [comparison()];
    while (peek() === "AND") {
      i++;
      parts.push(comparison());
    }
    return parts.length === 1 ? parts[0] : { kind: "and", parts };
  };
  const orExpr = (): Condition => {
    const parts = [andExpr()];
    while (peek() === "OR") {
      i++;
      parts.push(andExpr());
    }
    return parts.length === 1 ? parts[0] : { kind: "or", parts };
  };
  let where: Condition | undefined;
  if (peek() === "WHERE") {
    i++;
    where = orExpr();
  }
  const orderBy: ParsedQuery["orderBy"] = [];
  if (peek() === "ORDER") {
    i++;
    expect("BY");
    for (;;) {
      const field = next();
      let desc = false;
      let nullsLast = false;
      if (peek() === "ASC") i++;
      else if (peek() === "DESC") {
        i++;
        desc = true;
        nullsLast = true;
      }
      if (peek() === "NULLS") {
        i++;
        nullsLast = next().toUpperCase() === "LAST";
      }
      orderBy.push({ field, desc, nullsLast });
      if (t[i] !== ",") break;
      i++;
    }
  }
  let limit: number | undefined;
  if (peek() === "LIMIT") {
    i++;
    limit = Number(next());
  }
  if (i < t.length) throw new SoqlError("MALFORMED_QUERY", `unexpected '${t[i]}'`);
  return { fields, count, object, where, orderBy, limit };
}

// ---------- the server

export class FakeSalesforce {
  readonly requests: LoggedRequest[] = [];
  readonly store = new Map<string, StoredRecord[]>();
  readonly schema: Schema;
  accessToken: string;
  latencyMs: number;
  queryPageSize: number;
  bulkPageSize: number;
  bulkPollsBeforeComplete: number;
  // Replies to send before anything else, one per request (e.g. REQUEST_LIMIT_EXCEEDED twice).
  readonly queuedFailures: QueuedFailure[] = [];
  readonly generated: NonNullable<FakeSalesforceOptions["generated"]>;
  // Lets a test make a delete fail the way a related record or a trigger would (DELETE_FAILED).
  refuseDelete?: (object: string, record: StoredRecord) => string | undefined;
  private server?: Server;
  private counter = 0;
  private byId = new Map<string, { object: string; record: StoredRecord }>();
  private cursors = new Map<string, { scan: Scan; totalSize: number }>();
  private jobs = new Map<
    string,
    { soql: string; polls: number; scan?: Scan; total?: number; fields: string[]; object: string }
  >();
  private readonly validate: FakeSalesforceOptions["validate"];
  instanceUrl = "";

  constructor(options: FakeSalesforceOptions) {
    this.schema = options.schema;
    this.accessToken = options.accessToken ?? "00Dtest!fake-access-token";
    this.queryPageSize = options.queryPageSize ?? 2000;
    this.bulkPageSize = options.bulkPageSize ?? 100_000;
    this.bulkPollsBeforeComplete = options.bulkPollsBeforeComplete ?? 0;
    this.latencyMs = options.latencyMs ?? 0;
    this.validate = options.validate;
    this.generated = options.generated ?? {};
    for (const [object, records] of Object.entries(options.records ?? {})) {
      for (const r of records) this.insert(object, r);
    }
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.instanceUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.instanceUrl;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  // The failures an org really shows, queued for the next request(s).
  failNext(kind: "maintenance" | "server-error" | "reset" | "hang", times = 1, when?: (r: LoggedRequest) => boolean) {
    const failure: QueuedFailure =
      kind === "maintenance"
        ? { status: 503, body: MAINTENANCE_PAGE, contentType: "text/html", when }
        : kind === "server-error"
          ? { status: 500, body: [{ errorCode: "UNKNOWN_EXCEPTION", message: "An unexpected error occurred." }], when }
          : { action: kind, when };
    for (let i = 0; i < times; i++) this.queuedFailures.push(failure);
  }

  newId(object: string): string {
    this.counter++;
    return (ID_PREFIX[object] ?? "a0Z") + String(this.counter).padStart(12, "0") + "AAA";
  }

  insert(object: string, record: Record<string, unknown>): StoredRecord {
    const stored = { ...record, Id: (record.Id as string) ?? this.newId(object) } as StoredRecord;
    const list = this.store.get(object) ?? [];
    list.push(stored);
    this.store.set(object, list);
    this.byId.set(stored.Id, { object, record: stored });
    return stored;
  }

  records(object: string): StoredRecord[] {
    return this.store.get(object) ?? [];
  }

  get calls(): number {
    return this.requests.length;
  }

  private findById(id: string): { object: string; record: StoredRecord } | undefined {
    return this.byId.get(id);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://localhost");
    let body: unknown = raw;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    const logged: LoggedRequest = { method: req.method ?? "GET", path: url.pathname, search: url.searchParams, body };
    this.requests.push(logged);
    if (this.latencyMs) await new Promise((r) => setTimeout(r, this.latencyMs));
    let reply: Reply;
    if (req.headers.authorization !== `Bearer ${this.accessToken}`) {
      reply = err(401, "INVALID_SESSION_ID", "Session expired or invalid");
    } else {
      const failureIndex = this.queuedFailures.findIndex((f) => !f.when || f.when(logged));
      if (failureIndex >= 0) {
        const [f] = this.queuedFailures.splice(failureIndex, 1);
        if (f.action === "reset") {
          req.socket.destroy();
          return;
        }
        if (f.action === "hang") return; // never answers; stop() closes the socket
        reply = { status: f.status!, body: f.body, headers: f.contentType ? { "Content-Type": f.contentType } : {} };
      } else {
        reply = this.route(logged.method, url.pathname, url.searchParams, body);
      }
    }
    const headers: Record<string, string> = { ...(reply.headers ?? {}) };
    let payload = "";
    if (reply.body !== undefined) {
      if (typeof reply.body === "string") payload = reply.body;
      else if (reply.body instanceof CsvPage) {
        res.writeHead(reply.status, headers);
        for (const chunk of reply.body.chunks()) if (!res.write(chunk)) await new Promise((r) => res.once("drain", r));
        res.end();
        return;
      } else {
        payload = JSON.stringify(reply.body);
        headers["Content-Type"] = "application/json;charset=UTF-8";
      }
    }
    res.writeHead(reply.status, headers);
    res.end(payload);
  }

  private route(method: string, path: string, search: URLSearchParams, body: unknown): Reply {
    const m = /^\/services\/data\/v(\d+\.\d)(\/.*)?$/.exec(path);
    if (!m) return err(404, "NOT_FOUND", "The requested resource does not exist");
    const rest = m[2] ?? "/";
    try {
      return this.routeVersioned(method, rest, search, body, m[1]);
    } catch (e) {
      if (e instanceof SoqlError) return err(400, e.errorCode, e.message);
      throw e;
    }
  }

  private routeVersioned(method: string, rest: string, search: URLSearchParams, body: unknown, version: string): Reply {
    let m: RegExpExecArray | null;
    if (rest === "/query" && method === "GET") return this.query(search.get("q") ?? "", version);
    if ((m = /^\/query\/([\w-]+)$/.exec(rest)) && method === "GET") return this.queryMore(m[1], version);
    if (rest === "/composite" && method === "POST") return this.composite(body as CompositeBody, version);
    if (rest === "/composite/graph" && method === "POST")
      return this.graph(body as { graphs: { graphId: string; compositeRequest: Sub[] }[] }, version);
    if (rest === "/composite/sobjects" && method === "DELETE")
      return this.collectionDelete((search.get("ids") ?? "").split(","), search.get("allOrNone") === "true");
    if (rest === "/composite/sobjects" && method === "POST") return this.collectionCreate(body as CollectionBody);
    if ((m = /^\/composite\/sobjects\/(\w+)\/(\w+)$/.exec(rest)) && method === "PATCH")
      return this.collectionUpsert(m[1], m[2], body as CollectionBody);
    if ((m = /^\/sobjects\/(\w+)\/describe$/.exec(rest)) && method === "GET") return this.describe(m[1]);
    if ((m = /^\/sobjects\/(\w+)$/.exec(rest)) && method === "POST")
      return this.createOne(m[1], body as Record<string, unknown>);
    if ((m = /^\/sobjects\/(\w+)\/(\w+)\/([^/]+)$/.exec(rest)) && method === "PATCH")
      return this.upsertOne(m[1], m[2], decodeURIComponent(m[3]), body as Record<string, unknown>);
    if ((m = /^\/sobjects\/(\w+)\/(\w{15,18})$/.exec(rest)) && method === "DELETE") return this.deleteOne(m[2]);
    if (rest === "/jobs/query" && method === "POST")
      return this.bulkCreate(body as { query: string; operation: string }, version);
    if ((m = /^\/jobs\/query\/(\w+)$/.exec(rest)) && method === "GET") return this.bulkStatus(m[1], version);
    if ((m = /^\/jobs\/query\/(\w+)\/results$/.exec(rest)) && method === "GET") return this.bulkResults(m[1], search);
    if ((m = /^\/jobs\/query\/(\w+)$/.exec(rest)) && method === "DELETE")
      return { status: this.jobs.delete(m[1]) ? 204 : 404 };
    return err(404, "NOT_FOUND", `The requested resource does not exist: ${method} ${rest}`);
  }

  // ---- schema and values

  private checkObject(object: string): Record<string, FieldType> {
    const fields = this.schema[object];
    if (!fields) {
      throw new SoqlError(
        "INVALID_TYPE",
        `sObject type '${object}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
    }
    return fields;
  }

  private checkField(object: string, path: string): void {
    const fields = this.checkObject(object);
    const [first, ...more] = path.split(".");
    if (more.length === 0) {
      if (first !== "Id" && !(first in fields))
        throw new SoqlError(
          "INVALID_FIELD",
          `No such column '${first}' on entity '${object}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
        );
      return;
    }
    const lookup = first.endsWith("__r") ? first.replace(/__r$/, "__c") : `${first}Id`;
    if (!(lookup in fields))
      throw new SoqlError(
        "INVALID_FIELD",
        `Didn't understand relationship '${first}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name.`,
      );
  }

  private resolve(record: Record<string, unknown>, path: string): unknown {
    const [first, ...more] = path.split(".");
    if (more.length === 0) return record[first] ?? null;
    const lookup = first.endsWith("__r") ? first.replace(/__r$/, "__c") : `${first}Id`;
    const target = record[lookup] ? this.findById(String(record[lookup]))?.record : undefined;
    return target ? this.resolve(target, more.join(".")) : null;
  }

  private matches(record: Record<string, unknown>, c: Condition | undefined): boolean {
    if (!c) return true;
    if (c.kind !== "cmp")
      return c.kind === "and"
        ? c.parts.every((p) => this.matches(record, p))
        : c.parts.some((p) => this.matches(record, p));
    const v = this.resolve(record, c.field) as Value;
    // Date-times are compared as instants ("...00.000+0000" and "...00Z" are the same moment).
    const instant = (x: Value) => (typeof x === "string" && /^\d{4}-\d{2}-\d{2}T/.test(x) ? Date.parse(x) : x);
    const cmp = (a: Value, b: Value) => {
      const [x, y] = [instant(a), instant(b)];
      return x === y ? 0 : x === null ? -1 : y === null ? 1 : x < y ? -1 : 1;
    };
    switch (c.op) {
      case "=":
        return v === c.value || (v === null && c.value === null);
      case "!=":
        return v !== c.value;
      case "<":
        return v !== null && cmp(v, c.value as Value) < 0;
      case ">":
        return v !== null && cmp(v, c.value as Value) > 0;
      case "<=":
        return v !== null && cmp(v, c.value as Value) <= 0;
      case ">=":
        return v !== null && cmp(v, c.value as Value) >= 0;
      case "IN":
        return (c.value as Value[]).includes(v);
      case "NOT IN":
        return !(c.value as Value[]).includes(v);
      case "LIKE": {
        const re = new RegExp(
          `^${String(c.value)
            .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
            .replace(/%/g, ".*")
            .replace(/_/g, ".")}$`,
          "i",
        );
        return v !== null && re.test(String(v));
      }
      default:
        return false;
    }
  }

  private conditionFields(c: Condition | undefined): string[] {
    if (!c) return [];
    return c.kind === "cmp" ? [c.field] : c.parts.flatMap((p) => this.conditionFields(p));
  }

  private select(soql: string): { q: ParsedQuery; rows: StoredRecord[]; total: number } {
    const q = parseSoql(soql);
    this.checkObject(q.object);
    for (const f of [...q.fields, ...this.conditionFields(q.where), ...q.orderBy.map((o) => o.field)])
      this.checkField(q.object, f);
    let rows = this.records(q.object).filter((r) => this.matches(r, q.where));
    if (q.orderBy.length) {
      rows = [...rows].sort((a, b) => {
        for (const o of q.orderBy) {
          const va = this.resolve(a, o.field) as Value;
          const vb = this.resolve(b, o.field) as Value;
          if (va === vb) continue;
          if (va === null) return o.nullsLast ? 1 : -1;
          if (vb === null) return o.nullsLast ? -1 : 1;
          return (va < vb ? -1 : 1) * (o.desc ? -1 : 1);
        }
        return 0;
      });
    }
    const total = rows.length;
    if (q.limit !== undefined) rows = rows.slice(0, q.limit);
    return { q, rows, total: q.limit !== undefined ? rows.length : total };
  }

  // What a query walks through: stored records already filtered and sorted, or generated ones made
  // and filtered while a page is filled.
  private scanFor(soql: string): Scan {
    const q = parseSoql(soql);
    const gen = this.generated[q.object];
    if (!gen) {
      const { rows } = this.select(soql);
      return { q, size: rows.length, at: (i) => rows[i], filtered: true };
    }
    this.checkObject(q.object);
    for (const f of [...q.fields, ...this.conditionFields(q.where)]) this.checkField(q.object, f);
    if (q.orderBy.length || q.limit !== undefined)
      throw new SoqlError("MALFORMED_QUERY", "the fake server does not sort or limit generated records");
    return { q, size: gen.count, at: (i) => this.generatedRecord(q.object, i), filtered: !q.where };
  }

  private generatedRecord(object: string, i: number): StoredRecord {
    return { ...this.generated[object].make(i), Id: `${ID_PREFIX[object] ?? "a0Z"}G${String(i).padStart(11, "0")}AAA` };
  }

  private countOf(scan: Scan): number {
    if (scan.filtered) return scan.size;
    let n = 0;
    for (let i = 0; i < scan.size; i++) if (this.matches(scan.at(i), scan.q.where)) n++;
    return n;
  }

  // Up to max matching records from position start; next is where the following page starts.
  private collect(scan: Scan, start: number, max: number): { rows: StoredRecord[]; next: number } {
    const rows: StoredRecord[] = [];
    let i = start;
    while (rows.length < max && i < scan.size) {
      const r = scan.at(i++);
      if (scan.filtered || this.matches(r, scan.q.where)) rows.push(r);
    }
    return { rows, next: i };
  }

  private shape(object: string, record: StoredRecord, fields: string[], version: string): Record<string, unknown> {
    const out: Record<string, unknown> = {
      attributes: { type: object, url: `/services/data/v${version}/sobjects/${object}/${record.Id}` },
    };
    for (const f of fields) {
      const [first, ...more] = f.split(".");
      if (more.length === 0) {
        out[first] = record[first] ?? null;
        continue;
      }
      const lookup = first.endsWith("__r") ? first.replace(/__r$/, "__c") : `${first}Id`;
      const target = record[lookup] ? this.findById(String(record[lookup])) : undefined;
      if (!target) {
        out[first] = null;
        continue;
      }
      // Shaped again one level down, so Handoff__r.Sales_Owner__r.Name nests as the API does (an object per
      // relationship), and merged with what earlier fields of the same parent put there.
      const inner = this.shape(target.object, target.record, [more.join(".")], version);
      out[first] = mergeShapes(out[first] as Record<string, unknown> | undefined, inner);
    }
    return out;
  }

  // ---- REST query

  private query(soql: string, version: string): Reply {
    const scan = this.scanFor(soql);
    const totalSize = this.countOf(scan);
    if (scan.q.count) return { status: 200, body: { totalSize, done: true, records: [] } };
    return { status: 200, body: this.page(scan, totalSize, 0, version) };
  }

  private page(scan: Scan, totalSize: number, offset: number, version: string) {
    const { rows, next } = this.collect(scan, offset, this.queryPageSize);
    const done = next >= scan.size;
    const records = rows.map((r) => this.shape(scan.q.object, r, scan.q.fields, version));
    const result: Record<string, unknown> = { totalSize, done, records };
    if (!done) {
      const cursor = `01g${String(this.cursors.size + 1).padStart(15, "0")}`;
      this.cursors.set(cursor, { scan, totalSize });
      result.nextRecordsUrl = `/services/data/v${version}/query/${cursor}-${next}`;
    }
    return result;
  }

  private queryMore(locator: string, version: string): Reply {
    const [cursor, offset] = locator.split("-");
    const c = this.cursors.get(cursor);
    if (!c) return err(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
    return { status: 200, body: this.page(c.scan, c.totalSize, Number(offset), version) };
  }

  private describe(object: string): Reply {
    const fields = this.schema[object];
    if (!fields) return err(404, "NOT_FOUND", "The requested resource does not exist");
    return {
      status: 200,
      body: {
        name: object,
        fields: [["Id", "id"] as const, ...Object.entries(fields)].map(([name, type]) => ({
          name,
          type,
          label: name.replace(/__c$/, "").replace(/_/g, " "),
        })),
      },
    };
  }

  // ---- writes

  private saveError(
    object: string,
    record: Record<string, unknown>,
  ): { message: string; errorCode: string; fields: string[] } | undefined {
    const fields = this.schema[object];
    if (!fields)
      return { message: `sObject type '${object}' is not supported.`, errorCode: "INVALID_TYPE", fields: [] };
    for (const f of Object.keys(record)) {
      if (f !== "attributes" && f !== "Id" && !(f in fields))
        return {
          message: `No such column '${f}' on sobject of type ${object}`,
          errorCode: "INVALID_FIELD",
          fields: [f],
        };
    }
    return this.validate?.(object, record);
  }

  private write(
    object: string,
    values: Record<string, unknown>,
    existing?: StoredRecord,
  ): { id?: string; error?: { message: string; errorCode: string; fields: string[] } } {
    const clean = Object.fromEntries(Object.entries(values).filter(([k]) => k !== "attributes"));
    const error = this.saveError(object, { ...(existing ?? {}), ...clean });
    if (error) return { error };
    if (existing) {
      Object.assign(existing, clean);
      return { id: existing.Id };
    }
    return { id: this.insert(object, clean).Id };
  }

  private createOne(object: string, body: Record<string, unknown>): Reply {
    const r = this.write(object, body);
    return r.error ? { status: 400, body: [r.error] } : { status: 201, body: { id: r.id, success: true, errors: [] } };
  }

  private upsertOne(object: string, field: string, value: string, body: Record<string, unknown>): Reply {
    if (/^\w{15,18}$/.test(field) && !this.schema[object]?.[field])
      return err(404, "NOT_FOUND", "Provided external ID field does not exist or is not accessible: " + field);
    if (!this.schema[object]?.[field])
      return err(404, "NOT_FOUND", `Provided external ID field does not exist or is not accessible: ${field}`);
    const found = this.records(object).filter((r) => r[field] === value);
    if (found.length > 1)
      return { status: 300, body: found.map((r) => `/services/data/v66.0/sobjects/${object}/${r.Id}`) };
    const r = this.write(object, { ...body, [field]: value }, found[0]);
    if (r.error) return { status: 400, body: [r.error] };
    return { status: found[0] ? 200 : 201, body: { id: r.id, success: true, errors: [], created: !found[0] } };
  }

  private deleteOne(id: string): Reply {
    const found = this.findById(id);
    if (!found) return err(404, "ENTITY_IS_DELETED", "entity is deleted");
    this.store.set(
      found.object,
      this.records(found.object).filter((r) => r.Id !== id),
    );
    return { status: 204 };
  }

  private collectionDelete(ids: string[], allOrNone: boolean): Reply {
    const results = ids.map((id) => {
      const found = this.findById(id);
      if (!found)
        return {
          id,
          success: false,
          errors: [{ statusCode: "ENTITY_IS_DELETED", message: "entity is deleted", fields: [] }],
        };
      const refusal = this.refuseDelete?.(found.object, found.record);
      if (refusal)
        return { id, success: false, errors: [{ statusCode: "DELETE_FAILED", message: refusal, fields: [] }] };
      return { id, success: true, errors: [] };
    });
    if (!(allOrNone && results.some((r) => !r.success))) for (const r of results) if (r.success) this.deleteOne(r.id);
    return { status: 200, body: results };
  }

  private collectionCreate(body: CollectionBody): Reply {
    return {
      status: 200,
      body: body.records.map((rec) => {
        const r = this.write(rec.attributes.type, rec);
        return r.error
          ? {
              success: false,
              errors: [{ statusCode: r.error.errorCode, message: r.error.message, fields: r.error.fields }],
            }
          : { id: r.id, success: true, errors: [] };
      }),
    };
  }

  private collectionUpsert(object: string, field: string, body: CollectionBody): Reply {
    return {
      status: 200,
      body: body.records.map((rec) => {
        const found = this.records(object).find((r) => r[field] === rec[field]);
        const r = this.write(object, rec, found);
        return r.error
          ? {
              success: false,
              errors: [{ statusCode: r.error.errorCode, message: r.error.message, fields: r.error.fields }],
            }
          : { id: r.id, success: true, errors: [], created: !found };
      }),
    };
  }

  // ---- composite and composite graph

  private substitute(value: unknown, results: Map<string, unknown>): unknown {
    if (typeof value === "string") {
      return value.replace(/@\{([\w]+)\.([\w.[\]]+)\}/g, (_all, ref: string, path: string) => {
        if (!results.has(ref)) throw new ReferenceFailure(ref);
        let v: unknown = results.get(ref);
        for (const part of path.replace(/\[(\d+)\]/g, ".$1").split("."))
          v = (v as Record<string, unknown> | undefined)?.[part];
        return String(v);
      });
    }
    if (Array.isArray(value)) return value.map((v) => this.substitute(v, results));
    if (value && typeof value === "object")
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.substitute(v, results)]));
    return value;
  }

  private runSubrequests(subs: Sub[], version: string, stopOnFailure: boolean) {
    const results = new Map<string, unknown>();
    const responses: {
      body: unknown;
      httpHeaders: Record<string, string>;
      httpStatusCode: number;
      referenceId: string;
    }[] = [];
    let failed = false;
    for (const sub of subs) {
      if (failed && stopOnFailure) {
        responses.push({
          body: [
            {
              errorCode: "PROCESSING_HALTED",
              message: "The transaction was rolled back since another operation in the same transaction failed.",
            },
          ],
          httpHeaders: {},
          httpStatusCode: 400,
          referenceId: sub.referenceId,
        });
        continue;
      }
      let reply: Reply;
      try {
        const url = new URL(String(this.substitute(sub.url, results)), "http://localhost");
        reply = this.route(sub.method, url.pathname, url.searchParams, this.substitute(sub.body, results));
      } catch (e) {
        if (!(e instanceof ReferenceFailure)) throw e;
        reply = err(
          400,
          "PROCESSING_HALTED",
          `Invalid reference specified. No value for ${e.ref}.id found in ${e.ref}. Provided referenceId ('${e.ref}') refers to a failed subrequest.`,
        );
      }
      if (reply.status >= 400) failed = true;
      else results.set(sub.referenceId, reply.body);
      responses.push({
        body: reply.body ?? null,
        httpHeaders: reply.headers ?? {},
        httpStatusCode: reply.status,
        referenceId: sub.referenceId,
      });
    }
    return { responses, failed };
  }

  private snapshot(): Map<string, StoredRecord[]> {
    return new Map([...this.store].map(([k, list]) => [k, list.map((r) => ({ ...r }))]));
  }

  private restore(copy: Map<string, StoredRecord[]>): void {
    this.store.clear();
    this.byId.clear();
    for (const [k, v] of copy) {
      this.store.set(k, v);
      for (const record of v) this.byId.set(record.Id, { object: k, record });
    }
  }

  private composite(body: CompositeBody, version: string): Reply {
    if (body.compositeRequest.length > 25)
      return err(400, "LIMIT_EXCEEDED", "Composite request can have at most 25 subrequests");
    const before = this.snapshot();
    const { responses, failed } = this.runSubrequests(body.compositeRequest, version, !!body.allOrNone);
    if (failed && body.allOrNone) this.restore(before);
    return { status: 200, body: { compositeResponse: responses } };
  }

  private graph(body: { graphs: { graphId: string; compositeRequest: Sub[] }[] }, version: string): Reply {
    const graphs = body.graphs.map((g) => {
      const before = this.snapshot();
      const { responses, failed } = this.runSubrequests(g.compositeRequest, version, true);
      if (failed) {
        this.restore(before);
        for (const r of responses) {
          if (r.httpStatusCode < 400) {
            r.httpStatusCode = 400;
            r.body = [
              {
                errorCode: "PROCESSING_HALTED",
                message: "The transaction was rolled back since another operation in the same transaction failed.",
              },
            ];
          }
        }
      }
      return { graphId: g.graphId, graphResponse: { compositeResponse: responses }, isSuccessful: !failed };
    });
    return { status: 200, body: { graphs } };
  }

  // ---- Bulk API 2.0 query

  private jobInfo(id: string, state: string, version: string, extra: Record<string, unknown> = {}) {
    const job = this.jobs.get(id)!;
    return {
      id,
      operation: "query",
      object: job.object,
      createdById: "005000000000001AAA",
      createdDate: "2026-11-26T10:00:00.000+0000",
      systemModstamp: "2026-11-26T10:00:00.000+0000",
      state,
      concurrencyMode: "Parallel",
      contentType: "CSV",
      apiVersion: Number(version),
      lineEnding: "LF",
      columnDelimiter: "COMMA",
      ...extra,
    };
  }

  private bulkCreate(body: { query: string; operation: string }, version: string): Reply {
    const q = parseSoql(body.query);
    this.checkObject(q.object);
    for (const f of [...q.fields, ...this.conditionFields(q.where)]) this.checkField(q.object, f);
    const id = `750${String(this.jobs.size + 1).padStart(12, "0")}AAA`;
    this.jobs.set(id, { soql: body.query, polls: 0, fields: q.fields, object: q.object });
    return { status: 200, body: this.jobInfo(id, "UploadComplete", version) };
  }

  private bulkStatus(id: string, version: string): Reply {
    const job = this.jobs.get(id);
    if (!job) return err(404, "NOT_FOUND", "The requested resource does not exist");
    job.polls++;
    if (job.polls <= this.bulkPollsBeforeComplete)
      return {
        status: 200,
        body: this.jobInfo(id, "InProgress", version, {
          numberRecordsProcessed: 0,
          retries: 0,
          totalProcessingTime: 0,
        }),
      };
    job.scan ??= this.scanFor(job.soql);
    job.total ??= this.countOf(job.scan);
    return {
      status: 200,
      body: this.jobInfo(id, "JobComplete", version, {
        numberRecordsProcessed: job.total,
        retries: 0,
        totalProcessingTime: 120,
      }),
    };
  }

  // One CSV page of a finished job. The locator is the position to resume from; the page is written to
  // the socket in chunks as it is made, so a page of 100,000 rows is never one string on the server.
  private bulkResults(id: string, search: URLSearchParams): Reply {
    const job = this.jobs.get(id);
    if (!job?.scan) return err(400, "INVALIDJOBSTATE", "Job is not complete");
    const offset = Number(search.get("locator") ? Buffer.from(search.get("locator")!, "base64").toString("utf8") : "0");
    const size = Math.min(Number(search.get("maxRecords") ?? this.bulkPageSize), this.bulkPageSize);
    const { rows, next } = this.collect(job.scan, offset, size);
    const cell = (v: unknown) => {
      if (v === null || v === undefined) return "";
      const s = String(v);
      return s.includes('"') || s.includes(",") || s.includes("\n") ? `"${s.replace(/"/g, '""')}"` : s;
    };
    // One accessor per column, worked out once per page: a page can hold 100,000 rows.
    const columns = job.fields.map((f): ((r: StoredRecord) => unknown) => {
      const parts = f.split(".");
      if (parts.length === 1) return (r) => r[f];
      if (parts.length === 2) {
        const lookup = parts[0].endsWith("__r") ? parts[0].replace(/__r$/, "__c") : `${parts[0]}Id`;
        return (r) => (r[lookup] ? (this.findById(String(r[lookup]))?.record[parts[1]] ?? null) : null);
      }
      return (r) => this.resolve(r, f);
    });
    const line = (r: StoredRecord) => {
      let out = "";
      for (let k = 0; k < columns.length; k++) out += (k ? "," : "") + cell(columns[k](r));
      return out + "\n";
    };
    const fields = job.fields;
    return {
      status: 200,
      body: new CsvPage(fields.map((f) => `"${f}"`).join(",") + "\n", rows, line),
      headers: {
        "Content-Type": "text/csv",
        "Sforce-Locator": next < job.scan.size ? Buffer.from(String(next)).toString("base64") : "null",
        "Sforce-NumberOfRecords": String(rows.length),
      },
    };
  }
}

const MAINTENANCE_PAGE =
  "<!DOCTYPE html>\n<html><head><title>Maintenance</title></head>\n<body><h1>Salesforce is down for maintenance</h1>\n<p>We will be back shortly.</p></body></html>\n";

interface QueuedFailure {
  status?: number;
  body?: unknown;
  contentType?: string;
  action?: "reset" | "hang";
  when?: (r: LoggedRequest) => boolean;
}

interface Scan {
  q: ParsedQuery;
  size: number;
  at: (i: number) => StoredRecord;
  filtered: boolean; // every position matches (stored records are filtered up front)
}

class CsvPage {
  constructor(
    readonly header: string,
    readonly rows: StoredRecord[],
    readonly line: (r: StoredRecord) => string,
  ) {}

  *chunks(): Generator<string> {
    let chunk = this.header;
    for (const r of this.rows) {
      chunk += this.line(r);
      if (chunk.length > 256 * 1024) {
        yield chunk;
        chunk = "";
      }
    }
    if (chunk) yield chunk;
  }
}

class ReferenceFailure extends Error {
  constructor(readonly ref: string) {
    super(ref);
  }
}

interface Sub {
  method: string;
  url: string;
  referenceId: string;
  body?: unknown;
}
interface CompositeBody {
  allOrNone?: boolean;
  compositeRequest: Sub[];
}
interface CollectionBody {
  allOrNone?: boolean;
  records: (Record<string, unknown> & { attributes: { type: string } })[];
}

function mergeShapes(
  into: Record<string, unknown> | undefined,
  from: Record<string, unknown>,
): Record<string, unknown> {
  if (!into) return from;
  for (const [key, value] of Object.entries(from)) {
    const existing = into[key];
    into[key] =
      existing && value && typeof existing === "object" && typeof value === "object" && key !== "attributes"
        ? mergeShapes(existing as Record<string, unknown>, value as Record<string, unknown>)
        : value;
  }
  return into;
}
