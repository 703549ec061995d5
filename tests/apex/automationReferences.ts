// References of the handoff automation that a deploy would reject or, worse, that would fail only at run time:
// custom fields and objects named in Apex, the Apex actions and their parameter names called by flows, Named
// Credentials called by Apex, and the notification types, email templates, groups and queue found by name.
// The general metadata reference checker (tests/metadata) covers the rest of the flows' field references.
import { existsSync, readFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import {
  DEFAULT_SOURCE,
  PROJECT_ROOT,
  listObjects,
  parseMetadataFile,
  readCustomMetadataRecords,
  readObjectFields,
  text,
  walkFiles,
} from "../../scripts/lib/forceApp.ts";
import { asArray, readFlows } from "../flows/flowModel.ts";

export interface ReferenceProblem {
  file: string;
  problem: string;
}

export function describeReference(p: ReferenceProblem): string {
  return `${relative(PROJECT_ROOT, p.file)}: ${p.problem}`;
}

function apexSources(source: string): { path: string; code: string }[] {
  return walkFiles(join(source, "classes"), ".cls").map((path) => ({
    path,
    // Comments may name fields that no longer exist; only code counts.
    code: readFileSync(path, "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/\/\/.*$/gm, ""),
  }));
}

// String literals hold labels, messages and deliberately wrong names in tests; field names in code are outside them.
function withoutStrings(code: string): string {
  return code.replace(/'(?:\\.|[^'\\])*'/g, "''");
}

// Custom objects and custom fields (any object) defined in force-app.
function customNames(source: string): { objects: Set<string>; fields: Set<string>; relationships: Set<string> } {
  const objects = new Set(listObjects(source));
  const fields = new Set<string>();
  const relationships = new Set<string>();
  for (const object of objects) {
    for (const field of readObjectFields(object, source).values()) {
      fields.add(field.name);
      // Child relationships (Handoffs__r on Opportunity) are named on the lookup field of the child object.
      const relationship = text(parseMetadataFile(field.path).body.relationshipName);
      if (relationship) relationships.add(`${relationship}__r`);
    }
  }
  return { objects, fields, relationships };
}

export function apexCustomNameProblems(source = DEFAULT_SOURCE): ReferenceProblem[] {
  const { objects, fields, relationships } = customNames(source);
  const problems: ReferenceProblem[] = [];
  for (const { path, code } of apexSources(source)) {
    const seen = new Set<string>();
    for (const [token] of withoutStrings(code).matchAll(/\b[A-Za-z][A-Za-z0-9_]*__(?:c|r|mdt)\b/g)) {
      if (seen.has(token)) continue;
      seen.add(token);
      const asField = token.replace(/__r$/, "__c");
      const known = token.endsWith("__mdt")
        ? objects.has(token)
        : objects.has(token) || fields.has(asField) || relationships.has(token);
      if (!known) problems.push({ file: path, problem: `${token} is not a custom object or field in force-app` });
    }
  }
  return problems;
}

function invocableVariables(code: string): Set<string> {
  return new Set(
    [
      ...code.matchAll(/@InvocableVariable(?:\((?:'[^']*'|[^)'])*\))?\s+(?:public|global)\s+[\w<>,\s]+?\s+(\w+)\s*;/g),
    ].map((m) => m[1]),
  );
}

export function flowApexActionProblems(source = DEFAULT_SOURCE): ReferenceProblem[] {
  const classes = new Map(apexSources(source).map((c) => [basename(c.path, ".cls"), c.code]));
  const problems: ReferenceProblem[] = [];
  for (const flow of readFlows(join(source, "flows"))) {
    for (const element of flow.elements.values()) {
      if (element.kind !== "actionCalls" || text(element.node.actionType) !== "apex") continue;
      const action = text(element.node.actionName) ?? "";
      const code = classes.get(action);
      if (!code) {
        problems.push({
          file: flow.path,
          problem: `${element.name} calls Apex action ${action}, which is not a class in force-app`,
        });
        continue;
      }
      if (!/@InvocableMethod\b/.test(code)) {
        problems.push({ file: flow.path, problem: `${element.name} calls ${action}, which has no @InvocableMethod` });
        continue;
      }
      const variables = invocableVariables(code);
      const names = [...asArray(element.node.inputParameters), ...asArray(element.node.outputParameters)].map(
        (p) => text(p.name) ?? "",
      );
      for (const name of names) {
        if (!variables.has(name))
          problems.push({
            file: flow.path,
            problem: `${element.name} passes or reads "${name}", which is not an @InvocableVariable of ${action}`,
          });
      }
    }
  }
  return problems;
}

function metadataExists(source: string, folder: string, name: string, suffix: string): boolean {
  return walkFiles(join(source, folder), `${suffix}-meta.xml`).some((p) => basename(p, `.${suffix}-meta.xml`) === name);
}

// Records that flows look up by DeveloperName: the name must exist as metadata, or the lookup finds nothing at run time.
const LOOKUP_TARGETS: Record<string, { folder: string; suffix: string }> = {
  CustomNotificationType: { folder: "notificationtypes", suffix: "notiftype" },
  EmailTemplate: { folder: "email", suffix: "email" },
  Group: { folder: "groups", suffix: "group" },
  Handoff_Setting__mdt: { folder: "customMetadata", suffix: "md" },
};

export interface NamedLookup {
  file: string;
  element: string;
  object: string;
  developerName: string;
}

export function flowLookupsByName(source = DEFAULT_SOURCE): NamedLookup[] {
  const lookups: NamedLookup[] = [];
  for (const flow of readFlows(join(source, "flows"))) {
    for (const element of flow.elements.values()) {
      if (element.kind !== "recordLookups") continue;
      const object = text(element.node.object) ?? "";
      if (!LOOKUP_TARGETS[object]) continue;
      for (const filter of asArray(element.node.filters)) {
        // The shared metadata reader reads <value> as a repeating element (custom metadata values), hence [0].
        const value = text(asArray(filter.value)[0]?.stringValue);
        if (text(filter.field) === "DeveloperName" && value) {
          lookups.push({ file: flow.path, element: element.name, object, developerName: value });
        }
      }
    }
  }
  return lookups;
}

export function flowLookupProblems(source = DEFAULT_SOURCE): ReferenceProblem[] {
  return flowLookupsByName(source)
    .filter((l) => {
      const target = LOOKUP_TARGETS[l.object];
      const name = l.object === "Handoff_Setting__mdt" ? `Handoff_Setting.${l.developerName}` : l.developerName;
      return !metadataExists(source, target.folder, name, target.suffix);
    })
    .map((l) => ({
      file: l.file,
      problem: `${l.element} looks up ${l.object} "${l.developerName}", which is not in force-app/${LOOKUP_TARGETS[l.object].folder}`,
    }));
}

export function namedCredentialProblems(source = DEFAULT_SOURCE): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  for (const { path, code } of apexSources(source)) {
    for (const [, name] of code.matchAll(/'callout:([A-Za-z0-9_]+)/g)) {
      const file = join(source, "namedCredentials", `${name}.namedCredential-meta.xml`);
      if (!existsSync(file)) {
        problems.push({ file: path, problem: `callout:${name} has no Named Credential in force-app/namedCredentials` });
        continue;
      }
      for (const [, external] of readFileSync(file, "utf8").matchAll(
        /<externalCredential>([^<]+)<\/externalCredential>/g,
      )) {
        if (!existsSync(join(source, "externalCredentials", `${external}.externalCredential-meta.xml`))) {
          problems.push({
            file,
            problem: `Named Credential ${name} uses External Credential ${external}, which is not in force-app/externalCredentials`,
          });
        }
      }
    }
  }
  return problems;
}

// The groups and the queue named in the Default settings, which the assignment Apex looks up by DeveloperName.
export function settingsGroupProblems(source = DEFAULT_SOURCE): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  for (const record of readCustomMetadataRecords("Handoff_Setting__mdt", source)) {
    const wanted: [string, string, string][] = [
      ["High_Touch_CS_Group__c", "groups", "group"],
      ["Low_Touch_CS_Group__c", "groups", "group"],
      ["CS_Lead_Group__c", "groups", "group"],
      ["Fallback_CS_Queue__c", "queues", "queue"],
    ];
    for (const [field, folder, suffix] of wanted) {
      const value = record.values[field];
      if (typeof value !== "string" || value === "") {
        problems.push({ file: record.path, problem: `${field} is blank: the automation needs it` });
      } else if (!metadataExists(source, folder, value, suffix)) {
        problems.push({ file: record.path, problem: `${field} names ${value}, which is not in force-app/${folder}` });
      }
    }
  }
  return problems;
}
