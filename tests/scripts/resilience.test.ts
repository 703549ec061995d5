// What a command does when the org misbehaves: maintenance pages, server errors, dropped connections and
// silence are retried with growing, bounded waits; an org that cannot be reached, or keeps failing, ends
// in one line that says what to do. The waits are injected so the tests do not sleep.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { join } from "node:path";
import { FakeSalesforce } from "../../testkit/fake-salesforce/fakeSalesforce.ts";
import { orgSchema } from "../../testkit/fake-salesforce/orgFixture.ts";
import { describeRun, runScript, tempDir } from "./support/run.ts";
import { SalesforceClient, SalesforceError } from "../../scripts/revops/lib/salesforce.ts";

async function withOrg(body: (org: FakeSalesforce) => Promise<void>) {
  const org = new FakeSalesforce({
    schema: orgSchema(true),
    records: { Account: [{ Name: "Acme" }, { Name: "Globex" }] },
  });
  await org.start();
  try {
    await body(org);
  } finally {
    await org.stop();
  }
}

function clientFor(instanceUrl: string, options: ConstructorParameters<typeof SalesforceClient>[1] = {}) {
  const waits: number[] = [];
  const progress: string[] = [];
  const client = new SalesforceClient(
    { instanceUrl, accessToken: "00Dtest!fake-access-token", source: "test" },
    {
      backoffMs: 10,
      maxBackoffMs: 25,
      retries: 4,
      sleep: async (ms) => void waits.push(ms),
      progress: (m) => void progress.push(m),
      ...options,
    },
  );
  return { client, waits, progress };
}

const ACCOUNTS = "SELECT Id, Name FROM Account";

test("a 503 maintenance page (HTML) is retried with growing waits, and the query then succeeds", async () => {
  await withOrg(async (org) => {
    org.failNext("maintenance", 3);
    const { client, waits, progress } = clientFor(org.instanceUrl);
    const result = await client.query(ACCOUNTS);
    assert.equal(result.records.length, 2, "the query must succeed once the org is back");
    assert.deepEqual(waits, [10, 20, 25], "waits double and are capped at maxBackoffMs");
    assert.equal(client.calls, 4, "3 failed attempts and the one that worked are all counted");
    assert.match(progress[0], /HTTP 503 with a web page .*maintenance/, "progress says why it waits");
  });
});

test("a 500 error, a reset connection (ECONNRESET) and a request that never answers are each retried", async () => {
  await withOrg(async (org) => {
    org.failNext("server-error");
    org.failNext("reset");
    org.failNext("hang");
    const { client, waits, progress } = clientFor(org.instanceUrl, { requestTimeoutMs: 300 });
    const result = await client.query(ACCOUNTS);
    assert.equal(result.records.length, 2);
    assert.equal(waits.length, 3, `three retries expected, progress: ${progress.join(" | ")}`);
    assert.match(progress[0], /HTTP 500/);
    assert.match(progress[1], /ECONNRESET/);
    assert.match(progress[2], /timeout/);
  });
});

test("an org that stays in maintenance ends in one clear line after the last retry", async () => {
  await withOrg(async (org) => {
    org.failNext("maintenance", 10);
    const { client, waits } = clientFor(org.instanceUrl, { retries: 2 });
    await assert.rejects(client.query(ACCOUNTS), (e: SalesforceError) => {
      assert.match(e.message, /did not answer properly after 3 attempts .*maintenance.*run the command again later/);
      assert.doesNotMatch(e.message, /\n|<html|error\.data/i, "no HTML and no multi-line jsforce text");
      assert.equal(e.errorCode, "SERVER_UNAVAILABLE");
      return true;
    });
    assert.deepEqual(waits, [10, 20], "bounded: 2 retries, then stop");
  });
});

test("a refused connection and an unknown host say 'cannot reach the org' at once, without retrying", async () => {
  // A port that was free a moment ago and that nothing listens on.
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
  for (const url of [`http://127.0.0.1:${port}`, "http://no-such-org.invalid"]) {
    const { client, waits } = clientFor(url);
    await assert.rejects(client.query(ACCOUNTS), (e: SalesforceError) => {
      assert.match(e.message, /^Cannot reach the org at /, `${url}: ${e.message}`);
      assert.match(e.message, url.includes("invalid") ? /no such host/ : /connection refused/);
      assert.doesNotMatch(e.message, /FetchError|\n/, "no jsforce error class names, one line");
      return true;
    });
    assert.deepEqual(waits, [], "no wait helps when nothing is there");
  }
});

test("the metrics command prints one error line when the org keeps answering with a maintenance page", async () => {
  await withOrg(async (org) => {
    org.failNext("maintenance", 20);
    const r = await runScript("metrics.ts", ["--out", join(tempDir("metrics-503-"), "r")], {
      SF_INSTANCE_URL: org.instanceUrl,
      SF_ACCESS_TOKEN: org.accessToken,
      SF_RETRY_BACKOFF_MS: "1",
      SF_RETRIES: "2",
    });
    assert.equal(r.code, 1, describeRun(r));
    const errors = r.stderr.split("\n").filter((l) => l.startsWith("Error:"));
    assert.equal(errors.length, 1, describeRun(r));
    assert.match(errors[0], /maintenance/);
    assert.doesNotMatch(r.stderr, /<html|HTTP response contains html|error\.data/i, describeRun(r));
  });
});
