// The CS intake panel disables the actions a handoff's status does not allow. Its rules (ACTION_ALLOWED_FROM in
// csIntakeModel.ts) must be exactly HandoffIntakeService's: a status missing on the client hides an action the CSM
// needs; one too many offers a button the server refuses.
import { afterEach, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  SERVICE_CLASS,
  actionRuleProblems,
  apexClassPath,
  modelPath,
  readApexClassRules,
  readClientActionMap,
} from "./actionRules.ts";
import { copyForceApp, editFile, makeTempDir, removeTempDir, replaceOnce } from "../lib/tempTree.ts";

function problemsIn(source?: string): string[] {
  return actionRuleProblems(
    readApexClassRules(SERVICE_CLASS, source),
    readClientActionMap(readFileSync(modelPath(source), "utf8")),
  );
}

describe("intake action rules, as committed", () => {
  it("the panel allows each action from exactly the statuses HandoffIntakeService accepts it from", () => {
    const client = readClientActionMap(readFileSync(modelPath(), "utf8"));
    assert.deepEqual(
      [...client.keys()].sort(),
      ["accept", "escalate", "firstTouch", "requestInfo", "return"],
      "ACTION_ALLOWED_FROM must cover the five intake actions",
    );
    const problems = problemsIn();
    assert.deepEqual(problems, [], `csIntakeModel.ts and ${SERVICE_CLASS}.cls disagree:\n${problems.join("\n")}`);
  });
});

describe("intake action rules catch drift", () => {
  let dir: string;
  let source: string;

  // A fresh copy per test: each breaks it in one way and expects only that break reported.
  beforeEach(() => {
    dir = makeTempDir("intake-action-rules");
    source = join(copyForceApp(dir), "main/default");
  });
  afterEach(() => removeTempDir(dir));

  it("names the action and status when the Apex starts allowing escalation of an accepted handoff", () => {
    editFile(apexClassPath(SERVICE_CLASS, source), (apex) =>
      replaceOnce(apex, /(ESCALATE_FROM = new Set<String>\{)/, "$1\n    STATUS_ACCEPTED,"),
    );
    assert.deepEqual(problemsIn(source), [
      `action "escalate", status "Accepted": ${SERVICE_CLASS}.ESCALATE_FROM allows it but ACTION_ALLOWED_FROM.escalate does not (the panel disables what the server would do)`,
    ]);
  });

  it("names the action and status when the panel offers Accept on a status the server refuses", () => {
    editFile(modelPath(source), (model) =>
      replaceOnce(model, 'accept: ["Submitted",', 'accept: ["Submitted", "Returned",'),
    );
    const problems = problemsIn(source);
    assert.ok(
      problems.includes(
        `action "accept", status "Returned": ACTION_ALLOWED_FROM.accept allows it but ${SERVICE_CLASS}.ACCEPT_FROM does not (the panel offers what the server refuses)`,
      ),
      `expected the extra "Returned" on accept to be reported, got:\n${problems.join("\n")}`,
    );
  });

  it("says so when the panel drops an action or the map is replaced by something it cannot read", () => {
    const model = readFileSync(modelPath(source), "utf8");
    const withoutFirstTouch = replaceOnce(
      model,
      /\n\s*firstTouch: \["Submitted", "Info Requested", "Escalated", "Accepted"\],/,
      "",
    );
    assert.deepEqual(
      actionRuleProblems(readApexClassRules(SERVICE_CLASS, source), readClientActionMap(withoutFirstTouch)),
      [
        `action "firstTouch": ACTION_ALLOWED_FROM has no entry, so the panel cannot tell when ${SERVICE_CLASS}.FIRST_TOUCH_FROM allows it`,
      ],
    );
    assert.throws(
      () =>
        readClientActionMap(
          replaceOnce(model, "export const ACTION_ALLOWED_FROM", "export const ACTIONS_FROM_STATUS"),
          "csIntakeModel.ts",
        ),
      /csIntakeModel\.ts: no ACTION_ALLOWED_FROM constant/,
    );
    assert.throws(
      () => readClientActionMap(replaceOnce(model, 'return: ["Submitted",', "return: [SUBMITTED,")),
      /ACTION_ALLOWED_FROM\.return holds SUBMITTED; write the status as a string/,
    );
  });
});
