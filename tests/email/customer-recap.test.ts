// The customer recap ("what we heard") picks from SUMMARY_SECTIONS and never lets an internal answer reach the
// customer: the pick list refuses internal sections, unknown keys and fields; the generated email merges only the
// recap's answers; and the files generated from it (the email template, the Apex list of correctable fields, the
// correction log's section picklist) are what `npm run generate:email` writes, so `--check` fails while they are stale.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_SOURCE, PROJECT_ROOT } from "../../scripts/lib/forceApp.ts";
import { MetadataIndex, loadStandardFields } from "../../scripts/admin/checks/metadataReferences.ts";
import {
  RECAP_FIELDS_CLASS,
  RECAP_TEMPLATE,
  RECAP_TEMPLATE_NAME,
  SECTION_PICKLIST,
  fieldLabelLabel,
  renderRecapFieldsClass,
  renderRecapFiles,
  sectionTitleLabel,
  staleRecapFiles,
  writeRecapFiles,
} from "../../scripts/admin/customer-recap.ts";
import { SUMMARY_SECTIONS } from "../../force-app/main/default/lwc/handoffSummarySections/handoffSummarySections.ts";
import {
  INTERNAL_SECTIONS,
  RECAP_PICKS,
  recapFields,
  recapSections,
  type RecapPick,
} from "../../force-app/main/default/lwc/handoffCustomerRecap/handoffCustomerRecap.ts";
import { copyForceApp, editFile, makeTempDir, removeTempDir, replaceOnce } from "../lib/tempTree.ts";
import { runNode } from "../../testkit/runNode.ts";

const FORCE_APP_ROOT = join(PROJECT_ROOT, "force-app");

function listed(problems: string[]): string {
  return problems.length ? problems.join("\n") : "(no problems reported)";
}

function templateParts(source = DEFAULT_SOURCE): { subject: string; html: string; text: string } {
  const meta = readFileSync(join(source, `${RECAP_TEMPLATE}.email-meta.xml`), "utf8");
  const decode = (value: string) =>
    value
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&");
  return {
    subject: decode(/<subject>([\s\S]*?)<\/subject>/.exec(meta)?.[1] ?? ""),
    html: readFileSync(join(source, `${RECAP_TEMPLATE}.email`), "utf8"),
    text: decode(/<textOnly>([\s\S]*?)<\/textOnly>/.exec(meta)?.[1] ?? ""),
  };
}

function mergeFields(content: string): string[] {
  return [...content.matchAll(/\{\{\{\s*([^}]+?)\s*\}\}\}/g)].map((m) => m[1]);
}

// The internal answers: every field of a section the recap may not pick, and every summary field the recap leaves out.
function internalFields(): string[] {
  const picked = new Set(recapFields(SUMMARY_SECTIONS).map((field) => field.fieldApiName));
  return SUMMARY_SECTIONS.flatMap((section) => section.fields.map((field) => field.fieldApiName)).filter(
    (field) => !picked.has(field),
  );
}

// Every merge field of the template that reads an internal answer, by part (subject, html, text).
function internalAnswersIn(source: string): string[] {
  const internal = internalFields();
  const problems: string[] = [];
  for (const [part, content] of Object.entries(templateParts(source))) {
    for (const field of mergeFields(content)) {
      const last = field.split(".").at(-1) ?? "";
      if (internal.includes(last)) problems.push(`${part}: {{{${field}}}} is the internal answer ${last}`);
    }
  }
  return problems;
}

const withPick = (pick: RecapPick): RecapPick[] => [...RECAP_PICKS, pick];

describe("the recap picks from the summary sections", () => {
  it("shows goals and success criteria, scope and timeline with the products, and the promises", () => {
    const sections = recapSections(SUMMARY_SECTIONS);
    assert.deepEqual(
      sections.map((section) => [section.key, section.products, section.fields.map((f) => f.fieldApiName)]),
      [
        ["goals", false, ["Business_Goals__c", "Success_Criteria__c"]],
        ["scope", true, ["Contract_Start_Date__c", "Implementation_Timeline__c", "Target_Go_Live_Date__c"]],
        ["promises", false, ["Promises_Made__c"]],
      ],
      "The recap must ask the customer about exactly these answers",
    );
  });

  it("refuses a section key the summary does not have, naming the known keys", () => {
    assert.throws(
      () => recapSections(SUMMARY_SECTIONS, withPick({ section: "budget", heading: "Budget", fields: [] })),
      /Recap pick "budget": no summary section has this key \(known: goals, stakeholders, scope/,
    );
  });

  it("refuses a field that is not in the named section", () => {
    assert.throws(
      () =>
        recapSections(
          SUMMARY_SECTIONS,
          withPick({ section: "promises", heading: "x", fields: [{ field: "Promise_Made__c", label: "typo" }] }),
        ),
      /Recap pick "promises": Promise_Made__c is not a field of the summary section "Promises made"/,
    );
  });

  it("refuses every internal section, whatever field the pick names", () => {
    for (const key of INTERNAL_SECTIONS) {
      const section = SUMMARY_SECTIONS.find((candidate) => candidate.key === key);
      assert.ok(section, `INTERNAL_SECTIONS names "${key}", which SUMMARY_SECTIONS no longer has`);
      for (const field of section.fields) {
        assert.throws(
          () =>
            recapSections(
              SUMMARY_SECTIONS,
              withPick({ section: key, heading: "x", fields: [{ field: field.fieldApiName, label: "x" }] }),
            ),
          /the section is internal to Sales and CS, never sent to the customer/,
          `${field.fieldApiName} (${key}) must never be picked for the customer`,
        );
      }
    }
  });

  it("keeps the risks, competitor threats, objections and notes out of every pick", () => {
    const picked = recapFields(SUMMARY_SECTIONS).map((field) => field.fieldApiName);
    for (const internal of ["Known_Objections__c", "Concerns_Raised__c", "Competitor_Threats__c", "Handoff_Notes__c"]) {
      assert.ok(!picked.includes(internal), `${internal} is internal and must not be in the recap`);
      assert.ok(internalFields().includes(internal), `${internal} must count as internal`);
    }
  });
});

describe("the recap email in force-app", () => {
  it("is exactly what the generator writes from the recap (npm run generate:email)", async () => {
    const problems = staleRecapFiles(await renderRecapFiles());
    assert.deepEqual(problems, [], `Run npm run generate:email and commit the result:\n${listed(problems)}`);
  });

  it("merges no internal answer into the subject, the HTML or the plain text", () => {
    const problems = internalAnswersIn(DEFAULT_SOURCE);
    assert.deepEqual(problems, [], `The customer would read internal answers:\n${listed(problems)}`);
  });

  it("reports an internal answer merged into a copy of the template by hand", () => {
    const dir = makeTempDir("customer-recap-internal");
    try {
      const source = join(copyForceApp(dir), "main/default");
      editFile(join(source, `${RECAP_TEMPLATE}.email-meta.xml`), (meta) =>
        replaceOnce(
          meta,
          "</textOnly>",
          "\nWhat we worry about: {{{Handoff__c.Opportunity__r.Competitor_Threats__c}}}</textOnly>",
        ),
      );
      assert.deepEqual(internalAnswersIn(source), [
        "text: {{{Handoff__c.Opportunity__r.Competitor_Threats__c}}} is the internal answer Competitor_Threats__c",
      ]);
    } finally {
      removeTempDir(dir);
    }
  });

  it("carries each recap answer in HTML and text, under the customer's wording, and asks to confirm or correct", () => {
    const { html, text, subject } = templateParts();
    for (const field of recapFields(SUMMARY_SECTIONS)) {
      const merge = `{{{Handoff__c.Opportunity__r.${field.fieldApiName}}}}`;
      assert.match(html, new RegExp(`<b>${field.label}</b></td><td[^>]*>${merge.replace(/[{}.]/g, "\\$&")}`));
      // The answer on the line below its label, so a multi-line answer does not start beside the label.
      assert.ok(text.includes(`${field.label}:\n${merge}\n`), `The text version lacks "${field.label}:" then ${merge}`);
    }
    assert.match(text, /reply .Confirmed. if everything is right, or tell us what to correct/);
    assert.match(subject, /Please confirm what we heard/);
    const read = (text + html + subject).replace(/<!--[\s\S]*?-->/g, "").replace(/\{\{\{[^}]*\}\}\}/g, "");
    assert.doesNotMatch(
      read,
      /handoff|sales rep/i,
      "The customer never reads our internal words 'handoff' or 'sales rep'",
    );
  });

  it("merges only fields that exist: the handoff's, the recipient contact's and the sender's", () => {
    const index = new MetadataIndex(FORCE_APP_ROOT, loadStandardFields());
    const roots: Record<string, string> = { Handoff__c: "Handoff__c", Recipient: "Contact", Sender: "User" };
    const problems: string[] = [];
    for (const [part, content] of Object.entries(templateParts())) {
      for (const field of mergeFields(content)) {
        const [root, ...rest] = field.split(".");
        const object = roots[root];
        const expected = object ? index.resolvePath(object, rest.join(".")) : `one of ${Object.keys(roots).join(", ")}`;
        if (expected) problems.push(`${part}: {{{${field}}}} does not resolve; expected ${expected}`);
      }
    }
    assert.deepEqual(problems, [], `These merge fields would render blank for the customer:\n${listed(problems)}`);
  });

  it("is the template HandoffRecapService sends", () => {
    const apex = readFileSync(join(DEFAULT_SOURCE, "classes/HandoffRecapService.cls"), "utf8");
    assert.match(apex, new RegExp(`TEMPLATE_NAME = '${RECAP_TEMPLATE_NAME}'`));
  });

  it("lets CS edit every answer the customer can correct (Handoff_CS)", () => {
    const permissions = readFileSync(join(DEFAULT_SOURCE, "permissionsets/Handoff_CS.permissionset-meta.xml"), "utf8");
    for (const field of recapFields(SUMMARY_SECTIONS)) {
      assert.match(
        permissions,
        new RegExp(`<editable>true</editable>\\s*<field>Opportunity\\.${field.fieldApiName}</field>`),
        `A CSM could not save the customer's correction of ${field.fieldApiName}`,
      );
    }
  });

  it("names sections and fields in the CSM's language: the summary card's Custom Labels, not English text", () => {
    const apex = readFileSync(join(DEFAULT_SOURCE, RECAP_FIELDS_CLASS), "utf8");
    const labels = readFileSync(join(DEFAULT_SOURCE, "labels/CustomLabels.labels-meta.xml"), "utf8");
    const englishOf = (name: string) =>
      new RegExp(`<fullName>${name}</fullName>[\\s\\S]*?<value>([^<]*)</value>`).exec(labels)?.[1];
    for (const field of recapFields(SUMMARY_SECTIONS)) {
      const section = sectionTitleLabel(field.sectionKey);
      const name = fieldLabelLabel(field.fieldApiName);
      assert.ok(
        apex.includes(`System.Label.${section}`) && apex.includes(`System.Label.${name}`),
        `HandoffRecapFields should read ${field.fieldApiName}'s section and name from ${section} and ${name}`,
      );
      assert.equal(englishOf(section), field.sectionTitle, `${section} is not the summary's title in English`);
      assert.equal(englishOf(name), field.summaryLabel, `${name} is not the summary's field name in English`);
      assert.ok(
        !apex.includes(`'${field.sectionTitle}'`) && !apex.includes(`'${field.summaryLabel}'`),
        `HandoffRecapFields still writes English text for ${field.fieldApiName} into the corrections`,
      );
    }
  });

  it("refuses to generate when a summary label is missing, naming the label", async () => {
    const dir = makeTempDir("customer-recap-label");
    try {
      const source = join(copyForceApp(dir), "main/default");
      editFile(join(source, "labels/CustomLabels.labels-meta.xml"), (xml) =>
        replaceOnce(
          xml,
          "<fullName>Handoff_Summary_Target_Go_Live_Date</fullName>",
          "<fullName>Handoff_Summary_Go_Live</fullName>",
        ),
      );
      await assert.rejects(
        renderRecapFieldsClass(recapSections(SUMMARY_SECTIONS), source),
        /Custom Label Handoff_Summary_Target_Go_Live_Date for the field name "Target go-live date"/,
      );
    } finally {
      removeTempDir(dir);
    }
  });
});

describe("npm run generate:email -- --check catches a stale recap", () => {
  it("names the picklist when a section was renamed: the Apex class reads the title from a Custom Label", async () => {
    const edited = SUMMARY_SECTIONS.map((section) =>
      section.key === "goals"
        ? { ...section, title: "What the customer wants", fields: section.fields.map((f) => ({ ...f })) }
        : section,
    );
    const stale = staleRecapFiles(await renderRecapFiles(edited));
    assert.deepEqual(
      stale.map((problem) => problem.split(" is not what")[0]),
      [`force-app/main/default/${SECTION_PICKLIST}`],
      `A renamed section changes the picklist, not the customer's wording nor the Apex list:\n${listed(stale)}`,
    );
    assert.match(stale[0], /What the customer wants.*run npm run generate:email$/);
  });

  it("names the Apex class when someone typed an English title back in by hand", async () => {
    const dir = makeTempDir("customer-recap-class");
    try {
      const source = join(copyForceApp(dir), "main/default");
      editFile(join(source, RECAP_FIELDS_CLASS), (apex) =>
        // The first of the three Scope fields only: replace() changes one occurrence.
        apex.replace("System.Label.Handoff_Summary_Section_Scope", "'Scope'"),
      );
      const problems = staleRecapFiles(await renderRecapFiles(SUMMARY_SECTIONS), source);
      assert.equal(problems.length, 1, listed(problems));
      assert.match(
        problems[0],
        /HandoffRecapFields\.cls is not what the customer recap generates .*expected ".*System\.Label\.Handoff_Summary_Section_Scope,", found ".*'Scope',"/,
      );
    } finally {
      removeTempDir(dir);
    }
  });

  it("exits 1 and names the template edited by hand, and 0 once regenerated", async () => {
    const dir = makeTempDir("customer-recap");
    try {
      const root = copyForceApp(dir);
      const source = join(root, "main/default");
      editFile(join(source, `${RECAP_TEMPLATE}.email`), (html) =>
        replaceOnce(html, "What you want to achieve", "Your budget and competitors"),
      );
      const problems = staleRecapFiles(await renderRecapFiles(SUMMARY_SECTIONS), source);
      assert.equal(problems.length, 1, listed(problems));
      assert.match(problems[0], /Handoff_Customer_Recap\.email is not what the customer recap generates .*line \d+/);
      writeRecapFiles(await renderRecapFiles(SUMMARY_SECTIONS), source);
      assert.deepEqual(staleRecapFiles(await renderRecapFiles(SUMMARY_SECTIONS), source), []);
    } finally {
      removeTempDir(dir);
    }
  });

  it("the command itself exits 0 on the committed files", async () => {
    const run = await runNode([join(PROJECT_ROOT, "scripts/admin/generate-email-templates.ts"), "--check"]);
    assert.equal(run.code, 0, `generate:email --check failed:\n${run.stderr}`);
  });
});
