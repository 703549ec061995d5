// A German user's Apex refusal reads German; the no-access state must still be recognised, from the same labels.
import { join } from "node:path";
import { labelTranslations } from "../../../../../../scripts/lib/customLabels.ts";

const SOURCE = join(__dirname, "../../..");
const GERMAN = labelTranslations(SOURCE).get("de");

// The module as a German user's browser loads it: its labels in German.
function accessErrorsInGerman() {
  let module;
  jest.isolateModules(() => {
    for (const name of ["Handoff_Intake_Result_No_Access", "Handoff_Checklist_No_Access_Details"]) {
      jest.doMock(`@salesforce/label/c.${name}`, () => ({ __esModule: true, default: GERMAN.get(name) }), {
        virtual: true,
      });
    }
    module = require("c/accessErrors");
  });
  return module;
}

const apexRefusal = (message) => ({ status: 500, body: { message } });

describe("c/accessErrors", () => {
  it("recognises the intake Apex's no-access refusal in German", () => {
    const { isAccessRefusal } = accessErrorsInGerman();
    expect(isAccessRefusal(apexRefusal(GERMAN.get("Handoff_Intake_Result_No_Access")))).toBe(true);
  });

  it("recognises the checklist Apex's no-access refusal in German, with the server's detail filled in", () => {
    const { isAccessRefusal } = accessErrorsInGerman();
    const message = GERMAN.get("Handoff_Checklist_No_Access_Details").replace("{0}", "sObject type not supported");
    expect(isAccessRefusal(apexRefusal(message))).toBe(true);
  });

  it("does not take another German refusal for a missing permission", () => {
    const { isAccessRefusal } = accessErrorsInGerman();
    expect(isAccessRefusal(apexRefusal(GERMAN.get("Handoff_Intake_Result_First_Touch_Future")))).toBe(
      false,
    );
  });

  it("recognises the platform's own no-access errors by status and code, in any language", () => {
    const { isAccessRefusal } = require("c/accessErrors");
    expect(isAccessRefusal({ status: 403, body: [{ message: "Zugriff verweigert" }] })).toBe(true);
    expect(isAccessRefusal({ status: 400, body: [{ errorCode: "INSUFFICIENT_ACCESS_OR_READONLY", message: "x" }] })).toBe(
      true,
    );
    expect(isAccessRefusal({ status: 400, body: [{ errorCode: "FIELD_CUSTOM_VALIDATION_EXCEPTION", message: "x" }] })).toBe(
      false,
    );
  });
});
