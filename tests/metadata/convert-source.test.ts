// The Salesforce CLI must be able to turn force-app into a deployable Metadata API package, and that package must hold
// every component on disk: a file the CLI skips or misreads (wrong folder, wrong suffix, an ignore rule that is too
// broad) would silently not deploy. The CLI runs once, offline, with its home and telemetry kept out of the way.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { PROJECT_ROOT, walkFiles } from "../../scripts/lib/forceApp.ts";
import { compareManifests, expectedManifest, readPackageXml, type Manifest } from "../lib/manifest.ts";
import { REAL_FORCE_APP, copyForceApp, editFile, makeTempDir, removeTempDir, writeFile } from "../lib/tempTree.ts";

const SF_CLI = join(PROJECT_ROOT, "node_modules/@salesforce/cli/bin/run.js");

function runConvert(outputDir: string, home: string, projectDir = PROJECT_ROOT) {
  return spawnSync(
    process.execPath,
    [SF_CLI, "project", "convert", "source", "--root-dir", "force-app", "--output-dir", outputDir, "--json"],
    {
      cwd: projectDir,
      encoding: "utf8",
      timeout: 120_000,
      env: {
        ...process.env,
        // A throwaway home: the CLI writes its config and logs there, not into the user's ~/.sf.
        HOME: home,
        USERPROFILE: home,
        XDG_CONFIG_HOME: join(home, ".config"),
        XDG_DATA_HOME: join(home, ".local/share"),
        XDG_CACHE_HOME: join(home, ".cache"),
        SF_DISABLE_TELEMETRY: "true",
        SF_AUTOUPDATE_DISABLE: "true",
        SF_DISABLE_AUTOUPDATE: "true",
        SF_SKIP_NEW_VERSION_CHECK: "true",
        SF_DISABLE_LOG_FILE: "true",
        NODE_OPTIONS: "",
      },
    },
  );
}

describe("sf project convert source", () => {
  let dir: string;
  let outputDir: string;
  let result: ReturnType<typeof spawnSync>;
  let packageXml: { manifest: Manifest; version: string } | undefined;

  before(() => {
    dir = makeTempDir("convert-source");
    outputDir = join(dir, "mdapi");
    result = runConvert(outputDir, join(dir, "home"));
    const path = join(outputDir, "package.xml");
    if (existsSync(path)) packageXml = readPackageXml(path);
  });

  after(() => removeTempDir(dir));

  it("exits 0 and writes package.xml", () => {
    assert.equal(
      result.status,
      0,
      `sf project convert source failed (exit ${result.status}, ${result.error ?? ""}):\n${result.stdout}\n${result.stderr}`,
    );
    assert.ok(packageXml, `No package.xml in ${outputDir}; CLI output:\n${result.stdout}`);
  });

  it("uses the project's API version (sfdx-project.json sourceApiVersion)", () => {
    const project = JSON.parse(readFileSync(join(PROJECT_ROOT, "sfdx-project.json"), "utf8")) as {
      sourceApiVersion: string;
    };
    assert.equal(packageXml?.version, project.sourceApiVersion, "package.xml version differs from sourceApiVersion");
  });

  it("lists exactly the components on disk (every field, rule, record, permission set, layout, flow, class, bundle...)", () => {
    assert.ok(packageXml, "No package.xml to compare");
    const expected = expectedManifest(REAL_FORCE_APP);
    for (const type of ["CustomObject", "CustomField", "ValidationRule", "CustomMetadata", "PermissionSet", "Layout"]) {
      assert.ok((expected.get(type)?.size ?? 0) > 0, `Test setup: expected ${type} files in force-app`);
    }
    const differences = compareManifests(expected, packageXml.manifest);
    assert.ok(
      differences.length === 0,
      `package.xml does not match force-app (a file the CLI skips or misreads will not deploy):\n${differences.join("\n")}`,
    );
  });

  it("merges every field and validation rule into its object's .object file", () => {
    const missing: string[] = [];
    for (const path of [
      ...walkFiles(REAL_FORCE_APP, ".field-meta.xml"),
      ...walkFiles(REAL_FORCE_APP, ".validationRule-meta.xml"),
    ]) {
      const object = basename(join(path, "../.."));
      const name = basename(path).replace(/\.(field|validationRule)-meta\.xml$/, "");
      const objectFile = join(outputDir, "objects", `${object}.object`);
      const content = existsSync(objectFile) ? readFileSync(objectFile, "utf8") : "";
      if (!content.includes(`<fullName>${name}</fullName>`))
        missing.push(`${object}.${name} (objects/${object}.object)`);
    }
    assert.deepEqual(missing, [], "These fields or rules are missing from the converted object files");
  });
});

describe("the conversion check on broken copies of the project", () => {
  let dir: string;

  function copyProject(name: string): string {
    const projectDir = join(dir, name);
    copyForceApp(projectDir);
    for (const file of ["sfdx-project.json", ".forceignore"])
      copyFileSync(join(PROJECT_ROOT, file), join(projectDir, file));
    return projectDir;
  }

  before(() => {
    dir = makeTempDir("convert-negative");
  });

  after(() => removeTempDir(dir));

  it("reports components on disk that a too-broad .forceignore keeps out of package.xml", () => {
    const projectDir = copyProject("ignored");
    editFile(join(projectDir, ".forceignore"), (c) => `${c}\n**/layouts/**\n`);
    const result = runConvert(join(dir, "ignored-out"), join(dir, "home"), projectDir);
    assert.equal(result.status, 0, `Conversion of the copy failed:\n${result.stdout}\n${result.stderr}`);
    const differences = compareManifests(
      expectedManifest(join(projectDir, "force-app")),
      readPackageXml(join(dir, "ignored-out", "package.xml")).manifest,
    );
    const layouts = walkFiles(join(projectDir, "force-app"), ".layout-meta.xml").map((p) =>
      basename(p, ".layout-meta.xml"),
    );
    assert.ok(layouts.length > 0, "Test setup: no layouts to ignore");
    assert.deepEqual(
      differences,
      layouts.map((layout) => `Layout ${layout}: on disk, missing from package.xml`).sort(),
      "Every ignored layout must be reported as missing from package.xml, and nothing else",
    );
  });

  it("fails, naming the file, when a metadata file has a suffix the CLI does not know", () => {
    const projectDir = copyProject("suffix");
    const field = walkFiles(join(projectDir, "force-app"), ".field-meta.xml")[0];
    const misnamed = field.replace(".field-meta.xml", ".feild-meta.xml");
    writeFile(misnamed, readFileSync(field, "utf8"));
    const result = runConvert(join(dir, "suffix-out"), join(dir, "home"), projectDir);
    assert.notEqual(result.status, 0, "The CLI should reject a .feild-meta.xml file");
    assert.match(
      `${result.stdout}${result.stderr}`,
      new RegExp(basename(misnamed).replace(/[.$]/g, "\\$&")),
      "The error must name the file",
    );
  });
});

describe("the package.xml comparison", () => {
  it("reports a component on disk that the package lacks, and one the package has without a file", () => {
    const expected: Manifest = new Map([["CustomField", new Set(["Handoff__c.Status__c", "Handoff__c.Tier__c"])]]);
    const actual: Manifest = new Map([
      ["CustomField", new Set(["Handoff__c.Status__c"])],
      ["ApexClass", new Set(["Stale"])],
    ]);
    assert.deepEqual(compareManifests(expected, actual), [
      "ApexClass Stale: in package.xml, no such file on disk",
      "CustomField Handoff__c.Tier__c: on disk, missing from package.xml",
    ]);
  });

  it("derives members the way the Metadata API names them", () => {
    const manifest = expectedManifest(REAL_FORCE_APP);
    const field = walkFiles(REAL_FORCE_APP, ".field-meta.xml")[0];
    const member = `${basename(join(field, "../.."))}.${basename(field, ".field-meta.xml")}`;
    assert.ok(manifest.get("CustomField")?.has(member), `Expected CustomField ${member} from ${field}`);
    const record = walkFiles(REAL_FORCE_APP, ".md-meta.xml")[0];
    assert.ok(
      manifest.get("CustomMetadata")?.has(basename(record, ".md-meta.xml")),
      `Expected CustomMetadata from ${record}`,
    );
    const layout = walkFiles(REAL_FORCE_APP, ".layout-meta.xml")[0];
    assert.ok(manifest.get("Layout")?.has(basename(layout, ".layout-meta.xml")), `Expected Layout from ${layout}`);
  });
});
