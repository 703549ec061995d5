// Every metadata XML file under force-app must be valid against the strict Metadata API v66 schema, so that a typo in
// an element, a picklist value Salesforce does not know or a missing required element fails here, not in a deploy.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { walkFiles } from "../../scripts/lib/forceApp.ts";
import {
  SCHEMA_EXCEPTIONS,
  SCHEMA_PATH,
  applySchemaExceptions,
  expectedRootElement,
  formatSchemaProblem,
  listMetadataFiles,
  validateMetadataFiles,
  validateMetadataTree,
  type SchemaProblem,
} from "../../scripts/admin/checks/metadataSchema.ts";
import { REAL_FORCE_APP, editFile, makeTempDir, removeTempDir, replaceOnce, writeFile } from "../lib/tempTree.ts";

function lineOf(content: string, needle: string): number {
  const index = content.indexOf(needle);
  assert.ok(index >= 0, `Test setup: "${needle}" not found`);
  return content.slice(0, index).split("\n").length;
}

function describeProblems(problems: SchemaProblem[]): string {
  return problems.length ? problems.map(formatSchemaProblem).join("\n") : "(no problems reported)";
}

describe("metadata XML in force-app against the strict Metadata API v66 schema", () => {
  it("finds every *-meta.xml file under force-app, in every folder", () => {
    const files = listMetadataFiles();
    const onDisk = walkFiles(REAL_FORCE_APP, ".xml").filter((path) => path.endsWith("-meta.xml"));
    assert.ok(
      files.length > 50,
      `Expected the data model alone to give more than 50 metadata files, found ${files.length}`,
    );
    assert.deepEqual(files, onDisk, "The validator must read exactly the *-meta.xml files on disk");
  });

  it("validates the whole tree, with no problem, in a few seconds", async () => {
    const started = Date.now();
    const problems = await validateMetadataTree();
    const seconds = (Date.now() - started) / 1000;
    assert.ok(
      problems.length === 0,
      `These metadata files would not pass the Metadata API schema (file:line: xmllint message):\n${describeProblems(problems)}`,
    );
    // About a second on an idle machine; the margin absorbs a loaded CI runner, not one xmllint run per file.
    assert.ok(
      seconds < 30,
      `Validating the tree took ${seconds.toFixed(1)} s; it must stay one xmllint run of a few seconds`,
    );
  });

  it("knows the metadata type of every file suffix used in force-app", () => {
    const unknown = listMetadataFiles().filter((path) => expectedRootElement(path) === null);
    assert.deepEqual(unknown, [], "These files have a suffix with no metadata type in ROOT_ELEMENT_BY_SUFFIX");
  });
});

describe("the schema validator reports broken copies of real files", () => {
  let dir: string;
  let problems: SchemaProblem[];
  const cases: Record<string, { file: string; line: number | null }> = {};

  function realFile(kind: string, predicate: (content: string) => boolean): string {
    const path = walkFiles(REAL_FORCE_APP, kind).find((p) => predicate(readFileSync(p, "utf8")));
    assert.ok(path, `Test setup: no real ${kind} file to copy`);
    return path;
  }

  function brokenCopy(
    name: string,
    source: string,
    targetName: string,
    edit: (content: string) => string,
    marker?: string,
  ) {
    // Keeps the real folder layout (objects/<Object>/fields/...), which the validator also checks.
    const target = join(dir, name, relative(REAL_FORCE_APP, dirname(source)), targetName);
    writeFile(target, readFileSync(source, "utf8"));
    editFile(target, edit);
    const content = readFileSync(target, "utf8");
    cases[name] = { file: target, line: marker ? lineOf(content, marker) : null };
  }

  function problemsFor(name: string): SchemaProblem[] {
    const file = cases[name].file.slice(dir.length + 1);
    return problems.filter((p) => p.file === file);
  }

  function assertReported(name: string, pattern: RegExp, what: string) {
    const found = problemsFor(name);
    const expectedLine = cases[name].line;
    assert.ok(
      found.some((p) => pattern.test(p.message) && (expectedLine === null || p.line === expectedLine)),
      `${what}: expected a problem for ${cases[name].file}${expectedLine ? ` at line ${expectedLine}` : ""} matching ${pattern}; ` +
        `the validator reported:\n${describeProblems(found)}`,
    );
  }

  before(async () => {
    dir = makeTempDir("schema-negative");
    const field = realFile(".field-meta.xml", (c) =>
      /<label>[^<]*<\/label>\n\s*(<\w+>[^<]*<\/\w+>\n\s*)*<type>/.test(c),
    );
    const fieldName = basename(field);
    const rule = realFile(".validationRule-meta.xml", (c) => c.includes("<errorMessage>"));
    const ruleName = basename(rule);
    const lwc = realFile(".js-meta.xml", (c) => c.includes("<isExposed>") && !c.includes("<targets>"));

    brokenCopy(
      "badEnum",
      field,
      fieldName,
      (c) => c.replace(/<type>(\w+)<\/type>/, "<type>Texty</type>"),
      "<type>Texty",
    );
    brokenCopy(
      "misspelled",
      field,
      fieldName,
      (c) => c.replace(/<label>/, "<lable>").replace(/<\/label>/, "</lable>"),
      "<lable>",
    );
    brokenCopy(
      "order",
      field,
      fieldName,
      (c) => {
        const fullName = /\s*<fullName>[^<]*<\/fullName>/.exec(c);
        assert.ok(fullName, "Test setup: field without fullName");
        return c.replace(fullName[0], "").replace("</CustomField>", `${fullName[0].trim()}\n</CustomField>`);
      },
      "<fullName>",
    );
    brokenCopy(
      "malformed",
      field,
      fieldName,
      (c) => replaceOnce(c, "</CustomField>", "</CustomFeld>"),
      "</CustomFeld>",
    );
    brokenCopy("noErrorMessage", rule, ruleName, (c) => c.replace(/\s*<errorMessage>[\s\S]*?<\/errorMessage>/, ""));
    brokenCopy(
      "activeYes",
      rule,
      ruleName,
      (c) => c.replace(/<active>\w+<\/active>/, "<active>yes</active>"),
      "<active>yes",
    );
    // A ValidationRule saved under a CustomField file name; the added comment only makes the edit visible.
    brokenCopy("wrongRoot", rule, fieldName, (c) => c + "<!-- saved under the wrong name -->\n");
    brokenCopy("unknownSuffix", field, fieldName.replace(".field-meta.xml", ".feild-meta.xml"), (c) => c + "\n");

    const targets =
      "    <targets>\n        <target>lightning__RecordPage</target>\n    </targets>\n" +
      '    <targetConfigs>\n        <targetConfig targets="lightning__RecordPage">\n' +
      "            <objects>\n                <object>Opportunity</object>\n            </objects>\n" +
      "        </targetConfig>\n    </targetConfigs>\n";
    const lwcName = basename(lwc);
    brokenCopy("lwcTargetsAccepted", lwc, lwcName, (c) =>
      c
        .replace("<isExposed>false</isExposed>", "<isExposed>true</isExposed>")
        .replace("</LightningComponentBundle>", `${targets}</LightningComponentBundle>`),
    );
    brokenCopy(
      "lwcStillStrict",
      lwc,
      lwcName,
      (c) =>
        c
          .replace("<isExposed>", "<isExposd>")
          .replace("</isExposed>", "</isExposd>")
          .replace("</LightningComponentBundle>", `${targets}</LightningComponentBundle>`),
      "<isExposd>",
    );
    brokenCopy("lwcTargetConfigsMalformed", lwc, lwcName, (c) =>
      c.replace(
        "</LightningComponentBundle>",
        `${targets.replace("</objects>", "</object>")}</LightningComponentBundle>`,
      ),
    );

    const emailTemplate =
      '<?xml version="1.0" encoding="UTF-8"?>\n<EmailTemplate xmlns="http://soap.sforce.com/2006/04/metadata">\n' +
      "    <available>true</available>\n    <encodingKey>UTF-8</encodingKey>\n    <name>Welcome</name>\n" +
      "    <style>none</style>\n    <subject>Welcome</subject>\n    <type>text</type>\n    <uiType>Aloha</uiType>\n</EmailTemplate>\n";
    for (const [name, folder] of [
      ["emailOutsideEmailFolder", "emailTemplates"],
      ["emailInEmailFolder", "email"],
    ]) {
      const target = join(dir, name, "main/default", folder, "unfiled$public/Welcome.email-meta.xml");
      writeFile(target, emailTemplate);
      cases[name] = { file: target, line: null };
    }

    problems = await validateMetadataFiles(
      Object.values(cases).map((c) => c.file),
      { relativeTo: dir },
    );
  });

  after(() => removeTempDir(dir));

  it("reports a bad enumeration value (a field <type> Salesforce does not know) with its line", () => {
    assertReported("badEnum", /'Texty' is not an element of the set/, "Bad field type");
  });

  it("reports a misspelled element", () => {
    assertReported("misspelled", /lable.*This element is not expected/, "Misspelled <label>");
  });

  it("reports elements in the wrong order", () => {
    assertReported("order", /fullName.*This element is not expected/, "<fullName> moved to the end");
  });

  it("reports malformed XML", () => {
    assertReported("malformed", /parser error.*mismatch/i, "Mismatched closing tag");
  });

  it("reports a validation rule without its required errorMessage", () => {
    assertReported("noErrorMessage", /Missing child element.*errorMessage/, "ValidationRule without errorMessage");
  });

  it("reports a boolean written as yes", () => {
    assertReported("activeYes", /'yes' is not a valid value of the atomic type 'xs:boolean'/, "<active>yes</active>");
  });

  it("reports a root element that does not match the file suffix", () => {
    assertReported(
      "wrongRoot",
      /root element <ValidationRule> does not match the file suffix.*<CustomField>/,
      "ValidationRule saved as .field-meta.xml",
    );
  });

  it("reports a file suffix with no metadata type", () => {
    assertReported("unknownSuffix", /unknown metadata file suffix "feild"/, "Misspelled .feild-meta.xml");
  });

  it("reports an email template outside a folder named email, which the Salesforce CLI cannot convert", () => {
    assertReported(
      "emailOutsideEmailFolder",
      /must be inside a folder named "email"/,
      "Email template under emailTemplates/",
    );
    const placedRight = problemsFor("emailInEmailFolder");
    assert.deepEqual(
      placedRight,
      [],
      `A valid email template under email/ was rejected:\n${describeProblems(placedRight)}`,
    );
  });

  it("accepts LWC <targets> before nested-XML <targetConfigs>, as Salesforce does (named exceptions)", () => {
    const found = problemsFor("lwcTargetsAccepted");
    assert.deepEqual(found, [], `A valid exposed LWC bundle was rejected:\n${describeProblems(found)}`);
  });

  it("still validates the rest of an LWC bundle strictly (the exception is not a blanket skip)", () => {
    assertReported(
      "lwcStillStrict",
      /isExposd.*This element is not expected/,
      "Misspelled <isExposed> in a .js-meta.xml",
    );
  });

  it("still requires the LWC targetConfigs to be well-formed XML", () => {
    assertReported("lwcTargetConfigsMalformed", /parser error/, "Mismatched tag inside <targetConfigs>");
  });

  it("would reject the valid LWC bundle without the exceptions (they are needed)", async () => {
    const strictOnly = await validateMetadataFiles([cases.lwcTargetsAccepted.file], {
      relativeTo: dir,
      exceptions: [],
    });
    assert.ok(
      strictOnly.some((p) => /targetConfig/.test(p.message)),
      `The unpatched schema should reject nested targetConfigs; it reported:\n${describeProblems(strictOnly)}`,
    );
  });

  it("reports every broken copy", () => {
    const brokenNames = Object.keys(cases).filter(
      (name) => !["lwcTargetsAccepted", "emailInEmailFolder"].includes(name),
    );
    const silent = brokenNames.filter((name) => problemsFor(name).length === 0);
    assert.deepEqual(silent, [], "Every broken copy must be reported");
  });
});

describe("schema exceptions", () => {
  it("each names its file pattern, complex type, element and reason", () => {
    for (const exception of SCHEMA_EXCEPTIONS) {
      for (const key of ["name", "files", "complexType", "element", "why"] as const) {
        assert.ok(exception[key].length > 0, `Schema exception "${exception.name}" has no ${key}`);
      }
    }
  });

  it("fail loudly when the declaration they patch is not in the schema any more", () => {
    const schema = readFileSync(SCHEMA_PATH, "utf8");
    const withoutTargetConfigs = schema.replace(SCHEMA_EXCEPTIONS[0].replace, "");
    assert.throws(() => applySchemaExceptions(withoutTargetConfigs), /LWC targetConfigs is nested XML.*found 0/);
  });

  it("change only the declarations they name", () => {
    const schema = readFileSync(SCHEMA_PATH, "utf8");
    const patched = applySchemaExceptions(schema);
    const start = schema.indexOf('<xsd:complexType name="LightningComponentBundle">');
    const end = schema.indexOf("</xsd:complexType>", start);
    assert.equal(patched.slice(0, start), schema.slice(0, start), "The schema before LightningComponentBundle changed");
    assert.equal(
      patched.slice(patched.length - (schema.length - end)),
      schema.slice(end),
      "The schema after LightningComponentBundle changed",
    );
  });
});
