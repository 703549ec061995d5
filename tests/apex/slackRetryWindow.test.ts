// The shipped settings retry a failed Slack message for at least 24 hours; a copy whose Default record or Apex
// default gives up sooner is refused with a message that says what to raise.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { editFile, replaceOnce, withSourceCopy } from "../lib/tempTree.ts";
import { MIN_RETRY_WINDOW_MINUTES, parseBackoff, retryWindowProblem, shippedRetryWindow } from "./slackRetryWindow.ts";

const DEFAULT_RECORD = "customMetadata/Handoff_Setting.Default.md-meta.xml";

test("the shipped Slack retries last more than a day", () => {
  const window = shippedRetryWindow();
  assert.equal(retryWindowProblem(window), null);
  assert.ok(window.windowMinutes >= MIN_RETRY_WINDOW_MINUTES, `window ${window.windowMinutes} min`);
  assert.deepEqual(window.backoffMinutes, [5, 30, 120, 360, 720], "5 min, 30 min, 2 h, 6 h, 12 h");
});

test("broken copy: Slack Max Attempts 3 in the Default record gives up after 35 minutes and is refused", () => {
  const problem = withSourceCopy(
    "slack-retry-",
    (source) =>
      editFile(join(source, DEFAULT_RECORD), (c) =>
        replaceOnce(c, /(<field>Slack_Max_Attempts__c<\/field>\s*<value xsi:type="xsd:double">)\d+/, "$13"),
      ),
    (source) => retryWindowProblem(shippedRetryWindow(source)),
  );
  assert.match(String(problem), /give up after 35 minutes \(3 attempts, back-off 5;30;120;360;720 min\)/);
});

test("broken copy: a blank Default record falls back to an Apex default that was cut to 3 attempts, and is refused", () => {
  const problem = withSourceCopy(
    "slack-retry-",
    (source) => {
      editFile(join(source, DEFAULT_RECORD), (c) =>
        replaceOnce(
          c,
          /(<field>Slack_Max_Attempts__c<\/field>\s*)<value xsi:type="xsd:double">\d+<\/value>/,
          '$1<value xsi:nil="true" />',
        ),
      );
      editFile(join(source, "classes/HandoffSettings.cls"), (c) =>
        replaceOnce(c, /DEFAULT_SLACK_MAX_ATTEMPTS = \d+;/, "DEFAULT_SLACK_MAX_ATTEMPTS = 3;"),
      );
    },
    (source) => retryWindowProblem(shippedRetryWindow(source)),
  );
  assert.match(String(problem), /give up after 35 minutes \(3 attempts/);
});

test("a back-off that is not a list of whole minutes reads as the default, as the Apex does", () => {
  const fallback = [5, 30];
  for (const bad of ["abc", "5;;30", "0;30", "5,30", "999999"]) {
    assert.deepEqual(parseBackoff(bad, fallback), fallback, `"${bad}" falls back to the default`);
  }
  assert.deepEqual(parseBackoff(" 10 ; 60 ", fallback), [10, 60], "spaces around values are allowed");
});
