// The Send button follows feedbackBlockedReason(); the org follows the Handoff_Feedback__c validation rules. These
// tests evaluate the deployed rules with formulon (a Salesforce formula engine) for every combination of answers
// and fail if the two disagree, so a rule changed in force-app without the component (or the reverse) is caught
// before users meet a button that is enabled for a save the org refuses, or disabled for one it would accept.
import { readFileSync, readdirSync } from "fs";
import { join } from "path";
import { XMLParser } from "fast-xml-parser";
import { parse } from "formulon";
import { feedbackBlockedReason, saveProblems } from "../feedbackRules";

const RULES_DIR = join(__dirname, "../../../objects/Handoff_Feedback__c/validationRules");
const FIELDS_DIR = join(__dirname, "../../../objects/Handoff_Feedback__c/fields");

function readRules(dir = RULES_DIR) {
  const parser = new XMLParser({ parseTagValue: false });
  return readdirSync(dir)
    .filter((file) => file.endsWith(".validationRule-meta.xml"))
    .map((file) => {
      const rule = parser.parse(readFileSync(join(dir, file), "utf8")).ValidationRule;
      return { name: file.replace(".validationRule-meta.xml", ""), active: rule.active === "true", formula: rule.errorConditionFormula };
    });
}

function picklistValues(field) {
  const xml = readFileSync(join(FIELDS_DIR, `${field}.field-meta.xml`), "utf8");
  return [...xml.matchAll(/<fullName>([^<]+)<\/fullName>\s*<default>/g)].map((m) => m[1]);
}

const textValue = (value) => ({ type: "literal", dataType: "text", value, options: { length: 32768 } });

// The record a rep or CSM saves through the component. Who answered is never a customer here, so no contact.
function recordVariables(draft, respondentType) {
  const rating = draft.rating === "" ? null : Number(draft.rating);
  return {
    Rating__c: { type: "literal", dataType: "number", value: rating, options: { length: 1, scale: 0 } },
    What_Was_Hard__c: textValue(draft.whatWasHard || null),
    What_Was_Missing__c: textValue(draft.whatWasMissing || null),
    Comments__c: textValue(draft.comments || null),
    Respondent_Type__c: {
      type: "literal",
      dataType: "picklist",
      value: respondentType,
      options: { values: picklistValues("Respondent_Type__c") },
    },
    Respondent_Contact__c: textValue(null),
  };
}

function rulesThatBlock(rules, draft, respondentType) {
  return rules
    .filter((rule) => rule.active)
    .filter((rule) => {
      const result = parse(rule.formula, recordVariables(draft, respondentType));
      if (result.type !== "literal") {
        throw new Error(`formulon could not evaluate ${rule.name} (${rule.formula}): ${result.message}`);
      }
      return result.value === true;
    })
    .map((rule) => rule.name);
}

const RATINGS = ["", "0", "1", "3", "5", "6"];
const ANSWERS = ["", "The kickoff date was missing."];

function everyDraft() {
  const drafts = [];
  for (const rating of RATINGS)
    for (const whatWasHard of ANSWERS)
      for (const whatWasMissing of ANSWERS)
        for (const comments of ANSWERS) drafts.push({ rating, whatWasHard, whatWasMissing, comments });
  return drafts;
}

// One line per answer combination where the button and the org disagree.
function disagreements(rules, clientBlocks = (draft) => feedbackBlockedReason(draft) !== null) {
  const out = [];
  for (const respondentType of ["Rep", "CSM"]) {
    for (const draft of everyDraft()) {
      const blocking = rulesThatBlock(rules, draft, respondentType);
      const blocked = clientBlocks(draft);
      if (blocked !== blocking.length > 0) {
        out.push(
          `${respondentType} ${JSON.stringify(draft)}: Send is ${blocked ? "disabled" : "enabled"} but the org ` +
            (blocking.length ? `refuses it (${blocking.join(", ")})` : "accepts it"),
        );
      }
    }
  }
  return out;
}

describe("the Send button's rule (feedbackRules.ts) and the Handoff_Feedback__c validation rules", () => {
  it("reads the rating and the says-something rules from force-app", () => {
    const names = readRules().filter((r) => r.active).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(["Rating_Between_1_And_5", "Feedback_Says_Something"]));
  });

  it("agree on every combination of rating and answers a rep or CSM can give", () => {
    expect(disagreements(readRules())).toEqual([]);
  });

  it("report a rule tightened in force-app that the button does not know about", () => {
    // Someone drops What_Was_Missing__c from the rule: an answer only there no longer saves.
    const withoutMissing = "AND(ISBLANK(What_Was_Hard__c), ISBLANK(Comments__c))";
    const rules = readRules().map((rule) => {
      return rule.name === "Feedback_Says_Something" ? { ...rule, formula: withoutMissing } : rule;
    });
    const found = disagreements(rules);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatch(/Send is enabled but the org refuses it \(Feedback_Says_Something\)/);
  });

  it("report a button that forgets the rating", () => {
    const ignoresRating = (draft) => feedbackBlockedReason({ ...draft, rating: "3" }) !== null;
    const found = disagreements(readRules(), ignoresRating);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatch(/Send is enabled but the org refuses it \(Rating_Between_1_And_5\)/);
  });

  it("count an answer of only spaces as no answer, stricter than ISBLANK on purpose", () => {
    expect(feedbackBlockedReason({ rating: "4", whatWasHard: "  \n ", whatWasMissing: "", comments: "\t" })).toBe(
      "Tell us what was hard, what was missing, or add a comment.",
    );
  });
});

describe("saveProblems", () => {
  it("falls back to the error's own message when the save returned no field or record errors", () => {
    expect(saveProblems({ body: { message: "Service Unavailable" } })).toEqual({
      fieldErrors: {},
      formErrors: ["Service Unavailable"],
    });
  });

  it("puts the field errors of fields the form shows under those fields only", () => {
    const problems = saveProblems({
      body: {
        message: "An error occurred while trying to update the record. Please try again.",
        output: { errors: [], fieldErrors: { Comments__c: [{ fieldLabel: "Comments", message: "Too long" }] } },
      },
    });
    expect(problems).toEqual({ fieldErrors: { Comments__c: "Too long" }, formErrors: [] });
  });
});
