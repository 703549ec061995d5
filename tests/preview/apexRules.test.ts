// The preview's Apex stand-in must apply the same status rules as the Apex it stands in for, or the preview would
// let a CSM do what the org refuses. This test reads the rule sets and limits from the Apex source and compares
// them with preview/modules/preview/apexRules/apexRules.js. The panel's own copy of the action rules (which buttons
// it enables) is held to the same Apex by tests/intake/actionRules.test.ts, with the same reader.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_SOURCE } from "../../scripts/lib/forceApp.ts";
import { readApexRules, type ApexRules } from "../intake/actionRules.ts";
import { APEX_INTEGERS, APEX_SETS } from "../../preview/modules/preview/apexRules/apexRules.js";

const CLASSES = ["HandoffIntakeService", "HandoffIntakeSelector", "HandoffPromiseService"];
const STAND_IN = "preview/modules/preview/apexRules/apexRules.js";

function compareWithStandIn(
  apex: ApexRules,
  standInSets: Record<string, string[]>,
  standInIntegers: Record<string, number>,
): string[] {
  const problems: string[] = [];
  for (const [name, standIn] of Object.entries(standInSets)) {
    const actual = apex.sets.get(name);
    if (!actual) {
      problems.push(`${name}: no such Set<String> in the Apex source any more; update ${STAND_IN}`);
    } else if ([...actual].sort().join("|") !== [...standIn].sort().join("|")) {
      problems.push(`${name}: the Apex has [${actual.join(", ")}] but ${STAND_IN} has [${standIn.join(", ")}]`);
    }
  }
  for (const [name, standIn] of Object.entries(standInIntegers)) {
    const actual = apex.integers.get(name);
    if (actual !== standIn) {
      problems.push(`${name}: the Apex has ${actual ?? "no such constant"} but ${STAND_IN} has ${standIn}`);
    }
  }
  return problems;
}

function apexSource(className: string): string {
  return readFileSync(join(DEFAULT_SOURCE, "classes", `${className}.cls`), "utf8");
}

function merge(rules: ApexRules[]): ApexRules {
  return {
    sets: new Map(rules.flatMap((r) => [...r.sets])),
    integers: new Map(rules.flatMap((r) => [...r.integers])),
  };
}

describe("Apex stand-in rules", () => {
  it("match the status sets and limits of the intake Apex classes", () => {
    const apex = merge(CLASSES.map((name) => readApexRules(name, apexSource(name))));
    const problems = compareWithStandIn(apex, APEX_SETS, APEX_INTEGERS);
    assert.deepEqual(problems, [], `the preview's Apex stand-in has drifted from the Apex:\n${problems.join("\n")}`);
  });

  it("name the rule and both values when the Apex changes", () => {
    const changed = apexSource("HandoffIntakeService").replace(
      /(ACCEPT_FROM = new Set<String>\{[^}]*?),\s*STATUS_ESCALATED/,
      "$1",
    );
    assert.notEqual(
      changed,
      apexSource("HandoffIntakeService"),
      "ACCEPT_FROM no longer lists STATUS_ESCALATED: update this test",
    );
    const apex = merge([
      readApexRules("HandoffIntakeService", changed),
      readApexRules("HandoffIntakeSelector", apexSource("HandoffIntakeSelector")),
      readApexRules("HandoffPromiseService", apexSource("HandoffPromiseService")),
    ]);
    const problems = compareWithStandIn(apex, APEX_SETS, APEX_INTEGERS);
    assert.deepEqual(
      problems,
      [
        "HandoffIntakeService.ACCEPT_FROM: the Apex has [Submitted, Info Requested] but " +
          `${STAND_IN} has [Submitted, Info Requested, Escalated]`,
      ],
      "a CSM could accept an escalated handoff in the preview but not in the org: the test must say so",
    );
  });

  it("report a rule the Apex no longer has, and a changed limit", () => {
    const apex = merge(CLASSES.map((name) => readApexRules(name, apexSource(name))));
    apex.sets.delete("HandoffIntakeSelector.TEAM_SCOPES");
    apex.integers.set("HandoffIntakeSelector.MAX_PAGE_SIZE", 100);
    const problems = compareWithStandIn(apex, APEX_SETS, APEX_INTEGERS);
    assert.deepEqual(problems, [
      `HandoffIntakeSelector.TEAM_SCOPES: no such Set<String> in the Apex source any more; update ${STAND_IN}`,
      `HandoffIntakeSelector.MAX_PAGE_SIZE: the Apex has 100 but ${STAND_IN} has 200`,
    ]);
  });
});
