// Benchmark (prints figures; not a timed test): the RevOps scripts' API calls and wall time against the
// local Salesforce API server with 100 ms added to every call, next to the naive way (one call per
// record, REST paging); and metrics over 50,000 and 1,000,000 handoffs with the peak memory of the
// metrics process. Run: npm run bench (BENCH_SIZES=50000 for the small size only).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import jsforce from "jsforce";
import { FakeSalesforce } from "../testkit/fake-salesforce/fakeSalesforce.ts";
import { runNode } from "../testkit/runNode.ts";
import { metadataRecords, orgSchema, sampleOrgRecords } from "../testkit/fake-salesforce/orgFixture.ts";
import { SalesforceClient, soqlList, type SalesforceRecord } from "../scripts/revops/lib/salesforce.ts";
import { loadOrgAudit } from "../scripts/revops/lib/auditOrg.ts";
import { benchOrgOptions } from "./support/handoffOrg.ts";
import { seed } from "../scripts/revops/seed-pilot.ts";
import { pilotPlan } from "../scripts/revops/lib/pilotPlan.ts";
import { loadSettings } from "../scripts/lib/handoffConfig.ts";

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 100);
const USAGE_HOOK = fileURLToPath(new URL("./support/reportUsage.ts", import.meta.url));
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

interface ProcessFigure {
  calls: number;
  ms: number;
  cpuMs: number;
  maxRssMb: number;
  handoffs: number;
}

// Runs a command in its own Node process against the local server and reads that process's own wall
// time and peak memory (max RSS), so the server's work and memory are not counted.
async function runMeasured(org: FakeSalesforce, args: string[]): Promise<ProcessFigure> {
  const dir = mkdtempSync(join(tmpdir(), "revops-bench-"));
  const usageFile = join(dir, "usage.json");
  const before = org.calls;
  const { code, stdout, stderr } = await runNode(args, {
    imports: [USAGE_HOOK],
    env: {
      SF_INSTANCE_URL: org.instanceUrl,
      SF_ACCESS_TOKEN: org.accessToken,
      SF_BULK_POLL_MS: "50",
      BENCH_USAGE_FILE: usageFile,
    },
  });
  if (code !== 0) throw new Error(`${args.join(" ")} failed (exit ${code}):\n${stderr.slice(0, 2000)}`);
  const usage = JSON.parse(readFileSync(usageFile, "utf8")) as { uptimeMs: number; cpuMs: number; maxRssKb: number };
  rmSync(dir, { recursive: true, force: true });
  const json = JSON.parse(stdout) as { handoffs: number };
  return {
    calls: org.calls - before,
    ms: usage.uptimeMs,
    cpuMs: usage.cpuMs,
    maxRssMb: Math.round(usage.maxRssKb / 1024),
    handoffs: json.handoffs,
  };
}

const METRICS_TARGETS: Record<number, { seconds: number; mb: number }> = {
  50_000: { seconds: 5, mb: 200 },
  1_000_000: { seconds: 60, mb: 500 },
};

function figureRow(handoffs: number, way: string, figure: ProcessFigure, target: string): string[] {
  return [
    handoffs.toLocaleString("en-US"),
    way,
    String(figure.calls),
    `${(figure.ms / 1000).toFixed(2)} s`,
    `${(figure.cpuMs / 1000).toFixed(2)} s`,
    `${figure.maxRssMb} MB`,
    target,
  ];
}

async function benchMetricsAt(handoffs: number, naive: boolean): Promise<string[][]> {
  const org = await server({ schema: orgSchema(true), ...benchOrgOptions(handoffs), latencyMs: LATENCY_MS });
  const rows: string[][] = [];
  try {
    const outDir = mkdtempSync(join(tmpdir(), "revops-bench-out-"));
    const ours = await runMeasured(org, [
      "scripts/revops/metrics.ts",
      "--json",
      "--out",
      join(outDir, "r"),
      "--as-of",
      "2026-12-31T00:00:00Z",
    ]);
    rmSync(outDir, { recursive: true, force: true });
    if (ours.handoffs !== handoffs) throw new Error(`metrics counted ${ours.handoffs} handoffs, not ${handoffs}`);
    const target = METRICS_TARGETS[handoffs];
    const met = ours.ms / 1000 < target.seconds && ours.maxRssMb < target.mb;
    rows.push(
      figureRow(
        handoffs,
        "metrics (Bulk API 2.0 pages, streamed)",
        ours,
        `< ${target.seconds} s, < ${target.mb} MB: ${met ? "met" : "MISSED"}`,
      ),
    );
    if (naive) {
      const theirs = await runMeasured(org, ["bench/support/naiveMetrics.ts"]);
      rows.push(figureRow(handoffs, "naive (REST pages, all records in memory)", theirs, ""));
    } else {
      rows.push([
        handoffs.toLocaleString("en-US"),
        "naive",
        "skipped",
        "",
        "",
        "",
        "BENCH_NAIVE_LARGE=1 runs it (slow)",
      ]);
    }
  } finally {
    await org.stop();
  }
  return rows;
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

const figures = [await benchSeeding(), await benchAudit()];
const table = (rows: string[][]) => {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows)
    console.log(
      r
        .map((c, i) => c.padEnd(widths[i]))
        .join("  ")
        .trimEnd(),
    );
};
console.log(`RevOps scripts against the local Salesforce API server, ${LATENCY_MS} ms added per call\n`);
table([
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
]);
console.log(
  `\nmetrics, each run in its own process (wall time, CPU time and peak memory of that process, Node start included; ` +
    `load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores)\n`,
);
const sizes = (process.env.BENCH_SIZES ?? "50000,1000000").split(",").map(Number);
const metricRows: string[][] = [["Handoffs", "Way", "API calls", "Wall time", "CPU time", "Peak memory", "Target"]];
for (const size of sizes) {
  metricRows.push(...(await benchMetricsAt(size, size <= 50_000 || process.env.BENCH_NAIVE_LARGE === "1")));
}
table(metricRows);
process.exitCode = 0;
