// The training material never drifts from the rules: docs/generated must be exactly what the configuration in
// force-app produces, and a change to that configuration must show up in the documents.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_SOURCE } from "../../scripts/lib/forceApp.ts";
import { replaceInFile, withSourceCopy as withCopy } from "../lib/tempTree.ts";
import { TIERS } from "../../scripts/lib/handoffConfig.ts";
import { findStaleDocs, GENERATED_DIR, renderDocs, writeDocs } from "../../scripts/admin/docs/generate.ts";
import { loadDocsModel } from "../../scripts/admin/docs/model.ts";

function withSourceCopy(edit: (source: string) => void, check: (source: string) => void): void {
  withCopy("handoff-docs", edit, check);
}

function doc(files: Map<string, string>, name: string): string {
  const content = files.get(name);
  assert.ok(content, `the generator no longer produces ${name}`);
  return content;
}

const settingsFile = (source: string) => join(source, "customMetadata/Handoff_Setting.Default.md-meta.xml");

test("docs/generated is current with the configuration in force-app", () => {
  const problems = findStaleDocs(renderDocs());
  assert.deepEqual(problems, [], `generated docs are out of date, run npm run docs:\n${problems.join("\n")}`);
});

test("the staleness check names a hand-edited, a missing and a left-over file", () => {
  const dir = mkdtempSync(join(tmpdir(), "handoff-generated-"));
  try {
    const files = renderDocs();
    writeDocs(files, dir);
    assert.deepEqual(findStaleDocs(files, dir), [], "freshly written docs must not be reported stale");
    writeFileSync(join(dir, "faq.md"), doc(files, "faq.md").replace("20 characters", "10 characters"));
    rmSync(join(dir, "training-cs.html"));
    writeFileSync(join(dir, "old-card.md"), "# retired\n");
    const problems = findStaleDocs(files, dir).join("\n");
    assert.match(problems, /faq\.md is stale against the configuration in force-app: run npm run docs/);
    assert.match(problems, /training-cs\.html is missing: run npm run docs/);
    assert.match(problems, /old-card\.md is not produced by the generator any more: run npm run docs/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("changing an SLA setting changes the quick-reference cards and makes docs/generated stale", () => {
  withSourceCopy(
    (source) =>
      replaceInFile(
        settingsFile(source),
        /(<field>Handoff_SLA_Hours_High_Touch__c<\/field>\s*<value xsi:type="xsd:double">)\d+/,
        "$1137",
      ),
    (source) => {
      const files = renderDocs(source);
      const salesRow = doc(files, "sales-quick-reference.md")
        .split("\n")
        .find((line) => line.startsWith("| Handoff (Sales)"));
      assert.ok(salesRow, "the Sales card has no Handoff (Sales) SLA row");
      const highTouchCell = salesRow.split("|").map((cell) => cell.trim())[4];
      assert.equal(highTouchCell, "137 hours", `High-Touch handoff SLA should read 137 hours: ${salesRow}`);
      assert.match(
        doc(files, "sales-quick-reference.html"),
        /137 hours/,
        "the printable Sales card should show 137 hours",
      );
      assert.match(doc(files, "faq.md"), /137 hours/, "the FAQ should show 137 hours");
      const stale = findStaleDocs(files).join("\n");
      assert.match(
        stale,
        /sales-quick-reference\.md is stale.*run npm run docs/,
        "a changed SLA must make the committed card stale",
      );
    },
  );
});

test("making a field required for Low-Touch adds it to the Low-Touch intake checklist", () => {
  const optional = loadDocsModel().requirements.find((r) => !r.requiredFor["Low-Touch"]);
  assert.ok(optional, "test setup: every requirement is already required for Low-Touch");
  const lowTouch = (card: string) => card.slice(card.indexOf("### Low-Touch"), card.indexOf("An answer is incomplete"));
  const itemCount = (card: string) => Number(/### Low-Touch \((\d+) items\)/.exec(card)?.[1]);
  withSourceCopy(
    (source) =>
      replaceInFile(
        join(source, `customMetadata/Handoff_Requirement.${optional.developerName}.md-meta.xml`),
        /(<field>Required_Low_Touch__c<\/field>\s*<value xsi:type="xsd:boolean">)false/,
        "$1true",
      ),
    (source) => {
      const before = doc(renderDocs(), "cs-quick-reference.md");
      const after = doc(renderDocs(source), "cs-quick-reference.md");
      assert.ok(!lowTouch(before).includes(`**${optional.label}**`), `test setup: ${optional.label} starts optional`);
      assert.ok(
        lowTouch(after).includes(`- [ ] **${optional.label}**`),
        `${optional.label} should join the Low-Touch checklist`,
      );
      assert.equal(itemCount(after), itemCount(before) + 1, "the Low-Touch item count should grow by one");
    },
  );
});

test("the cards show every requirement with its prompt, the SLA hours, tiers and answer rules from the configuration", () => {
  const model = loadDocsModel();
  const files = renderDocs();
  const sales = doc(files, "sales-quick-reference.md");
  const template = doc(files, "handoff-document-template.md");
  for (const r of model.requirements) {
    assert.ok(sales.includes(r.label) && sales.includes(r.prompt), `Sales card lacks ${r.label} or its prompt`);
    assert.ok(template.includes(`### ${r.label}`) && template.includes(`> ${r.prompt}`), `template lacks ${r.label}`);
  }
  const { settings } = model;
  for (const tier of TIERS) {
    for (const value of [settings.handoffSlaHours[tier], settings.firstTouchSlaHours[tier]]) {
      assert.ok(sales.includes(`${value} hours`), `Sales card lacks the ${tier} SLA of ${value} hours`);
    }
  }
  for (const placeholder of settings.placeholderAnswers)
    assert.ok(sales.includes(`\`${placeholder}\``), `Sales card lacks ${placeholder}`);
  for (const type of settings.excludedDealTypes)
    assert.ok(sales.includes(type), `Sales card lacks excluded type ${type}`);
  assert.ok(sales.includes(`${settings.minAnswerLength} characters`), "Sales card lacks the minimum answer length");
  assert.ok(settings.goLiveDate && sales.includes(settings.goLiveDate), "Sales card lacks the go-live date");
  assert.ok(sales.includes(settings.wonStage), "Sales card lacks the won stage");
  assert.ok(
    sales.includes(settings.highTouchMinAmount!.toLocaleString("en-US")),
    "Sales card lacks the High-Touch amount",
  );
});

test("both training sessions last 30 to 45 minutes and walk through a sample handoff", () => {
  const files = renderDocs();
  for (const name of ["training-sales.md", "training-cs.md"]) {
    const outline = doc(files, name);
    const total = /Total: \*\*(\d+) minutes\*\*/.exec(outline);
    assert.ok(total, `${name} states no total duration`);
    const minutes = Number(total[1]);
    assert.ok(minutes >= 30 && minutes <= 45, `${name} lasts ${minutes} minutes, the brief asks for 30 to 45`);
    assert.match(outline, /## Walk-through/, `${name} has no sample handoff walk-through`);
    assert.match(outline, /Northwind Freight/, `${name} walk-through names no sample deal`);
  }
});

test("the printable HTML is self-contained, print-ready and escapes configuration text", () => {
  withSourceCopy(
    (source) =>
      replaceInFile(
        join(source, "customMetadata/Handoff_Requirement.Business_Goals.md-meta.xml"),
        "Name the measurable goal and by when.",
        "Name the goal &lt;b&gt;by when&lt;/b&gt; &amp; why.",
      ),
    (source) => {
      const files = renderDocs(source);
      for (const [name, html] of files) {
        if (!name.endsWith(".html")) continue;
        assert.match(html, /@media print/, `${name} has no print stylesheet`);
        assert.doesNotMatch(html, /<script|<link|src=|href="https?:/, `${name} must not load anything from elsewhere`);
      }
      const card = doc(files, "sales-quick-reference.html");
      assert.ok(
        card.includes("Name the goal &lt;b&gt;by when&lt;/b&gt; &amp; why."),
        "a prompt must be shown as text, not as HTML",
      );
      assert.match(card, /<table>[\s\S]*<th>High-Touch<\/th>/, "the requirement tables must render as HTML tables");
    },
  );
});

test("a new handoff status without an explanation stops the generator with a message saying where to add it", () => {
  withSourceCopy(
    (source) =>
      replaceInFile(
        join(source, "objects/Handoff__c/fields/Status__c.field-meta.xml"),
        "</valueSetDefinition>",
        "<value><fullName>On Hold</fullName><default>false</default><label>On Hold</label></value></valueSetDefinition>",
      ),
    (source) =>
      assert.throws(() => renderDocs(source), /"On Hold".*STATUS_MEANING in scripts\/admin\/docs\/documents\.ts/),
  );
});

test("the generated index lists every document", () => {
  const files = renderDocs();
  const index = doc(files, "README.md");
  for (const name of files.keys()) {
    if (name !== "README.md") assert.ok(index.includes(`(${name})`), `docs/generated/README.md does not link ${name}`);
  }
  assert.equal(GENERATED_DIR.endsWith(join("docs", "generated")), true, "generated docs live in docs/generated");
});

test("the escalation path in the cards follows the escalation flow's schedule", () => {
  const flows = (source: string) => join(source, "flows");
  withSourceCopy(
    (source) => {
      const flow = readdirSync(flows(source)).find((name) =>
        /<recordField>Handoff_Escalation_Due_At__c<\/recordField>/.test(
          readFileSync(join(flows(source), name), "utf8"),
        ),
      );
      assert.ok(flow, "test setup: no flow schedules a path on Handoff_Escalation_Due_At__c");
      replaceInFile(
        join(flows(source), flow),
        /(<offsetNumber>)0(<\/offsetNumber>\s*<offsetUnit>Hours<\/offsetUnit>\s*<recordField>Handoff_Escalation_Due_At__c)/,
        "$1168$2",
      );
      replaceInFile(
        join(source, "customMetadata", "Handoff_Setting.Default.md-meta.xml"),
        /(<field>Escalation_Grace_Hours__c<\/field>\s*<value xsi:type="xsd:double">)[^<]*/,
        "$18",
      );
    },
    (source) => {
      const card = doc(renderDocs(source), "cs-quick-reference.md");
      assert.match(
        card,
        /Level 2: the rep's manager\*\*, 8 business hours after the handoff was due, plus 168 hours \(7 days\)/,
        "the ladder should show the new grace hours and the path's delay",
      );
    },
  );
  withSourceCopy(
    (source) => rmSync(flows(source), { recursive: true, force: true }),
    (source) =>
      assert.match(
        doc(renderDocs(source), "faq.md"),
        /Level 1: reminder to the rep\*\*, \(not scheduled: the escalation flow is not deployed\)/,
        "without the flow, the docs must not promise an escalation schedule",
      ),
  );
});

test("the CS card says when the customer survey goes out, from CSAT Survey Business Days, and says so when it is off", () => {
  const surveyLine = (files: Map<string, string>) =>
    doc(files, "cs-quick-reference.md")
      .split("\n")
      .find((line) => /customer survey/i.test(line) && line.startsWith("- "));
  const setDays = (value: string) => (source: string) =>
    replaceInFile(
      settingsFile(source),
      /(<field>CSAT_Survey_Business_Days__c<\/field>\s*)<value[^>]*>[^<]*<\/value>/,
      value ? `$1<value xsi:type="xsd:double">${value}</value>` : `$1<value xsi:nil="true" />`,
    );
  withSourceCopy(setDays("7"), (source) => {
    assert.match(surveyLine(renderDocs(source)) ?? "", /\*\*7 business days\*\* after your first touch/);
  });
  withSourceCopy(setDays(""), (source) => {
    assert.match(
      surveyLine(renderDocs(source)) ?? "",
      /No customer survey goes out by itself/,
      "a blank setting must tell CSMs the survey is off, not promise one",
    );
  });
});
