// Dates, numbers and amounts reach the user in their Salesforce locale, currency and time zone through c/localeFormat
// (@salesforce/i18n), never formatted in a component with a fixed locale ("en-US", "USD") or the browser's own
// (a bare toLocaleString()). Checked on the components' TypeScript, the source of what deploys.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_SOURCE } from "../../scripts/lib/forceApp.ts";
import { copyForceApp, editFile, makeTempDir, removeTempDir } from "../lib/tempTree.ts";

// The one module that formats with the user's settings.
const LOCALE_MODULE = "localeFormat";

// Formatting with Intl or the toLocale* methods, or a locale or currency written into the code.
const FIXED_FORMATTING =
  /\btoLocale(?:Date|Time)?String\s*\(|\bnew\s+Intl\.|\bIntl\.\w+\s*\(|["'`]en[-_]US["'`]|["'`]USD["'`]/;

export interface FixedFormatting {
  file: string;
  line: number;
  code: string;
}

export function fixedFormatting(lwcDir: string): FixedFormatting[] {
  const found: FixedFormatting[] = [];
  for (const bundle of readdirSync(lwcDir, { withFileTypes: true })) {
    if (!bundle.isDirectory() || bundle.name === LOCALE_MODULE || bundle.name === "__tests__") continue;
    for (const file of readdirSync(join(lwcDir, bundle.name)).filter((name) => /(?<!\.d)\.ts$/.test(name))) {
      const lines = readFileSync(join(lwcDir, bundle.name, file), "utf8").split("\n");
      lines.forEach((code, index) => {
        if (!code.trim().startsWith("//") && FIXED_FORMATTING.test(code)) {
          found.push({ file: `${bundle.name}/${file}`, line: index + 1, code: code.trim() });
        }
      });
    }
  }
  return found;
}

const describeFound = (found: FixedFormatting[]) => found.map((f) => `lwc/${f.file}:${f.line}: ${f.code}`).join("\n");

describe("locale formatting in the components", () => {
  it("formats dates, numbers and amounts only through c/localeFormat", () => {
    const found = fixedFormatting(join(DEFAULT_SOURCE, "lwc"));
    assert.deepEqual(
      found,
      [],
      "a component formats with a fixed or the browser's locale; use formatDateTime, formatNumber or " +
        `formatCurrencyAmount from c/localeFormat (the user's Salesforce locale, currency and time zone):\n${describeFound(found)}`,
    );
  });

  it("names the file and line of an en-US date, a USD amount and a bare toLocaleString in a broken copy", () => {
    const dir = makeTempDir("locale-formatting");
    try {
      const lwc = join(copyForceApp(dir), "main/default/lwc");
      editFile(join(lwc, "intakeDetails/detailViews.ts"), (code) =>
        code.replace("formatDateTime(entry.changedAt)", 'new Date(entry.changedAt).toLocaleString("en-US")'),
      );
      editFile(join(lwc, "csIntakeModel/csIntakeModel.ts"), (code) =>
        code.replace(
          "return formatCurrencyAmount(amount, currencyIsoCode);",
          'return new Intl.NumberFormat(undefined, { style: "currency", currency: "USD" }).format(amount);',
        ),
      );
      editFile(join(lwc, "handoffChecklist/handoffChecklist.ts"), (code) =>
        code.replace("formatNumber(maxLength))", "maxLength.toLocaleString())"),
      );
      const found = fixedFormatting(lwc).map((f) => f.file);
      assert.deepEqual(
        found.sort(),
        ["csIntakeModel/csIntakeModel.ts", "handoffChecklist/handoffChecklist.ts", "intakeDetails/detailViews.ts"],
        `each fixed-locale formatting put back must be reported:\n${describeFound(fixedFormatting(lwc))}`,
      );
    } finally {
      removeTempDir(dir);
    }
  });
});
