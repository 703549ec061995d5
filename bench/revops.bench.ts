// Benchmark (prints figures; not a timed test): the RevOps scripts' API calls and wall time against the
// local Salesforce API server with 100 ms added to every call, next to the naive way (one call per
// record, REST paging). Run: npm run bench
import jsforce from "jsforce";
import { FakeSalesforce } from "../tests/scripts/support/fakeSalesforce.ts";
import { metadataRecords, orgSchema, sampleOrgRecords } from "../tests/scripts/support/orgFixture.ts";
import { SalesforceClient, soqlList, type SalesforceRecord } from "../scripts/lib/salesforce.ts";
import { loadOrgAudit } from "../scripts/lib/auditOrg.ts";
import { readHandoffs } from "../scripts/metrics.ts";
import { seed } from "../scripts/seed-pilot.ts";
import { pilotPlan } from "../scripts/lib/pilotPlan.ts";
import { loadSettings } from "../scripts/lib/handoffConfig.ts";

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 100);
const quiet = () => undefined;

interface Figure {
  task: string;
  goal: number;
  calls: number;
  ms: number;
  naiveCalls: number;
  naiveMs: number;
}

async function measure(org: FakeSalesforce, run: () => Promise<unknown>): Promise<{ calls: number; ms: number }> {
  const before = org.calls;
  const start = performance.now();
  await run();
  return { calls: org.calls - before, ms: Math.round(performance.now() - start) };
}

function client(org: FakeSalesforce): SalesforceClient {
  return new SalesforceClient(
    { instanceUrl: org.instanceUrl, accessToken: org.accessToken, source: "bench" },
    { progress: quiet, bulkPollMs: 50 },
  );
}

async function server(options: ConstructorParameters<typeof FakeSalesforce>[0]): Promise<FakeSalesforce> {
  const org = new FakeSalesforce(options);
  await org.start();
  return org;
}

async function benchSeeding(): Promise<Figure> {
  const fresh = () =>
    server({
      schema: orgSchema(true),
      records: { Organization: [{ Name: "Bench sandbox", IsSandbox: true }] },
      latencyMs: LATENCY_MS,
    });
  const plan = pilotPlan("Bench Pilot", 10, loadSettings(), new Date());
  const org = await fresh();
  const ours = await measure(org, () =>
    seed(client(org), plan, "Bench Pilot", { dryRun: false, allowProduction: false, json: true }, quiet),
  );
  await org.stop();

  // Naive: check the org, then one upsert request per record.
  const naiveOrg = await fresh();
  const naive = await measure(naiveOrg, async () => {
    const conn = new jsforce.Connection({
      instanceUrl: naiveOrg.instanceUrl,
      accessToken: naiveOrg.accessToken,
      version: "66.0",
    });
    await conn.query("SELECT Id, IsSandbox FROM Organization LIMIT 1");
    for (const deal of plan) {
      const account = await conn
        .sobject("Account")
        .upsert({ ...deal.account, Pilot_Key__c: deal.accountKey }, "Pilot_Key__c");
      const opp: Record<string, unknown> = {
        ...deal.opportunity,
        AccountId: account.id,
        Pilot_Key__c: deal.opportunityKey,
      };
      for (const c of deal.contacts) {
        const contact = await conn
          .sobject("Contact")
          .upsert(
            { FirstName: c.firstName, LastName: c.lastName, AccountId: account.id, Pilot_Key__c: c.key },
            "Pilot_Key__c",
          );
        opp[c.role] = contact.id;
      }
      const saved = await conn.sobject("Opportunity").upsert(opp, "Pilot_Key__c");
      await conn.sobject("Handoff__c").upsert(
        {
          Opportunity_Key__c: saved.id,
          Opportunity__c: saved.id,
          Account__c: account.id,
          Pilot__c: true,
          Pilot_Cohort__c: "Bench Pilot",
          Tier__c: deal.tier,
        },
        "Opportunity_Key__c",
      );
    }
  });
  await naiveOrg.stop();
  return { task: "seed-pilot, 10 deals", goal: 2, ...ours, naiveCalls: naive.calls, naiveMs: naive.ms };
}

async function benchMetrics(): Promise<Figure> {
  const base = Date.parse("2026-11-02T00:00:00Z");
  const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+0000");
  const users = [
    { Id: "005000000000001AAA", Name: "Dana Whitfield" },
    { Id: "005000000000050AAA", Name: "Casey CSM" },
  ];
  const handoffs = Array.from({ length: 50_000 }, (_, i) => ({
    Status__c: "Accepted",
    Tier__c: i % 3 === 0 ? "High-Touch" : "Low-Touch",
    Sales_Owner__c: users[0].Id,
    CS_Owner__c: users[1].Id,
    Pilot__c: false,
    Closed_At__c: iso(base + (i % 600) * 3_600_000),
    Submitted_At__c: iso(base + ((i % 600) + (i % 40)) * 3_600_000),
    First_Touch_At__c: iso(base + ((i % 600) + (i % 40) + (i % 30)) * 3_600_000),
    Escalation_Count__c: i % 17 === 0 ? 1 : 0,
  }));
  const org = await server({
    schema: orgSchema(true),
    records: { User: users, Handoff__c: handoffs },
    latencyMs: LATENCY_MS,
    queryPageSize: 2000,
  });
  const ours = await measure(org, () => readHandoffs(client(org)));
  // Naive: REST query, 2,000 records a page.
  const naive = await measure(org, () =>
    client(org).query(
      `SELECT Id, Status__c, Tier__c, Sales_Owner__r.Name, CS_Owner__r.Name, Closed_At__c, Submitted_At__c, First_Touch_At__c FROM Handoff__c`,
    ),
  );
  await org.stop();
  return { task: "metrics, 50,000 handoffs", goal: 5, ...ours, naiveCalls: naive.calls, naiveMs: naive.ms };
}

async function benchAudit(): Promise<Figure> {
  const sample = sampleOrgRecords(true);
  const org = await server({
    schema: orgSchema(true),
    records: {
      ...sample.records,
      Handoff_Requirement__mdt: metadataRecords("Handoff_Requirement__mdt"),
      Handoff_Setting__mdt: metadataRecords("Handoff_Setting__mdt"),
    },
    latencyMs: LATENCY_MS,
  });
  const ours = await measure(org, () => loadOrgAudit(client(org), { csPermissionSet: "Handoff_CS" }, quiet));
  // Naive: each configuration read on its own, then the activities of each deal's account, one query each.
  const naive = await measure(org, async () => {
    const c = client(org);
    await c.request("GET", `${c.apiBase}/sobjects/Opportunity/describe`);
    await c.query(
      "SELECT DeveloperName, Field_API_Name__c, Required_High_Touch__c, Required_Low_Touch__c FROM Handoff_Requirement__mdt",
    );
    await c.query("SELECT DeveloperName, Min_Answer_Length__c FROM Handoff_Setting__mdt");
    const cs = (
      await c.query("SELECT AssigneeId FROM PermissionSetAssignment WHERE PermissionSet.Name = 'Handoff_CS'")
    ).records.map((r) => String(r.AssigneeId));
    const opps = (
      await c.query<SalesforceRecord>(
        "SELECT Id, AccountId, CloseDate FROM Opportunity WHERE IsWon = true ORDER BY CloseDate DESC LIMIT 15",
      )
    ).records;
    for (const o of opps) {
      for (const object of ["Task", "Event"]) {
        await c.query(
          `SELECT ActivityDate FROM ${object} WHERE AccountId = '${o.AccountId}' AND OwnerId IN ${soqlList(cs)} AND ActivityDate >= ${o.CloseDate} ORDER BY ActivityDate ASC LIMIT 1`,
        );
      }
    }
  });
  await org.stop();
  return { task: "audit, 15 deals", goal: 3, ...ours, naiveCalls: naive.calls, naiveMs: naive.ms };
}

const figures = [await benchSeeding(), await benchMetrics(), await benchAudit()];
const rows = [
  ["Task", "API calls (goal)", "Wall time", "Naive calls", "Naive wall time", "Calls saved", "Speed-up"],
  ...figures.map((f) => [
    f.task,
    `${f.calls} (<= ${f.goal}) ${f.calls <= f.goal ? "met" : "MISSED"}`,
    `${(f.ms / 1000).toFixed(2)} s`,
    String(f.naiveCalls),
    `${(f.naiveMs / 1000).toFixed(2)} s`,
    `${(f.naiveCalls / f.calls).toFixed(1)}x fewer`,
    `${(f.naiveMs / f.ms).toFixed(1)}x`,
  ]),
];
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
console.log(`RevOps scripts against the local Salesforce API server, ${LATENCY_MS} ms added per call\n`);
for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i])).join("  "));
process.exitCode = 0;
