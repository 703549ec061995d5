// The kickoff agenda picks its sections and fields from SUMMARY_SECTIONS by key (lwc/handoffKickoffAgenda): the Event
// description, the Markdown and the email template Handoff_Kickoff_Agenda all come from that one pick, an unknown key
// fails loudly, an agenda too long for an Event description is cut visibly, and a stale template is caught.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { DEFAULT_SOURCE, PROJECT_ROOT } from "../../scripts/lib/forceApp.ts";
import {
  GENERATE_COMMAND,
  KICKOFF_TEMPLATE,
  findStaleTemplateFiles,
  renderKickoffAgendaEmail,
  writeCsmEmail,
} from "../../scripts/admin/generate-email-templates.ts";
import {
  ENGLISH_AGENDA_WORDING,
  EVENT_DESCRIPTION_LIMIT,
  KICKOFF_AGENDA,
  agendaFieldPaths,
  buildAgenda,
  resolveAgenda,
  toAgendaMarkdown,
  toPlainText,
} from "../../force-app/main/default/lwc/handoffKickoffAgenda/handoffKickoffAgenda.ts";
import { SUMMARY_SECTIONS } from "../../force-app/main/default/lwc/handoffSummarySections/handoffSummarySections.ts";
import { copyForceApp, editFile, makeTempDir, removeTempDir } from "../lib/tempTree.ts";
import { readTemplate, unresolvedMergeFields } from "./csmEmailChecks.ts";

const DEAL: Record<string, string> = {
  Name: "Northwind - Platform",
  "Account.Name": "Northwind Traders",
  Handoff_Tier__c: "High-Touch",
  Business_Goals__c: "Cut onboarding time in half",
  Pain_Points__c: "Spreadsheets everywhere",
  Success_Criteria__c: "Onboarding under 10 days\nNPS above 40",
  "Champion__r.Name": "Ana Ruiz",
  "Champion__r.Title": "Head of Ops",
  Promises_Made__c: "SSO by March",
};
const read = (path: string) => DEAL[path] ?? null;

describe("the kickoff agenda", () => {
  it("covers goals and success criteria, stakeholders, scope, risks and promises, each with a prompt", () => {
    const agenda = buildAgenda(read, [{ name: "Platform", quantity: 25 }]);
    assert.deepEqual(
      agenda.items.map((item) => item.key),
      ["goals", "stakeholders", "scope", "risks", "promises"],
      "the agenda must walk the customer through these sections, in this order",
    );
    for (const item of agenda.items) assert.ok(item.prompt.length > 10, `agenda item ${item.key} has no prompt`);
    const goals = agenda.items[0];
    assert.deepEqual(
      goals.entries.map((entry) => entry.key),
      ["Business_Goals__c", "Success_Criteria__c"],
      "the goals item confirms the goals and success criteria only (pain points are Sales' history, not a confirmation)",
    );
    assert.equal(agenda.items[1].entries[0].value, "Ana Ruiz (Head of Ops)", "a stakeholder shows with their title");
    assert.equal(agenda.items[1].entries[1].value, "Not provided", "a blank answer says so instead of vanishing");
  });

  it("takes every label and field from SUMMARY_SECTIONS, never its own copy", () => {
    for (const item of resolveAgenda()) {
      const section = SUMMARY_SECTIONS.find((s) => s.key === item.key);
      assert.ok(section, `agenda item ${item.key} is not a summary section`);
      for (const field of item.fields) assert.ok(section.fields.includes(field), `${field.fieldApiName} is a copy`);
    }
    assert.ok(agendaFieldPaths().includes("Champion__r.Title"), "the agenda reads the stakeholders' titles");
  });

  it("throws, naming the key, for an unknown section or a field of another section", () => {
    assert.throws(
      () => resolveAgenda([{ key: "goal", prompt: "Confirm:" }]),
      /"goal" names no section of SUMMARY_SECTIONS/,
    );
    assert.throws(
      () => resolveAgenda([{ key: "goals", fields: ["Promises_Made__c"], prompt: "Confirm:" }]),
      /names field Promises_Made__c, which section "goals"/,
    );
  });

  it("reads as plain text for the Event description, with each prompt before the answers", () => {
    const text = toPlainText(buildAgenda(read, [{ name: "Platform", quantity: 25 }]));
    assert.match(text, /^Kickoff agenda: Northwind - Platform\nNorthwind Traders · High-Touch\n/);
    assert.match(text, /\n1\. Customer goals\nConfirm: [^\n]+\n- Business goals: Cut onboarding time in half\n/);
    assert.match(text, /- Success criteria:\n {4}Onboarding under 10 days\n {4}NPS above 40\n/);
    assert.match(text, /\n3\. Scope\n[^\n]+\n- Products:\n {4}Platform × 25\n/);
    assert.match(text, /\n5\. Promises made\nConfirm: [^\n]+\n- Promises made: SSO by March\n$/);
  });

  it("is cut to the Event description's 32,000 characters with a visible note saying how much was left out", () => {
    const long: Record<string, string> = { ...DEAL, Promises_Made__c: "x".repeat(40000) };
    const full = toPlainText(
      buildAgenda((p) => long[p] ?? null, []),
      ENGLISH_AGENDA_WORDING,
      Infinity,
    );
    const text = toPlainText(buildAgenda((p) => long[p] ?? null, []));
    assert.equal(text.length, EVENT_DESCRIPTION_LIMIT, "the description must fill but not pass the limit");
    const cut = /\[Agenda shortened by (\d+) characters/.exec(text);
    assert.ok(cut, `the cut agenda must say it was shortened; it ends: ${text.slice(-120)}`);
    assert.equal(Number(cut[1]), full.length - text.lastIndexOf("\n[Agenda"), "the note names the characters left out");
    assert.equal(toPlainText(buildAgenda(read, [])).includes("[Agenda shortened"), false, "a short agenda is whole");
  });

  it("escapes what Sales typed in the Markdown, so an answer cannot become a heading or a link", () => {
    const hostile: Record<string, string> = { ...DEAL, Business_Goals__c: "# Win\n[click](https://evil.example)" };
    const markdown = toAgendaMarkdown(buildAgenda((p) => hostile[p] ?? null, []));
    assert.match(markdown, /^# Kickoff agenda: Northwind - Platform\n/);
    assert.match(markdown, /\n## 1\. Customer goals\n\n_Confirm: [^\n]+_\n/);
    assert.match(markdown, /\n {2}\\# Win\n {2}\\\[click\\\]\(https:\/\/evil\.example\)\n/);
  });
});

describe("the kickoff agenda email template", () => {
  it("is exactly what the generator writes from KICKOFF_AGENDA", () => {
    const problems = findStaleTemplateFiles(renderKickoffAgendaEmail(), DEFAULT_SOURCE, KICKOFF_TEMPLATE);
    assert.deepEqual(problems, [], `run ${GENERATE_COMMAND} and commit the result:\n${problems.join("\n")}`);
  });

  it("carries each agenda item's prompt and the merge field of each picked answer, and no other answer", () => {
    const template = readTemplate(DEFAULT_SOURCE, KICKOFF_TEMPLATE);
    assert.equal(template.relatedEntityType, "Handoff__c");
    for (const item of KICKOFF_AGENDA) assert.ok(template.body.includes(item.prompt), `prompt of ${item.key} missing`);
    assert.ok(template.body.includes("{{{Handoff__c.Opportunity__r.Success_Criteria__c}}}"));
    assert.ok(template.textOnly.includes("Champion: {{{Handoff__c.Opportunity__r.Champion__r.Name}}}"));
    assert.ok(!template.body.includes("Pain_Points__c"), "pain points are not on the kickoff agenda");
    assert.ok(!template.body.includes("Key_Conversations__c"), "key conversations are not on the kickoff agenda");
  });

  it("merges only fields that exist", () => {
    assert.deepEqual(unresolvedMergeFields(DEFAULT_SOURCE, join(PROJECT_ROOT, "force-app"), KICKOFF_TEMPLATE), []);
  });

  it("is reported stale when the agenda changed and the template was not regenerated", () => {
    const dir = makeTempDir("kickoff-email");
    try {
      const source = join(copyForceApp(dir), "main/default");
      writeCsmEmail(renderKickoffAgendaEmail(), source, KICKOFF_TEMPLATE);
      // Someone adds pain points to the goals item and forgets `npm run generate:email`.
      const edited = renderKickoffAgendaEmail([
        { ...KICKOFF_AGENDA[0], fields: ["Business_Goals__c", "Pain_Points__c", "Success_Criteria__c"] },
        ...KICKOFF_AGENDA.slice(1),
      ]);
      const problems = findStaleTemplateFiles(edited, source, KICKOFF_TEMPLATE);
      assert.equal(problems.length, 2, `both files are stale:\n${problems.join("\n")}`);
      assert.match(problems[0], /Handoff_Kickoff_Agenda\.email is not what .*Pain points.*run npm run generate:email/);
      // A hand edit in the copy is caught too.
      editFile(join(source, `${KICKOFF_TEMPLATE}.email`), (html) => html.replace("Confirm:", "Check:"));
      assert.match(
        findStaleTemplateFiles(renderKickoffAgendaEmail(), source, KICKOFF_TEMPLATE).join("\n"),
        /first difference at line \d+: .*found .*Check:/,
      );
    } finally {
      removeTempDir(dir);
    }
  });
});
