import { createElement } from "lwc";
import IntakeRecap from "c/intakeRecap";
import { canRecord, changedAnswers } from "../recapForm";
import recapView from "../../csIntakePanel/__tests__/data/recapView.json";
import { flushMicrotasks } from "../../../../../test/jest-helpers.js";

const ALLOWED = [
  { name: "sendRecap", allowed: true, disabledReason: null },
  { name: "recordRecapAnswer", allowed: false, disabledReason: "Send the recap to the customer first." },
];

function mount(props) {
  const element = createElement("c-intake-recap", { is: IntakeRecap });
  Object.assign(element, props);
  document.body.appendChild(element);
  return element;
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);

describe("c-intake-recap", () => {
  afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
  });

  it("enables what Apex allows and says why Record customer answer is off", async () => {
    const element = mount({ actions: ALLOWED, recap: recapView });
    await flushMicrotasks();
    expect($(element, '[data-id="show-sendRecap"]').disabled).toBe(false);
    expect($(element, '[data-id="show-recordRecapAnswer"]').disabled).toBe(true);
    expect($(element, '[data-id="recap-reason"]').textContent).toBe(
      "Record customer answer: Send the recap to the customer first.",
    );
  });

  it("keeps both actions off while another action runs", async () => {
    const element = mount({ actions: ALLOWED, recap: recapView, working: true });
    await flushMicrotasks();
    expect($(element, '[data-id="show-sendRecap"]').disabled).toBe(true);
  });

  it("keeps an action off, and says why, when Apex leaves it out", async () => {
    const element = mount({ actions: [ALLOWED[0]], recap: recapView });
    await flushMicrotasks();
    expect($(element, '[data-id="show-recordRecapAnswer"]').disabled).toBe(true);
    expect($(element, '[data-id="recap-reason"][data-action="recordRecapAnswer"]').textContent).toContain("The server did not say");
  });
});

describe("recap form rules", () => {
  const answers = recapView.answers;

  it("counts an answer as corrected only when its text differs from what Sales captured", () => {
    expect(
      changedAnswers(answers, {
        Business_Goals__c: `  ${answers[0].value}  `,
        Success_Criteria__c: "30 stores live",
        Target_Go_Live_Date__c: "",
      }),
    ).toEqual([{ fieldApiName: "Success_Criteria__c", correctedValue: "30 stores live" }]);
  });

  it("never sends an answer the CSM may not edit", () => {
    expect(changedAnswers(answers, { Promises_Made__c: "Three days of training" })).toEqual([]);
  });

  it("records Confirmed at once and Corrected only with a change", () => {
    expect(canRecord("Confirmed", [])).toBe(true);
    expect(canRecord("Corrected", [])).toBe(false);
    expect(canRecord("Corrected", [{ fieldApiName: "Success_Criteria__c", correctedValue: "x" }])).toBe(true);
    expect(canRecord("", [])).toBe(false);
  });
});
