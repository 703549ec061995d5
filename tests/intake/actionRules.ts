// Reads the status rules of the intake Apex and the panel's copy of them, and says where they disagree. Used by
// tests/intake/actionRules.test.ts (the panel against the Apex) and tests/preview/apexRules.test.ts (the preview's
// Apex stand-in against the Apex), so both read the Apex the same way.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { DEFAULT_SOURCE } from "../../scripts/lib/forceApp.ts";

export interface ApexRules {
  sets: Map<string, string[]>;
  integers: Map<string, number>;
}

// `static final String NAME = 'value';`, `static final Integer NAME = 3;` and
// `static final Set<String> NAME = new Set<String>{ CONSTANT, 'literal' };` of one class, keyed "Class.NAME".
export function readApexRules(className: string, classText: string): ApexRules {
  const strings = new Map<string, string>();
  for (const [, name, value] of classText.matchAll(/static\s+final\s+String\s+(\w+)\s*=\s*'([^']*)'\s*;/g)) {
    strings.set(name, value);
  }
  const integers = new Map<string, number>();
  for (const [, name, value] of classText.matchAll(/static\s+final\s+Integer\s+(\w+)\s*=\s*(\d+)\s*;/g)) {
    integers.set(`${className}.${name}`, Number(value));
  }
  const sets = new Map<string, string[]>();
  for (const [, name, body] of classText.matchAll(
    /static\s+final\s+Set<String>\s+(\w+)\s*=\s*new\s+Set<String>\s*\{([^}]*)\}/g,
  )) {
    const values = body
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean)
      .map((item) => {
        const literal = /^'([^']*)'$/.exec(item);
        if (literal) return literal[1];
        const constant = strings.get(item);
        if (constant === undefined) throw new Error(`${className}.${name}: cannot read the value of ${item}`);
        return constant;
      });
    sets.set(`${className}.${name}`, values);
  }
  return { sets, integers };
}

export function apexClassPath(className: string, source = DEFAULT_SOURCE): string {
  return join(source, "classes", `${className}.cls`);
}

export function readApexClassRules(className: string, source = DEFAULT_SOURCE): ApexRules {
  return readApexRules(className, readFileSync(apexClassPath(className, source), "utf8"));
}

export const SERVICE_CLASS = "HandoffIntakeService";
export const CLIENT_MAP = "ACTION_ALLOWED_FROM";

// Each panel action and the HandoffIntakeService set that decides where it may start.
export const APEX_SET_OF_ACTION: Readonly<Record<string, string>> = {
  accept: "ACCEPT_FROM",
  requestInfo: "REQUEST_INFO_FROM",
  return: "RETURN_FROM",
  escalate: "ESCALATE_FROM",
  firstTouch: "FIRST_TOUCH_FROM",
};

export function modelPath(source = DEFAULT_SOURCE): string {
  return join(source, "lwc", "csIntakePanel", "csIntakeModel.ts");
}

// The panel's map read from its TypeScript source with the compiler's parser: csIntakeModel.ts imports c/* modules
// that only the LWC build resolves, so node cannot import it. Only string literals count, so a computed value
// cannot slip past the comparison.
export function readClientActionMap(modelSource: string, file = "csIntakeModel.ts"): Map<string, string[]> {
  const sourceFile = ts.createSourceFile(file, modelSource, ts.ScriptTarget.Latest, true);
  let literal: ts.ObjectLiteralExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === CLIENT_MAP) {
      let value = node.initializer;
      while (
        value &&
        (ts.isAsExpression(value) || ts.isSatisfiesExpression(value) || ts.isParenthesizedExpression(value))
      )
        value = value.expression;
      if (value && ts.isObjectLiteralExpression(value)) literal = value;
      else throw new Error(`${file}: ${CLIENT_MAP} must be an object literal of string arrays`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  if (!literal) throw new Error(`${file}: no ${CLIENT_MAP} constant; the panel must keep its action rules there`);
  const map = new Map<string, string[]>();
  for (const property of literal.properties) {
    if (!ts.isPropertyAssignment(property) || !ts.isArrayLiteralExpression(property.initializer)) {
      throw new Error(`${file}: ${CLIENT_MAP} entry "${property.getText()}" must be "action: ["Status", ...]"`);
    }
    const action = property.name.getText().replace(/^["']|["']$/g, "");
    const statuses = property.initializer.elements.map((element) => {
      if (!ts.isStringLiteral(element)) {
        throw new Error(`${file}: ${CLIENT_MAP}.${action} holds ${element.getText()}; write the status as a string`);
      }
      return element.text;
    });
    map.set(action, statuses);
  }
  return map;
}

// One line per action and status where the panel and HandoffIntakeService disagree, saying what the CSM would see.
export function actionRuleProblems(apex: ApexRules, client: Map<string, string[]>): string[] {
  const problems: string[] = [];
  for (const [action, statuses] of client) {
    const setName = APEX_SET_OF_ACTION[action];
    if (!setName) {
      problems.push(
        `${CLIENT_MAP}.${action}: no ${SERVICE_CLASS} set is known for this action; map it in tests/intake/actionRules.ts`,
      );
      continue;
    }
    const serverStatuses = apex.sets.get(`${SERVICE_CLASS}.${setName}`);
    if (!serverStatuses) {
      problems.push(`${CLIENT_MAP}.${action}: ${SERVICE_CLASS}.${setName} is not a Set<String> in the Apex any more`);
      continue;
    }
    for (const status of serverStatuses.filter((s) => !statuses.includes(s))) {
      problems.push(
        `action "${action}", status "${status}": ${SERVICE_CLASS}.${setName} allows it but ${CLIENT_MAP}.${action} does not (the panel disables what the server would do)`,
      );
    }
    for (const status of statuses.filter((s) => !serverStatuses.includes(s))) {
      problems.push(
        `action "${action}", status "${status}": ${CLIENT_MAP}.${action} allows it but ${SERVICE_CLASS}.${setName} does not (the panel offers what the server refuses)`,
      );
    }
  }
  for (const [action, setName] of Object.entries(APEX_SET_OF_ACTION)) {
    if (!client.has(action)) {
      problems.push(
        `action "${action}": ${CLIENT_MAP} has no entry, so the panel cannot tell when ${SERVICE_CLASS}.${setName} allows it`,
      );
    }
  }
  return problems;
}
