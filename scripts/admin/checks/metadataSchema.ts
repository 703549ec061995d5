// Validates the project's metadata XML (every *-meta.xml under force-app) against the strict Metadata API schema,
// offline, so that a misspelled element, a bad picklist value or a missing required element is caught before a
// deploy instead of by the org. `sf project convert source` does not catch these: it converts anything.
import { readFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { validateXML } from "xmllint-wasm";
import { PROJECT_ROOT, walkFiles } from "../../lib/forceApp.ts";

export const SCHEMA_PATH = join(PROJECT_ROOT, "scripts/admin/checks/schema/metadata-v66.xsd");
export const FORCE_APP = join(PROJECT_ROOT, "force-app");

const METADATA_NAMESPACE = "http://soap.sforce.com/2006/04/metadata";

export interface SchemaProblem {
  file: string;
  line: number | null;
  message: string;
}

// The file suffix (Name.<suffix>-meta.xml) decides which metadata type Salesforce reads the file as, so the root
// element must be that type. Taken from the suffixes of the Metadata API types in the Salesforce CLI's registry
// (@salesforce/source-deploy-retrieve). A suffix missing here is reported, so a new kind of file gets a conscious
// entry rather than passing unchecked.
export const ROOT_ELEMENT_BY_SUFFIX: Readonly<Record<string, string>> = {
  app: "CustomApplication",
  approvalProcess: "ApprovalProcess",
  asset: "ContentAsset",
  assignmentRules: "AssignmentRules",
  businessProcess: "BusinessProcess",
  cls: "ApexClass",
  cmp: "AuraDefinitionBundle",
  compactLayout: "CompactLayout",
  component: "ApexComponent",
  customPermission: "CustomPermission",
  dashboard: "Dashboard",
  dashboardFolder: "DashboardFolder",
  documentFolder: "DocumentFolder",
  duplicateRule: "DuplicateRule",
  email: "EmailTemplate",
  emailFolder: "EmailFolder",
  externalCredential: "ExternalCredential",
  field: "CustomField",
  fieldSet: "FieldSet",
  flexipage: "FlexiPage",
  flow: "Flow",
  flowDefinition: "FlowDefinition",
  globalValueSet: "GlobalValueSet",
  group: "Group",
  js: "LightningComponentBundle",
  labels: "CustomLabels",
  layout: "Layout",
  listView: "ListView",
  md: "CustomMetadata",
  messageChannel: "LightningMessageChannel",
  namedCredential: "NamedCredential",
  notiftype: "CustomNotificationType",
  object: "CustomObject",
  page: "ApexPage",
  pathAssistant: "PathAssistant",
  permissionset: "PermissionSet",
  permissionsetgroup: "PermissionSetGroup",
  platformEventSubscriberConfig: "PlatformEventSubscriberConfig",
  queue: "Queue",
  quickAction: "QuickAction",
  recordType: "RecordType",
  remoteSite: "RemoteSiteSetting",
  report: "Report",
  reportFolder: "ReportFolder",
  reportType: "ReportType",
  resource: "StaticResource",
  role: "Role",
  sharingRules: "SharingRules",
  standardValueSet: "StandardValueSet",
  tab: "CustomTab",
  trigger: "ApexTrigger",
  translation: "Translations",
  validationRule: "ValidationRule",
  webLink: "WebLink",
  workflow: "Workflow",
};

// Folders the Salesforce CLI needs a file to sit in: it cannot name an email template, report or dashboard outside
// its folder type's directory ("Unable to calculate fullName"), and reads object parts and bundles only in theirs.
export const REQUIRED_DIRECTORY_BY_SUFFIX: Readonly<Record<string, string>> = {
  email: "email",
  emailFolder: "email",
  report: "reports",
  reportFolder: "reports",
  dashboard: "dashboards",
  dashboardFolder: "dashboards",
  documentFolder: "documents",
  js: "lwc",
  cmp: "aura",
  object: "objects",
  field: "objects",
  validationRule: "objects",
  listView: "objects",
  recordType: "objects",
  compactLayout: "objects",
  webLink: "objects",
  fieldSet: "objects",
  businessProcess: "objects",
  labels: "labels",
  translation: "translations",
};

export function directoryProblem(path: string): string | null {
  const suffix = metadataSuffix(path);
  const required = suffix ? REQUIRED_DIRECTORY_BY_SUFFIX[suffix] : undefined;
  if (!required || path.split(/[\\/]/).slice(0, -1).includes(required)) return null;
  return `a .${suffix}-meta.xml file must be inside a folder named "${required}" (the Salesforce CLI cannot convert or deploy it from here)`;
}

export function metadataSuffix(path: string): string | null {
  const match = /\.([A-Za-z]+)-meta\.xml$/.exec(basename(path));
  return match ? match[1] : null;
}

export function expectedRootElement(path: string): string | null {
  const suffix = metadataSuffix(path);
  if (suffix === null) return null;
  // Settings files are named for the setting: Account.settings-meta.xml holds <AccountSettings>.
  if (suffix === "settings") return basename(path).replace(/\.settings-meta\.xml$/, "") + "Settings";
  return ROOT_ELEMENT_BY_SUFFIX[suffix] ?? null;
}

// Where Salesforce accepts what the strict schema rejects. Each exception patches one declaration of one complex
// type in memory (the schema file stays as published) and must match exactly once, so an exception that no longer
// applies fails loudly instead of silently widening the schema.
export interface SchemaException {
  name: string;
  files: string;
  complexType: string;
  element: string;
  why: string;
  replace: string;
  with: string;
}

export const SCHEMA_EXCEPTIONS: readonly SchemaException[] = [
  {
    name: "LWC targetConfigs is nested XML",
    files: "force-app/**/lwc/<bundle>/<bundle>.js-meta.xml",
    complexType: "LightningComponentBundle",
    element: "targetConfigs",
    why:
      "The WSDL types targetConfigs as base64Binary, but Salesforce reads it as nested XML (<targetConfig targets=...> " +
      "with <property>, <objects>, <supportedFormFactors>) in every .js-meta.xml. Its content is checked for " +
      "well-formedness only; every other element of the bundle stays strict.",
    replace: '<xsd:element name="targetConfigs" minOccurs="0" type="xsd:base64Binary"/>',
    with: '<xsd:element name="targetConfigs" minOccurs="0" type="xsd:anyType"/>',
  },
  {
    name: "LWC targets and targetConfigs in either order",
    files: "force-app/**/lwc/<bundle>/<bundle>.js-meta.xml",
    complexType: "LightningComponentBundle",
    element: "targets, targetConfigs",
    why:
      "Salesforce's own LWC documentation and samples write <targets> before <targetConfigs>, the reverse of the " +
      "WSDL's sequence, and the Metadata API deploys both orders. Each element may still appear at most once.",
    replace:
      '<xsd:element name="targetConfigs" minOccurs="0" type="xsd:anyType"/>\n' +
      '       <xsd:element name="targets" minOccurs="0" type="tns:Targets"/>',
    with:
      '<xsd:choice minOccurs="0">' +
      '<xsd:sequence><xsd:element name="targetConfigs" type="xsd:anyType"/><xsd:element name="targets" minOccurs="0" type="tns:Targets"/></xsd:sequence>' +
      '<xsd:sequence><xsd:element name="targets" type="tns:Targets"/><xsd:element name="targetConfigs" minOccurs="0" type="xsd:anyType"/></xsd:sequence>' +
      "</xsd:choice>",
  },
];

export function applySchemaExceptions(
  schema: string,
  exceptions: readonly SchemaException[] = SCHEMA_EXCEPTIONS,
): string {
  let patched = schema;
  for (const exception of exceptions) {
    const start = patched.indexOf(`<xsd:complexType name="${exception.complexType}">`);
    if (start < 0) throw new Error(`Schema exception "${exception.name}": no complex type ${exception.complexType}`);
    const end = patched.indexOf("</xsd:complexType>", start);
    const body = patched.slice(start, end);
    const occurrences = body.split(exception.replace).length - 1;
    if (occurrences !== 1) {
      throw new Error(
        `Schema exception "${exception.name}": expected the declaration to patch exactly once in ${exception.complexType}, ` +
          `found ${occurrences}. The schema changed: review the exception in scripts/admin/checks/metadataSchema.ts.`,
      );
    }
    patched = patched.slice(0, start) + body.replace(exception.replace, exception.with) + patched.slice(end);
  }
  return patched;
}

const patchedSchemas = new Map<string, Map<readonly SchemaException[], string>>();
function loadPatchedSchema(schemaPath: string, exceptions: readonly SchemaException[]): string {
  if (!patchedSchemas.has(schemaPath)) patchedSchemas.set(schemaPath, new Map());
  const byExceptions = patchedSchemas.get(schemaPath) as Map<readonly SchemaException[], string>;
  let schema = byExceptions.get(exceptions);
  if (schema === undefined) {
    schema = applySchemaExceptions(readFileSync(schemaPath, "utf8"), exceptions);
    byExceptions.set(exceptions, schema);
  }
  return schema;
}

export function listMetadataFiles(root = FORCE_APP): string[] {
  return walkFiles(root, "-meta.xml");
}

function rootElementOf(xml: string): { name: string; line: number } | null {
  // Skips the XML declaration, comments and processing instructions; enough to name the root of a metadata file.
  const match = /<(?![?!])([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(xml);
  return match ? { name: match[2], line: xml.slice(0, match.index).split("\n").length } : null;
}

export interface SchemaValidationOptions {
  schemaPath?: string;
  // Tests pass [] to show what the strict schema alone says.
  exceptions?: readonly SchemaException[];
  // Paths in messages are shown relative to this directory.
  relativeTo?: string;
}

// Validates all files in a single xmllint run (about a second for the whole tree). Every file must come back with a
// verdict; one that xmllint did not report on is itself a problem, so no file passes by being skipped.
export async function validateMetadataFiles(
  files: readonly string[],
  options: SchemaValidationOptions = {},
): Promise<SchemaProblem[]> {
  const schemaPath = options.schemaPath ?? SCHEMA_PATH;
  const relativeTo = options.relativeTo ?? PROJECT_ROOT;
  const shown = (path: string) => relative(relativeTo, path) || path;
  const problems: SchemaProblem[] = [];
  if (files.length === 0) return problems;

  const inputs = files.map((path, index) => ({ path, name: `doc${String(index).padStart(5, "0")}.xml` }));
  const pathByName = new Map(inputs.map((input) => [input.name, input.path]));
  const contents = new Map(inputs.map((input) => [input.name, readFileSync(input.path, "utf8")]));

  for (const { path, name } of inputs) {
    const content = contents.get(name) ?? "";
    const expected = expectedRootElement(path);
    const root = rootElementOf(content);
    if (expected === null) {
      problems.push({
        file: shown(path),
        line: null,
        message:
          `unknown metadata file suffix "${metadataSuffix(path) ?? basename(path)}": the Salesforce CLI will not deploy ` +
          `it as expected; fix the file name, or add the suffix to ROOT_ELEMENT_BY_SUFFIX in scripts/admin/checks/metadataSchema.ts`,
      });
    }
    const misplaced = directoryProblem(path);
    if (misplaced) problems.push({ file: shown(path), line: null, message: misplaced });
    if (expected !== null && root !== null && root.name !== expected) {
      problems.push({
        file: shown(path),
        line: root.line,
        message: `root element <${root.name}> does not match the file suffix, which Salesforce reads as <${expected}>`,
      });
    }
  }

  const stderr = await runXmllint(
    inputs.map(({ name }) => ({ fileName: name, contents: contents.get(name) ?? "" })),
    loadPatchedSchema(schemaPath, options.exceptions ?? SCHEMA_EXCEPTIONS),
  );

  const verdicts = new Set<string>();
  for (const line of stderr.split("\n")) {
    const verdict = /^(doc\d+\.xml) (validates|fails to validate)$/.exec(line.trim());
    if (verdict) {
      verdicts.add(verdict[1]);
      continue;
    }
    const located = /^(doc\d+\.xml):(\d+): (.*)$/.exec(line);
    if (located) {
      verdicts.add(located[1]);
      problems.push({
        file: shown(pathByName.get(located[1]) ?? located[1]),
        line: Number(located[2]),
        message: located[3]
          .replace(/^(element \S+: )?Schemas validity error : /, "$1")
          .replaceAll(`{${METADATA_NAMESPACE}}`, "")
          .trim(),
      });
    }
  }
  for (const { name, path } of inputs) {
    if (!verdicts.has(name)) {
      problems.push({
        file: shown(path),
        line: null,
        message: "xmllint gave no verdict for this file (not validated)",
      });
    }
  }
  return problems.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
}

async function runXmllint(xml: { fileName: string; contents: string }[], schema: string): Promise<string> {
  try {
    const result = await validateXML({
      xml,
      schema: { fileName: "metadata.xsd", contents: schema },
      // The schema alone is 2.3 MB; the default 32 MiB ceiling is too low for it plus a large tree.
      initialMemoryPages: 256 * 16,
      maxMemoryPages: 16384,
    });
    return result.rawOutput;
  } catch (error) {
    // xmllint exits 1 when a file is not well-formed; the wrapper rejects with its stderr, which lists every
    // file's verdict like a validation failure does. Any other exit (e.g. 5: the schema does not compile) is fatal.
    const { code, message } = error as { code?: number; message?: string };
    if (code === 1 && message) return message;
    throw error;
  }
}

export async function validateMetadataTree(root = FORCE_APP, options: SchemaValidationOptions = {}) {
  return validateMetadataFiles(listMetadataFiles(root), options);
}

export function formatSchemaProblem(problem: SchemaProblem): string {
  return `${problem.file}${problem.line === null ? "" : `:${problem.line}`}: ${problem.message}`;
}
