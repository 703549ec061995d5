// Connecting to an org and talking to it through jsforce, with the failures admins actually meet
// translated into messages that name the fix, bounded retries when the API limit is reached, and a
// count of API calls (the scripts are judged on how few they make).
import { spawnSync } from "node:child_process";
import jsforce from "jsforce";
import httpApiModule from "jsforce/lib/http-api.js";
import { parseCsv } from "./csv.ts";

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
  const code = err.errorCode ?? err.name ?? err.code ?? "";
  const message = (err.message ?? String(e)).trim();
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
    case "ETIMEDOUT":
      return new SalesforceError(
        `Cannot reach the org${where}: ${message}. Check the instance URL and your network.`,
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
  retries?: number; // retries after REQUEST_LIMIT_EXCEEDED
  backoffMs?: number; // first wait; doubles each retry
  bulkThreshold?: number;
  bulkPollMs?: number;
  bulkPollTimeoutMs?: number;
  progress?: (message: string) => void;
}

type JsforceConnection = InstanceType<typeof jsforce.Connection>;

const HttpApi = httpApiModule.default;

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
      retries: options.retries ?? 3,
      backoffMs: options.backoffMs ?? 2000,
      bulkThreshold: options.bulkThreshold ?? 2000,
      bulkPollMs: options.bulkPollMs ?? 1000,
      bulkPollTimeoutMs: options.bulkPollTimeoutMs ?? 10 * 60_000,
      progress: options.progress,
    };
  }

  get apiBase(): string {
    return `/services/data/v${API_VERSION}`;
  }

  // Every API call goes through here: counted, retried with doubling waits on REQUEST_LIMIT_EXCEEDED,
  // and translated into a SalesforceError.
  private async call<T>(send: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      this.calls++;
      try {
        return await send();
      } catch (e) {
        const code = (e as ApiErrorLike).errorCode;
        if (code === "REQUEST_LIMIT_EXCEEDED" && attempt < this.options.retries) {
          const wait = this.options.backoffMs * 2 ** attempt;
          this.options.progress?.(
            `API limit reached; waiting ${wait} ms before retry ${attempt + 1} of ${this.options.retries}`,
          );
          await new Promise((r) => setTimeout(r, wait));
          continue;
        }
        throw explainError(e, this.session);
      }
    }
  }

  request<T>(method: string, url: string, body?: unknown): Promise<T> {
    return this.call(() =>
      this.conn.request<T>({
        method: method as "GET",
        url,
        body: body === undefined ? undefined : JSON.stringify(body),
        headers: body === undefined ? {} : { "Content-Type": "application/json" },
      }),
    );
  }

  // REST query, following nextRecordsUrl until done (each page is one call).
  async query<T extends SalesforceRecord>(soql: string, label = "records"): Promise<QueryResult<T>> {
    let page = await this.request<QueryResult<T>>("GET", `${this.apiBase}/query?q=${encodeURIComponent(soql)}`);
    const records = [...page.records];
    while (!page.done && page.nextRecordsUrl) {
      this.options.progress?.(`${records.length} of ${page.totalSize} ${label} read`);
      page = await this.request<QueryResult<T>>("GET", page.nextRecordsUrl);
      records.push(...page.records);
    }
    return { totalSize: page.totalSize, done: true, records };
  }

  // Composite: up to 25 subrequests (5 of them queries) in one call; each answers on its own.
  async composite(subrequests: CompositeSubrequest[], allOrNone = false): Promise<Map<string, CompositeSubresponse>> {
    const res = await this.request<{ compositeResponse: CompositeSubresponse[] }>("POST", `${this.apiBase}/composite`, {
      allOrNone,
      compositeRequest: subrequests,
    });
    return new Map(res.compositeResponse.map((r) => [r.referenceId, r]));
  }

  // Bulk API 2.0 query: create the job, poll until JobComplete, read the CSV results page by page
  // (Sforce-Locator). Each page carries its own header row, so pages are parsed separately.
  async bulkQuery(soql: string, label = "records"): Promise<Record<string, string>[]> {
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
      if (info.state === "JobComplete") break;
      if (info.state === "Failed" || info.state === "Aborted") {
        throw new SalesforceError(
          `Bulk query job ${job.id} ${info.state.toLowerCase()}: ${info.errorMessage ?? "no reason given"}`,
        );
      }
      if (Date.now() - started > this.options.bulkPollTimeoutMs) {
        throw new SalesforceError(
          `Bulk query job ${job.id} still ${info.state} after ${this.options.bulkPollTimeoutMs} ms; try again later.`,
        );
      }
      this.options.progress?.(`bulk job ${job.id}: ${info.state}, ${info.numberRecordsProcessed ?? 0} ${label} so far`);
      await new Promise((r) => setTimeout(r, wait));
      wait = Math.min(wait * 2, 10_000);
    }
    const rows: Record<string, string>[] = [];
    let locator: string | undefined;
    do {
      const url = `${this.apiBase}/jobs/query/${job.id}/results?maxRecords=100000${locator ? `&locator=${encodeURIComponent(locator)}` : ""}`;
      const { body, headers } = await this.call(() => this.rawGet(url));
      const { records } = parseCsv(body);
      const [header, ...data] = records.filter((r) => !(r.cells.length === 1 && r.cells[0] === ""));
      for (const r of data) rows.push(Object.fromEntries(header.cells.map((h, i) => [h, r.cells[i] ?? ""])));
      locator = headers["sforce-locator"];
      this.options.progress?.(`${rows.length} ${label} downloaded`);
    } while (locator && locator !== "null");
    return rows;
  }

  // A GET whose response headers we need (Sforce-Locator), through jsforce's HTTP layer.
  private rawGet(url: string): Promise<{ body: string; headers: Record<string, string> }> {
    const api = new HttpApi(this.conn, { responseType: "text/plain" });
    let headers: Record<string, string> = {};
    api.on("response", (response: { headers: Record<string, string> }) => (headers = response.headers));
    return (
      api.request({
        method: "GET",
        url: this.session.instanceUrl.replace(/\/$/, "") + url,
        headers: { Accept: "text/csv" },
      }) as Promise<string>
    ).then((body) => ({ body, headers }));
  }

  // REST when the result is small, Bulk API 2.0 above the threshold: the count costs one call.
  async queryAuto(
    soql: string,
    countSoql: string,
    label = "records",
  ): Promise<{ mode: "rest" | "bulk"; records: Record<string, unknown>[] }> {
    const count = await this.query(countSoql);
    if (count.totalSize > this.options.bulkThreshold) {
      this.options.progress?.(`${count.totalSize} ${label}: using Bulk API 2.0`);
      return { mode: "bulk", records: await this.bulkQuery(soql, label) };
    }
    return { mode: "rest", records: (await this.query(soql, label)).records };
  }
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
