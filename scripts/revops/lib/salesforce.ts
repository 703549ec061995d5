// Connecting to an org and talking to it through jsforce, with the failures admins actually meet
// translated into messages that name the fix, bounded retries when the API limit is reached, and a
// count of API calls (the scripts are judged on how few they make).
import { spawnSync } from "node:child_process";
import jsforce from "jsforce";
import httpApiModule from "jsforce/lib/http-api.js";
import { forEachCsvRecord } from "./csv.ts";

export const API_VERSION = "66.0";

export class SalesforceError extends Error {
  constructor(
    message: string,
    readonly errorCode?: string,
  ) {
    super(message);
  }
}

export interface ConnectOptions {
  targetOrg?: string;
  env?: NodeJS.ProcessEnv;
}

export interface OrgSession {
  instanceUrl: string;
  accessToken: string;
  source: string; // how we got it, for messages
}

const LOGIN_FIX = (alias: string) =>
  `Log in again with \`sf org login web --alias ${alias}\` (see your logins with \`sf org list\`).`;

// The Salesforce CLI's own library reads the stored login (and refreshes the token). It ships with
// @salesforce/cli; when it cannot be loaded we ask the CLI itself.
async function sessionFromCliLibrary(alias: string): Promise<OrgSession | null> {
  let core: { Org: { create(o: { aliasOrUsername: string }): Promise<unknown> } };
  try {
    core = (await import("@salesforce/core" as string)) as typeof core;
  } catch {
    return null;
  }
  try {
    const org = (await core.Org.create({ aliasOrUsername: alias })) as {
      refreshAuth(): Promise<void>;
      getConnection(): { instanceUrl: string; accessToken?: string | null };
    };
    await org.refreshAuth();
    const conn = org.getConnection();
    if (!conn.accessToken)
      throw new SalesforceError(`The stored login for "${alias}" has no access token. ${LOGIN_FIX(alias)}`);
    return { instanceUrl: conn.instanceUrl, accessToken: conn.accessToken, source: `Salesforce CLI login "${alias}"` };
  } catch (e) {
    throw cliLoginError(alias, e as Error & { name?: string });
  }
}

function cliLoginError(alias: string, e: { name?: string; message?: string }): SalesforceError {
  const name = e.name ?? "";
  const message = e.message ?? String(e);
  if (
    /NamedOrgNotFound|NoAuthInfoFound|AuthInfoCreationError/i.test(name) ||
    /No authorization information found/i.test(message)
  ) {
    return new SalesforceError(`No Salesforce CLI login named "${alias}". ${LOGIN_FIX(alias)}`, "UNKNOWN_ALIAS");
  }
  if (/expired|invalid_grant|INVALID_SESSION_ID/i.test(message)) {
    return new SalesforceError(
      `The login for "${alias}" has expired (${message.trim()}). ${LOGIN_FIX(alias)}`,
      "INVALID_SESSION_ID",
    );
  }
  return new SalesforceError(
    `Could not use the Salesforce CLI login "${alias}": ${message.trim()}. ${LOGIN_FIX(alias)}`,
  );
}

function sessionFromCliCommand(alias: string): OrgSession {
  const run = spawnSync("npx", ["--no-install", "sf", "org", "display", "--target-org", alias, "--json"], {
    encoding: "utf8",
  });
  let parsed: {
    status?: number;
    name?: string;
    message?: string;
    result?: { accessToken?: string; instanceUrl?: string };
  };
  try {
    parsed = JSON.parse(run.stdout);
  } catch {
    throw new SalesforceError(
      `Could not run the Salesforce CLI (\`sf org display\`): ${run.stderr || run.error?.message}`,
    );
  }
  if (parsed.status !== 0 || !parsed.result?.accessToken || !parsed.result.instanceUrl) {
    throw cliLoginError(alias, { name: parsed.name, message: parsed.message });
  }
  return {
    instanceUrl: parsed.result.instanceUrl,
    accessToken: parsed.result.accessToken,
    source: `Salesforce CLI login "${alias}"`,
  };
}

export async function resolveSession(options: ConnectOptions): Promise<OrgSession> {
  const env = options.env ?? process.env;
  if (options.targetOrg) {
    return (await sessionFromCliLibrary(options.targetOrg)) ?? sessionFromCliCommand(options.targetOrg);
  }
  if (env.SF_INSTANCE_URL && env.SF_ACCESS_TOKEN) {
    return {
      instanceUrl: env.SF_INSTANCE_URL,
      accessToken: env.SF_ACCESS_TOKEN,
      source: "SF_INSTANCE_URL / SF_ACCESS_TOKEN",
    };
  }
  throw new SalesforceError(
    "No org to connect to: pass --target-org <alias> (a Salesforce CLI login, see `sf org list`), " +
      "or set SF_INSTANCE_URL and SF_ACCESS_TOKEN for automation.",
    "NO_ORG",
  );
}

interface ApiErrorLike {
  errorCode?: string;
  name?: string;
  message?: string;
  code?: string;
}

// One place that turns an API failure into a message that says what to do.
export function explainError(e: unknown, session?: OrgSession): SalesforceError {
  if (e instanceof SalesforceError) return e;
  const err = (e ?? {}) as ApiErrorLike;
  const code =
    (err.code && UNREACHABLE_CODES.has(err.code) ? err.code : undefined) ?? err.errorCode ?? err.name ?? err.code ?? "";
  const message = oneLine(err.message ?? String(e));
  const where = session ? ` (${session.source})` : "";
  switch (code) {
    case "INVALID_SESSION_ID":
      return new SalesforceError(
        `The session has expired or is invalid${where}: ${message}. Log in again with \`sf org login web --alias <alias>\`, or get a fresh SF_ACCESS_TOKEN.`,
        code,
      );
    case "INSUFFICIENT_ACCESS":
    case "INSUFFICIENT_ACCESS_OR_READONLY":
    case "INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY":
    case "API_DISABLED_FOR_ORG":
    case "API_CURRENTLY_DISABLED":
    case "FUNCTIONALITY_NOT_ENABLED":
      return new SalesforceError(
        `Missing permission${where}: ${message}. Ask an admin to assign you the Handoff_Admin permission set (it includes API access and the handoff objects).`,
        code,
      );
    case "INVALID_FIELD":
    case "INVALID_TYPE":
    case "NOT_FOUND":
      return new SalesforceError(
        `A field or object is not in this org or not visible to you${where}: ${message}. Deploy the app (\`sf project deploy start --source-dir force-app\`) and check field-level security.`,
        code,
      );
    case "REQUEST_LIMIT_EXCEEDED":
      return new SalesforceError(
        `The org's API request limit is reached${where}: ${message}. Wait for the 24-hour limit to recover (Setup > Company Information shows API requests) and run again.`,
        code,
      );
    case "ECONNREFUSED":
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
    case "ENETDOWN":
      return new SalesforceError(
        `Cannot reach the org at ${session?.instanceUrl ?? "the instance URL"} (${code === "ENOTFOUND" || code === "EAI_AGAIN" ? "no such host" : "connection refused"}). Check the instance URL (or log in again with \`sf org login web\`) and your network.`,
        code,
      );
    default:
      return new SalesforceError(
        `Salesforce API error${code ? ` ${code}` : ""}${where}: ${message}`,
        code || undefined,
      );
  }
}

export interface QueryResult<T> {
  totalSize: number;
  done: boolean;
  records: T[];
  nextRecordsUrl?: string;
}

export interface CompositeSubrequest {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  url: string;
  referenceId: string;
  body?: unknown;
}

export interface CompositeSubresponse {
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string;
}

export interface SalesforceRecord {
  attributes?: { type: string; url?: string };
  Id?: string;
  [field: string]: unknown;
}

export interface ClientOptions {
  retries?: number; // retries after a transient failure (API limit, 5xx, maintenance page, reset, timeout)
  backoffMs?: number; // first wait; doubles each retry
  maxBackoffMs?: number; // no single wait is longer than this
  requestTimeoutMs?: number; // a call with no answer after this long counts as a transient failure
  sleep?: (ms: number) => Promise<void>; // injectable so tests do not wait for real
  bulkThreshold?: number;
  bulkPollMs?: number;
  bulkPollTimeoutMs?: number;
  progress?: (message: string) => void;
}

type JsforceConnection = InstanceType<typeof jsforce.Connection>;

const HttpApi = httpApiModule.default;

// Failures worth waiting for: the org answers again after maintenance, a restart or a dropped socket.
const TRANSIENT_NETWORK_CODES = new Set(["ECONNRESET", "EPIPE", "ETIMEDOUT", "UND_ERR_SOCKET", "ESOCKETTIMEDOUT"]);
// Failures no wait will fix: there is nothing at that address.
const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENETDOWN",
]);

interface CallFailure {
  kind: "limit" | "transient" | "unreachable" | "final";
  summary: string;
}

// jsforce errors carry the HTTP status only in their text; the status seen on the response is attached here.
type FailedCall = ApiErrorLike & { status?: number; data?: unknown };

export function classifyFailure(e: unknown): CallFailure {
  const err = (e ?? {}) as FailedCall;
  const code = err.code ?? "";
  const errorCode = err.errorCode ?? "";
  const message = err.message ?? String(e);
  if (errorCode === "REQUEST_LIMIT_EXCEEDED") return { kind: "limit", summary: "API request limit reached" };
  if (UNREACHABLE_CODES.has(code)) return { kind: "unreachable", summary: code };
  if (TRANSIENT_NETWORK_CODES.has(code))
    return { kind: "transient", summary: code === "ECONNRESET" ? "connection reset (ECONNRESET)" : code };
  if (err.name === "AbortError" || /^Request Timeout/.test(message))
    return { kind: "transient", summary: "no answer in time (timeout)" };
  const status = err.status ?? Number(/^ERROR_HTTP_(\d{3})$/.exec(errorCode)?.[1] ?? 0);
  if (status >= 500 || errorCode === "SERVER_UNAVAILABLE") {
    const html = /html content/i.test(message);
    return {
      kind: "transient",
      summary:
        status === 503 && html
          ? "HTTP 503 with a web page instead of an API answer (Salesforce maintenance or an outage)"
          : `HTTP ${status || 503}${errorCode && !errorCode.startsWith("ERROR_HTTP") ? ` ${errorCode}` : ""}`,
    };
  }
  return { kind: "final", summary: oneLine(message) };
}

// jsforce's messages can run over many lines (an HTML page, a hint paragraph): users get the first sentence.
export function oneLine(text: string, max = 240): string {
  const flat = text
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class SalesforceClient {
  calls = 0;
  readonly conn: JsforceConnection;
  private readonly options: Required<Omit<ClientOptions, "progress">> & Pick<ClientOptions, "progress">;

  constructor(
    readonly session: OrgSession,
    options: ClientOptions = {},
  ) {
    this.conn = new jsforce.Connection({
      instanceUrl: session.instanceUrl,
      accessToken: session.accessToken,
      version: API_VERSION,
    });
    this.options = {
      retries: options.retries ?? 4,
      backoffMs: options.backoffMs ?? 2000,
      maxBackoffMs: options.maxBackoffMs ?? 30_000,
      requestTimeoutMs: options.requestTimeoutMs ?? 120_000,
      sleep: options.sleep ?? realSleep,
      bulkThreshold: options.bulkThreshold ?? 2000,
      bulkPollMs: options.bulkPollMs ?? 1000,
      bulkPollTimeoutMs: options.bulkPollTimeoutMs ?? 10 * 60_000,
      progress: options.progress,
    };
  }

  get apiBase(): string {
    return `/services/data/v${API_VERSION}`;
  }

  // Every API call goes through here: counted, retried with growing, bounded waits on the failures that
  // pass (API limit, 5xx, maintenance page, reset connection, timeout), and translated into one
  // SalesforceError line.
  private async call<T>(send: () => Promise<T>): Promise<T> {
    let waited = 0;
    for (let attempt = 0; ; attempt++) {
      this.calls++;
      try {
        return await send();
      } catch (e) {
        const failure = classifyFailure(e);
        const retryable = failure.kind === "limit" || failure.kind === "transient";
        if (retryable && attempt < this.options.retries) {
          const wait = Math.min(this.options.backoffMs * 2 ** attempt, this.options.maxBackoffMs);
          this.options.progress?.(
            `${failure.summary}; waiting ${wait} ms before retry ${attempt + 1} of ${this.options.retries}`,
          );
          await this.options.sleep(wait);
          waited += wait;
          continue;
        }
        if (failure.kind === "transient") {
          throw new SalesforceError(
            `The org did not answer properly after ${attempt + 1} attempts over ${Math.round(waited / 1000)} s (last: ${failure.summary}). Salesforce may be in maintenance (see status.salesforce.com); run the command again later.`,
            "SERVER_UNAVAILABLE",
          );
        }
        throw explainError(e, this.session);
      }
    }
  }

  // One HTTP exchange through jsforce's HTTP layer, without jsforce's own retries (ours are above),
  // keeping the status and headers of the answer.
  private send<T>(
    method: string,
    url: string,
    body?: string,
    extra: { contentType?: string; accept?: string; text?: boolean } = {},
  ): Promise<{ body: T; headers: Record<string, string> }> {
    const api = new HttpApi(this.conn, {
      responseType: extra.text ? "text/plain" : undefined,
      retry: { maxRetries: 0 },
      timeout: this.options.requestTimeoutMs,
    } as ConstructorParameters<typeof HttpApi>[1]);
    let status = 0;
    let headers: Record<string, string> = {};
    api.on("response", (response: { statusCode: number; headers: Record<string, string> }) => {
      status = response.statusCode;
      headers = response.headers;
    });
    const requestHeaders: Record<string, string> = {};
    if (body !== undefined) requestHeaders["Content-Type"] = extra.contentType ?? "application/json";
    if (extra.accept) requestHeaders.Accept = extra.accept;
    return (
      api.request({
        method: method as "GET",
        url: /^https?:/.test(url) ? url : this.session.instanceUrl.replace(/\/$/, "") + url,
        body,
        headers: requestHeaders,
      }) as Promise<T>
    ).then(
      (answer) => ({ body: answer, headers }),
      (e: FailedCall) => {
        if (e && typeof e === "object" && status) e.status = status;
        throw e;
      },
    );
  }

  request<T>(method: string, url: string, body?: unknown): Promise<T> {
    return this.call(async () => {
      const answer = await this.send<T>(method, url, body === undefined ? undefined : JSON.stringify(body));
      return answer.body;
    });
  }

  // Every REST query result, wherever its first page came from (a query call or a composite
  // subresponse), is completed here by following nextRecordsUrl: one call per further page.
  async remainingPages<T extends SalesforceRecord>(first: QueryResult<T>, label = "records"): Promise<T[]> {
    const records = [...first.records];
    let page = first;
    while (!page.done && page.nextRecordsUrl) {
      this.options.progress?.(`${records.length} of ${page.totalSize} ${label} read`);
      page = await this.request<QueryResult<T>>("GET", page.nextRecordsUrl);
      for (const r of page.records) records.push(r);
    }
    return records;
  }

  // REST query, every page.
  async query<T extends SalesforceRecord>(soql: string, label = "records"): Promise<QueryResult<T>> {
    const first = await this.request<QueryResult<T>>("GET", queryUrl(this, soql));
    const records = await this.remainingPages(first, label);
    return { totalSize: first.totalSize, done: true, records };
  }

  // Composite: up to 25 subrequests (5 of them queries) in one call; each answers on its own.
  async composite(subrequests: CompositeSubrequest[], allOrNone = false): Promise<Map<string, CompositeSubresponse>> {
    const res = await this.request<{ compositeResponse: CompositeSubresponse[] }>("POST", `${this.apiBase}/composite`, {
      allOrNone,
      compositeRequest: subrequests,
    });
    return new Map(res.compositeResponse.map((r) => [r.referenceId, r]));
  }

  // Bulk API 2.0 query, streamed: create the job, poll until JobComplete, then read the CSV results page
  // by page (Sforce-Locator) and hand each row to onRow as it is parsed. Only one page is in memory at a
  // time. Each page carries its own header row.
  async bulkQueryEach(
    soql: string,
    onRow: (row: Record<string, string>) => void,
    label = "records",
  ): Promise<{ rows: number; pages: number }> {
    const job = await this.request<{ id: string; state: string }>("POST", `${this.apiBase}/jobs/query`, {
      operation: "query",
      query: soql,
    });
    const started = Date.now();
    let wait = this.options.bulkPollMs;
    for (;;) {
      const info = await this.request<{ state: string; numberRecordsProcessed?: number; errorMessage?: string }>(
        "GET",
        `${this.apiBase}/jobs/query/${job.id}`,
      );
      this.options.progress?.(`bulk job ${job.id}: ${info.state}, ${info.numberRecordsProcessed ?? 0} ${label} so far`);
      if (info.state === "JobComplete") break;
      if (info.state === "Failed" || info.state === "Aborted") {
        throw new SalesforceError(
          `Bulk query job ${job.id} ${info.state.toLowerCase()}: ${oneLine(info.errorMessage ?? "no reason given")}`,
        );
      }
      if (Date.now() - started > this.options.bulkPollTimeoutMs) {
        throw new SalesforceError(
          `Bulk query job ${job.id} still ${info.state} after ${this.options.bulkPollTimeoutMs} ms; try again later.`,
        );
      }
      await this.options.sleep(wait);
      wait = Math.min(wait * 2, 10_000);
    }
    let rows = 0;
    let pages = 0;
    const readStart = Date.now();
    const fetchPage = (locator?: string) => {
      const url = `${this.apiBase}/jobs/query/${job.id}/results?maxRecords=${BULK_PAGE_RECORDS}${locator ? `&locator=${encodeURIComponent(locator)}` : ""}`;
      return this.call(() => this.send<string>("GET", url, undefined, { accept: "text/csv", text: true }));
    };
    // The next page is asked for as soon as this one has arrived, and this one is parsed in slices that
    // let the event loop send that request: the org prepares page n+1 while page n is counted. At most
    // two pages are in memory.
    let next: ReturnType<typeof fetchPage> | undefined = fetchPage();
    while (next) {
      const { body, headers }: { body: string; headers: Record<string, string> } = await next;
      const locator: string | undefined = headers["sforce-locator"];
      next = locator && locator !== "null" ? fetchPage(locator) : undefined;
      // A rejected prefetch is awaited (and reported) on the next turn of the loop, not left unhandled.
      next?.catch(() => undefined);
      let header: string[] | undefined;
      for (const slice of recordSlices(body)) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        forEachCsvRecord(slice, ",", (cells) => {
          if (!header) {
            header = cells;
            return;
          }
          if (cells.length === 1 && cells[0] === "") return;
          const row: Record<string, string> = {};
          for (let i = 0; i < header.length; i++) row[header[i]] = cells[i] ?? "";
          rows++;
          onRow(row);
        });
      }
      pages++;
      const seconds = Math.max((Date.now() - readStart) / 1000, 0.001);
      this.options.progress?.(
        `${rows} ${label} read, ${pages} result page${pages === 1 ? "" : "s"}, ${Math.round(rows / seconds)} rows/s`,
      );
    }
    return { rows, pages };
  }

  // REST when the result is small, Bulk API 2.0 above the threshold, given the count (and perhaps the first
  // REST page, read in a composite call); rows are handed over one by one as flat strings, whichever API
  // read them.
  async readEach(
    soql: string,
    total: number,
    fields: readonly string[],
    onRow: (row: Record<string, string | null>) => void,
    label = "records",
    firstPage?: QueryResult<SalesforceRecord>,
  ): Promise<{ mode: "rest" | "bulk"; rows: number }> {
    if (total > this.options.bulkThreshold) {
      this.options.progress?.(`${total} ${label}: using Bulk API 2.0`);
      const { rows } = await this.bulkQueryEach(
        soql,
        (r) => {
          const row: Record<string, string | null> = {};
          for (const f of fields) row[f] = r[f] || null;
          onRow(row);
        },
        label,
      );
      return { mode: "bulk", rows };
    }
    const records = firstPage ? await this.remainingPages(firstPage, label) : (await this.query(soql, label)).records;
    for (const r of records) onRow(flattenRecord(r, fields));
    return { mode: "rest", rows: records.length };
  }
}

// A CSV page cut into slices of about a megabyte at record boundaries: a line break with an even number
// of double quotes before it is not inside a quoted value.
export function* recordSlices(csv: string, size = 1 << 20): Generator<string> {
  let start = 0;
  let quotes = 0;
  let scanned = 0;
  while (csv.length - start > size) {
    let cut = csv.indexOf("\n", start + size);
    while (cut !== -1) {
      for (let q = csv.indexOf('"', scanned); q !== -1 && q < cut; q = csv.indexOf('"', q + 1)) quotes++;
      scanned = cut;
      if (quotes % 2 === 0) break;
      cut = csv.indexOf("\n", cut + 1);
    }
    if (cut === -1) break;
    yield csv.slice(start, cut + 1);
    start = cut + 1;
  }
  if (start < csv.length) yield csv.slice(start);
}

// Bulk API 2.0 returns at most this many rows a page when asked; bigger pages mean fewer calls, smaller
// ones less memory (one page is held at a time).
const BULK_PAGE_RECORDS = 50_000;

export function queryUrl(client: SalesforceClient, soql: string): string {
  return `${client.apiBase}/query?q=${encodeURIComponent(soql)}`;
}

// A REST record ({Sales_Owner__r: {Name}}, booleans, numbers) as the flat strings of a Bulk API CSV row.
export function flattenRecord(
  record: Record<string, unknown>,
  fields: readonly string[],
): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const f of fields) {
    let v: unknown = record;
    for (const part of f.split(".")) v = v === null || v === undefined ? null : (v as Record<string, unknown>)[part];
    out[f] = v === null || v === undefined || v === "" ? null : String(v);
  }
  return out;
}

export async function connect(options: ConnectOptions & ClientOptions): Promise<SalesforceClient> {
  const session = await resolveSession(options);
  return new SalesforceClient(session, options);
}

// SOQL string literal
export function soqlString(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

export function soqlList(values: string[]): string {
  return `(${values.map(soqlString).join(", ")})`;
}
