// seed-pilot against the local Salesforce API server: two calls (composite, then composite graph),
// idempotent re-runs by external id, partial failures rolled back per deal, production refused,
// --dry-run, and --cleanup deleting exactly what was created.
import { test } from "node:test";
import assert from "node:assert/strict";
import { FakeSalesforce } from "./support/fakeSalesforce.ts";
import { orgSchema } from "./support/orgFixture.ts";
import { describeRun, runScript } from "./support/run.ts";

const COHORT = "2026-Q4 Pilot";

// The org's Handoff__c validation rule (Opportunity_Key_Matches_Opportunity), and a test hook for deal 3.
function validate(object: string, record: Record<string, unknown>) {
  if (object === "Handoff__c" && record.Opportunity_Key__c !== record.Opportunity__c) {
    return {
      message: "Opportunity Key must be the 18-character Id of the Opportunity.",
      errorCode: "FIELD_CUSTOM_VALIDATION_EXCEPTION",
      fields: ["Opportunity_Key__c"],
    };
  }
  if (object === "Opportunity" && String(record.Name).startsWith("Lakemont") && failLakemont) {
    return {
      message: "Close Date must be in the future for pilot deals.",
      errorCode: "FIELD_CUSTOM_VALIDATION_EXCEPTION",
      fields: ["CloseDate"],
    };
  }
  return undefined;
}
let failLakemont = false;

async function withOrg(
  isSandbox: boolean,
  body: (org: FakeSalesforce, env: Record<string, string>) => Promise<void>,
  withApp = true,
) {
  const org = new FakeSalesforce({
    schema: orgSchema(withApp),
    records: {
      Organization: [
        { Id: "00D000000000001AAA", Name: isSandbox ? "Acme UAT sandbox" : "Acme Production", IsSandbox: isSandbox },
      ],
      Account: [{ Name: "Real Customer Inc" }],
    },
    validate,
  });
  const url = await org.start();
  try {
    await body(org, { SF_INSTANCE_URL: url, SF_ACCESS_TOKEN: org.accessToken });
  } finally {
    failLakemont = false;
    await org.stop();
  }
}

const seed = (env: Record<string, string>, ...args: string[]) =>
  runScript("seed-pilot.ts", ["--cohort", COHORT, "--json", ...args], env);
const counts = (org: FakeSalesforce) =>
  ["Account", "Contact", "Opportunity", "Handoff__c"].map((o) => org.records(o).length);

test("seeds 10 pilot deals of both tiers in 2 API calls, and a re-run updates instead of duplicating", async () => {
  await withOrg(true, async (org, env) => {
    const r = await seed(env);
    assert.equal(r.code, 0, describeRun(r));
    // 10 pilot accounts + the customer's own; High-Touch deals 1-5 have 4 stakeholders, Low-Touch 6-10 have 2.
    assert.deepEqual(counts(org), [11, 30, 10, 10], "accounts, contacts, opportunities, handoffs after the first run");
    assert.equal(
      org.calls,
      2,
      `one composite call and one composite graph call, got ${org.requests.map((q) => q.path).join(", ")}`,
    );
    const graph = org.requests[1];
    assert.match(graph.path, /\/composite\/graph$/);
    const graphs = (graph.body as { graphs: { compositeRequest: { method: string; url: string }[] }[] }).graphs;
    assert.equal(graphs.length, 10, "one graph (one transaction) per deal");
    assert.ok(
      graphs
        .flatMap((g) => g.compositeRequest)
        .every((s) => s.method === "PATCH" && /\/sobjects\/\w+\/(Pilot_Key__c|Opportunity_Key__c)\//.test(s.url)),
      "every record must be upserted by its external id",
    );
    for (const h of org.records("Handoff__c")) {
      assert.equal(h.Pilot__c, true, "pilot handoffs are flagged");
      assert.equal(h.Pilot_Cohort__c, COHORT, "pilot handoffs carry the cohort");
      assert.equal(h.Opportunity_Key__c, h.Opportunity__c, "the handoff's key is its opportunity's Id");
    }
    const tiers = org.records("Handoff__c").map((h) => h.Tier__c);
    assert.deepEqual(
      [tiers.filter((t) => t === "High-Touch").length, tiers.filter((t) => t === "Low-Touch").length],
      [5, 5],
      "a mix of both tiers",
    );
    const opp = org.records("Opportunity").find((o) => String(o.Name).startsWith("Harborview"))!;
    const champion = org.records("Contact").find((c) => c.Id === opp.Champion__c)!;
    assert.equal(
      champion.AccountId,
      opp.AccountId,
      "stakeholders are contacts of the deal's own account (the lookup filter)",
    );

    // A rep works the pilot deal; then the script is run again.
    opp.StageName = "Closed Won";
    const again = await seed(env);
    assert.equal(again.code, 0, describeRun(again));
    assert.deepEqual(counts(org), [11, 30, 10, 10], "a re-run must not create duplicates");
    assert.equal(org.calls, 4, "the re-run also takes 2 calls");
    assert.equal(opp.StageName, "Closed Won", "a re-run must not undo the rep's progress on the deal");
    assert.deepEqual(
      again.json!.results.map((x: { created: number }) => x.created),
      Array(10).fill(0),
      "nothing created on the re-run",
    );
  });
});

test("a deal that fails is rolled back on its own; the others are seeded and the failure is named", async () => {
  await withOrg(true, async (org, env) => {
    failLakemont = true;
    const r = await seed(env);
    assert.equal(r.code, 1, describeRun(r));
    const failed = r.json!.results.filter((x: { ok: boolean }) => !x.ok);
    assert.equal(failed.length, 1, "only the Lakemont deal fails");
    assert.match(
      failed[0].error,
      /d3opportunity: FIELD_CUSTOM_VALIDATION_EXCEPTION: Close Date must be in the future/,
      "the failure must say which record and why",
    );
    assert.ok(
      !org.records("Account").some((a) => String(a.Name).startsWith("Lakemont")),
      "the failed deal's account must be rolled back too",
    );
    assert.deepEqual(counts(org), [10, 26, 9, 9], "the 9 other deals are seeded");
    failLakemont = false;
    const retry = await seed(env);
    assert.equal(retry.code, 0, describeRun(retry));
    assert.deepEqual(counts(org), [11, 30, 10, 10], "after the fix, a re-run completes the pilot without duplicates");
  });
});

test("a production org is refused unless --allow-production, before anything is written", async () => {
  await withOrg(false, async (org, env) => {
    const r = await seed(env);
    assert.equal(r.code, 1, describeRun(r));
    assert.match(
      r.stderr,
      /Acme Production is a production org \(Organization\.IsSandbox is false\).*--allow-production/,
      "the message must name the org and the option",
    );
    assert.equal(org.calls, 1, "only the check, no write");
    assert.deepEqual(counts(org), [1, 0, 0, 0], "nothing created in production");
    const allowed = await seed(env, "--allow-production", "--deals", "5");
    assert.equal(allowed.code, 0, describeRun(allowed));
    assert.deepEqual(counts(org), [6, 20, 5, 5], "--allow-production seeds the 5 requested deals");
  });
});

test("--dry-run changes nothing and says what would be created or updated", async () => {
  await withOrg(true, async (org, env) => {
    await seed(env, "--deals", "5");
    const r = await seed(env, "--dry-run");
    assert.equal(r.code, 0, describeRun(r));
    assert.deepEqual(
      r.json!.deals.map((d: { action: string }) => d.action),
      [...Array(5).fill("update"), ...Array(5).fill("create")],
      "deals 1-5 exist, 6-10 would be new",
    );
    assert.deepEqual(counts(org), [6, 20, 5, 5], "a dry run must not write");
    assert.ok(
      org.requests
        .slice(2)
        .every(
          (q) =>
            q.path.endsWith("/composite") &&
            (q.body as { compositeRequest: { method: string }[] }).compositeRequest.every((s) => s.method === "GET"),
        ),
      "a dry run only reads",
    );
  });
  const offline = await runScript("seed-pilot.ts", ["--dry-run", "--deals", "6", "--cohort", COHORT]);
  assert.equal(offline.code, 0, describeRun(offline));
  assert.match(
    offline.stdout,
    /Copperline Retail - 2026-Q4 Pilot .* Low-Touch/,
    "without an org the dry run prints the plan",
  );
});

test("--cleanup deletes exactly the pilot's records, children first, in 2 calls", async () => {
  await withOrg(true, async (org, env) => {
    await seed(env);
    org.insert("Contact", { LastName: "Someone Real", AccountId: org.records("Account")[0].Id });
    const before = org.calls;
    const r = await seed(env, "--cleanup");
    assert.equal(r.code, 0, describeRun(r));
    assert.deepEqual(r.json!.deleted, { handoffs: 10, opportunities: 10, contacts: 30, accounts: 10 });
    assert.equal(org.calls - before, 2, "one composite call to find the records, one sObject collections delete");
    assert.deepEqual(counts(org), [1, 1, 0, 0], "the customer's own account and contact must survive");
    const del = org.requests[org.requests.length - 1];
    assert.equal(del.method, "DELETE");
    const ids = (del.search.get("ids") ?? "").split(",");
    assert.ok(ids[0].startsWith("a0H") && ids[ids.length - 1].startsWith("001"), "handoffs first, accounts last");
    const again = await seed(env, "--cleanup");
    assert.equal(again.code, 0, describeRun(again));
    assert.deepEqual(
      again.json!.toDelete,
      { handoffs: 0, opportunities: 0, contacts: 0, accounts: 0 },
      "a second cleanup finds nothing",
    );
  });
});

test("an org without Pilot_Key__c says what to deploy", async () => {
  await withOrg(
    true,
    async (_org, env) => {
      const r = await seed(env);
      assert.equal(r.code, 1, describeRun(r));
      assert.match(
        r.stderr,
        /not in this org.*Pilot_Key__c.*sf project deploy start/,
        "the message must name the missing field and the fix",
      );
    },
    false,
  );
});
