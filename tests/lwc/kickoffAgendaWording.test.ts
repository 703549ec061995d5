// The kickoff form shows the agenda from Custom Labels (translatable); the email template Handoff_Kickoff_Agenda is
// generated from the English of c/handoffKickoffAgenda. In English both must say the same words, so the agenda a
// customer reads in the email and in the Event description is one agenda.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_SOURCE } from "../../scripts/lib/forceApp.ts";
import { labelValues } from "../../scripts/lib/customLabels.ts";
import {
  ENGLISH_AGENDA_WORDING,
  KICKOFF_AGENDA,
  resolveAgenda,
} from "../../force-app/main/default/lwc/handoffKickoffAgenda/handoffKickoffAgenda.ts";
import { formatLabel } from "../../force-app/main/default/lwc/labelFormat/labelFormat.ts";

const KICKOFF_COMPONENT = join(DEFAULT_SOURCE, "lwc/intakeKickoff/intakeKickoff.ts");

// The English a label holds, checked to be imported by the kickoff form.
function kickoffLabel(name: string, labels: Map<string, string>, component: string): string {
  const value = labels.get(name);
  assert.ok(value !== undefined, `Custom Label ${name} is missing from labels/CustomLabels.labels-meta.xml`);
  assert.ok(
    component.includes(`"@salesforce/label/c.${name}"`),
    `intakeKickoff.ts must import ${name}, or the agenda shows the English fallback in every language`,
  );
  return value;
}

const capitalised = (key: string) => `${key[0].toUpperCase()}${key.slice(1)}`;

describe("the kickoff form's labels and the kickoff email's English", () => {
  const labels = labelValues(DEFAULT_SOURCE);
  const component = readFileSync(KICKOFF_COMPONENT, "utf8");

  it("prompt every agenda item alike", () => {
    for (const item of KICKOFF_AGENDA) {
      assert.equal(
        kickoffLabel(`Handoff_Kickoff_Prompt_${capitalised(item.key)}`, labels, component),
        item.prompt,
        `agenda item "${item.key}"`,
      );
    }
  });

  it("title the agenda and mark a shortened one alike", () => {
    assert.equal(
      formatLabel(kickoffLabel("Handoff_Kickoff_Agenda_Title", labels, component), "Acme"),
      ENGLISH_AGENDA_WORDING.agendaTitle("Acme"),
    );
    assert.equal(
      formatLabel(kickoffLabel("Handoff_Kickoff_Agenda_Shortened", labels, component), "12"),
      ENGLISH_AGENDA_WORDING.shortened(12),
    );
  });

  it("name every section and field of the agenda with the summary card's labels", () => {
    // The form spreads the summary card's wording, so a label c/summaryWording imports names the agenda too.
    assert.match(
      component,
      /import \{[^}]*\bSUMMARY_WORDING\b[^}]*\} from "c\/summaryWording";[\s\S]*\.\.\.SUMMARY_WORDING,/,
      "intakeKickoff.ts must build its wording on the summary card's (...SUMMARY_WORDING from c/summaryWording)",
    );
    const wording = readFileSync(join(DEFAULT_SOURCE, "lwc/summaryWording/summaryWording.ts"), "utf8");
    for (const item of resolveAgenda()) {
      const names = [
        `Handoff_Summary_Section_${capitalised(item.key)}`,
        ...item.fields.map((field) => `Handoff_Summary_${field.fieldApiName.replace(/__c$/, "")}`),
      ];
      for (const name of names) {
        assert.ok(labels.has(name), `Custom Label ${name} is missing from labels/CustomLabels.labels-meta.xml`);
        assert.ok(
          wording.includes(`"@salesforce/label/c.${name}"`),
          `summaryWording.ts must import ${name}, or the agenda shows the English fallback in every language`,
        );
      }
    }
  });

  it("fails on a prompt reworded in the labels file only (a broken copy)", () => {
    const reworded = new Map(labels);
    reworded.set("Handoff_Kickoff_Prompt_Risks", "Discuss: the risks.");
    const item = KICKOFF_AGENDA.find((candidate) => candidate.key === "risks")!;
    assert.notEqual(kickoffLabel("Handoff_Kickoff_Prompt_Risks", reworded, component), item.prompt);
    assert.throws(
      () =>
        kickoffLabel(
          "Handoff_Kickoff_Prompt_Risks",
          labels,
          component.replace(/c\.Handoff_Kickoff_Prompt_Risks/, "c.X"),
        ),
      /intakeKickoff\.ts must import Handoff_Kickoff_Prompt_Risks/,
    );
  });
});
