// The preview's Apex stand-in builds handoff rows (preview/modules/preview/handoffRow) the way the recorded Apex
// responses, the Jest fixtures of csIntakePanel, say HandoffIntakeController does: the same fields, and for a handoff
// in the same state the same actions, clock owner, Sales side and clock label. A change to the stand-in's logic that
// the Apex did not make fails here, naming the handoff and the field. The recordings' actions are themselves held to
// HandoffLifecycle: tests/lifecycle/recordedLifecycle.test.ts and the generated HandoffLifecycleRecorded_Test.
import { afterEach, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { DEFAULT_SOURCE, PROJECT_ROOT } from "../../scripts/lib/forceApp.ts";
import * as standIn from "../../preview/modules/preview/handoffRow/handoffRow.js";
import { editFile, makeTempDir, removeTempDir, replaceOnce } from "../lib/tempTree.ts";

type Row = Record<string, unknown> & {
  id: string;
  name: string;
  status: string | null;
  firstTouchAt: string | null;
  salesSide: boolean;
  actions: { name: string; allowed: boolean; disabledReason: string | null }[];
};
type StandIn = typeof standIn;

const FIXTURES = join(DEFAULT_SOURCE, "lwc/csIntakePanel/__tests__/data");
const STAND_IN = join(PROJECT_ROOT, "preview/modules/preview/handoffRow/handoffRow.js");

function fixture(name: string): { rows?: Row[]; handoff?: Row } {
  return JSON.parse(readFileSync(join(FIXTURES, name), "utf8"));
}

// Every handoff row the recorded responses hold: one per lifecycle state, and those of the lists and the intake.
const LIFECYCLE = fixture("lifecycleRows.json").rows ?? [];
const RECORDED: Row[] = [
  ...LIFECYCLE,
  ...(fixture("myHandoffs.json").rows ?? []),
  ...(fixture("teamHandoffs.json").rows ?? []),
  fixture("intake.json").handoff as Row,
];

// The store record the stand-in would read for the handoff behind a recorded row. Submitted_At__c is not in a row:
// an Escalated handoff is on the Sales side only when it was never submitted, which the row's salesSide records.
function recordBehind(row: Row): { id: string; fields: Record<string, unknown> } {
  return {
    id: row.id,
    fields: {
      Name: row.name,
      Status__c: row.status,
      Tier__c: row.tier,
      Opportunity__c: row.opportunityId,
      CS_Owner__c: row.csOwnerId,
      Escalation_Level__c: row.escalationLevel,
      First_Touch_At__c: row.firstTouchAt,
      Current_SLA_Due_At__c: row.dueAt,
      Recap_Sent_At__c: row.recapSentAt,
      Customer_Confirmation__c: row.customerConfirmation,
      Submitted_At__c: row.status === "Escalated" && row.salesSide ? null : "2026-11-20T09:00:00.000Z",
    },
  };
}

function standInProblems(implementation: StandIn): string[] {
  const problems: string[] = [];
  for (const recorded of RECORDED) {
    const built = implementation.toHandoffRow(
      recordBehind(recorded),
      {
        names: {
          account: recorded.accountName as string | null,
          opportunity: recorded.opportunityName as string | null,
          csOwner: recorded.csOwnerName as string | null,
          salesOwner: recorded.salesOwnerName as string | null,
        },
        amount: recorded.amount as number | null,
        brokenPromiseCount: recorded.brokenPromiseCount as number,
      },
      LIFECYCLE,
    );
    const where = `${recorded.name} (${recorded.status}${recorded.firstTouchAt ? ", first touch logged" : ""})`;
    const expectedKeys = Object.keys(recorded).sort().join(", ");
    const builtKeys = Object.keys(built).sort().join(", ");
    if (builtKeys !== expectedKeys)
      problems.push(`${where}: the stand-in's row has [${builtKeys}], Apex's [${expectedKeys}]`);
    for (const field of Object.keys(recorded)) {
      const [want, got] = [JSON.stringify(recorded[field]), JSON.stringify(built[field])];
      if (want !== got)
        problems.push(`${where}: ${field} is ${got} in the preview but ${want} in the recorded Apex response`);
    }
  }
  return problems;
}

describe("the preview's Apex stand-in against the recorded Apex responses", () => {
  it("builds every recorded handoff row with the same fields and the same actions, clock owner and side", () => {
    assert.ok(LIFECYCLE.length >= 8, "lifecycleRows.json must record a row per lifecycle state");
    const problems = standInProblems(standIn);
    assert.deepEqual(problems, [], `the preview's handoff rows differ from what Apex returns:\n${problems.join("\n")}`);
  });

  it("records every lifecycle state once, each with the intake actions in display order", () => {
    const states = LIFECYCLE.map(
      (row) =>
        `${row.status}|${row.firstTouchAt ? "touched" : "untouched"}|${row.salesSide}|${row.recapSentAt ? "sent" : "unsent"}|${row.customerConfirmation}`,
    );
    assert.equal(new Set(states).size, states.length, `a lifecycle state is recorded twice: ${states.join(", ")}`);
    for (const row of RECORDED) {
      assert.deepEqual(
        row.actions.map((action) => action.name),
        ["accept", "requestInfo", "return", "escalate", "firstTouch", "planKickoff", "sendRecap", "recordRecapAnswer"],
        `${row.name}: Apex sends the intake actions in display order`,
      );
    }
  });
});

describe("the stand-in check catches drift", () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir("apex-stand-in");
  });
  afterEach(() => removeTempDir(dir));

  async function mutated(find: string | RegExp, replacement: string): Promise<StandIn> {
    const copy = join(dir, "handoffRow.js");
    copyFileSync(STAND_IN, copy);
    editFile(copy, (code) => replaceOnce(code, find, replacement));
    return import(pathToFileURL(copy).href);
  }

  it("names the handoff and field when the stand-in forgets that a logged first touch ends Log first touch", async () => {
    const broken = await mutated('firstTouchAt ? "first touch logged" : "no first touch"', '"no first touch"');
    const problems = standInProblems(broken);
    assert.ok(
      problems.some((p) => /HO-00022 \(Submitted, first touch logged\): actions is .* in the preview but/.test(p)),
      `expected the touched Submitted handoff's actions to be reported, got:\n${problems.join("\n")}`,
    );
  });

  it("names the handoff when the stand-in lets a confirmed recap be answered again", async () => {
    const broken = await mutated(
      'customerConfirmation === "Confirmed" || customerConfirmation === "Corrected" ? "recap answered" : "recap open"',
      '"recap open"',
    );
    const problems = standInProblems(broken);
    assert.ok(
      problems.some((p) =>
        /^HO-00030 \(Accepted\): actions is .*"recordRecapAnswer","allowed":true.* in the preview but/.test(p),
      ),
      `expected the confirmed recap's Record customer answer to be reported, got:\n${problems.join("\n")}`,
    );
  });

  it("says so when the stand-in puts a returned handoff on the CS side", async () => {
    const broken = await mutated('["Draft", "Info Requested", "Returned"]', '["Draft", "Info Requested"]');
    const problems = standInProblems(broken);
    assert.ok(
      problems.includes(
        "HO-00024 (Returned): salesSide is false in the preview but true in the recorded Apex response",
      ),
      `expected the Returned handoff's side to be reported, got:\n${problems.join("\n")}`,
    );
  });

  it("says so when the stand-in's row loses or gains a field", async () => {
    const broken = await mutated("    salesSide,\n", "    salesSide,\n    ownerEmail: null,\n");
    assert.match(standInProblems(broken).join("\n"), /the stand-in's row has \[.*ownerEmail.*\], Apex's/);
  });
});
