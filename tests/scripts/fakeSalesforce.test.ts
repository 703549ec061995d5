// The local Salesforce API server must answer in the documented shapes, or the script tests prove
// nothing. jsforce's own query paging is used as a second opinion on the query contract.
import { test } from "node:test";
import assert from "node:assert/strict";
import jsforce from "jsforce";
import { FakeSalesforce, parseSoql } from "../../testkit/fake-salesforce/fakeSalesforce.ts";
import { orgSchema } from "../../testkit/fake-salesforce/orgFixture.ts";

async function withServer(
  body: (org: FakeSalesforce, get: (path: string, init?: RequestInit) => Promise<Response>) => Promise<void>,
) {
  const org = new FakeSalesforce({
    schema: orgSchema(true),
    records: { Account: Array.from({ length: 5 }, (_, i) => ({ Name: `Account ${i + 1}` })) },
    queryPageSize: 2,
  });
  const url = await org.start();
  const get = (path: string, init: RequestInit = {}) =>
    fetch(url + path, {
      ...init,
      headers: {
        Authorization: `Bearer ${org.accessToken}`,
        "Content-Type": "application/json",
        ...(init.headers ?? {}),
      },
    });
  try {
    await body(org, get);
  } finally {
    await org.stop();
  }
}

test("query: {totalSize, done, records[{attributes{type,url}}], nextRecordsUrl}; jsforce pages through it", async () => {
  await withServer(async (org, get) => {
    const page = (await (
      await get(`/services/data/v66.0/query?q=${encodeURIComponent("SELECT Id, Name FROM Account ORDER BY Name DESC")}`)
    ).json()) as Record<string, any>;
    assert.deepEqual(Object.keys(page).sort(), ["done", "nextRecordsUrl", "records", "totalSize"]);
    assert.deepEqual([page.totalSize, page.done, page.records.length], [5, false, 2]);
    assert.equal(page.records[0].attributes.type, "Account");
    assert.match(page.records[0].attributes.url, /^\/services\/data\/v66\.0\/sobjects\/Account\/001\w{15}$/);
    assert.equal(page.records[0].Name, "Account 5", "ORDER BY Name DESC");
    const conn = new jsforce.Connection({
      instanceUrl: org.instanceUrl,
      accessToken: org.accessToken,
      version: "66.0",
    });
    const all: unknown[] = [];
    await new Promise((resolve, reject) =>
      conn
        .query("SELECT Id FROM Account")
        .on("record", (r) => all.push(r))
        .on("end", resolve)
        .on("error", reject)
        .run({ autoFetch: true, maxFetch: 100 }),
    );
    assert.equal(all.length, 5, "jsforce must follow nextRecordsUrl to the last page");
  });
});

test("errors: 401 INVALID_SESSION_ID, 400 INVALID_FIELD / INVALID_TYPE as [{message, errorCode, fields}]", async () => {
  await withServer(async (_org, get) => {
    const expired = await get("/services/data/v66.0/query?q=SELECT+Id+FROM+Account", {
      headers: { Authorization: "Bearer nope" },
    });
    assert.equal(expired.status, 401);
    assert.deepEqual(await expired.json(), [
      { message: "Session expired or invalid", errorCode: "INVALID_SESSION_ID", fields: [] },
    ]);
    const badField = await get(`/services/data/v66.0/query?q=${encodeURIComponent("SELECT Nope__c FROM Account")}`);
    assert.equal(badField.status, 400);
    assert.equal(((await badField.json()) as { errorCode: string }[])[0].errorCode, "INVALID_FIELD");
    const badType = await get(`/services/data/v66.0/query?q=${encodeURIComponent("SELECT Id FROM Nope__c")}`);
    assert.equal(((await badType.json()) as { errorCode: string }[])[0].errorCode, "INVALID_TYPE");
  });
});

test("composite graph: a failed node rolls its graph back and halts the rest of that graph only", async () => {
  await withServer(async (org, get) => {
    const res = await get("/services/data/v66.0/composite/graph", {
      method: "POST",
      body: JSON.stringify({
        graphs: [
          {
            graphId: "ok",
            compositeRequest: [
              {
                method: "POST",
                url: "/services/data/v66.0/sobjects/Account",
                referenceId: "a",
                body: { Name: "Graph A" },
              },
              {
                method: "POST",
                url: "/services/data/v66.0/sobjects/Contact",
                referenceId: "c",
                body: { LastName: "X", AccountId: "@{a.id}" },
              },
            ],
          },
          {
            graphId: "bad",
            compositeRequest: [
              {
                method: "POST",
                url: "/services/data/v66.0/sobjects/Account",
                referenceId: "b",
                body: { Name: "Graph B" },
              },
              { method: "POST", url: "/services/data/v66.0/sobjects/Contact", referenceId: "d", body: { Nope__c: 1 } },
            ],
          },
        ],
      }),
    });
    const body = (await res.json()) as {
      graphs: {
        graphId: string;
        isSuccessful: boolean;
        graphResponse: { compositeResponse: { httpStatusCode: number; body: any }[] };
      }[];
    };
    assert.deepEqual(
      body.graphs.map((g) => [g.graphId, g.isSuccessful]),
      [
        ["ok", true],
        ["bad", false],
      ],
    );
    assert.equal(
      org.records("Contact")[0].AccountId,
      org.records("Account").find((a) => a.Name === "Graph A")!.Id,
      "@{a.id} must resolve to the new account",
    );
    assert.ok(
      !org.records("Account").some((a) => a.Name === "Graph B"),
      "the failed graph's account must be rolled back",
    );
    assert.equal(body.graphs[1].graphResponse.compositeResponse[0].body[0].errorCode, "PROCESSING_HALTED");
  });
});

test("Bulk API 2.0: job JSON, then CSV pages with Sforce-Locator and Sforce-NumberOfRecords", async () => {
  await withServer(async (org, get) => {
    org.bulkPageSize = 2;
    const job = (await (
      await get("/services/data/v66.0/jobs/query", {
        method: "POST",
        body: JSON.stringify({ operation: "query", query: "SELECT Id, Name FROM Account" }),
      })
    ).json()) as Record<string, string>;
    assert.deepEqual(
      [job.state, job.operation, job.contentType, job.object],
      ["UploadComplete", "query", "CSV", "Account"],
    );
    const status = (await (await get(`/services/data/v66.0/jobs/query/${job.id}`)).json()) as Record<string, unknown>;
    assert.equal(status.state, "JobComplete");
    const first = await get(`/services/data/v66.0/jobs/query/${job.id}/results`);
    assert.equal(first.headers.get("content-type"), "text/csv");
    assert.equal(first.headers.get("sforce-numberofrecords"), "2");
    assert.equal((await first.text()).split("\n")[0], '"Id","Name"', "each page starts with the header row");
    let locator = first.headers.get("sforce-locator");
    let pages = 1;
    while (locator && locator !== "null") {
      locator = (await get(`/services/data/v66.0/jobs/query/${job.id}/results?locator=${locator}`)).headers.get(
        "sforce-locator",
      );
      pages++;
    }
    assert.equal(pages, 3, "5 records in pages of 2; the last page's locator is the string 'null'");
  });
});

test("the SOQL subset parses what the scripts send", () => {
  const q = parseSoql(
    "SELECT Id, Account.Name FROM Opportunity WHERE IsWon = true AND (Type = 'New' OR Amount >= 5) AND Id NOT IN ('a', 'b') ORDER BY CloseDate DESC LIMIT 15",
  );
  assert.deepEqual(
    [q.object, q.fields, q.limit, q.orderBy[0]],
    ["Opportunity", ["Id", "Account.Name"], 15, { field: "CloseDate", desc: true, nullsLast: true }],
  );
  assert.throws(
    () => parseSoql("SELECT Id FROM Account WHERE Name ~ 'x'"),
    /unsupported operator|unexpected/,
    "an unsupported query must fail loudly, not match everything",
  );
});

test("generated records: a million-row org is made page by page, filtered, and never stored", async () => {
  const org = new FakeSalesforce({
    schema: orgSchema(true),
    generated: {
      Handoff__c: { count: 1_000_000, make: (i) => ({ Tier__c: i % 4 === 0 ? "High-Touch" : "Low-Touch" }) },
    },
  });
  const url = await org.start();
  const call = (path: string, init: RequestInit = {}) =>
    fetch(url + "/services/data/v66.0" + path, {
      ...init,
      headers: { Authorization: `Bearer ${org.accessToken}`, "Content-Type": "application/json" },
    });
  try {
    const count = (await (
      await call(`/query?q=${encodeURIComponent("SELECT COUNT() FROM Handoff__c WHERE Tier__c = 'High-Touch'")}`)
    ).json()) as { totalSize: number };
    assert.equal(count.totalSize, 250_000, "COUNT() must apply the WHERE clause to generated records");
    const job = (await (
      await call("/jobs/query", {
        method: "POST",
        body: JSON.stringify({ operation: "query", query: "SELECT Id, Tier__c FROM Handoff__c" }),
      })
    ).json()) as { id: string };
    await call(`/jobs/query/${job.id}`);
    const page = await call(`/jobs/query/${job.id}/results?maxRecords=100000`);
    const lines = (await page.text()).trimEnd().split("\n");
    assert.equal(lines.length, 100_001, "a header row and 100,000 generated rows");
    assert.match(lines[1], /^a0HG\d{11}AAA,High-Touch$/, "generated rows carry a derived Id and their fields");
    assert.equal(page.headers.get("sforce-locator"), Buffer.from("100000").toString("base64"));
    assert.equal(org.records("Handoff__c").length, 0, "generated records must not be kept by the server");
  } finally {
    await org.stop();
  }
});
