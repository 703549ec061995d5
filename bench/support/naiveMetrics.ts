// The naive way, for comparison in the benchmark: every handoff read with REST query pages (2,000 a page)
// and held in memory as records before the figures are computed.
import { SalesforceClient } from "../../scripts/revops/lib/salesforce.ts";
import { computeMetrics, HANDOFF_FIELDS, type HandoffRow } from "../../scripts/revops/lib/metricsCore.ts";
import { flattenRecord } from "../../scripts/revops/lib/salesforce.ts";

const client = new SalesforceClient({
  instanceUrl: process.env.SF_INSTANCE_URL!,
  accessToken: process.env.SF_ACCESS_TOKEN!,
  source: "bench",
});
const { records } = await client.query(`SELECT ${HANDOFF_FIELDS.join(", ")} FROM Handoff__c`);
const rows = records.map((r) => flattenRecord(r, HANDOFF_FIELDS) as HandoffRow);
const metrics = computeMetrics(rows, { asOf: new Date("2026-12-31T00:00:00Z"), source: "bench", mode: "rest" });
process.stdout.write(JSON.stringify({ handoffs: metrics.handoffs, apiCalls: client.calls }) + "\n");
