// The audit against an org: the local server answers as the Salesforce REST API does, holding the
// sample export's 15 deals as Opportunity records with contacts, tasks and events.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { FakeSalesforce } from "../../testkit/fake-salesforce/fakeSalesforce.ts";
import { metadataRecords, orgSchema, sampleOrgRecords } from "../../testkit/fake-salesforce/orgFixture.ts";
import { describeRun, runScript, tempDir } from "./support/run.ts";

async function withOrg(
  withApp: boolean,
  body: (org: FakeSalesforce, env: Record<string, string>) => Promise<void>,
  extra: Partial<ConstructorParameters<typeof FakeSalesforce>[0]> = {},
) {
  const sample = sampleOrgRecords(withApp);
  const records = withApp
    ? {
        ...sample.records,
        Handoff_Requirement__mdt: metadataRecords("Handoff_Requirement__mdt"),
        Handoff_Setting__mdt: metadataRecords("Handoff_Setting__mdt"),
      }
    : sample.records;
  const org = new FakeSalesforce({ schema: orgSchema(withApp), records, ...extra });
  const url = await org.start();
  try {
    await body(org, { SF_INSTANCE_URL: url, SF_ACCESS_TOKEN: org.accessToken, SF_RETRY_BACKOFF_MS: "5" });
  } finally {
    await org.stop();
  }
}

const audit = (env: Record<string, string>, args: string[] = []) =>
  runScript("audit.ts", ["--json", "--out", join(tempDir("audit-org-"), "report"), ...args], env);

const soqlSent = (org: FakeSalesforce): string[] =>
  org.requests.flatMap((r) => {
    if (r.path.endsWith("/query")) return [r.search.get("q") ?? ""];
    if (r.path.endsWith("/composite")) {
      return (r.body as { compositeRequest: { url: string }[] }).compositeRequest
        .map((s) => new URL(s.url, "http://x").searchParams.get("q"))
        .filter((q): q is string => !!q);
    }
    return [];
  });

test("org audit: same figures as the export, in 3 API calls, with the SOQL the audit needs", async () => {
  await withOrg(true, async (org, env) => {
    const r = await audit(env);
    assert.equal(r.code, 0, describeRun(r));
    const s = r.json!.summary;
    // The org holds the sample export's deals (see auditCsv.test.ts for the hand count).
    assert.deepEqual(
      [s.deals, s.audited, s.wouldBeBlocked, s.requiredAnswers, s.missingAnswers, s.completenessPct],
      [15, 14, 10, 184, 21, 88.6],
      "the org audit must agree with the hand count of the same deals",
    );
    assert.deepEqual(
      [s.timing.medianDays, s.timing.p90Days, s.timing.withoutCsTouch],
      [3, 11, 1],
      "first CS touch = the first Task or Event by a Handoff_CS user on the account on or after the close date",
    );
    assert.equal(
      org.calls,
      3,
      `expected 3 API calls (configuration, deals, activities), got ${org.calls}: ${org.requests.map((q) => q.path).join(", ")}`,
    );
    assert.equal(r.json!.apiCalls, 3, "the script must report the API calls it made");
    const soql = soqlSent(org);
    const dealQuery = soql.find((q) => q.includes("FROM Opportunity"))!;
    assert.match(
      dealQuery,
      /WHERE IsWon = true ORDER BY CloseDate DESC LIMIT 15$/,
      "the last 15 closed-won deals, newest first",
    );
    assert.match(dealQuery, /Business_Goals__c/, "the requirement fields must be selected");
    assert.match(
      soql.find((q) => q.includes("FROM PermissionSetAssignment"))!,
      /PermissionSet\.Name = 'Handoff_CS'/,
      "CS users come from the Handoff_CS permission set",
    );
    const taskQuery = soql.find((q) => q.includes("FROM Task"))!;
    assert.match(
      taskQuery,
      /OwnerId IN \('005000000000050AAA', '005000000000051AAA'\)/,
      "only CS users' activities count",
    );
    assert.match(taskQuery, /ActivityDate >= 2026-10-02/, "activities from the earliest close date on");
    assert.match(
      r.json!.source,
      /the org's Handoff_Requirement__mdt records/,
      "requirements must come from the org when deployed",
    );
  });
});

test("org audit follows the org's requirement records, not the repository's", async () => {
  await withOrg(true, async (org, env) => {
    // An admin changed the org: only Business goals is required, for both tiers.
    for (const r of org.records("Handoff_Requirement__mdt")) {
      const onlyGoals = r.Field_API_Name__c === "Business_Goals__c";
      r.Required_High_Touch__c = onlyGoals;
      r.Required_Low_Touch__c = onlyGoals;
    }
    const r = await audit(env);
    assert.equal(r.code, 0, describeRun(r));
    assert.deepEqual(
      r.json!.fields.map((f: { field: string }) => f.field),
      ["Business_Goals__c"],
      "only the field the org requires is audited",
    );
    assert.equal(
      r.json!.summary.wouldBeBlocked,
      1,
      "only Atlas Property ('Save time', too short) misses its business goals",
    );
  });
});

test("org audit on an org with none of the app's metadata: falls back to the repository and reports what is not captured", async () => {
  await withOrg(false, async (org, env) => {
    const r = await audit(env, ["--cs-users", "casey.csm@example.com,devon.csm@example.com"]);
    assert.equal(r.code, 0, `the audit must run on an org without our metadata\n${describeRun(r)}`);
    const warnings = r.json!.warnings.join("\n");
    assert.match(
      warnings,
      /Handoff_Requirement__mdt is not readable in the org \(INVALID_TYPE\)/,
      "the fallback must be explained",
    );
    assert.match(
      warnings,
      /Not in this org, so not captured: Business_Goals__c/,
      "fields that are not deployed must be named",
    );
    assert.match(r.json!.source, /repository's Handoff_Requirement__mdt/);
    const products = r.json!.fields.find((f: { field: string }) => f.field === "HasOpportunityLineItem");
    assert.equal(products.available, true, "the standard HasOpportunityLineItem exists in every org");
    assert.equal(
      r.json!.summary.wouldBeBlocked,
      14,
      "without the handoff fields, every audited deal misses required information",
    );
    assert.equal(r.json!.summary.timing.medianDays, 3, "timing still works from standard Tasks and Events");
    const dealQuery = soqlSent(org).find((q) => q.includes("FROM Opportunity"))!;
    assert.doesNotMatch(dealQuery, /__c/, "no custom field may be queried on an org that does not have it");
    assert.match(
      soqlSent(org).find((q) => q.includes("FROM User"))!,
      /Username IN \('casey\.csm@example\.com', 'devon\.csm@example\.com'\)/,
    );
  });
});

test("an expired session stops with exit 1 and says how to log in again", async () => {
  await withOrg(true, async (_org, env) => {
    const r = await audit({ ...env, SF_ACCESS_TOKEN: "expired-token" });
    assert.equal(r.code, 1, describeRun(r));
    assert.match(r.stderr, /session has expired or is invalid.*sf org login web/, "the message must name the fix");
    assert.equal(r.json!.errorCode, "INVALID_SESSION_ID", "--json must carry the error code");
  });
});

test("REQUEST_LIMIT_EXCEEDED is retried with back-off a bounded number of times", async () => {
  const limit = {
    status: 403,
    body: [{ message: "TotalRequests Limit exceeded.", errorCode: "REQUEST_LIMIT_EXCEEDED", fields: [] }],
  };
  await withOrg(true, async (org, env) => {
    org.queuedFailures.push(limit, limit);
    const r = await audit(env);
    assert.equal(r.code, 0, `two limit errors must be absorbed by retries\n${describeRun(r)}`);
    assert.equal(org.calls, 5, "3 calls + 2 retries");
  });
  await withOrg(true, async (org, env) => {
    org.queuedFailures.push(limit, limit, limit, limit, limit);
    const r = await audit({ ...env, SF_RETRIES: "2" });
    assert.equal(r.code, 1, describeRun(r));
    assert.equal(org.calls, 3, "1 call + 2 retries, then stop");
    assert.match(r.stderr, /API request limit is reached/, "the message must say the limit is reached and what to do");
  });
});

test("missing permission is reported with the permission set to ask for", async () => {
  await withOrg(true, async (org, env) => {
    org.queuedFailures.push({
      status: 403,
      body: [
        {
          message: "The REST API is not enabled for this Organization.",
          errorCode: "API_DISABLED_FOR_ORG",
          fields: [],
        },
      ],
    });
    const r = await audit(env);
    assert.equal(r.code, 1, describeRun(r));
    assert.match(r.stderr, /Missing permission.*Handoff_Admin permission set/, "the message must name the fix");
  });
});

test("an unknown --target-org alias fails fast with the login command", async () => {
  const home = tempDir("sf-home-");
  const r = await runScript("audit.ts", ["--target-org", "no-such-alias", "--quiet"], {
    HOME: home,
    SF_USE_GENERIC_UNIX_KEYCHAIN: "true",
  });
  assert.equal(r.code, 1, describeRun(r));
  assert.match(
    r.stderr,
    /No Salesforce CLI login named "no-such-alias".*sf org login web --alias no-such-alias/,
    "the message must name the alias and the fix",
  );
});

test("no source at all is a usage error", async () => {
  const r = await runScript("audit.ts", ["--quiet"]);
  assert.equal(r.code, 1, describeRun(r));
  assert.match(r.stderr, /Give --csv <file> .* or --target-org <alias>/);
});

test("--since audits every deal closed from that date, without the default limit of 15", async () => {
  await withOrg(true, async (org, env) => {
    const r = await audit(env, ["--since", "2026-11-01"]);
    assert.equal(r.code, 0, describeRun(r));
    // Closed on or after Nov 1: Northwind, Bluepeak, Canyon, Harbor (renewal), Vertex, Lumen, Orbit, Greenleaf.
    assert.equal(r.json!.summary.deals, 8, "8 sample deals closed in November");
    const dealQuery = soqlSent(org).find((q) => q.includes("FROM Opportunity"))!;
    assert.match(
      dealQuery,
      /WHERE IsWon = true AND CloseDate >= 2026-11-01 ORDER BY CloseDate DESC$/,
      "no LIMIT with --since",
    );
  });
});

// Salesforce returns at most 2,000 records a query page. A busy account with 2,100 CS tasks dated on the
// earliest close date (before its own deal closed, so they count for nobody) fills the whole first page
// of the activity query: read only that page and every deal would look untouched.
test("the activity query reads every page: 2,100 CS tasks on one account do not hide the other deals' first touch", async () => {
  await withOrg(true, async (org, env) => {
    const deals = org.records("Opportunity").filter((o) => o.IsWon === true);
    const earliest = deals.map((o) => String(o.CloseDate)).sort()[0];
    const latest = [...deals].sort((a, b) => String(b.CloseDate).localeCompare(String(a.CloseDate)))[0];
    for (let i = 0; i < 2100; i++) {
      org.insert("Task", {
        AccountId: latest.AccountId,
        OwnerId: "005000000000050AAA",
        ActivityDate: earliest,
        Subject: `Renewal prep ${i + 1}`,
      });
    }
    const r = await audit(env);
    assert.equal(r.code, 0, describeRun(r));
    const s = r.json!.summary;
    assert.deepEqual(
      [s.timing.medianDays, s.timing.p90Days, s.timing.withoutCsTouch],
      [3, 11, 1],
      "the first-touch figures must be those of the full activity list, not of its first 2,000 rows",
    );
    const pages = org.requests.filter((q) => /\/query\/01g\w+-\d+$/.test(q.path));
    assert.equal(pages.length, 1, "the second page of the Task query must be read through nextRecordsUrl");
    assert.equal(org.calls, 4, "3 calls plus one for the further page");
  });
});
