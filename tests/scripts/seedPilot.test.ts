// seed-pilot against the local Salesforce API server: two calls (composite, then composite graph),
// idempotent re-runs by external id, partial failures rolled back per deal, production refused,
// --dry-run, and --cleanup deleting exactly what was created.
import { test } from "node:test";
import assert from "node:assert/strict";
import { FakeSalesforce } from "../../testkit/fake-salesforce/fakeSalesforce.ts";
import { orgSchema } from "../../testkit/fake-salesforce/orgFixture.ts";
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
        /Nothing was written: the org lacks what the pilot writes: Account\.Pilot_Key__c, .*Handoff__c \(the object\).*sf project deploy start/,
        "the message must name the missing fields and objects and the fix",
      );
      assert.equal(r.stderr.trim().split("\n").length, 1, `one line:\n${r.stderr}`);
    },
    false,
  );
});

test("a missing Pilot_Cohort__c stops seed-pilot before any write, naming the field (one describe call set)", async () => {
  const schema = orgSchema(true);
  delete schema.Handoff__c.Pilot_Cohort__c;
  const org = new FakeSalesforce({
    schema,
    records: { Organization: [{ Name: "Acme UAT sandbox", IsSandbox: true }] },
    validate,
  });
  await org.start();
  try {
    const r = await seed({ SF_INSTANCE_URL: org.instanceUrl, SF_ACCESS_TOKEN: org.accessToken });
    assert.equal(r.code, 1, describeRun(r));
    assert.match(
      r.json!.error,
      /^Nothing was written: the org lacks what the pilot writes: Handoff__c\.Pilot_Cohort__c\./,
    );
    assert.equal(org.calls, 1, "only the composite call with the describes; no write");
    const describes = (org.requests[0].body as { compositeRequest: { url: string }[] }).compositeRequest
      .map((s) => /sobjects\/(\w+)\/describe/.exec(s.url)?.[1])
      .filter(Boolean);
    assert.deepEqual(describes, ["Account", "Contact", "Opportunity", "Handoff__c"], "one describe per object written");
    assert.deepEqual(counts(org), [0, 0, 0, 0], "nothing written");
  } finally {
    await org.stop();
  }
});

const PEOPLE = [
  { Id: "005000000000101AAA", Name: "Rita Rep", Username: "rita@acme.example", Email: "rita@acme.com", IsActive: true },
  { Id: "005000000000102AAA", Name: "Sam Seller", Username: "sam@acme.example", Email: "sam@acme.com", IsActive: true },
  {
    Id: "005000000000201AAA",
    Name: "Casey CSM",
    Username: "casey@acme.example",
    Email: "casey@acme.com",
    IsActive: true,
  },
  { Id: "005000000000202AAA", Name: "Old CSM", Username: "old@acme.example", Email: "old@acme.com", IsActive: false },
];

test("--reps and --csms (usernames or emails) own the pilot deals in turn; an unknown user stops before any write", async () => {
  await withOrg(true, async (org, env) => {
    for (const u of PEOPLE) org.insert("User", u);
    const unknown = await seed(env, "--reps", "rita@acme.example,nobody@acme.com", "--csms", "old@acme.example");
    assert.equal(unknown.code, 1, describeRun(unknown));
    assert.match(
      unknown.json!.error,
      /Nothing was written: --reps nobody@acme\.com: no active user with that username or email; --csms old@acme\.example: no active user/,
    );
    assert.equal(org.calls, 1, "users are checked in the first call, before any write");
    assert.deepEqual(counts(org), [1, 0, 0, 0]);

    const r = await seed(env, "--reps", "rita@acme.example, sam@acme.com", "--csms", "casey@acme.com", "--deals", "5");
    assert.equal(r.code, 0, describeRun(r));
    const owners = org.records("Opportunity").map((o) => o.OwnerId);
    assert.deepEqual(
      owners,
      ["005000000000101AAA", "005000000000102AAA", "005000000000101AAA", "005000000000102AAA", "005000000000101AAA"],
      "pilot deals go to the pilot reps in turn",
    );
    for (const h of org.records("Handoff__c")) {
      const opp = org.records("Opportunity").find((o) => o.Id === h.Opportunity__c)!;
      assert.equal(h.Sales_Owner__c, opp.OwnerId, "the handoff's sales owner is the deal's rep");
      assert.equal(h.CS_Owner__c, "005000000000201AAA", "the pilot's CSM is every handoff's CS owner");
    }
    assert.deepEqual(
      r.json!.results.map((x: { rep: string; csm: string }) => `${x.rep}/${x.csm}`),
      [
        "Rita Rep/Casey CSM",
        "Sam Seller/Casey CSM",
        "Rita Rep/Casey CSM",
        "Sam Seller/Casey CSM",
        "Rita Rep/Casey CSM",
      ],
    );
  });
});

test("created, updated and deleted counts are what the API answered, including a delete that fails", async () => {
  await withOrg(true, async (org, env) => {
    const first = await seed(env, "--deals", "5");
    // 5 accounts, 5 x 4 or 2 contacts (20), 5 opportunities, 5 handoffs, all new.
    assert.deepEqual(first.json!.totals, { created: 35, updated: 0, failedDeals: 0, rolledBack: 0 });
    const again = await seed(env, "--deals", "5");
    assert.deepEqual(again.json!.totals, { created: 0, updated: 35, failedDeals: 0, rolledBack: 0 });
    assert.match(again.stdout, /"updated": 35/);

    org.refuseDelete = (object, record) =>
      object === "Account" && String(record.Name).startsWith("Harborview")
        ? "Your attempt to delete Harborview could not be completed because it is associated with open cases."
        : undefined;
    const cleanup = await seed(env, "--cleanup");
    assert.equal(cleanup.code, 1, describeRun(cleanup));
    assert.deepEqual(cleanup.json!.toDelete, { handoffs: 5, opportunities: 5, contacts: 20, accounts: 5 });
    assert.deepEqual(
      cleanup.json!.deleted,
      { handoffs: 5, opportunities: 5, contacts: 20, accounts: 4 },
      "deleted counts come from the API's per-record results, not from what was found",
    );
    assert.equal(cleanup.json!.failed.length, 1);
    assert.match(cleanup.json!.failed[0], /DELETE_FAILED: Your attempt to delete Harborview/);
  });
});
