// What `sf project convert source` should put in package.xml, derived from the files on disk, so new metadata is
// covered without editing the test: every field file is a CustomField member Object.Field, every record file a
// CustomMetadata member Type.Record, and so on.
import { readFileSync } from "node:fs";
import { basename, dirname, relative, sep } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { expectedRootElement, listMetadataFiles } from "../../scripts/admin/checks/metadataSchema.ts";
import { parseCustomLabels } from "../../scripts/lib/customLabels.ts";

export type Manifest = Map<string, Set<string>>;

// Types stored inside objects/<Object>/<folder>/: their members are Object.Name.
const OBJECT_CHILD_TYPES = new Set([
  "BusinessProcess",
  "CompactLayout",
  "CustomField",
  "FieldSet",
  "Index",
  "ListView",
  "RecordType",
  "SharingReason",
  "ValidationRule",
  "WebLink",
]);

// Types kept in folders (email/<Folder>/<Template>): their members are Folder/Name.
const FOLDERED_TYPES: Record<string, string> = {
  EmailTemplate: "email",
  Report: "reports",
  Dashboard: "dashboards",
  Document: "documents",
};

// A folder is listed under the type it holds. The CLI adds a trailing slash for report and dashboard folders only
// (Report "Folder/", EmailTemplate "Folder"): @salesforce/source-deploy-retrieve, ComponentSet.getPackageXml.
const FOLDER_TYPES: Record<string, { holds: string; suffix: string }> = {
  EmailFolder: { holds: "EmailTemplate", suffix: "" },
  ReportFolder: { holds: "Report", suffix: "/" },
  DashboardFolder: { holds: "Dashboard", suffix: "/" },
  DocumentFolder: { holds: "Document", suffix: "" },
};

function add(manifest: Manifest, type: string, member: string) {
  if (!manifest.has(type)) manifest.set(type, new Set());
  manifest.get(type)?.add(member);
}

export function expectedManifest(root: string): Manifest {
  const manifest: Manifest = new Map();
  for (const path of listMetadataFiles(root)) {
    const type = expectedRootElement(path);
    if (!type) continue;
    const name = basename(path).replace(/\.[A-Za-z]+-meta\.xml$/, "");
    if (type === "LightningComponentBundle" || type === "AuraDefinitionBundle") {
      add(manifest, type, basename(dirname(path)));
    } else if (OBJECT_CHILD_TYPES.has(type)) {
      add(manifest, type, `${basename(dirname(dirname(path)))}.${name}`);
    } else if (type in FOLDERED_TYPES) {
      const parts = relative(root, path).split(sep);
      const folderIndex = parts.lastIndexOf(FOLDERED_TYPES[type]);
      add(manifest, type, [...parts.slice(folderIndex + 1, -1), name].join("/"));
    } else if (type in FOLDER_TYPES) {
      const parts = relative(root, path).split(sep);
      const { holds, suffix } = FOLDER_TYPES[type];
      const folderIndex = parts.lastIndexOf(FOLDERED_TYPES[holds]);
      add(manifest, holds, [...parts.slice(folderIndex + 1, -1), name].join("/") + suffix);
    } else if (type === "CustomLabels") {
      // The CLI lists the file (CustomLabels) and each label in it as a CustomLabel member.
      add(manifest, type, name);
      for (const label of parseCustomLabels(readFileSync(path, "utf8"))) add(manifest, "CustomLabel", label.name);
    } else if (type.endsWith("Settings") && path.endsWith(".settings-meta.xml")) {
      add(manifest, "Settings", name);
    } else {
      add(manifest, type, name);
    }
  }
  return manifest;
}

export function readPackageXml(path: string): { manifest: Manifest; version: string } {
  const parser = new XMLParser({ isArray: (name) => name === "types" || name === "members", parseTagValue: false });
  const doc = parser.parse(readFileSync(path, "utf8")) as {
    Package: { types?: { name: string; members?: string[] }[]; version: string };
  };
  const manifest: Manifest = new Map();
  for (const entry of doc.Package.types ?? []) {
    for (const member of entry.members ?? []) add(manifest, entry.name, member);
  }
  return { manifest, version: String(doc.Package.version) };
}

// Lines such as "CustomField Handoff__c.Status__c: on disk, missing from package.xml", sorted.
export function compareManifests(expected: Manifest, actual: Manifest): string[] {
  const differences: string[] = [];
  for (const type of new Set([...expected.keys(), ...actual.keys()])) {
    const want = expected.get(type) ?? new Set<string>();
    const got = actual.get(type) ?? new Set<string>();
    for (const member of want)
      if (!got.has(member)) differences.push(`${type} ${member}: on disk, missing from package.xml`);
    for (const member of got)
      if (!want.has(member)) differences.push(`${type} ${member}: in package.xml, no such file on disk`);
  }
  return differences.sort();
}
