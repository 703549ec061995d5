// npm run seed-pilot -- --target-org <sandbox alias> [--cohort "2026-Q4 Pilot"] [--deals 10] [--dry-run] [--cleanup]
// Creates the handoff pilot (seed task 8) in a sandbox or scratch org in two API calls: one composite
// call that checks the org and finds what a previous run created, one composite graph call (one graph,
// that is one transaction, per deal) that upserts accounts, contacts, opportunities and handoffs by key.
import { pathToFileURL } from "node:url";
import { loadSettings } from "./lib/handoffConfig.ts";
import { allPilotKeys, MAX_PILOT_DEALS, MIN_PILOT_DEALS, pilotPlan, type PilotDeal } from "./lib/pilotPlan.ts";
import {
  connect,
  explainError,
  queryUrl,
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

export function dealGraph(client: SalesforceClient, deal: PilotDeal, cohort: string, exists: boolean) {
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

export async function seed(
  client: SalesforceClient,
  plan: PilotDeal[],
  cohort: string,
  args: { dryRun: boolean; allowProduction: boolean; json: boolean },
  progress: (m: string) => void,
) {
  const first = await client.composite([
    organizationRequest(client),
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
  const existing = new Set((await records(client, first.get("existing"))).map((r) => String(r.Pilot_Key__c)));
  if (args.dryRun) {
    return {
      ok: true,
      dryRun: true,
      org: orgName,
      deals: plan.map((d) => ({
        deal: d.opportunity.Name,
        tier: d.tier,
        action: existing.has(d.opportunityKey) ? "update" : "create",
      })),
      table: planTable(plan, existing),
    };
  }
  progress(`upserting ${plan.length} pilot deals in ${orgName}`);
  const res = await client.request<{ graphs: GraphResult[] }>("POST", `${client.apiBase}/composite/graph`, {
    graphs: plan.map((d) => dealGraph(client, d, cohort, existing.has(d.opportunityKey))),
  });
  const results = plan.map((d) => {
    const g = res.graphs.find((x) => x.graphId === `deal${d.n}`);
    const responses = g?.graphResponse.compositeResponse ?? [];
    const failure =
      responses.find((r) => r.httpStatusCode >= 400 && !JSON.stringify(r.body).includes("PROCESSING_HALTED")) ??
      responses.find((r) => r.httpStatusCode >= 400);
    const error = failure ? (failure.body as { errorCode: string; message: string }[])[0] : undefined;
    const created = responses.filter((r) => r.httpStatusCode === 201).length;
    return {
      deal: d.opportunity.Name,
      tier: d.tier,
      ok: !!g?.isSuccessful,
      created: g?.isSuccessful ? created : 0,
      updated: g?.isSuccessful ? responses.length - created : 0,
      error: error ? `${failure!.referenceId}: ${error.errorCode}: ${error.message}` : undefined,
    };
  });
  return { ok: results.every((r) => r.ok), dryRun: false, org: orgName, cohort, results };
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
    return { ok: true, dryRun: args.dryRun, org: orgName, cohort, toDelete: counts, failed: [] as string[] };
  progress(`deleting ${ids.length} pilot records from ${orgName}`);
  const failed: string[] = [];
  for (let i = 0; i < ids.length; i += 200) {
    const chunk = ids.slice(i, i + 200);
    const res = await client.request<
      { id: string; success: boolean; errors: { statusCode: string; message: string }[] }[]
    >("DELETE", `${client.apiBase}/composite/sobjects?ids=${chunk.join(",")}&allOrNone=false`);
    for (const r of res)
      if (!r.success) failed.push(`${r.id}: ${r.errors.map((e) => `${e.statusCode}: ${e.message}`).join("; ")}`);
  }
  return { ok: failed.length === 0, dryRun: false, org: orgName, cohort, deleted: counts, failed };
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
  const options = { dryRun: args["dry-run"]!, allowProduction: args["allow-production"]!, json: args.json! };

  if (args.cleanup) {
    const r = await cleanup(client, cohort, options, progress);
    const counts = (r.dryRun ? r.toDelete : r.deleted) ?? {};
    const summary = Object.entries(counts)
      .map(([k, v]) => `${v} ${k}`)
      .join(", ");
    print(
      { ...r, apiCalls: client.calls },
      `${r.dryRun ? "Dry run: would delete" : "Deleted"} from ${r.org}, pilot "${cohort}": ${summary || "nothing found"}.` +
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
  const text = [
    `Pilot "${cohort}" in ${r.org}: ${results.filter((x) => x.ok).length} of ${results.length} deals seeded.`,
    "",
    textTable(
      ["Deal", "Tier", "Result", "Created", "Updated"],
      results.map((x) => [x.deal, x.tier, x.ok ? "ok" : "FAILED", x.created, x.updated]),
    ),
    ...results
      .filter((x) => !x.ok)
      .map(
        (x) =>
          `Failed: ${x.deal}: ${x.error} (this deal's records were rolled back; fix and re-run: the others are updated, not duplicated)`,
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
