// The CSM notification email carries the handoff summary from its one definition (SUMMARY_SECTIONS in
// lwc/handoffSummarySections): the committed template is what the generator writes from it, it holds every section and
// field in the summary's order and labels, every merge field exists, and the flow sends it about the right record.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { DEFAULT_SOURCE, PROJECT_ROOT } from "../../scripts/lib/forceApp.ts";
import {
  GENERATE_COMMAND,
  findStaleTemplateFiles,
  opportunityRelationship,
  renderCsmEmail,
  writeCsmEmail,
} from "../../scripts/admin/generate-email-templates.ts";
import {
  SUMMARY_SECTIONS,
  type SummarySection,
} from "../../force-app/main/default/lwc/handoffSummarySections/handoffSummarySections.ts";
import { copyForceApp, editFile, makeTempDir, removeTempDir, replaceOnce } from "../lib/tempTree.ts";
import {
  TEMPLATE,
  readTemplate,
  relatedRecordProblems,
  summaryCoverageProblems,
  unresolvedMergeFields,
} from "./csmEmailChecks.ts";

const FORCE_APP_ROOT = join(PROJECT_ROOT, "force-app");
const SECTIONS_FILE = join(DEFAULT_SOURCE, "lwc/handoffSummarySections/handoffSummarySections.ts");

function listed(problems: string[]): string {
  return problems.length ? problems.join("\n") : "(no problems reported)";
}

// A broken copy of force-app in a temp dir: returns its default source folder and its root, and removes it afterwards.
function withForceAppCopy(test: (source: string, root: string) => void | Promise<void>) {
  return async () => {
    const dir = makeTempDir("csm-email");
    try {
      const root = copyForceApp(dir);
      await test(join(root, "main/default"), root);
    } finally {
      removeTempDir(dir);
    }
  };
}

// SUMMARY_SECTIONS as someone would change it: the real file copied, edited and imported.
async function editedSummarySections(dir: string, edit: (content: string) => string): Promise<SummarySection[]> {
  const copy = join(dir, "handoffSummarySections.ts");
  copyFileSync(SECTIONS_FILE, copy);
  editFile(copy, edit);
  const module = (await import(pathToFileURL(copy).href)) as { SUMMARY_SECTIONS: SummarySection[] };
  return module.SUMMARY_SECTIONS;
}

const addRenewalRisk = (content: string) =>
  replaceOnce(
    content,
    'text("Competitor_Threats__c", "Competitor threats"),',
    'text("Competitor_Threats__c", "Competitor threats"),\n      text("Renewal_Risk__c", "Renewal risk"),',
  );

describe("the CSM email in force-app", () => {
  it("is exactly what the generator writes from SUMMARY_SECTIONS", () => {
    const problems = findStaleTemplateFiles(renderCsmEmail());
    assert.deepEqual(
      problems,
      [],
      `The CSM email no longer matches the handoff summary; run ${GENERATE_COMMAND} and commit the result:\n${listed(problems)}`,
    );
  });

  it("carries every section and field of the summary, in its order and under its labels, in HTML and plain text", () => {
    const problems = summaryCoverageProblems(DEFAULT_SOURCE, SUMMARY_SECTIONS, opportunityRelationship());
    assert.deepEqual(problems, [], `The CSM would not see the whole handoff summary:\n${listed(problems)}`);
    const template = readTemplate(DEFAULT_SOURCE);
    assert.ok(template.textOnly.trim().length > 0, `${TEMPLATE}.email-meta.xml has no plain-text version (<textOnly>)`);
  });

  it("gives the key facts: account, amount, tier, close date, due time of the handoff review and a link", () => {
    const template = readTemplate(DEFAULT_SOURCE);
    const facts: Record<string, string> = {
      account: "{{{Handoff__c.Opportunity__r.Account.Name}}}",
      amount: "{{{Handoff__c.Opportunity__r.Amount}}}",
      tier: "{{{Handoff__c.Tier__c}}}",
      "close date": "{{{Handoff__c.Opportunity__r.CloseDate}}}",
      "handoff review due (the review task is due on this date)": "{{{Handoff__c.Handoff_Due_At__c}}}",
      "link to the handoff": "{{{Handoff__c.Link}}}",
    };
    for (const [fact, merge] of Object.entries(facts)) {
      assert.ok(template.body.includes(merge), `The HTML email lacks the ${fact} (${merge})`);
      assert.ok(template.textOnly.includes(merge), `The plain-text email lacks the ${fact} (${merge})`);
    }
    assert.match(template.body, /<a href="\{\{\{Handoff__c\.Link\}\}\}">/, "The link to the handoff must be clickable");
  });

  it("merges only fields that exist, starting at the record the template is related to", () => {
    const problems = unresolvedMergeFields(DEFAULT_SOURCE, FORCE_APP_ROOT);
    assert.deepEqual(problems, [], `These merge fields would render blank in the CSM's inbox:\n${listed(problems)}`);
  });

  it("is sent by the flow about a record of its related entity type", () => {
    const problems = relatedRecordProblems(DEFAULT_SOURCE);
    assert.deepEqual(problems, [], `The flow and the template disagree on the related record:\n${listed(problems)}`);
  });
});

describe("the checks report a summary changed without regenerating the email", () => {
  it("names a field added to SUMMARY_SECTIONS in both files, and the command to run", async () => {
    const dir = makeTempDir("csm-email-sections");
    try {
      const sections = await editedSummarySections(dir, addRenewalRisk);
      const stale = findStaleTemplateFiles(renderCsmEmail(sections));
      assert.equal(stale.length, 2, `Both the .email and its -meta.xml must be reported stale:\n${listed(stale)}`);
      assert.match(stale[0], /Handoff_Assigned_CSM\.email is not what SUMMARY_SECTIONS generates/);
      assert.match(stale[0], /Renewal risk/, "The stale report must show the line the new field adds");
      assert.match(stale[1], /Handoff_Assigned_CSM\.email-meta\.xml is not what/);
      for (const problem of stale) assert.match(problem, /run npm run generate:email$/);

      const coverage = summaryCoverageProblems(DEFAULT_SOURCE, sections, opportunityRelationship());
      assert.deepEqual(coverage, [
        `force-app/main/default/${TEMPLATE}.email: summary field "Renewal risk" (Opportunity.Renewal_Risk__c) is missing: no "Renewal risk" row with {{{Handoff__c.Opportunity__r.Renewal_Risk__c}}}`,
        `force-app/main/default/${TEMPLATE}.email-meta.xml <textOnly>: summary field "Renewal risk" (Opportunity.Renewal_Risk__c) is missing: no "Renewal risk" row with {{{Handoff__c.Opportunity__r.Renewal_Risk__c}}}`,
      ]);
    } finally {
      removeTempDir(dir);
    }
  });

  it(
    "reports the new field's merge field when the email is regenerated before the field exists on Opportunity",
    withForceAppCopy(async (source, root) => {
      const dir = makeTempDir("csm-email-sections");
      try {
        const sections = await editedSummarySections(dir, addRenewalRisk);
        writeCsmEmail(renderCsmEmail(sections, source), source);
        assert.deepEqual(
          summaryCoverageProblems(source, sections, opportunityRelationship(source)),
          [],
          "A regenerated email must satisfy the coverage check: the generator and the check disagree",
        );
        // The temp copy lives outside the project, so keep the file name and what follows it.
        const problems = unresolvedMergeFields(source, root).map((p) => p.replace(/^.*\/(?=Handoff_Assigned_CSM)/, ""));
        const expected =
          "{{{Handoff__c.Opportunity__r.Renewal_Risk__c}}} does not resolve; expected field Opportunity.Renewal_Risk__c (objects/Opportunity/fields/Renewal_Risk__c.field-meta.xml in force-app)";
        assert.deepEqual(problems, [
          `Handoff_Assigned_CSM.email: ${expected}`,
          `Handoff_Assigned_CSM.email-meta.xml <textOnly>: ${expected}`,
        ]);
      } finally {
        removeTempDir(dir);
      }
    }),
  );

  it("reports a renamed label and sections put in another order", () => {
    const renamed = SUMMARY_SECTIONS.map((section) => ({
      ...section,
      fields: section.fields.map((f) => (f.label === "Pain points" ? { ...f, label: "Customer pains" } : f)),
    }));
    const renamedProblems = summaryCoverageProblems(DEFAULT_SOURCE, renamed, opportunityRelationship());
    assert.equal(renamedProblems.length, 2, `Expected the renamed label in HTML and text:\n${listed(renamedProblems)}`);
    for (const problem of renamedProblems) assert.match(problem, /summary field "Customer pains" .* is missing/);

    const scope = SUMMARY_SECTIONS.findIndex((s) => s.title === "Scope");
    const risks = SUMMARY_SECTIONS.findIndex((s) => s.title === "Risks");
    const reordered = [...SUMMARY_SECTIONS];
    [reordered[scope], reordered[risks]] = [reordered[risks], reordered[scope]];
    const orderProblems = summaryCoverageProblems(DEFAULT_SOURCE, reordered, opportunityRelationship());
    assert.ok(
      orderProblems.some((p) => /section "Scope" comes before field "Competitor threats"/.test(p)),
      `Expected the moved Scope section to be reported out of order:\n${listed(orderProblems)}`,
    );
  });
});

describe("the checks report a hand-edited template", () => {
  it(
    "names the file, the line and the missing field when a row is deleted",
    withForceAppCopy((source) => {
      const bodyPath = join(source, `${TEMPLATE}.email`);
      editFile(bodyPath, (content) =>
        content
          .split("\n")
          .filter((line) => !line.includes("Pain_Points__c"))
          .join("\n"),
      );
      const stale = findStaleTemplateFiles(renderCsmEmail(SUMMARY_SECTIONS, source), source);
      assert.equal(stale.length, 1, `Only the edited .email is stale:\n${listed(stale)}`);
      assert.match(
        stale[0],
        /Handoff_Assigned_CSM\.email is not what SUMMARY_SECTIONS generates \(first difference at line \d+/,
      );
      assert.match(stale[0], /Pain points/);
      const coverage = summaryCoverageProblems(source, SUMMARY_SECTIONS, opportunityRelationship(source));
      assert.equal(coverage.length, 1, `Only the HTML lost the row:\n${listed(coverage)}`);
      assert.match(coverage[0], /\.email: summary field "Pain points" \(Opportunity\.Pain_Points__c\) is missing/);
    }),
  );

  it(
    "names a misspelt lookup and a merge field on an object the email is not about",
    withForceAppCopy((source, root) => {
      editFile(join(source, `${TEMPLATE}.email`), (content) =>
        replaceOnce(content, "Champion__r.Name}}}", "Champoin__r.Name}}}").replace(
          "<p>Hello,</p>",
          "<p>Hello {{{Opportunity.Name}}},</p>",
        ),
      );
      const problems = unresolvedMergeFields(source, root).map((p) => p.replace(/^.*?\.email: /, ""));
      assert.deepEqual(problems, [
        "{{{Opportunity.Name}}} is not on the related record Handoff__c, so it renders blank",
        "{{{Handoff__c.Opportunity__r.Champoin__r.Name}}} does not resolve; expected a lookup field Champoin__c on Opportunity (the relationship Champoin__r)",
      ]);
    }),
  );

  it(
    "names the flow when the template's related entity is not the record the flow sends",
    withForceAppCopy((source) => {
      const metaPath = join(source, `${TEMPLATE}.email-meta.xml`);
      writeFileSync(
        metaPath,
        replaceOnce(
          readFileSync(metaPath, "utf8"),
          "<relatedEntityType>Handoff__c</relatedEntityType>",
          "<relatedEntityType>Opportunity</relatedEntityType>",
        ),
      );
      const problems = relatedRecordProblems(source);
      assert.ok(problems.length > 0, "A template related to Opportunity, sent about a handoff, must be reported");
      for (const problem of problems) {
        assert.match(
          problem,
          /Opportunity_After_Save_Closed_Won_Handoff\.flow-meta\.xml Send_Handoff_Email: relatedRecordId varHandoffId is set from .* \(Handoff__c\), but .* has relatedEntityType Opportunity/,
        );
      }
    }),
  );
});
