// The field-access matrix in docs/ is the agreed specification of who sees and edits what;
// the permission sets must grant exactly that, and every custom field needs a decision.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, cpSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  DEFAULT_SOURCE,
  PROJECT_ROOT,
  listObjects,
  parseMetadataFile,
  readObjectFields,
  text,
  type XmlNode,
} from "../../scripts/lib/forceApp.ts";

const MATRIX_DOC = join(PROJECT_ROOT, "docs/field-access-matrix.md");
const ROLE_PERMISSION_SETS = {
  Sales: "Handoff_Sales",
  CS: "Handoff_CS",
  Admin: "Handoff_Admin",
  Leadership: "Handoff_Leadership",
} as const;
type Role = keyof typeof ROLE_PERMISSION_SETS;
type Access = "Edit" | "Read" | "None";

function readMatrix(path: string): Map<string, Record<Role, Access>> {
  const rows = new Map<string, Record<Role, Access>>();
  const lines = readFileSync(path, "utf8").split("\n");
  const header = lines.findIndex((l) => /^\|\s*Object\s*\|\s*Field\s*\|/.test(l));
  assert.ok(header >= 0, `${path}: no table with an "Object | Field | ..." header`);
  const roles = lines[header]
    .split("|")
    .slice(3, -1)
    .map((s) => s.trim()) as Role[];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith("|")) break;
    const [object, field, ...access] = line
      .split("|")
      .slice(1, -1)
      .map((s) => s.trim());
    const entry = {} as Record<Role, Access>;
    roles.forEach((role, i) => {
      assert.ok(
        ["Edit", "Read", "None"].includes(access[i]),
        `${path}: ${object}.${field} has "${access[i]}" for ${role}`,
      );
      entry[role] = access[i] as Access;
    });
    rows.set(`${object}.${field}`, entry);
  }
  return rows;
}

function readGrantedFieldAccess(source: string, permissionSet: string): Map<string, Access> {
  const { body } = parseMetadataFile(join(source, "permissionsets", `${permissionSet}.permissionset-meta.xml`));
  const granted = new Map<string, Access>();
  for (const fp of (body.fieldPermissions as XmlNode[] | undefined) ?? []) {
    const access: Access = text(fp.editable) === "true" ? "Edit" : text(fp.readable) === "true" ? "Read" : "None";
    granted.set(text(fp.field) ?? "", access);
  }
  return granted;
}

export function compareMatrixWithPermissionSets(source: string, matrixPath: string): string[] {
  const problems: string[] = [];
  const matrix = readMatrix(matrixPath);
  // Every custom field of a data object needs an access decision. Required fields are the exception:
  // Salesforce grants them with the object and refuses field permissions on them.
  for (const object of listObjects(source).filter((o) => !o.endsWith("__mdt"))) {
    for (const field of readObjectFields(object, source).values()) {
      if (field.required || field.type === "MasterDetail") continue;
      const key = `${object}.${field.name}`;
      const row = matrix.get(key);
      if (!row) {
        problems.push(`${key} has no row in the field-access matrix: decide who may read and edit it`);
        continue;
      }
      if (field.formula) {
        for (const [role, access] of Object.entries(row)) {
          if (access === "Edit") problems.push(`${key} is a formula field but the matrix gives ${role} Edit`);
        }
      }
    }
  }
  for (const [role, permissionSet] of Object.entries(ROLE_PERMISSION_SETS) as [Role, string][]) {
    const granted = readGrantedFieldAccess(source, permissionSet);
    for (const [key, row] of matrix) {
      const actual = granted.get(key) ?? "None";
      if (actual !== row[role]) {
        problems.push(`${permissionSet} grants ${actual} on ${key}; the matrix says ${role} gets ${row[role]}`);
      }
    }
    for (const key of granted.keys()) {
      if (!matrix.has(key)) problems.push(`${permissionSet} grants access to ${key}, which is not in the matrix`);
    }
  }
  return problems;
}

test("permission sets grant exactly the access the field-access matrix specifies", () => {
  assert.deepEqual(compareMatrixWithPermissionSets(DEFAULT_SOURCE, MATRIX_DOC), []);
});

test("the comparison catches a permission set that drifted from the matrix, and a field with no row", () => {
  const dir = mkdtempSync(join(tmpdir(), "access-"));
  try {
    const source = join(dir, "default");
    cpSync(DEFAULT_SOURCE, source, { recursive: true });
    const salesPath = join(source, "permissionsets/Handoff_Sales.permissionset-meta.xml");
    const drifted = readFileSync(salesPath, "utf8").replace(
      /(<editable>)false(<\/editable>\s*<field>Handoff__c\.Intake_Notes__c<\/field>)/,
      "$1true$2",
    );
    assert.notEqual(drifted, readFileSync(salesPath, "utf8"), "fixture: Handoff_Sales should list Intake_Notes__c");
    writeFileSync(salesPath, drifted);
    writeFileSync(
      join(source, "objects/Handoff__c/fields/Secret_Discount__c.field-meta.xml"),
      `<?xml version="1.0" encoding="UTF-8"?><CustomField xmlns="http://soap.sforce.com/2006/04/metadata"><fullName>Secret_Discount__c</fullName><label>Secret Discount</label><type>Percent</type></CustomField>`,
    );
    const problems = compareMatrixWithPermissionSets(source, MATRIX_DOC);
    assert.ok(
      problems.includes("Handoff_Sales grants Edit on Handoff__c.Intake_Notes__c; the matrix says Sales gets Read"),
      `expected the Sales drift to be reported, got:\n${problems.join("\n")}`,
    );
    assert.ok(
      problems.some((p) => p.startsWith("Handoff__c.Secret_Discount__c has no row")),
      `expected the field without a matrix row to be reported, got:\n${problems.join("\n")}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the Sales permission set cannot grant the validation bypass; Admin and the bypass set do", () => {
  const customPermissions = (permissionSet: string) =>
    (
      (parseMetadataFile(join(DEFAULT_SOURCE, "permissionsets", `${permissionSet}.permissionset-meta.xml`)).body
        .customPermissions as XmlNode[] | undefined) ?? []
    )
      .filter((c) => text(c.enabled) === "true")
      .map((c) => text(c.name));
  for (const permissionSet of ["Handoff_Sales", "Handoff_CS", "Handoff_Leadership"]) {
    assert.ok(
      !customPermissions(permissionSet).includes("Bypass_Handoff_Validation"),
      `${permissionSet} must not bypass validation`,
    );
  }
  for (const permissionSet of ["Handoff_Admin", "Handoff_Validation_Bypass"]) {
    assert.ok(
      customPermissions(permissionSet).includes("Bypass_Handoff_Validation"),
      `${permissionSet} should carry the bypass`,
    );
  }
});
