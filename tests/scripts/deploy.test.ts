// npm run deploy, offline: fake `sf` and `npm` executables on PATH record each call and answer as the real ones do
// (sf --json envelopes, including its errors), so the tests check the commands, their order and the messages.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT, walkFiles } from "../../scripts/lib/forceApp.ts";
import { apexTestClasses, runDeployCommand } from "../../scripts/admin/lib/deploy.ts";
import { copyForceApp, makeTempDir, removeTempDir, writeFile } from "../lib/tempTree.ts";

// Each call appends "<name> <args>" to calls.log; call n of sf answers with sf-<n>.out / sf-<n>.err and exits with
// sf-<n>.exit when those files exist, otherwise with a successful deploy (on stdout, as sf --json does).
const FAKE_SF = `#!/bin/sh
n=0
[ -f "$FAKE_DIR/sf.count" ] && read n < "$FAKE_DIR/sf.count"
n=$((n + 1))
echo "$n" > "$FAKE_DIR/sf.count"
echo "sf $*" >> "$FAKE_DIR/calls.log"
if [ -f "$FAKE_DIR/sf-$n.out" ]; then
  while IFS= read -r line; do printf '%s\n' "$line"; done < "$FAKE_DIR/sf-$n.out"
elif [ ! -f "$FAKE_DIR/sf-$n.err" ]; then
  echo '{"status":0,"result":{"status":"Succeeded","success":true,"numberComponentsDeployed":12,"numberTestsCompleted":3}}'
fi
if [ -f "$FAKE_DIR/sf-$n.err" ]; then
  while IFS= read -r line; do printf '%s\n' "$line" >&2; done < "$FAKE_DIR/sf-$n.err"
fi
code=0
[ -f "$FAKE_DIR/sf-$n.exit" ] && read code < "$FAKE_DIR/sf-$n.exit"
exit "$code"
`;
const FAKE_NPM = `#!/bin/sh
echo "npm $*" >> "$FAKE_DIR/calls.log"
code=0
[ -f "$FAKE_DIR/npm.exit" ] && read code < "$FAKE_DIR/npm.exit"
[ "$code" != 0 ] && echo "force-app/main/default/lwc/handoffChecklist/handoffChecklist.ts(12,5): error TS2322: Type 'string' is not assignable to type 'number'." >&2
exit "$code"
`;

interface Run {
  code: number;
  out: string[];
  err: string[];
  calls: string[];
}

interface Project {
  root: string;
  fake: string;
  bin: string;
}

// A copy of the project as a clone would have it after npm run build: each LWC .ts has its .js.
function makeProject(options: { built?: boolean; sf?: boolean } = {}): Project {
  const root = makeTempDir("deploy");
  copyForceApp(root);
  copyFileSync(join(PROJECT_ROOT, "sfdx-project.json"), join(root, "sfdx-project.json"));
  for (const ts of walkFiles(join(root, "force-app/main/default/lwc"), ".ts")) {
    if (ts.endsWith(".d.ts") || ts.includes("__tests__")) continue;
    const js = ts.replace(/\.ts$/, ".js");
    if (options.built === false) rmSync(js, { force: true });
    else if (!existsSync(js)) writeFileSync(js, "export default class {}\n");
  }
  const fake = join(root, ".fake");
  const bin = join(fake, "bin");
  writeFile(join(bin, "npm"), FAKE_NPM);
  chmodSync(join(bin, "npm"), 0o755);
  if (options.sf !== false) {
    writeFile(join(bin, "sf"), FAKE_SF);
    chmodSync(join(bin, "sf"), 0o755);
  }
  return { root, fake, bin };
}

function deployIn(project: Project, argv: string[]): Run {
  const out: string[] = [];
  const err: string[] = [];
  const code = runDeployCommand(argv, {
    projectRoot: project.root,
    // Only the fake executables: the real sf in node_modules/.bin (on PATH under npm test) must not be found.
    env: { PATH: `${project.bin}:/bin:/usr/bin`, FAKE_DIR: project.fake, HOME: project.fake },
    out: (line) => out.push(line),
    err: (line) => err.push(...line.split("\n")),
  });
  const log = join(project.fake, "calls.log");
  const calls = existsSync(log) ? readFileSync(log, "utf8").trim().split("\n") : [];
  return { code, out, err, calls };
}

function sfAnswers(project: Project, call: number, answer: { out?: string; err?: string; exit: number }): void {
  if (answer.out !== undefined) writeFileSync(join(project.fake, `sf-${call}.out`), answer.out + "\n");
  if (answer.err !== undefined) writeFileSync(join(project.fake, `sf-${call}.err`), answer.err + "\n");
  writeFileSync(join(project.fake, `sf-${call}.exit`), String(answer.exit));
}

function withProject(options: Parameters<typeof makeProject>[0], use: (project: Project) => void): void {
  const project = makeProject(options);
  try {
    use(project);
  } finally {
    removeTempDir(project.root);
  }
}

const SETTINGS_DIRS =
  "--source-dir force-app/main/default/objects/Handoff_Requirement__mdt " +
  "--source-dir force-app/main/default/objects/Handoff_Setting__mdt " +
  "--source-dir force-app/main/default/customMetadata";

test("the app's test classes are the @IsTest classes of force-app that have test methods", () => {
  const tests = apexTestClasses(PROJECT_ROOT);
  assert.ok(tests.includes("HandoffOpportunityKey_Test"), tests.join(", "));
  assert.ok(tests.includes("HandoffIntakeService_Test"), tests.join(", "));
  assert.ok(tests.includes("HandoffCloseAutomation_Test"), "force-app/test holds tests too");
  assert.ok(!tests.includes("HandoffAutomationTestData"), "a test data class has no test to run");
  assert.ok(!tests.includes("SlackCalloutMock"), "a callout mock has no test to run");
  assert.ok(!tests.includes("HandoffIntakeService"), "a class under test is not run as a test");
});

test("deploy: build, then the custom metadata, then everything with the app's tests", () => {
  withProject({}, (project) => {
    const run = deployIn(project, ["--target-org", "handoff"]);
    assert.equal(run.code, 0, run.err.join("\n"));
    const testFlags = apexTestClasses(project.root)
      .map((name) => `--tests ${name}`)
      .join(" ");
    assert.deepEqual(run.calls, [
      "npm run build",
      `sf project deploy start ${SETTINGS_DIRS} --target-org handoff --wait 60 --json --test-level NoTestRun`,
      `sf project deploy start --source-dir force-app --target-org handoff --wait 60 --json --test-level RunSpecifiedTests ${testFlags}`,
    ]);
    assert.match(run.out.join("\n"), /Step 1\/2 deployed: 12 components/);
    assert.match(run.out.at(-1)!, /^Deployed to handoff\. Next: assign the permission sets/);
    assert.deepEqual(run.err, []);
  });
});

test("--dry-run validates both steps check-only, with the tests", () => {
  withProject({}, (project) => {
    const run = deployIn(project, ["-o", "handoff", "--dry-run", "--wait", "30"]);
    assert.equal(run.code, 0, run.err.join("\n"));
    assert.equal(run.calls.length, 3, run.calls.join("\n"));
    assert.ok(
      run.calls.slice(1).every((c) => c.includes("--dry-run") && c.includes("--wait 30")),
      run.calls.join("\n"),
    );
    assert.match(run.calls[2], /--test-level RunSpecifiedTests --tests /);
    assert.equal(run.out.at(-1), "Validation passed on handoff; nothing was saved.");
  });
});

test("--settings-only deploys step 1 alone", () => {
  withProject({}, (project) => {
    const run = deployIn(project, ["--target-org", "handoff", "--settings-only"]);
    assert.equal(run.code, 0, run.err.join("\n"));
    assert.deepEqual(run.calls.slice(1), [
      `sf project deploy start ${SETTINGS_DIRS} --target-org handoff --wait 60 --json --test-level NoTestRun`,
    ]);
  });
});

test("without sf on PATH: one clear line, exit 1, nothing built or deployed", () => {
  withProject({ sf: false }, (project) => {
    const run = deployIn(project, ["--target-org", "handoff"]);
    assert.equal(run.code, 1);
    assert.deepEqual(run.err, [
      "npm run deploy: the Salesforce CLI (sf) is not on PATH: run npm install, then npm run deploy (it uses the sf this project pins in node_modules/.bin)",
    ]);
    assert.deepEqual(run.calls, []);
  });
});

test("a wrong alias: sf's own error in one line, exit 1, step 2 never runs", () => {
  withProject({}, (project) => {
    // What sf 2.146 prints (on stderr) for an alias it has no login for.
    sfAnswers(project, 1, {
      err: JSON.stringify({
        name: "NamedOrgNotFoundError",
        message: "Parsing --target-org \n\tNo authorization information found for nosuch.\nSee more help with --help",
        exitCode: 2,
        status: 2,
      }),
      exit: 2,
    });
    const run = deployIn(project, ["--target-org", "nosuch"]);
    assert.equal(run.code, 1);
    assert.deepEqual(run.err, [
      "npm run deploy: Step 1/2 (custom metadata types and records) failed on nosuch, nothing of this step was saved: " +
        "Parsing --target-org No authorization information found for nosuch. See more help with --help",
    ]);
    assert.equal(run.calls.length, 2, `only the build and step 1 run:\n${run.calls.join("\n")}`);
  });
});

test("a failed deploy names each component and test failure, exit 1", () => {
  withProject({}, (project) => {
    sfAnswers(project, 2, {
      out: JSON.stringify({
        status: 1,
        result: {
          status: "Failed",
          success: false,
          details: {
            componentFailures: [
              {
                fileName: "force-app/main/default/classes/HandoffIntakeService.cls",
                lineNumber: 190,
                problem: "Identifier name is reserved: when",
              },
              {
                fileName: "force-app/main/default/objects/Handoff__c/fields/Handoff_SLA_Met__c.field-meta.xml",
                problem: "Can not specify a defaultValue for CustomFields that have a formula",
              },
            ],
            runTestResult: {
              failures: {
                name: "HandoffOpportunityKey_Test",
                methodName: "choosingTheOpportunityIsEnough",
                message: "x",
              },
            },
          },
        },
      }),
      exit: 1,
    });
    const run = deployIn(project, ["--target-org", "handoff"]);
    assert.equal(run.code, 1);
    assert.deepEqual(run.err, [
      "npm run deploy: Step 2/2 (everything in force-app) failed on handoff, nothing of this step was saved: the deploy Failed",
      "  force-app/main/default/classes/HandoffIntakeService.cls:190: Identifier name is reserved: when",
      "  force-app/main/default/objects/Handoff__c/fields/Handoff_SLA_Met__c.field-meta.xml: Can not specify a defaultValue for CustomFields that have a formula",
      "  test HandoffOpportunityKey_Test.choosingTheOpportunityIsEnough: x",
    ]);
  });
});

test("a clone that was never built is refused before anything reaches the org", () => {
  withProject({ built: false }, (project) => {
    const run = deployIn(project, ["--target-org", "handoff"]);
    assert.equal(run.code, 1);
    assert.equal(run.err.length, 1, run.err.join("\n"));
    assert.match(
      run.err[0],
      /^npm run deploy: refusing to deploy: \d+ Lightning component file\(s\) have no JavaScript after npm run build \(.*force-app\/main\/default\/lwc\/handoffChecklist\/handoffChecklist\.js/,
    );
    assert.deepEqual(run.calls, ["npm run build"], "sf must not be called");
  });
});

test("a failing build stops the deploy with the compiler's message", () => {
  withProject({}, (project) => {
    writeFileSync(join(project.fake, "npm.exit"), "2");
    const run = deployIn(project, ["--target-org", "handoff"]);
    assert.equal(run.code, 1);
    assert.equal(run.err[0], "npm run deploy: npm run build failed, nothing was deployed:");
    assert.match(run.err.join("\n"), /error TS2322/);
    assert.deepEqual(run.calls, ["npm run build"]);
  });
});

test("usage mistakes: no alias, a bad --wait, an unknown option", () => {
  withProject({}, (project) => {
    assert.deepEqual(deployIn(project, []).err, [
      "npm run deploy: --target-org <alias> is required: the org to deploy to (see npx sf org list)",
    ]);
    assert.deepEqual(deployIn(project, ["-o", "handoff", "--wait", "soon"]).err, [
      'npm run deploy: --wait must be a number of minutes, not "soon"',
    ]);
    const unknown = deployIn(project, ["-o", "handoff", "--check-only"]);
    assert.equal(unknown.code, 1);
    assert.match(unknown.err[0], /Unknown option '--check-only'/);
    assert.deepEqual(unknown.calls, []);
  });
});

test("the command itself exits non-zero with one line on stderr", () => {
  const dir = makeTempDir("deploy-cli");
  try {
    symlinkSync(process.execPath, join(dir, "node"));
    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/admin/deploy.ts", "--target-org", "handoff"], {
      cwd: PROJECT_ROOT,
      env: { PATH: dir, HOME: dir },
      encoding: "utf8",
    });
    assert.equal(run.status, 1, run.stderr);
    assert.equal(run.stderr.trim().split("\n").length, 1, run.stderr);
    assert.match(run.stderr, /^npm run deploy: the Salesforce CLI \(sf\) is not on PATH/);
  } finally {
    removeTempDir(dir);
  }
});
