// npm run seed-pilot -- --target-org <sandbox alias> [--cohort "2026-Q4 Pilot"] [--deals 10] [--dry-run] [--cleanup]
// Creates the handoff pilot (seed task 8) in a sandbox or scratch org in two API calls: one composite
// call that checks the org and finds what a previous run created, one composite graph call (one graph,
// that is one transaction, per deal) that upserts accounts, contacts, opportunities and handoffs by key.
import { pathToFileURL } from "node:url";
import { loadSettings } from "../lib/handoffConfig.ts";
import { allPilotKeys, MAX_PILOT_DEALS, MIN_PILOT_DEALS, pilotPlan, type PilotDeal } from "./lib/pilotPlan.ts";
import {
  connect,
  explainError,
  queryUrl,
  oneLine,
  SalesforceError,
  soqlList,
  type CompositeSubrequest,
  type CompositeSubresponse,
  type SalesforceClient,
  type SalesforceRecord,
  type QueryResult,
} from "./lib/salesforce.ts";
import {
  CONNECTION_OPTIONS,
  clientOptionsFromEnv,
  EXIT_FAILED,
  EXIT_OK,
  UsageError,
  parseCommandLine,
  progressReporter,
  runCommand,
  splitList,
} from "./lib/cli.ts";
import { textTable } from "./lib/report.ts";

export const USAGE = `Usage: npm run seed-pilot -- --target-org <sandbox alias> [options]

Creates (or, when re-run, updates) a handoff pilot of 5 to 10 upcoming deals of mixed sizes and both
tiers: accounts, contacts as stakeholders, opportunities and Draft handoffs flagged with the cohort.
Records are keyed by Pilot_Key__c (Account, Contact, Opportunity) and Opportunity_Key__c (Handoff__c).
Refuses a production org unless --allow-production is given.

  --target-org, -o <alias>   a Salesforce CLI login; or set SF_INSTANCE_URL and SF_ACCESS_TOKEN
  --cohort <name>            pilot cohort name (default "Handoff Pilot"); also the key prefix
  --deals <5-10>             number of pilot deals (default 10)
  --dry-run                  show what would be created, updated or deleted; change nothing
                             (without an org: print the plan only)
  --reps <u1,u2,u3>          the pilot's sales reps (usernames or emails): they own the pilot deals, in turn
  --csms <u1,u2>             the pilot's CSMs (usernames or emails): they are the handoffs' CS owners, in turn
  --cleanup                  delete exactly the records of this cohort that seed-pilot created
  --allow-production         allow a production org (Organization.IsSandbox = false)
  --json                     print the result as JSON on stdout
  --quiet                    no progress messages
`;

const OPTIONS = {
  ...CONNECTION_OPTIONS,
  cohort: { type: "string", default: "Handoff Pilot" },
  deals: { type: "string", default: String(MAX_PILOT_DEALS) },
  "dry-run": { type: "boolean", default: false },
  cleanup: { type: "boolean", default: false },
  reps: { type: "string" },
  csms: { type: "string" },
  "allow-production": { type: "boolean", default: false },
} as const;

// Every page of a composite query result (a subresponse holds the first 2,000 records at most).
function records(client: SalesforceClient, sub: CompositeSubresponse | undefined): Promise<SalesforceRecord[]> {
  if (!sub || sub.httpStatusCode >= 300) {
    const body = sub?.body;
    throw explainError(Array.isArray(body) ? body[0] : { message: "no response" });
  }
  return client.remainingPages(sub.body as QueryResult<SalesforceRecord>);
}

// Every write starts by asking which org this is, so guardProduction can refuse a production org before anything changes.
function organizationRequest(client: SalesforceClient) {
  return {
    method: "GET" as const,
    url: queryUrl(client, "SELECT Id, Name, IsSandbox FROM Organization LIMIT 1"),
    referenceId: "org",
  };
}

function guardProduction(org: SalesforceRecord | undefined, allowProduction: boolean): string {
  const name = String(org?.Name ?? "this org");
  if (org?.IsSandbox !== true && !allowProduction) {
    throw new SalesforceError(
      `${name} is a production org (Organization.IsSandbox is false): the pilot is seeded in a sandbox or scratch org. ` +
        `Use --target-org with a sandbox alias, or pass --allow-production if you really mean to create pilot records in production.`,
      "PRODUCTION_ORG",
    );
  }
  return name;
}

export interface PilotOwners {
  rep?: string; // User Id: owns the opportunity, Sales owner of the handoff
  csm?: string; // User Id: CS owner of the handoff
}

export function dealGraph(
  client: SalesforceClient,
  deal: PilotDeal,
  cohort: string,
  exists: boolean,
  owners: PilotOwners = {},
) {
  const sobject = (type: string, field: string, key: string) =>
    `${client.apiBase}/sobjects/${type}/${field}/${encodeURIComponent(key)}`;
  const ref = (suffix: string) => `d${deal.n}${suffix}`;
  const requests: CompositeSubrequest[] = [
    {
      method: "PATCH",
      url: sobject("Account", "Pilot_Key__c", deal.accountKey),
      referenceId: ref("account"),
      body: deal.account,
    },
    ...deal.contacts.map((c, i) => ({
      method: "PATCH" as const,
      url: sobject("Contact", "Pilot_Key__c", c.key),
      referenceId: ref(`contact${i}`),
      body: { FirstName: c.firstName, LastName: c.lastName, Title: c.title, AccountId: `@{${ref("account")}.id}` },
    })),
  ];
  // On a re-run the reps own the deal's progress (stage, amount, dates, answers): only the pilot's
  // structure (account, stakeholders, flags) is restored.
  const { StageName, CloseDate, Amount, Deal_Complexity__c, Business_Goals__c, ...structure } = deal.opportunity;
  const opportunity: Record<string, unknown> = {
    ...structure,
    ...(exists ? {} : { StageName, CloseDate, Amount, Deal_Complexity__c, Business_Goals__c }),
    AccountId: `@{${ref("account")}.id}`,
    ...(owners.rep ? { OwnerId: owners.rep } : {}),
  };
  deal.contacts.forEach((c, i) => (opportunity[c.role] = `@{${ref(`contact${i}`)}.id}`));
  requests.push({
    method: "PATCH",
    url: sobject("Opportunity", "Pilot_Key__c", deal.opportunityKey),
    referenceId: ref("opportunity"),
    body: opportunity,
  });
  requests.push({
    method: "PATCH",
    url: `${client.apiBase}/sobjects/Handoff__c/Opportunity_Key__c/@{${ref("opportunity")}.id}`,
    referenceId: ref("handoff"),
    body: {
      Opportunity__c: `@{${ref("opportunity")}.id}`,
      Account__c: `@{${ref("account")}.id}`,
      Pilot__c: true,
      Pilot_Cohort__c: cohort,
      ...(exists ? {} : { Tier__c: deal.tier }),
      ...(owners.rep ? { Sales_Owner__c: owners.rep } : {}),
      ...(owners.csm ? { CS_Owner__c: owners.csm } : {}),
    },
  });
  return { graphId: `deal${deal.n}`, compositeRequest: requests };
}

interface GraphResult {
  graphId: string;
  isSuccessful: boolean;
  graphResponse: { compositeResponse: CompositeSubresponse[] };
}

function planTable(plan: PilotDeal[], existing: Set<string> | null): string {
  return textTable(
    ["#", "Deal", "Amount", "Complexity", "Tier", "Stakeholders", "Action"],
    plan.map((d) => [
      d.n,
      d.opportunity.Name,
      d.opportunity.Amount,
      d.opportunity.Deal_Complexity__c,
      d.tier,
      d.contacts.length,
      existing === null ? "create or update" : existing.has(d.opportunityKey) ? "update" : "create",
    ]),
  );
}

// Every object and field the graphs will write, with the external id fields the upserts go through.
export function fieldsWritten(graphs: ReturnType<typeof dealGraph>[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const r of graphs.flatMap((g) => g.compositeRequest)) {
    const m = /\/sobjects\/(\w+)\/(\w+)\//.exec(r.url);
    if (!m) continue;
    const fields = out.get(m[1]) ?? new Set<string>();
    fields.add(m[2]);
    for (const f of Object.keys((r.body as Record<string, unknown>) ?? {})) fields.add(f);
    out.set(m[1], fields);
  }
  return out;
}

interface DescribeResult {
  fields: { name: string; createable?: boolean; updateable?: boolean }[];
}

// Stops before any write when the org lacks an object or field the pilot writes (one line naming them).
function checkSchema(written: Map<string, Set<string>>, describes: Map<string, CompositeSubresponse | undefined>) {
  const missing: string[] = [];
  for (const [object, fields] of written) {
    const sub = describes.get(object);
    if (!sub || sub.httpStatusCode >= 300) {
      missing.push(`${object} (the object)`);
      continue;
    }
    const names = new Set((sub.body as DescribeResult).fields.map((f) => f.name));
    for (const f of fields) if (!names.has(f)) missing.push(`${object}.${f}`);
  }
  if (missing.length)
    throw new SalesforceError(
      `Nothing was written: the org lacks what the pilot writes: ${missing.join(", ")}. Deploy the app (\`sf project deploy start --source-dir force-app\`) and check field-level security, then run again.`,
      "INVALID_FIELD",
    );
}

const USER_FIELDS = "Id, Name, Username, Email";

function userRequest(client: SalesforceClient, people: string[]): CompositeSubrequest {
  const list = soqlList(people);
  return {
    method: "GET",
    url: queryUrl(
      client,
      `SELECT ${USER_FIELDS} FROM User WHERE IsActive = true AND (Username IN ${list} OR Email IN ${list})`,
    ),
    referenceId: "users",
  };
}

// Each given username or email must name exactly one active user.
function resolvePeople(
  people: string[],
  users: SalesforceRecord[],
  option: string,
  problems: string[],
): { id: string; name: string }[] {
  const resolved = people.map((p) => {
    const key = p.toLowerCase();
    const byUsername = users.filter((u) => String(u.Username ?? "").toLowerCase() === key);
    const matches = byUsername.length ? byUsername : users.filter((u) => String(u.Email ?? "").toLowerCase() === key);
    if (matches.length === 0) problems.push(`${option} ${p}: no active user with that username or email`);
    if (matches.length > 1)
      problems.push(`${option} ${p}: ${matches.length} active users have that email; give the username instead`);
    return { id: String(matches[0]?.Id ?? ""), name: String(matches[0]?.Name ?? p) };
  });
  return resolved;
}

export async function seed(
  client: SalesforceClient,
  plan: PilotDeal[],
  cohort: string,
  args: { dryRun: boolean; allowProduction: boolean; json: boolean; reps?: string[]; csms?: string[] },
  progress: (m: string) => void,
) {
  const reps = args.reps ?? [];
  const csms = args.csms ?? [];
  // A first run writes every field a re-run writes and more, so its graphs are what the org must have;
  // the owner fields count when --reps or --csms are given (the Ids are not known yet).
  const placeholder: PilotOwners = { rep: reps.length ? "owner" : undefined, csm: csms.length ? "owner" : undefined };
  const written = fieldsWritten(plan.map((d) => dealGraph(client, d, cohort, false, placeholder)));
  const objects = [...written.keys()];
  const first = await client.composite([
    organizationRequest(client),
    ...objects.map((o) => ({
      method: "GET" as const,
      url: `${client.apiBase}/sobjects/${o}/describe`,
      referenceId: `describe_${o}`,
    })),
    ...(reps.length || csms.length ? [userRequest(client, [...reps, ...csms])] : []),
    {
      method: "GET",
      url: queryUrl(
        client,
        `SELECT Id, Pilot_Key__c FROM Opportunity WHERE Pilot_Key__c IN ${soqlList(plan.map((d) => d.opportunityKey))}`,
      ),
      referenceId: "existing",
    },
  ]);
  const orgName = guardProduction((await records(client, first.get("org")))[0], args.allowProduction);
  checkSchema(written, new Map(objects.map((o) => [o, first.get(`describe_${o}`)])));
  const users = reps.length || csms.length ? await records(client, first.get("users")) : [];
  const unknown: string[] = [];
  const repUsers = resolvePeople(reps, users, "--reps", unknown);
  const csmUsers = resolvePeople(csms, users, "--csms", unknown);
  if (unknown.length) throw new SalesforceError(`Nothing was written: ${unknown.join("; ")}.`, "UNKNOWN_USER");
  const ownersOf = (i: number): PilotOwners => ({
    rep: repUsers.length ? repUsers[i % repUsers.length].id : undefined,
    csm: csmUsers.length ? csmUsers[i % csmUsers.length].id : undefined,
  });
  const nameOf = (id: string | undefined) => [...repUsers, ...csmUsers].find((u) => u.id === id)?.name ?? null;
  const existing = new Set((await records(client, first.get("existing"))).map((r) => String(r.Pilot_Key__c)));
  if (args.dryRun) {
    return {
      ok: true,
      dryRun: true,
      org: orgName,
      deals: plan.map((d, i) => ({
        deal: d.opportunity.Name,
        tier: d.tier,
        action: existing.has(d.opportunityKey) ? "update" : "create",
        rep: nameOf(ownersOf(i).rep),
        csm: nameOf(ownersOf(i).csm),
      })),
      table: planTable(plan, existing),
    };
  }
  progress(`upserting ${plan.length} pilot deals in ${orgName}`);
  const res = await client.request<{ graphs: GraphResult[] }>("POST", `${client.apiBase}/composite/graph`, {
    graphs: plan.map((d, i) => dealGraph(client, d, cohort, existing.has(d.opportunityKey), ownersOf(i))),
  });
  const results = plan.map((d, i) => {
    const g = res.graphs.find((x) => x.graphId === `deal${d.n}`);
    const responses = g?.graphResponse.compositeResponse ?? [];
    const failure =
      responses.find((r) => r.httpStatusCode >= 400 && !JSON.stringify(r.body).includes("PROCESSING_HALTED")) ??
      responses.find((r) => r.httpStatusCode >= 400);
    const error = failure ? (failure.body as { errorCode: string; message: string }[])[0] : undefined;
    const ok = !!g?.isSuccessful;
    // An upsert answers 201 when it created the record and 200 when it updated it.
    const created = ok ? responses.filter((r) => r.httpStatusCode === 201).length : 0;
    const updated = ok ? responses.filter((r) => r.httpStatusCode === 200).length : 0;
    return {
      deal: d.opportunity.Name,
      tier: d.tier,
      rep: nameOf(ownersOf(i).rep),
      csm: nameOf(ownersOf(i).csm),
      ok,
      created,
      updated,
      rolledBack: ok ? 0 : responses.length,
      error: error ? `${failure!.referenceId}: ${error.errorCode}: ${oneLine(error.message)}` : undefined,
    };
  });
  const totals = {
    created: results.reduce((n, r) => n + r.created, 0),
    updated: results.reduce((n, r) => n + r.updated, 0),
    failedDeals: results.filter((r) => !r.ok).length,
    rolledBack: results.reduce((n, r) => n + r.rolledBack, 0),
  };
  return { ok: results.every((r) => r.ok), dryRun: false, org: orgName, cohort, results, totals };
}

export async function cleanup(
  client: SalesforceClient,
  cohort: string,
  args: { dryRun: boolean; allowProduction: boolean },
  progress: (m: string) => void,
) {
  const keys = allPilotKeys(cohort, loadSettings(), new Date());
  const first = await client.composite([
    organizationRequest(client),
    {
      method: "GET",
      url: queryUrl(
        client,
        `SELECT Id FROM Handoff__c WHERE Opportunity__r.Pilot_Key__c IN ${soqlList(keys.opportunities)}`,
      ),
      referenceId: "handoffs",
    },
    {
      method: "GET",
      url: queryUrl(client, `SELECT Id FROM Opportunity WHERE Pilot_Key__c IN ${soqlList(keys.opportunities)}`),
      referenceId: "opportunities",
    },
    {
      method: "GET",
      url: queryUrl(client, `SELECT Id FROM Contact WHERE Pilot_Key__c IN ${soqlList(keys.contacts)}`),
      referenceId: "contacts",
    },
    {
      method: "GET",
      url: queryUrl(client, `SELECT Id FROM Account WHERE Pilot_Key__c IN ${soqlList(keys.accounts)}`),
      referenceId: "accounts",
    },
  ]);
  const orgName = guardProduction((await records(client, first.get("org")))[0], args.allowProduction);
  // Children first, so nothing is deleted by cascade that we did not list.
  const found: Record<string, string[]> = {};
  for (const k of ["handoffs", "opportunities", "contacts", "accounts"])
    found[k] = (await records(client, first.get(k))).map((r) => String(r.Id));
  const ids = Object.values(found).flat();
  const counts = Object.fromEntries(Object.entries(found).map(([k, v]) => [k, v.length]));
  if (args.dryRun || ids.length === 0)
    return {
      ok: true,
      dryRun: args.dryRun,
      org: orgName,
      cohort,
      toDelete: counts,
      deleted: args.dryRun ? undefined : counts,
      failed: [] as string[],
    };
  progress(`deleting ${ids.length} pilot records from ${orgName}`);
  const kindOf = new Map(Object.entries(found).flatMap(([k, list]) => list.map((id) => [id, k] as const)));
  // What the API says it deleted, per record: not what was found.
  const deleted = Object.fromEntries(Object.keys(found).map((k) => [k, 0]));
  const failed: string[] = [];
  for (let i = 0; i < ids.length; i += 200) {
    const chunk = ids.slice(i, i + 200);
    const res = await client.request<
      { id: string; success: boolean; errors: { statusCode: string; message: string }[] }[]
    >("DELETE", `${client.apiBase}/composite/sobjects?ids=${chunk.join(",")}&allOrNone=false`);
    res.forEach((r, k) => {
      const id = r.id ?? chunk[k];
      if (r.success) deleted[kindOf.get(id) ?? "other"]++;
      else failed.push(`${id}: ${r.errors.map((e) => `${e.statusCode}: ${oneLine(e.message)}`).join("; ")}`);
    });
  }
  return { ok: failed.length === 0, dryRun: false, org: orgName, cohort, toDelete: counts, deleted, failed };
}

export async function main(argv: string[]): Promise<number> {
  const args = parseCommandLine(argv, OPTIONS);
  const progress = progressReporter(args.quiet || args.json);
  const deals = Number(args.deals);
  if (!Number.isInteger(deals) || deals < MIN_PILOT_DEALS || deals > MAX_PILOT_DEALS) {
    throw new UsageError(`--deals must be a whole number from ${MIN_PILOT_DEALS} to ${MAX_PILOT_DEALS}`);
  }
  const cohort = args.cohort!.trim();
  let plan: PilotDeal[];
  try {
    plan = pilotPlan(cohort, deals, loadSettings(), new Date());
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const print = (result: Record<string, unknown>, text: string) =>
    process.stdout.write(args.json ? JSON.stringify({ ...result, table: undefined }, null, 2) + "\n" : text + "\n");

  const hasOrg = !!args["target-org"] || !!(process.env.SF_INSTANCE_URL && process.env.SF_ACCESS_TOKEN);
  if (args["dry-run"] && !hasOrg && !args.cleanup) {
    print(
      {
        ok: true,
        dryRun: true,
        org: null,
        deals: plan.map((d) => ({ deal: d.opportunity.Name, tier: d.tier, action: "create or update" })),
      },
      `Dry run without an org: the pilot "${cohort}" would hold these deals.\n\n${planTable(plan, null)}`,
    );
    return EXIT_OK;
  }
  const client = await connect({ targetOrg: args["target-org"], ...clientOptionsFromEnv(progress) });
  const options = {
    dryRun: args["dry-run"]!,
    allowProduction: args["allow-production"]!,
    json: args.json!,
    reps: splitList(args.reps),
    csms: splitList(args.csms),
  };

  if (args.cleanup) {
    const r = await cleanup(client, cohort, options, progress);
    const counts = (r.dryRun ? r.toDelete : r.deleted) ?? {};
    const found = Object.values(r.toDelete ?? {}).reduce((n, v) => n + v, 0);
    const summary = Object.entries(counts)
      .map(([k, v]) => `${v} ${k}`)
      .join(", ");
    print(
      { ...r, apiCalls: client.calls },
      `${r.dryRun ? "Dry run: would delete" : "Deleted"} from ${r.org}, pilot "${cohort}": ${found ? summary : "nothing found"}.` +
        (r.failed.length ? `\nNot deleted:\n${r.failed.map((f) => `  ${f}`).join("\n")}` : "") +
        `\nAPI calls: ${client.calls}`,
    );
    return r.ok ? EXIT_OK : EXIT_FAILED;
  }

  const r = await seed(client, plan, cohort, options, progress);
  if (r.dryRun) {
    print(
      { ...r, apiCalls: client.calls },
      `Dry run in ${r.org}: pilot "${cohort}"\n\n${r.table}\nAPI calls: ${client.calls}`,
    );
    return EXIT_OK;
  }
  const results = r.results!;
  const t = r.totals!;
  const text = [
    `Pilot "${cohort}" in ${r.org}: ${results.filter((x) => x.ok).length} of ${results.length} deals seeded; ` +
      `records created ${t.created}, updated ${t.updated}; deals failed ${t.failedDeals} (${t.rolledBack} records rolled back).`,
    "",
    textTable(
      ["Deal", "Tier", "Rep", "CSM", "Result", "Created", "Updated"],
      results.map((x) => [x.deal, x.tier, x.rep ?? "", x.csm ?? "", x.ok ? "ok" : "FAILED", x.created, x.updated]),
    ),
    ...results
      .filter((x) => !x.ok)
      .map(
        (x) =>
          `Failed: ${x.deal}: ${x.error} (nothing of this deal was saved; fix it and run again: deals already seeded are updated, not duplicated)`,
      ),
    `API calls: ${client.calls}`,
  ].join("\n");
  print({ ...r, apiCalls: client.calls }, text);
  if (!r.ok) process.stderr.write(`Error: ${results.filter((x) => !x.ok).length} pilot deal(s) failed; see above.\n`);
  return r.ok ? EXIT_OK : EXIT_FAILED;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runCommand(process.argv.slice(2), USAGE, main);
}
