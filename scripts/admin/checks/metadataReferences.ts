// Checks that every field, object, class, permission, tab and custom metadata record named by the project's metadata
// exists, either in force-app or as a standard field of a standard object (scripts/admin/checks/standard-fields.json).
// A deploy would fail on most of these (or, for formulas in flows and custom metadata values, fail later at run time);
// this finds them offline, with the file and the reference, before anything reaches an org.
import { readFileSync } from "node:fs";
import { basename, dirname, join, relative, sep } from "node:path";
import { PROJECT_ROOT, parseMetadataFile, text, walkFiles, type XmlNode } from "../../lib/forceApp.ts";
import {
  LABEL_IMPORT,
  apexLabelReferences,
  parseCustomLabels,
  parseLabelTranslations,
} from "../../lib/customLabels.ts";

export const STANDARD_FIELDS_PATH = join(PROJECT_ROOT, "scripts/admin/checks/standard-fields.json");
export const FORCE_APP_ROOT = join(PROJECT_ROOT, "force-app");

export interface UnresolvedReference {
  file: string;
  reference: string;
  expected: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Standard fields

interface StandardObjectData {
  withCommonFields?: boolean;
  fields: string[];
  relationships: Record<string, string>;
}

export interface StandardFieldsData {
  commonFields: string[];
  commonRelationships: Record<string, string>;
  customObjectFields: string[];
  customObjectRelationships: Record<string, string>;
  customMetadataFields: string[];
  objects: Record<string, StandardObjectData>;
}

export function loadStandardFields(path = STANDARD_FIELDS_PATH): StandardFieldsData {
  return JSON.parse(readFileSync(path, "utf8")) as StandardFieldsData;
}

// A relationship to more than one kind of object (Task.What, Owner of a queue-owned record): the rest of the path
// depends on the record at run time and is not checked.
const POLYMORPHIC = "*";

// ---------------------------------------------------------------------------------------------------------------
// The project's schema as the org will see it after a deploy: objects, fields and lookups from force-app, merged
// with the standard fields. API names are case-insensitive in Salesforce, so lookups are too.

interface FieldInfo {
  name: string;
  type?: string;
  referenceTo?: string;
  required: boolean;
  calculated: boolean;
  path: string;
}

interface ObjectInfo {
  name: string;
  definitionFile?: string;
  fields: Map<string, FieldInfo>;
  relationships: Map<string, string>;
}

export class MetadataIndex {
  readonly root: string;
  readonly standard: StandardFieldsData;
  private readonly objects = new Map<string, ObjectInfo>();
  private readonly filesBySuffix = new Map<string, Map<string, string>>();

  constructor(root = FORCE_APP_ROOT, standard = loadStandardFields()) {
    this.root = root;
    this.standard = standard;
    for (const path of walkFiles(root, "-meta.xml")) {
      const match = /^(.*)\.([A-Za-z]+)-meta\.xml$/.exec(basename(path));
      // An Apex class exists when its .cls does (below), not because of a stray .cls-meta.xml.
      if (match && match[2] !== "cls") this.addFile(match[2], match[1], path);
    }
    for (const path of walkFiles(root, ".cls")) this.addFile("cls", basename(path, ".cls"), path);
    for (const path of this.files("object")) this.object(basename(path, ".object-meta.xml")).definitionFile = path;
    for (const path of this.files("field")) {
      const objectName = basename(dirname(dirname(path)));
      const { body } = parseMetadataFile(path);
      const name = basename(path, ".field-meta.xml");
      const referenceTo = text(body.referenceTo);
      const info = this.object(objectName);
      const type = text(body.type);
      info.fields.set(name.toLowerCase(), {
        name,
        type,
        referenceTo,
        path,
        required: text(body.required) === "true" || type === "MasterDetail",
        calculated: !!text(body.formula) || type === "Summary" || type === "AutoNumber",
      });
      if (referenceTo && (type === "Lookup" || type === "MasterDetail") && name.endsWith("__c")) {
        info.relationships.set(name.replace(/__c$/, "__r").toLowerCase(), referenceTo);
      }
    }
  }

  // Parts of an object (fields, rules, record types...) are keyed Object.Name: two objects may both have a Status__c.
  private addFile(suffix: string, name: string, path: string) {
    if (!this.filesBySuffix.has(suffix)) this.filesBySuffix.set(suffix, new Map());
    const objectsDir = dirname(dirname(dirname(path)));
    const key =
      basename(objectsDir) === "objects" && suffix !== "object" ? `${basename(dirname(dirname(path)))}.${name}` : name;
    this.filesBySuffix.get(suffix)?.set(key.toLowerCase(), path);
  }

  files(suffix: string): string[] {
    return [...(this.filesBySuffix.get(suffix)?.values() ?? [])].sort();
  }

  // Whether force-app holds a metadata file Name.<suffix>-meta.xml (or Name.cls for suffix "cls"); parts of an
  // object are named Object.Name.
  hasFile(suffix: string, name: string): boolean {
    return this.filesBySuffix.get(suffix)?.has(name.toLowerCase()) ?? false;
  }

  filePath(suffix: string, name: string): string | undefined {
    return this.filesBySuffix.get(suffix)?.get(name.toLowerCase());
  }

  private object(name: string): ObjectInfo {
    const key = name.toLowerCase();
    let info = this.objects.get(key);
    if (!info) {
      info = { name, fields: new Map(), relationships: new Map() };
      this.objects.set(key, info);
    }
    return info;
  }

  private standardObject(name: string): StandardObjectData | undefined {
    const key = Object.keys(this.standard.objects).find((k) => k.toLowerCase() === name.toLowerCase());
    return key ? this.standard.objects[key] : undefined;
  }

  private isCustom(name: string) {
    return /__(c|mdt|e)$/i.test(name);
  }

  // A custom object exists when its .object-meta.xml is in force-app; a standard one when it is in the data file.
  objectExists(name: string): boolean {
    if (this.isCustom(name)) return !!this.objects.get(name.toLowerCase())?.definitionFile;
    return !!this.standardObject(name);
  }

  describeMissingObject(name: string): string {
    return this.isCustom(name)
      ? `custom object ${name} (objects/${name}/${name}.object-meta.xml in force-app)`
      : `standard object ${name} listed in scripts/admin/checks/standard-fields.json`;
  }

  private standardFieldNames(object: string): string[] {
    if (/__mdt$/i.test(object)) return this.standard.customMetadataFields;
    if (this.isCustom(object)) return [...this.standard.commonFields, ...this.standard.customObjectFields];
    const data = this.standardObject(object);
    if (!data) return [];
    return [...(data.withCommonFields === false ? [] : this.standard.commonFields), ...data.fields];
  }

  fieldExists(object: string, field: string): boolean {
    if (!this.objectExists(object)) return false;
    if (this.objects.get(object.toLowerCase())?.fields.has(field.toLowerCase())) return true;
    return this.standardFieldNames(object).some((f) => f.toLowerCase() === field.toLowerCase());
  }

  field(object: string, field: string) {
    return this.objects.get(object.toLowerCase())?.fields.get(field.toLowerCase());
  }

  relationshipTarget(object: string, relationship: string): string | undefined {
    const custom = this.objects.get(object.toLowerCase())?.relationships.get(relationship.toLowerCase());
    if (custom) return custom;
    const maps: Record<string, string>[] = [];
    if (this.isCustom(object) && !/__mdt$/i.test(object)) {
      maps.push(this.standard.commonRelationships, this.standard.customObjectRelationships);
    } else {
      const data = this.standardObject(object);
      if (data) maps.push(data.withCommonFields === false ? {} : this.standard.commonRelationships, data.relationships);
    }
    for (const map of maps) {
      const key = Object.keys(map).find((k) => k.toLowerCase() === relationship.toLowerCase());
      if (key) return map[key];
    }
    return undefined;
  }

  // Resolves Field, Rel__r.Field, Account.Owner.Email... from an object; returns what was expected where it breaks.
  resolvePath(object: string, path: string): string | null {
    if (!this.objectExists(object)) return this.describeMissingObject(object);
    const segments = path.split(".");
    let current = object;
    for (let i = 0; i < segments.length - 1; i++) {
      const target = this.relationshipTarget(current, segments[i]);
      if (target === POLYMORPHIC) return null;
      if (!target) {
        return segments[i].toLowerCase().endsWith("__r")
          ? `a lookup field ${segments[i].replace(/__r$/i, "__c")} on ${current} (the relationship ${segments[i]})`
          : `a relationship ${segments[i]} of ${current}: a standard relationship in scripts/admin/checks/standard-fields.json`;
      }
      if (!this.objectExists(target)) return this.describeMissingObject(target);
      current = target;
    }
    const last = segments[segments.length - 1];
    if (this.fieldExists(current, last)) return null;
    return this.isCustom(last)
      ? `field ${current}.${last} (objects/${current}/fields/${last}.field-meta.xml in force-app)`
      : `a field ${last} of ${current}: a custom field in force-app or a standard field in scripts/admin/checks/standard-fields.json`;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Formulas

const FORMULA_KEYWORDS = new Set(["true", "false", "null"]);

// The names a Salesforce formula refers to: fields, paths and $globals. Skips string literals (either quote, with
// backslash escapes), comments, numbers, operators and function names (a name followed by an opening parenthesis).
export function formulaReferences(formula: string): string[] {
  const found: string[] = [];
  let i = 0;
  while (i < formula.length) {
    const c = formula[i];
    if (c === '"' || c === "'") {
      i++;
      while (i < formula.length && formula[i] !== c) i += formula[i] === "\\" ? 2 : 1;
      i++;
    } else if (c === "/" && formula[i + 1] === "*") {
      const end = formula.indexOf("*/", i + 2);
      i = end < 0 ? formula.length : end + 2;
    } else if (/[0-9]/.test(c)) {
      while (i < formula.length && /[0-9.]/.test(formula[i])) i++;
    } else if (/[A-Za-z_$]/.test(c)) {
      const start = i;
      while (i < formula.length && /[A-Za-z0-9_$.]/.test(formula[i])) i++;
      const name = formula.slice(start, i).replace(/\.+$/, "");
      let next = i;
      while (next < formula.length && /\s/.test(formula[next])) next++;
      if (formula[next] !== "(" && !FORMULA_KEYWORDS.has(name.toLowerCase())) found.push(name);
    } else {
      i++;
    }
  }
  return found;
}

// $globals whose content is org data, not metadata in this project: accepted as written.
const UNCHECKED_GLOBALS = new Set([
  "$api",
  "$organization",
  "$system",
  "$recordtype",
  "$objecttype",
  "$action",
  "$resource",
  "$site",
  "$network",
  "$flow",
  "$label",
]);

export interface FormulaContext {
  object: string;
  // In lookup filters, $Source is the record holding the lookup.
  sourceObject?: string;
}

export function resolveFormulaReference(
  index: MetadataIndex,
  reference: string,
  context: FormulaContext,
): string | null {
  const segments = reference.split(".");
  const head = segments[0].toLowerCase();
  if (!head.startsWith("$")) return index.resolvePath(context.object, reference);
  const rest = segments.slice(1).join(".");
  switch (head) {
    case "$custommetadata": {
      const [, type, record, field] = segments;
      if (!type || !record || !field || segments.length !== 4) {
        return "$CustomMetadata.Type__mdt.Record_Name.Field__c (type, record and field)";
      }
      if (!index.objectExists(type)) return index.describeMissingObject(type);
      const recordName = `${type.replace(/__mdt$/i, "")}.${record}`;
      if (!index.hasFile("md", recordName)) return `custom metadata record customMetadata/${recordName}.md-meta.xml`;
      return index.fieldExists(type, field)
        ? null
        : `field ${type}.${field} (objects/${type}/fields/${field}.field-meta.xml)`;
    }
    case "$permission":
      return index.hasFile("customPermission", rest)
        ? null
        : `custom permission customPermissions/${rest}.customPermission-meta.xml`;
    case "$user":
      return index.resolvePath("User", rest);
    case "$profile":
      return index.resolvePath("Profile", rest);
    case "$userrole":
      return index.resolvePath("UserRole", rest);
    case "$setup": {
      // Hierarchy custom settings: $Setup.Setting__c.Field__c
      const [, setting, ...fieldPath] = segments;
      return setting && fieldPath.length
        ? index.resolvePath(setting, fieldPath.join("."))
        : "$Setup.Setting__c.Field__c";
    }
    case "$source":
      return context.sourceObject
        ? index.resolvePath(context.sourceObject, rest)
        : "$Source is only defined in lookup filters";
    default:
      return UNCHECKED_GLOBALS.has(head) ? null : `a known global variable (${reference} is not one)`;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The checks, one per kind of metadata

function asArray<T = XmlNode>(node: unknown): T[] {
  if (node === undefined || node === null || node === "") return [];
  return (Array.isArray(node) ? node : [node]) as T[];
}

class Collector {
  readonly problems: UnresolvedReference[] = [];
  // How many references each check looked at, so a check that silently finds nothing to read is visible.
  readonly checked = new Map<string, number>();
  category = "";
  constructor(private readonly relativeTo: string) {}
  private readonly seen = new Set<string>();
  add(file: string, reference: string, expected: string | null) {
    this.checked.set(this.category, (this.checked.get(this.category) ?? 0) + 1);
    if (expected === null) return;
    const problem = { file: relative(this.relativeTo, file) || file, reference, expected };
    const key = JSON.stringify(problem);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.problems.push(problem);
  }
}

function objectOfFile(path: string): string {
  // objects/<Object>/<kind>/<Name>.<suffix>-meta.xml
  return basename(dirname(dirname(path)));
}

function checkFormulaText(
  index: MetadataIndex,
  out: Collector,
  file: string,
  formula: string,
  context: FormulaContext,
) {
  for (const reference of new Set(formulaReferences(formula))) {
    out.add(file, reference, resolveFormulaReference(index, reference, context));
  }
}

function checkFields(index: MetadataIndex, out: Collector) {
  for (const path of index.files("field")) {
    const object = objectOfFile(path);
    const { body } = parseMetadataFile(path);
    const formula = text(body.formula);
    if (formula) checkFormulaText(index, out, path, formula, { object });
    const referenceTo = text(body.referenceTo);
    if (referenceTo) {
      out.add(
        path,
        `referenceTo ${referenceTo}`,
        index.objectExists(referenceTo) ? null : index.describeMissingObject(referenceTo),
      );
    }
    const lookupFilter = body.lookupFilter as XmlNode | undefined;
    for (const item of asArray(lookupFilter?.filterItems)) {
      for (const key of ["field", "valueField"]) {
        const reference = text(item[key]);
        if (reference)
          out.add(
            path,
            `lookup filter ${key} ${reference}`,
            resolveLookupFilterPath(index, reference, object, referenceTo),
          );
      }
    }
    for (const summary of [text(body.summarizedField), text(body.summaryForeignKey)]) {
      if (summary) {
        const [child, field] = summary.split(".");
        out.add(path, summary, field ? index.resolvePath(child, field) : `Object.Field, not ${summary}`);
      }
    }
  }
}

function resolveLookupFilterPath(index: MetadataIndex, reference: string, object: string, target?: string) {
  if (reference.startsWith("$")) return resolveFormulaReference(index, reference, { object, sourceObject: object });
  const [head, ...rest] = reference.split(".");
  if (!target) return `a lookup field (lookup filter on a field without referenceTo)`;
  if (head.toLowerCase() !== target.toLowerCase() || rest.length === 0) {
    return `${target}.<field> (the lookup's target object) or $Source.<field>`;
  }
  return index.resolvePath(target, rest.join("."));
}

function checkValidationRules(index: MetadataIndex, out: Collector) {
  for (const path of index.files("validationRule")) {
    const object = objectOfFile(path);
    const { body } = parseMetadataFile(path);
    checkFormulaText(index, out, path, text(body.errorConditionFormula) ?? "", { object });
    const displayField = text(body.errorDisplayField);
    if (displayField) out.add(path, `errorDisplayField ${displayField}`, index.resolvePath(object, displayField));
  }
}

function checkLayouts(index: MetadataIndex, out: Collector) {
  for (const path of index.files("layout")) {
    const object = basename(path).split("-")[0];
    const { body } = parseMetadataFile(path);
    if (!index.objectExists(object)) {
      out.add(path, `layout object ${object}`, index.describeMissingObject(object));
      continue;
    }
    for (const section of asArray(body.layoutSections)) {
      for (const column of asArray(section.layoutColumns)) {
        for (const item of asArray(column.layoutItems)) {
          const field = text(item.field);
          if (field) out.add(path, `layoutItems field ${field}`, index.resolvePath(object, field));
        }
      }
    }
    for (const list of asArray(body.relatedLists)) {
      const name = text(list.relatedList) ?? "";
      // Custom related lists are named ChildObject.LookupField; standard ones (RelatedContactList...) are not checked.
      const custom = /^(\w+__c)\.(\w+)$/.exec(name);
      if (custom) out.add(path, `related list ${name}`, index.resolvePath(custom[1], custom[2]));
    }
  }
}

function checkPermissionSets(index: MetadataIndex, out: Collector) {
  for (const path of index.files("permissionset")) {
    const { body } = parseMetadataFile(path);
    for (const entry of asArray(body.fieldPermissions)) {
      const field = text(entry.field) ?? "";
      const [object, ...rest] = field.split(".");
      const missing = rest.length === 1 ? index.resolvePath(object, rest[0]) : "Object.Field";
      out.add(path, `fieldPermissions ${field}`, missing);
      // A deploy rejects field permissions on required fields (their access cannot be restricted) and edit
      // access to fields Salesforce calculates.
      const info = rest.length === 1 ? index.field(object, rest[0]) : undefined;
      if (!missing && info?.required) {
        out.add(
          path,
          `fieldPermissions ${field}`,
          "no field permission: the field is required (or master-detail), so the deploy rejects it",
        );
      } else if (!missing && info?.calculated && text(entry.editable) === "true") {
        out.add(
          path,
          `fieldPermissions ${field} editable`,
          "editable false: users can never edit a calculated field (formula, roll-up or auto-number)",
        );
      }
    }
    for (const entry of asArray(body.objectPermissions)) {
      const object = text(entry.object) ?? "";
      out.add(
        path,
        `objectPermissions ${object}`,
        index.objectExists(object) ? null : index.describeMissingObject(object),
      );
    }
    for (const entry of asArray(body.classAccesses)) {
      const apexClass = text(entry.apexClass) ?? "";
      out.add(
        path,
        `classAccesses ${apexClass}`,
        index.hasFile("cls", apexClass) ? null : `Apex class ${apexClass}.cls`,
      );
    }
    for (const entry of asArray(body.tabSettings)) {
      const tab = text(entry.tab) ?? "";
      out.add(path, `tabSettings ${tab}`, tabProblem(index, tab));
    }
    for (const entry of asArray(body.customPermissions)) {
      const name = text(entry.name) ?? "";
      const ok = index.hasFile("customPermission", name);
      out.add(
        path,
        `customPermissions ${name}`,
        ok ? null : `custom permission customPermissions/${name}.customPermission-meta.xml`,
      );
    }
    for (const entry of asArray(body.customMetadataTypeAccesses)) {
      const name = text(entry.name) ?? "";
      out.add(
        path,
        `customMetadataTypeAccesses ${name}`,
        index.objectExists(name) ? null : index.describeMissingObject(name),
      );
    }
    for (const entry of asArray(body.applicationVisibilities)) {
      const app = text(entry.application) ?? "";
      const ok = app.startsWith("standard__") || index.hasFile("app", app);
      out.add(path, `applicationVisibilities ${app}`, ok ? null : `app applications/${app}.app-meta.xml`);
    }
    for (const entry of asArray(body.flowAccesses)) {
      const flow = text(entry.flow) ?? "";
      out.add(path, `flowAccesses ${flow}`, index.hasFile("flow", flow) ? null : `flow flows/${flow}.flow-meta.xml`);
    }
    for (const entry of asArray(body.recordTypeVisibilities)) {
      const recordType = text(entry.recordType) ?? "";
      const [object, name] = recordType.split(".");
      const ok = index.hasFile("recordType", recordType);
      out.add(
        path,
        `recordTypeVisibilities ${recordType}`,
        ok ? null : `record type objects/${object}/recordTypes/${name}.recordType-meta.xml`,
      );
    }
  }
}

function checkCustomMetadataRecords(index: MetadataIndex, out: Collector) {
  for (const path of index.files("md")) {
    const [typeName] = basename(path, ".md-meta.xml").split(".");
    const type = `${typeName}__mdt`;
    if (!index.objectExists(type)) {
      out.add(path, `custom metadata type ${type}`, index.describeMissingObject(type));
      continue;
    }
    const { body } = parseMetadataFile(path);
    for (const entry of asArray(body.values)) {
      const field = text(entry.field) ?? "";
      out.add(
        path,
        `values field ${field}`,
        index.field(type, field) ? null : `field ${type}.${field} (objects/${type}/fields/${field}.field-meta.xml)`,
      );
    }
  }
  // Each requirement names the Opportunity field the checklist, validation rules and audit check.
  for (const path of index.files("md").filter((p) => basename(p).startsWith("Handoff_Requirement."))) {
    const { body } = parseMetadataFile(path);
    const entry = asArray(body.values).find((v) => text(v.field) === "Field_API_Name__c");
    const value = text(asArray(entry?.value)[0]);
    out.add(
      path,
      `Field_API_Name__c ${value ?? "(blank)"}`,
      value ? index.resolvePath("Opportunity", value) : "an Opportunity field name",
    );
  }
}

// Whether a Lightning web component can be placed where a page or tab puts it: the bundle must exist, be exposed
// and list the target; otherwise the page or tab fails to deploy.
function componentPlacementProblem(index: MetadataIndex, bundle: string, target: string): string | null {
  const path = index.filePath("js", bundle);
  if (!path) return `Lightning web component lwc/${bundle}/${bundle}.js-meta.xml`;
  const { body } = parseMetadataFile(path);
  if (text(body.isExposed) !== "true") return `component ${bundle} to be exposed (<isExposed>true</isExposed>)`;
  const targets = asArray<unknown>((body.targets as XmlNode | undefined)?.target).map((t) => text(t));
  return targets.includes(target) ? null : `component ${bundle} to list <target>${target}</target>`;
}

function tabProblem(index: MetadataIndex, tab: string): string | null {
  return tab.startsWith("standard-") || index.hasFile("tab", tab)
    ? null
    : `tab tabs/${tab}.tab-meta.xml (or a standard-* tab)`;
}

function checkTabs(index: MetadataIndex, out: Collector) {
  for (const path of index.files("tab")) {
    const { body } = parseMetadataFile(path);
    if (text(body.customObject) === "true") {
      const object = basename(path, ".tab-meta.xml");
      out.add(
        path,
        `tab for object ${object}`,
        index.objectExists(object) ? null : index.describeMissingObject(object),
      );
    }
    const component = text(body.lwcComponent);
    if (component)
      out.add(path, `lwcComponent ${component}`, componentPlacementProblem(index, component, "lightning__Tab"));
    const page = text(body.flexiPage);
    if (page)
      out.add(
        path,
        `flexiPage ${page}`,
        index.hasFile("flexipage", page) ? null : `page flexipages/${page}.flexipage-meta.xml`,
      );
  }
}

function collectNodes(node: unknown, key: string, found: XmlNode[] = []): XmlNode[] {
  if (Array.isArray(node)) {
    for (const item of node) collectNodes(item, key, found);
  } else if (node && typeof node === "object") {
    for (const [childKey, child] of Object.entries(node as XmlNode)) {
      if (childKey === key) found.push(...asArray(child));
      collectNodes(child, key, found);
    }
  }
  return found;
}

function checkPagesAndApps(index: MetadataIndex, out: Collector) {
  for (const path of index.files("flexipage")) {
    const { body } = parseMetadataFile(path);
    const pageType = text(body.type) ?? "";
    const object = text(body.sobjectType);
    for (const instance of collectNodes(body, "componentInstance")) {
      const name = text(instance.componentName) ?? "";
      // c:bundle (or a bare bundle name) is one of ours; other namespaces (force:, flexipage:) are Salesforce's.
      const ours = /^c:(\w+)$/.exec(name) ?? (/^\w+$/.test(name) ? [name, name] : null);
      if (ours) out.add(path, `component ${name}`, componentPlacementProblem(index, ours[1], `lightning__${pageType}`));
    }
    for (const instance of collectNodes(body, "fieldInstance")) {
      const field = text(instance.fieldItem) ?? "";
      const match = /^Record\.(.+)$/.exec(field);
      if (match && object) out.add(path, `fieldItem ${field}`, index.resolvePath(object, match[1]));
    }
  }
  for (const path of index.files("app")) {
    const { body } = parseMetadataFile(path);
    for (const tab of [...asArray<unknown>(body.tabs), body.defaultLandingTab].map((t) => text(t)).filter(Boolean)) {
      out.add(path, `tab ${tab}`, tabProblem(index, tab as string));
    }
    for (const override of [...asArray(body.actionOverrides), ...asArray(body.profileActionOverrides)]) {
      const page = text(override.content);
      if (page && text(override.type) === "Flexipage") {
        out.add(
          path,
          `page ${page}`,
          index.hasFile("flexipage", page) ? null : `page flexipages/${page}.flexipage-meta.xml`,
        );
      }
    }
  }
}

// Flow element names and variables that hold a record, so that {!Get_Handoff.CS_Owner__c} resolves on its object.
function flowRecordVariables(flow: XmlNode): Map<string, string> {
  const records = new Map<string, string>();
  const start = flow.start as XmlNode | undefined;
  const startObject = text(start?.object);
  if (startObject) {
    records.set("$record", startObject);
    records.set("$record__prior", startObject);
  }
  for (const variable of asArray(flow.variables)) {
    const name = text(variable.name);
    const objectType = text(variable.objectType);
    if (name && objectType && text(variable.dataType) === "SObject") records.set(name.toLowerCase(), objectType);
  }
  for (const lookup of asArray(flow.recordLookups)) {
    const name = text(lookup.name);
    const object = text(lookup.object);
    if (name && object) records.set(name.toLowerCase(), object);
  }
  return records;
}

const FLOW_REFERENCE_KEYS = new Set(["leftValueReference", "elementReference", "assignToReference", "inputReference"]);

function collectFlowReferences(node: unknown, key: string | null, found: Set<string>) {
  if (typeof node === "string") {
    if (key && FLOW_REFERENCE_KEYS.has(key)) found.add(node.trim());
    for (const match of node.matchAll(/\{!\s*([^}\s]+)\s*\}/g)) found.add(match[1]);
    return;
  }
  if (Array.isArray(node)) {
    for (const item of node) collectFlowReferences(item, key, found);
  } else if (node && typeof node === "object") {
    for (const [childKey, child] of Object.entries(node as XmlNode)) collectFlowReferences(child, childKey, found);
  }
}

function checkFlows(index: MetadataIndex, out: Collector) {
  for (const path of index.files("flow")) {
    const { body: flow } = parseMetadataFile(path);
    const records = flowRecordVariables(flow);
    const start = flow.start as XmlNode | undefined;
    const startObject = text(start?.object);
    if (startObject) {
      out.add(
        path,
        `start object ${startObject}`,
        index.objectExists(startObject) ? null : index.describeMissingObject(startObject),
      );
      for (const filter of asArray(start?.filters)) {
        const field = text(filter.field);
        if (field) out.add(path, `start filter field ${field}`, index.resolvePath(startObject, field));
      }
    }
    for (const kind of ["recordLookups", "recordCreates", "recordUpdates", "recordDeletes"]) {
      for (const element of asArray(flow[kind])) {
        const name = text(element.name) ?? kind;
        const explicitObject = text(element.object);
        const inputReference = text(element.inputReference);
        const object = explicitObject ?? (inputReference ? records.get(inputReference.toLowerCase()) : undefined);
        if (explicitObject && !index.objectExists(explicitObject)) {
          out.add(path, `${name} object ${explicitObject}`, index.describeMissingObject(explicitObject));
          continue;
        }
        if (!object) continue;
        const fieldNames = [
          ...asArray(element.filters).map((f) => text(f.field)),
          ...asArray<unknown>(element.queriedFields).map((f) => text(f)),
          ...asArray(element.inputAssignments).map((a) => text(a.field)),
          ...asArray(element.outputAssignments).map((a) => text(a.field)),
        ];
        for (const field of fieldNames) {
          if (field) out.add(path, `${name} field ${field}`, index.resolvePath(object, field));
        }
      }
    }
    const references = new Set<string>();
    collectFlowReferences(flow, null, references);
    for (const reference of references) {
      const [head, ...rest] = reference.split(".");
      const object = records.get(head.toLowerCase());
      if (object && rest.length > 0) out.add(path, reference, index.resolvePath(object, rest.join(".")));
    }
    for (const action of asArray(flow.actionCalls)) {
      if (text(action.actionType) === "apex") {
        const apexClass = text(action.actionName) ?? "";
        const classPath = index.filePath("cls", apexClass);
        const invocable = classPath && /@InvocableMethod\b/i.test(stripApexComments(readFileSync(classPath, "utf8")));
        out.add(
          path,
          `apex action ${apexClass}`,
          invocable ? null : `Apex class ${apexClass}.cls with an @InvocableMethod`,
        );
      }
    }
    for (const subflow of asArray(flow.subflows)) {
      const name = text(subflow.flowName) ?? "";
      out.add(path, `subflow ${name}`, index.hasFile("flow", name) ? null : `flow flows/${name}.flow-meta.xml`);
    }
  }
}

function stripApexComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, " ").replace(/\/\/.*$/gm, " ");
}

// Whether the class declares a static method of that name annotated @AuraEnabled (what an LWC import needs).
export function apexMethodProblem(classSource: string, method: string): string | null {
  const source = stripApexComments(classSource);
  const declaration = new RegExp(`\\b${method}\\s*\\(`, "gi");
  let declared = false;
  for (const match of source.matchAll(declaration)) {
    const statementStart = Math.max(
      source.lastIndexOf(";", match.index),
      source.lastIndexOf("{", match.index),
      source.lastIndexOf("}", match.index),
    );
    const header = source.slice(statementStart + 1, match.index);
    if (!/\bstatic\b/i.test(header)) continue;
    declared = true;
    if (/@AuraEnabled\b/i.test(header)) return null;
  }
  return declared ? `method ${method} to be annotated @AuraEnabled` : `a static method ${method}`;
}

// The Custom Labels of force-app by name (labels/CustomLabels.labels-meta.xml; a copy may hold several files).
function customLabelNames(index: MetadataIndex): Set<string> {
  const names = new Set<string>();
  for (const path of index.files("labels")) {
    for (const label of parseCustomLabels(readFileSync(path, "utf8"))) names.add(label.name);
  }
  return names;
}

function labelsFileOf(index: MetadataIndex): string {
  return index.files("labels")[0] ?? join(index.root, "labels/CustomLabels.labels-meta.xml");
}

function checkLwc(index: MetadataIndex, out: Collector) {
  const labels = customLabelNames(index);
  const sources = [...walkFiles(index.root, ".ts"), ...walkFiles(index.root, ".js")].filter(
    (path) => path.split(sep).includes("lwc") && !path.split(sep).includes("__tests__") && !path.endsWith(".d.ts"),
  );
  const typescript = new Set(sources.filter((p) => p.endsWith(".ts")).map((p) => p.replace(/\.ts$/, "")));
  for (const path of sources) {
    // A .js beside a .ts is the compiled copy: report each import once, against the source people edit.
    if (path.endsWith(".js") && typescript.has(path.replace(/\.js$/, ""))) continue;
    const source = readFileSync(path, "utf8");
    for (const match of source.matchAll(/["']@salesforce\/schema\/([^"']+)["']/g)) {
      const [object, ...rest] = match[1].split(".");
      const expected =
        rest.length === 0
          ? index.objectExists(object)
            ? null
            : index.describeMissingObject(object)
          : index.resolvePath(object, rest.join("."));
      out.add(path, `@salesforce/schema/${match[1]}`, expected);
    }
    for (const match of source.matchAll(/["']@salesforce\/apex\/([^"']+)["']/g)) {
      const [apexClass, method] = match[1].split(".");
      const classPath = index.filePath("cls", apexClass);
      const expected = !classPath
        ? `Apex class ${apexClass}.cls`
        : !method
          ? `Class.method`
          : apexMethodProblem(readFileSync(classPath, "utf8"), method);
      out.add(path, `@salesforce/apex/${match[1]}`, expected);
    }
    // Label names are case-sensitive in the import; the org resolves c.X to the label named exactly X.
    for (const match of source.matchAll(LABEL_IMPORT)) {
      const name = match[1];
      out.add(
        path,
        `@salesforce/label/c.${name}`,
        labels.has(name)
          ? null
          : `a Custom Label ${name} (<labels><fullName>${name}</fullName> in ${relative(index.root, labelsFileOf(index))})`,
      );
    }
  }
}

// Apex reads messages for the user from labels (System.Label.X); a missing label fails the class's deploy. Apex
// names ignore case, so Label.handoff_save resolves to Handoff_Save.
function checkApexLabels(index: MetadataIndex, out: Collector) {
  const labels = new Set([...customLabelNames(index)].map((name) => name.toLowerCase()));
  for (const path of index.files("cls")) {
    for (const name of apexLabelReferences(readFileSync(path, "utf8"))) {
      out.add(
        path,
        `System.Label.${name}`,
        labels.has(name.toLowerCase())
          ? null
          : `a Custom Label ${name} (<labels><fullName>${name}</fullName> in ${relative(index.root, labelsFileOf(index))})`,
      );
    }
  }
}

// Every label has a translation in each language the app ships (translations/<locale>.translation-meta.xml), and
// every translated label exists: Translation Workbench shows the English value to a German user otherwise, and a
// deploy of a translation for a missing label fails.
function checkLabelTranslations(index: MetadataIndex, out: Collector) {
  const labels = customLabelNames(index);
  const labelsFile = labelsFileOf(index);
  for (const path of index.files("translation")) {
    const translated = new Set<string>();
    for (const entry of parseLabelTranslations(readFileSync(path, "utf8"))) {
      translated.add(entry.name);
      out.add(
        path,
        `customLabels ${entry.name}`,
        labels.has(entry.name) ? null : `a Custom Label ${entry.name} in ${relative(index.root, labelsFile)}`,
      );
    }
    const locale = basename(path, ".translation-meta.xml");
    for (const name of labels) {
      out.add(
        labelsFile,
        `label ${name}`,
        translated.has(name)
          ? null
          : `its ${locale} translation: <customLabels><label>...</label><name>${name}</name></customLabels> in ${relative(index.root, path)}`,
      );
    }
  }
}

export const REFERENCE_CHECKS = {
  "formula fields, lookup filters and roll-ups": checkFields,
  "validation rules": checkValidationRules,
  layouts: checkLayouts,
  "permission sets": checkPermissionSets,
  "custom metadata records": checkCustomMetadataRecords,
  tabs: checkTabs,
  "Lightning pages and apps": checkPagesAndApps,
  flows: checkFlows,
  "Lightning web components": checkLwc,
  "Apex label references": checkApexLabels,
  "Custom Labels and translations": checkLabelTranslations,
} as const;

export interface ReferenceCheckOptions {
  root?: string;
  standardFields?: StandardFieldsData;
  relativeTo?: string;
}

export interface ReferenceCheckResult {
  problems: UnresolvedReference[];
  checked: Record<keyof typeof REFERENCE_CHECKS, number>;
}

export function checkReferences(options: ReferenceCheckOptions = {}): ReferenceCheckResult {
  const root = options.root ?? FORCE_APP_ROOT;
  const index = new MetadataIndex(root, options.standardFields ?? loadStandardFields());
  const out = new Collector(options.relativeTo ?? PROJECT_ROOT);
  const checked = {} as Record<keyof typeof REFERENCE_CHECKS, number>;
  for (const [category, check] of Object.entries(REFERENCE_CHECKS) as [
    keyof typeof REFERENCE_CHECKS,
    (index: MetadataIndex, out: Collector) => void,
  ][]) {
    out.category = category;
    check(index, out);
    checked[category] = out.checked.get(category) ?? 0;
  }
  const problems = out.problems.sort((a, b) => a.file.localeCompare(b.file) || a.reference.localeCompare(b.reference));
  return { problems, checked };
}

export function findUnresolvedReferences(options: ReferenceCheckOptions = {}): UnresolvedReference[] {
  return checkReferences(options).problems;
}

export function formatUnresolvedReference(problem: UnresolvedReference): string {
  return `${problem.file}: ${problem.reference} does not resolve; expected ${problem.expected}`;
}
