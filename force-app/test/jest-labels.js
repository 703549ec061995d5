// Custom Labels in Jest: sfdx-lwc-jest answers every `@salesforce/label/c.X` import with the text "c.X", so a test
// could never see the words a user reads, nor notice a label that is missing or renamed. Here each label is its
// English value from force-app/main/default/labels/CustomLabels.labels-meta.xml (the reader the metadata check and
// the preview use too): tests assert the real text, and a component importing a label that the file lacks shows
// "c.Missing_Label" where the test expects English, so the test fails.
import { join } from "node:path";
import { readCustomLabels } from "../../scripts/lib/customLabels.ts";

const SOURCE = join(__dirname, "../main/default");

export function registerCustomLabels(source = SOURCE) {
  const labels = readCustomLabels(source);
  if (labels.length === 0) throw new Error(`Jest setup: no Custom Labels found under ${source}/labels`);
  for (const { name, value } of labels) {
    // doMock, not mock: registered at run time from the file, never hoisted. Virtual: no such file exists.
    jest.doMock(`@salesforce/label/c.${name}`, () => ({ __esModule: true, default: value }), { virtual: true });
  }
  return labels.length;
}
