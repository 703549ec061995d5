// Every word a user reads in the handoff components comes from a Custom Label, so an admin can translate the app in
// Translation Workbench: the templates hold no English of their own, only {bindings}. Checked on the words a user
// sees or hears: text between tags and the attributes that are shown or read aloud (title, label, placeholder,
// alternative-text, aria-label, message-when-*...).
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_SOURCE } from "../../scripts/lib/forceApp.ts";
import { makeTempDir, removeTempDir, writeFile } from "../lib/tempTree.ts";

// The components whose texts are labels.
export const LABELLED_COMPONENTS = [
  "handoffChecklist",
  "handoffSummary",
  "handoffFeedback",
  "handoffError",
  "handoffStatusPath",
  "csIntakePanel",
  "intakeHandoffList",
  "intakeDetails",
  "intakeActionBar",
  "intakeChecklist",
  "intakePromises",
  "intakeReassign",
  "intakeRecap",
] as const;

// data-label too: SLDS stacked tables (slds-max-medium-table_stacked) show it as each cell's heading on a phone.
const USER_FACING_ATTRIBUTES =
  /^(title|label|placeholder|alternative-text|aria-label|aria-description|help-text|field-level-help|header|message-when-[\w-]+|loading-text|button-label|empty-text|data-label)$/;

export interface HardCodedText {
  line: number;
  where: string;
  text: string;
}

// Words left once the {bindings} are taken out: "Warning: {item.warning}" leaves "Warning:".
function words(text: string): string | null {
  const rest = text
    .replace(/\{[^}]*\}/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return /\p{L}/u.test(rest) ? rest : null;
}

export function hardCodedTexts(template: string): HardCodedText[] {
  const found: HardCodedText[] = [];
  const html = template.replace(/<!--[\s\S]*?-->/g, (comment) => comment.replace(/[^\n]/g, " "));
  const lineAt = (index: number) => html.slice(0, index).split("\n").length;
  // Attribute values are "quoted" or {bindings}, the two forms an LWC template allows.
  const tag = /<\/?([a-zA-Z][\w-]*)((?:\s+[\w:-]+(?:=(?:"[^"]*"|\{[^}]*\}))?)*)\s*\/?>/g;
  let last = 0;
  for (const match of html.matchAll(tag)) {
    const text = words(html.slice(last, match.index));
    if (text) found.push({ line: lineAt(last + html.slice(last).search(/\S/)), where: "text", text });
    last = match.index + match[0].length;
    for (const attribute of match[2].matchAll(/([\w:-]+)(?:=(?:"([^"]*)"|\{[^}]*\}))?/g)) {
      const value = attribute[2] === undefined ? null : words(attribute[2]);
      if (value && USER_FACING_ATTRIBUTES.test(attribute[1])) {
        found.push({ line: lineAt(match.index), where: `<${match[1]} ${attribute[1]}>`, text: value });
      }
    }
  }
  const tail = words(html.slice(last));
  if (tail) found.push({ line: lineAt(last), where: "text", text: tail });
  return found;
}

function describeTexts(file: string, texts: HardCodedText[]): string {
  return texts.map((t) => `${file}:${t.line} ${t.where}: "${t.text}"`).join("\n");
}

describe("hard-coded text in the component templates", () => {
  for (const component of LABELLED_COMPONENTS) {
    it(`${component}.html shows only labels and bindings`, () => {
      const file = `lwc/${component}/${component}.html`;
      const texts = hardCodedTexts(readFileSync(join(DEFAULT_SOURCE, file), "utf8"));
      assert.deepEqual(
        texts,
        [],
        `English written into the template cannot be translated; put it in a Custom Label (labels/CustomLabels.labels-meta.xml, German in translations/de.translation-meta.xml) and bind it:\n${describeTexts(file, texts)}`,
      );
    });
  }

  it("finds text nodes, text around bindings and user-facing attributes in a broken copy", () => {
    const dir = makeTempDir("template-text");
    try {
      const file = join(dir, "handoffChecklist.html");
      const original = readFileSync(join(DEFAULT_SOURCE, "lwc/handoffChecklist/handoffChecklist.html"), "utf8");
      writeFile(
        file,
        original
          .replace("label={labels.save}", 'label="Save answers"')
          .replace("alternative-text={labels.loading}", 'alternative-text="Loading"')
          .replace("{item.warningText}", "Warning: {item.warning}")
          .replace(
            '<p data-id="empty">{labels.empty}</p>',
            '<p data-id="empty">\n          Nothing to fill in.\n        </p>',
          ),
      );
      const texts = hardCodedTexts(readFileSync(file, "utf8")).map((t) => `${t.where}: ${t.text}`);
      assert.deepEqual(
        texts.sort(),
        [
          "<lightning-button label>: Save answers",
          "<lightning-spinner alternative-text>: Loading",
          "text: Nothing to fill in.",
          "text: Warning:",
        ],
        "each English text put back into the template must be reported",
      );
    } finally {
      removeTempDir(dir);
    }
  });

  it("finds a stacked table's phone headings (data-label) and a caption left in English in a broken copy", () => {
    const dir = makeTempDir("template-text");
    try {
      const file = join(dir, "intakeHandoffList.html");
      const original = readFileSync(join(DEFAULT_SOURCE, "lwc/intakeHandoffList/intakeHandoffList.html"), "utf8");
      writeFile(
        file,
        original
          .replace("data-label={labels.account}", 'data-label="Account"')
          .replace("{group.captionText}", "{group.title}: handoffs, most urgent first"),
      );
      const texts = hardCodedTexts(readFileSync(file, "utf8")).map((t) => `${t.where}: ${t.text}`);
      assert.deepEqual(
        texts.sort(),
        ["<th data-label>: Account", "text: : handoffs, most urgent first"],
        "a phone heading or caption put back in English must be reported",
      );
    } finally {
      removeTempDir(dir);
    }
  });

  it("leaves bindings, data attributes, icon names and decorative empty alternative text alone", () => {
    const template =
      '<template><lightning-icon icon-name="utility:warning" alternative-text=""></lightning-icon>' +
      '<c-handoff-feedback source="Handoff Checklist" respondent-type="Rep"></c-handoff-feedback>' +
      '<p data-id="x" class="slds-text-title_bold">{labels.title}</p><li>{product.name} × {product.quantity}</li></template>';
    assert.deepEqual(hardCodedTexts(template), []);
  });
});
