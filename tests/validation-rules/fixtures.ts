// Temporary copies of the project's metadata, to break on purpose and show that the checks notice.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_SOURCE } from "../../scripts/lib/forceApp.ts";

export interface SourceCopy {
  source: string;
  path: (...parts: string[]) => string;
  requirementRecord: (developerName: string) => string;
  rule: (ruleName: string) => string;
  edit: (path: string, change: (text: string) => string) => void;
  remove: () => void;
}

// Objects and custom metadata are all the rules and their generator read.
export function copySource(): SourceCopy {
  const source = mkdtempSync(join(tmpdir(), "handoff-rules-"));
  for (const folder of ["objects", "customMetadata"]) {
    cpSync(join(DEFAULT_SOURCE, folder), join(source, folder), { recursive: true });
  }
  const path = (...parts: string[]) => join(source, ...parts);
  return {
    source,
    path,
    requirementRecord: (developerName) => path("customMetadata", `Handoff_Requirement.${developerName}.md-meta.xml`),
    rule: (ruleName) => path("objects", "Opportunity", "validationRules", `${ruleName}.validationRule-meta.xml`),
    edit: (file, change) => {
      const before = readFileSync(file, "utf8");
      const after = change(before);
      if (after === before) throw new Error(`the test's edit of ${file} changed nothing`);
      writeFileSync(file, after);
    },
    remove: () => rmSync(source, { recursive: true, force: true }),
  };
}

// Sets a checkbox value of a custom metadata record file.
export function setCheckbox(text: string, field: string, value: boolean): string {
  const pattern = new RegExp(`(<field>${field}</field>\\s*<value xsi:type="xsd:boolean">)(true|false)(</value>)`);
  if (!pattern.test(text)) throw new Error(`no checkbox ${field} in the record`);
  return text.replace(pattern, `$1${value}$3`);
}

export function setText(text: string, field: string, value: string): string {
  const pattern = new RegExp(`(<field>${field}</field>\\s*<value xsi:type="xsd:string">)([^<]*)(</value>)`);
  if (!pattern.test(text)) throw new Error(`no text ${field} in the record`);
  return text.replace(pattern, (_m, open: string, _old: string, close: string) => `${open}${value}${close}`);
}
