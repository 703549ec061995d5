// metrics against the local Salesforce API server: REST with nextRecordsUrl paging for a small org,
// Bulk API 2.0 (job, polling, CSV pages by Sforce-Locator) above 2,000 handoffs. Figures computed by hand.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { FakeSalesforce } from "../../testkit/fake-salesforce/fakeSalesforce.ts";
import { orgSchema } from "../../testkit/fake-salesforce/orgFixture.ts";
import { describeRun, runScript, tempDir } from "./support/run.ts";
import { CASEY, DANA, handoff, smallOrg, users } from "./support/handoffFixture.ts";

async function withOrg(
  options: Partial<ConstructorParameters<typeof FakeSalesforce>[0]>,
  body: (org: FakeSalesforce, env: Record<string, string>) => Promise<void>,
) {
  const org = new FakeSalesforce({ schema: orgSchema(true), ...options });
  const url = await org.start();
  try {
    await body(org, {
      SF_INSTANCE_URL: url,
      SF_ACCESS_TOKEN: org.accessToken,
      SF_BULK_POLL_MS: "5",
      SF_RETRY_BACKOFF_MS: "5",
    });
  } finally {
    await org.stop();
  }
}

const group = (json: Record<string, any>, dimension: string, name: string) => {
  const g = json.groups.find(
    (x: { dimension: string; group: string }) => x.dimension === dimension && x.group === name,
  );
  assert.ok(
    g,
    `no ${dimension} group "${name}" in ${JSON.stringify(json.groups.map((x: { dimension: string; group: string }) => `${x.dimension}:${x.group}`))}`,
  );
  return g;
};

// Hand count, November 2026, as of 2026-11-26 12:00 UTC (handoffs 1-7; 8 closed in October, 9 on December 1):
// submitted 1,2,3,4,7 -> 5/7 = 71.4 %. Hours close -> handoff 24, 72, 6, 48, 12: median 24, p90 (rank 5 of 5) 72.
// Hours handoff -> first touch 10, 24, 72, 36: median 30, p90 72.
// Handoff SLA: met 1,3,7; missed 2 (late), 4 (late), 5 (not submitted, due 11-25); 6 pending (due exactly now) -> 50 %.
// First-touch SLA: met 1, 2 (on the minute), 3; missed 4 (none, due 11-15), 7 (late) -> 60 %.
// Escalated 2,4,5 (4 escalations); returned 2,7 Incomplete Context, 4 Scope Unclear.
test("metrics over a small org: REST query with paging, figures match the hand count", async () => {
  await withOrg({ records: smallOrg(), queryPageSize: 3 }, async (org, env) => {
    const out = join(tempDir("metrics-"), "report");
    const r = await runScript(
      "metrics.ts",
      ["--since", "2026-11-01", "--until", "2026-11-30", "--as-of", "2026-11-26T12:00:00Z", "--json", "--out", out],
      env,
    );
    assert.equal(r.code, 0, describeRun(r));
    const j = r.json!;
    assert.equal(j.mode, "rest", "7 handoffs must be read with the REST API, not a bulk job");
    assert.equal(j.handoffs, 7, "only handoffs closed from 2026-11-01 to 2026-11-30 count");
    const all = group(j, "overall", "All handoffs");
    assert.deepEqual([all.submitted, all.completionPct], [5, 71.4], "completion rate");
    assert.deepEqual([all.hoursToHandoff.median, all.hoursToHandoff.p90], [24, 72], "close to handoff, hours");
    assert.deepEqual(
      [all.hoursToFirstTouch.median, all.hoursToFirstTouch.p90],
      [30, 72],
      "handoff to first touch, hours",
    );
    // Close -> first touch: 34 (1), 96 (2), 78 (3), 48 (7): median (48 + 78) / 2 = 63, p90 rank 4 of 4 = 96.
    assert.deepEqual(
      [all.hoursCloseToFirstTouch.n, all.hoursCloseToFirstTouch.median, all.hoursCloseToFirstTouch.p90],
      [4, 63, 96],
      "close to first touch, hours",
    );
    assert.equal(all.escalationRatePct, 42.9, "escalation rate: handoffs 2, 4, 5 of 7");
    assert.deepEqual([all.infoRequested, all.infoRequestPct], [1, 14.3], "info-request loops: handoff 2 of 7");
    // Feedback in the period: ratings 5, 2 (CSM) and 4, 3 (Rep); only a 4 or 5 is satisfied.
    assert.deepEqual(
      j.feedback,
      {
        responses: 4,
        averageRating: 3.5,
        csatPct: 50,
        byRespondent: [
          { respondent: "CSM", responses: 2, averageRating: 3.5, csatPct: 50 },
          { respondent: "Rep", responses: 2, averageRating: 3.5, csatPct: 50 },
        ],
        customerBy: [],
      },
      "CSAT from Handoff_Feedback__c of the period's handoffs only",
    );
    // Promises in the period: Kept 2, Broken 1, At Risk 1, Open 1; open ones are not judged yet.
    assert.deepEqual(
      j.promises,
      {
        promises: 5,
        byStatus: { Open: 1, Kept: 2, "At Risk": 1, Broken: 1 },
        keptPct: 50,
        atRiskPct: 25,
        brokenPct: 25,
      },
      "promises kept / at risk / broken",
    );
    assert.deepEqual(all.handoffSla, { met: 3, missed: 3, pending: 1, attainmentPct: 50 }, "handoff SLA");
    assert.deepEqual(all.firstTouchSla, { met: 3, missed: 2, pending: 0, attainmentPct: 60 }, "first-touch SLA");
    assert.deepEqual([all.escalated, all.escalations, all.returned], [3, 4, 3], "escalations and returns");
    assert.deepEqual(j.returnsByReason, [
      { reason: "Incomplete Context", count: 2 },
      { reason: "Scope Unclear", count: 1 },
    ]);

    const ht = group(j, "tier", "High-Touch");
    assert.deepEqual(
      [
        ht.handoffs,
        ht.completionPct,
        ht.hoursToHandoff.median,
        ht.hoursToHandoff.p90,
        ht.hoursToFirstTouch.median,
        ht.firstTouchSla.attainmentPct,
      ],
      [4, 75, 24, 72, 24, 66.7],
      "High-Touch figures",
    );
    const lt = group(j, "tier", "Low-Touch");
    assert.deepEqual(
      [lt.handoffs, lt.completionPct, lt.hoursToHandoff.median, lt.hoursToHandoff.p90, lt.handoffSla.pending],
      [3, 66.7, 27, 48, 1],
      "Low-Touch figures",
    );
    assert.equal(group(j, "csm", "Casey CSM").firstTouchSla.attainmentPct, 100, "Casey met both first-touch SLAs");
    assert.equal(group(j, "csm", "Devon CSM").firstTouchSla.attainmentPct, 33.3, "Devon met 1 of 3");
    assert.equal(group(j, "csm", "(no CS owner)").handoffs, 1, "a handoff without CS owner is its own group");
    assert.equal(group(j, "rep", "Dana Whitfield").handoffs, 4, "Dana's handoffs 1, 3, 5, 7");
    assert.equal(group(j, "cohort", "2026-Q4 Pilot").handoffs, 4, "pilot handoffs 1, 2, 5, 7");
    assert.deepEqual(
      j.groups
        .filter((g: { dimension: string }) => g.dimension === "week")
        .map((g: { group: string; handoffs: number }) => `${g.group}:${g.handoffs}`),
      ["2026-W45:2", "2026-W46:2", "2026-W47:1", "2026-W48:2"],
      "ISO weeks of the close date",
    );

    const period = "WHERE Closed_At__c >= 2026-11-01T00:00:00Z AND Closed_At__c < 2026-12-01T00:00:00Z";
    const childPeriod = period.replace(/Closed_At__c/g, "Handoff__r.Closed_At__c");
    assert.match(org.requests[0].path, /\/composite$/, "the first call is one composite call");
    assert.deepEqual(
      (org.requests[0].body as { compositeRequest: { url: string }[] }).compositeRequest.map((r) =>
        new URL(r.url, "http://x").searchParams.get("q"),
      ),
      [
        `SELECT COUNT() FROM Handoff__c ${period}`,
        `SELECT COUNT() FROM Handoff_Feedback__c ${childPeriod}`,
        `SELECT Rating__c, Respondent_Type__c, Handoff__r.Tier__c, Handoff__r.Sales_Owner__r.Name, Handoff__r.CS_Owner__r.Name FROM Handoff_Feedback__c ${childPeriod}`,
        `SELECT COUNT() FROM Handoff_Promise__c ${childPeriod}`,
        `SELECT Status__c FROM Handoff_Promise__c ${childPeriod}`,
      ],
      "the counts decide REST or Bulk, with the same period; feedback and promises come with the counts",
    );
    const queries = org.requests.filter((q) => q.path.includes("/query"));
    assert.match(
      queries[0].search.get("q")!,
      /^SELECT Id, Status__c, Tier__c, Sales_Owner__r\.Name, CS_Owner__r\.Name, .* FROM Handoff__c WHERE Closed_At__c >= 2026-11-01T00:00:00Z AND Closed_At__c < 2026-12-01T00:00:00Z$/,
    );
    assert.equal(
      org.calls,
      6,
      "1 composite (counts, first pages of feedback and promises), 3 pages of 3 handoffs, the 2nd pages of 4 feedback and 5 promises",
    );
    assert.ok(
      queries.slice(1).every((q) => /\/query\/01g\w+-\d+$/.test(q.path)),
      "later pages must follow nextRecordsUrl",
    );
    for (const f of ["metrics.md", "metrics.csv", "metrics.json", "metrics.html"])
      assert.ok(existsSync(join(out, f)), `${f} missing`);
    const html = readFileSync(join(out, "metrics.html"), "utf8");
    assert.match(
      html,
      /<svg[^>]*aria-label="Median hours from close to submitted handoff\. High-Touch: 24 h; Low-Touch: 27 h"/,
      "the chart must show the tier medians",
    );
    assert.doesNotMatch(html, /<script|<link|src=|href=/i, "the page must be self-contained");
  });
});

// 2,500 handoffs: hours to handoff (i % 50) + 1, i = 0..2499, so every value 1..50 occurs 50 times.
// All: median (ranks 1250, 1251 -> 25, 26) 25.5; p90 rank 2250 -> 45. High-Touch (even i): odd values 1..49,
// 50 each: median 25, p90 (rank 1125) 45. Low-Touch: even values 2..50: median 26, p90 46.
// CS owner for i % 3 == 0 is 'Pat "PJ" O'Brien, Jr.' (quotes and a comma in the CSV): 834 handoffs.
test("metrics above 2,000 handoffs use a Bulk API 2.0 query job with CSV pages (Sforce-Locator)", async () => {
  const base = Date.parse("2026-11-10T00:00:00Z");
  const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+0000");
  const pj = { Id: "005000000000060AAA", Name: 'Pat "PJ" O\'Brien, Jr.' };
  const many = Array.from({ length: 2500 }, (_, i) =>
    handoff(10000 + i, {
      Tier__c: i % 2 === 0 ? "High-Touch" : "Low-Touch",
      Status__c: "Submitted",
      Sales_Owner__c: DANA,
      CS_Owner__c: i % 3 === 0 ? pj.Id : CASEY,
      Closed_At__c: iso(base),
      Submitted_At__c: iso(base + ((i % 50) + 1) * 3_600_000),
    }),
  );
  await withOrg(
    { records: { User: [...users, pj], Handoff__c: many }, bulkPageSize: 1000, bulkPollsBeforeComplete: 1 },
    async (org, env) => {
      const r = await runScript(
        "metrics.ts",
        ["--json", "--out", join(tempDir("metrics-bulk-"), "r"), "--as-of", "2026-11-26T12:00:00Z"],
        env,
      );
      assert.equal(r.code, 0, describeRun(r));
      const j = r.json!;
      assert.equal(j.mode, "bulk", "2,500 handoffs must be read with the Bulk API 2.0");
      assert.equal(r.stderr, "", "--json keeps stderr quiet: no progress lines");
      assert.equal(j.handoffs, 2500, "every record of every CSV page must be read (pages carry their own header row)");
      const all = group(j, "overall", "All handoffs");
      assert.deepEqual([all.hoursToHandoff.median, all.hoursToHandoff.p90], [25.5, 45]);
      const ht = group(j, "tier", "High-Touch");
      const lt = group(j, "tier", "Low-Touch");
      assert.deepEqual(
        [ht.hoursToHandoff.median, ht.hoursToHandoff.p90, lt.hoursToHandoff.median, lt.hoursToHandoff.p90],
        [25, 45, 26, 46],
      );
      assert.equal(
        group(j, "csm", 'Pat "PJ" O\'Brien, Jr.').handoffs,
        834,
        "quoted CSV values with commas and quotes must be read intact",
      );

      const paths = org.requests.map(
        (q) =>
          `${q.method} ${q.path.replace(/^\/services\/data\/v66\.0/, "")}${q.search.get("locator") ? `?locator=${q.search.get("locator")}` : ""}`,
      );
      assert.equal(paths[1], "POST /jobs/query", `the second call must create the query job: ${paths.join(", ")}`);
      assert.equal((org.requests[1].body as { operation: string; query: string }).operation, "query");
      assert.match(
        (org.requests[1].body as { query: string }).query,
        /^SELECT Id, Status__c, .* FROM Handoff__c$/,
        "the job runs the handoff SOQL",
      );
      assert.equal(
        paths.filter((p) => /^GET \/jobs\/query\/\w+$/.test(p)).length,
        2,
        "polled until JobComplete (one InProgress, then complete)",
      );
      const resultCalls = paths.filter((p) => p.includes("/results"));
      assert.equal(resultCalls.length, 3, `3 CSV pages of at most 1,000 records: ${resultCalls.join(", ")}`);
      assert.ok(
        !resultCalls[0].includes("locator") && resultCalls[1].includes("locator") && resultCalls[2].includes("locator"),
        "pages after the first follow Sforce-Locator",
      );
      assert.equal(org.calls, 7, "1 composite (counts, feedback, promises) + create + 2 polls + 3 pages");

      // Without --json, long work reports its progress on stderr: job state, pages read, rows per second.
      const chatty = await runScript(
        "metrics.ts",
        ["--out", join(tempDir("metrics-bulk-"), "r"), "--as-of", "2026-11-26T12:00:00Z"],
        env,
      );
      assert.equal(chatty.code, 0, describeRun(chatty));
      assert.match(chatty.stderr, /2500 handoffs: using Bulk API 2\.0/);
      assert.match(chatty.stderr, /bulk job 750\w+: InProgress, 0 handoffs so far/, "the job state while it runs");
      assert.match(chatty.stderr, /bulk job 750\w+: JobComplete, 2500 handoffs so far/);
      assert.match(chatty.stderr, /1000 handoffs read, 1 result page, \d+ rows\/s/);
      assert.match(chatty.stderr, /2500 handoffs read, 3 result pages, \d+ rows\/s/, "pages read and rows per second");
      assert.doesNotMatch(chatty.stdout, /bulk job/, "progress never goes to stdout");
    },
  );
});

test("metrics on an org without the Handoff__c object say what to deploy", async () => {
  const org = new FakeSalesforce({ schema: orgSchema(false), records: { User: users } });
  const url = await org.start();
  try {
    const r = await runScript("metrics.ts", ["--json", "--quiet"], {
      SF_INSTANCE_URL: url,
      SF_ACCESS_TOKEN: org.accessToken,
    });
    assert.equal(r.code, 1, describeRun(r));
    assert.match(
      r.stderr,
      /not in this org.*sObject type 'Handoff__c' is not supported.*sf project deploy start/,
      "the message must name the missing object and the fix",
    );
    assert.equal(r.json!.errorCode, "INVALID_TYPE");
  } finally {
    await org.stop();
  }
});

test("--since after --until is a usage error", async () => {
  const r = await runScript("metrics.ts", ["--since", "2026-12-01", "--until", "2026-11-01"], {
    SF_INSTANCE_URL: "http://127.0.0.1:9",
    SF_ACCESS_TOKEN: "x",
  });
  assert.equal(r.code, 1, describeRun(r));
  assert.match(r.stderr, /--since 2026-12-01 is after --until 2026-11-01/);
});

test("an org without Handoff_Feedback__c and Handoff_Promise__c still gets its handoff figures, with a warning", async () => {
  const schema = orgSchema(true);
  delete schema.Handoff_Feedback__c;
  delete schema.Handoff_Promise__c;
  const { Handoff_Feedback__c: _f, Handoff_Promise__c: _p, ...records } = smallOrg();
  const org = new FakeSalesforce({ schema, records });
  await org.start();
  try {
    const r = await runScript(
      "metrics.ts",
      ["--json", "--out", join(tempDir("metrics-old-"), "r"), "--since", "2026-11-01", "--until", "2026-11-30"],
      { SF_INSTANCE_URL: org.instanceUrl, SF_ACCESS_TOKEN: org.accessToken },
    );
    assert.equal(r.code, 0, describeRun(r));
    assert.equal(r.json!.handoffs, 7);
    assert.equal(r.json!.feedback, undefined, "no feedback figures without the object");
    assert.deepEqual(r.json!.warnings, [
      "Handoff_Feedback__c is not in this org (deploy the app's latest version): its figures are left out.",
      "Handoff_Promise__c is not in this org (deploy the app's latest version): its figures are left out.",
    ]);
  } finally {
    await org.stop();
  }
});

// Issue 16: the customers' survey ratings by the handoff's tier, rep and CSM, and the share of recaps the customer
// confirmed as captured. Hand count: customer ratings 5 (handoff 1), 3 (2), 4 and 2 (3, two contacts); recap
// outcomes Confirmed (1, 3), Corrected (2), No Answer (4), none asked (5, 6, 7).
test("metrics: customer CSAT by tier, rep and CSM, and the customer-confirmed share by rep and tier", async () => {
  const records = smallOrg();
  const outcome: Record<string, string> = { 1: "Confirmed", 2: "Corrected", 3: "Confirmed", 4: "No Answer" };
  records.Handoff__c = records.Handoff__c.map((h, i) => ({ ...h, Customer_Confirmation__c: outcome[i + 1] ?? null }));
  const customer = (n: number, rating: number) => ({
    Handoff__c: `a0H00000000000${n}AAA`,
    Rating__c: rating,
    Respondent_Type__c: "Customer",
  });
  records.Handoff_Feedback__c = [
    ...records.Handoff_Feedback__c,
    customer(1, 5),
    customer(2, 3),
    customer(3, 4),
    customer(3, 2),
    customer(8, 1), // October: outside the period
  ];
  await withOrg({ records }, async (_org, env) => {
    const r = await runScript(
      "metrics.ts",
      [
        "--since",
        "2026-11-01",
        "--until",
        "2026-11-30",
        "--as-of",
        "2026-11-26T12:00:00Z",
        "--json",
        "--out",
        join(tempDir("metrics-"), "r"),
      ],
      env,
    );
    assert.equal(r.code, 0, describeRun(r));
    const j = r.json!;
    assert.deepEqual(
      j.feedback.customerBy.map((c: Record<string, unknown>) => [
        c.dimension,
        c.group,
        c.responses,
        c.averageRating,
        c.csatPct,
      ]),
      [
        ["tier", "High-Touch", 2, 4, 50],
        ["tier", "Low-Touch", 2, 3, 50],
        ["rep", "Dana Whitfield", 3, 3.67, 66.7],
        ["rep", "Marcus Lee", 1, 3, 0],
        ["csm", "Casey CSM", 2, 4, 50],
        ["csm", "Devon CSM", 2, 3, 50],
      ],
      "customer survey ratings only (not the reps' and CSMs' own), grouped by the rated handoff's tier, rep and CSM",
    );
    const recap = (dimension: string, name: string) => {
      const g = group(j, dimension, name);
      return [g.recapAnswered, g.customerConfirmed, g.customerConfirmedPct];
    };
    assert.deepEqual(recap("overall", "All handoffs"), [4, 2, 50], "2 of the 4 answered recaps were confirmed");
    assert.deepEqual(recap("rep", "Dana Whitfield"), [2, 2, 100], "Dana's customers confirmed both recaps");
    assert.deepEqual(recap("rep", "Marcus Lee"), [2, 0, 0], "Marcus: one corrected, one unanswered");
    assert.deepEqual(recap("tier", "High-Touch"), [2, 1, 50]);
    assert.deepEqual(recap("tier", "Low-Touch"), [2, 1, 50]);
    assert.deepEqual(recap("csm", "(no CS owner)"), [0, 0, null], "no recap outcome: no share, not 0 %");
  });
});
