// Deploy-time rules of the Metadata API that the XSD cannot express: which CustomField attributes each field type
// allows or needs, formula and validation rule limits, custom metadata field types, Lightning page names, and chart
// types against report groupings. A Metadata API deploy is all-or-nothing, so one of these in force-app fails the
// whole deploy; this check finds them offline. Each rule cites the page it comes from; the tests in
// deployConstraints.test.ts break a copy of force-app once per rule and expect exactly that rule to fire.
import { basename, dirname, join, relative } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { existsSync, readFileSync } from "node:fs";
import { walkFiles } from "../../lib/forceApp.ts";
import { parseCustomLabels, parseLabelTranslations } from "../../lib/customLabels.ts";

const CUSTOM_FIELD = "https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/customfield.htm";
const FIELD_TYPES = "https://help.salesforce.com/s/articleView?id=platform.custom_field_types.htm&type=5";
const FORMULA_LIMITS = "https://help.salesforce.com/s/articleView?id=platform.formula_field_limits.htm&type=5";
const CMDT_FIELDS = "https://help.salesforce.com/s/articleView?id=platform.custommetadatatypes_fields.htm&type=5";
const PLATFORM_EVENT_FIELDS =
  "https://developer.salesforce.com/docs/atlas.en-us.platform_events.meta/platform_events/platform_events_define_ui.htm";
const VALIDATION_RULE =
  "https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_validationrules.htm";
const VALIDATION_FIELDS =
  "https://help.salesforce.com/s/articleView?id=platform.fields_validation_rules_fields.htm&type=5";
const FLEXIPAGE = "https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_flexipage.htm";
const REPORT = "https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_report.htm";
// ReportChart: secondaryGroupingColumn is the second grouping of grouped and stacked charts.
const CHART_TYPES = "https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_report.htm";
const DASHBOARD = "https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_dashboard.htm";
// "Each dashboard can have up to 20 components." (Visualforce Developer Guide, the dashboard components page; the
// page of this version states the limit, later versions no longer repeat it.)
const DASHBOARD_COMPONENT_LIMIT =
  "https://developer.salesforce.com/docs/atlas.en-us.188.0.pages.meta/pages/pages_quick_start_advanced_dashboard_components.htm";
// CustomLabel: "custom text values, up to 1,000 characters"; categories "limited to 255 characters" (the Tooling API's
// ExternalString, the same label: tooling_api_objects_externalstring.htm).
const CUSTOM_LABELS = "https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_customlabels.htm";
const EXTERNAL_STRING =
  "https://developer.salesforce.com/docs/atlas.en-us.api_tooling.meta/api_tooling/tooling_api_objects_externalstring.htm";

export interface DeployConstraint {
  id: string;
  metadata: "CustomField" | "ValidationRule" | "FlexiPage" | "Report" | "Dashboard" | "CustomLabels";
  rule: string;
  source: string;
}

// The table of rules. README and the closing note of issue 11 list these; keep ids stable, tests refer to them.
export const DEPLOY_CONSTRAINTS: DeployConstraint[] = [
  {
    id: "field-length-forbidden",
    metadata: "CustomField",
    rule: "length only on Text, LongTextArea, Html and EncryptedText fields that are not formulas (TextArea is fixed at 255: 'Can not specify length for a CustomField of type TextArea')",
    source: CUSTOM_FIELD,
  },
  {
    id: "field-length-range",
    metadata: "CustomField",
    rule: "Text needs a length of 1 to 255; LongTextArea and Html need 256 to 131,072",
    source: FIELD_TYPES,
  },
  {
    id: "field-visible-lines",
    metadata: "CustomField",
    rule: "visibleLines is required for LongTextArea, Html and MultiselectPicklist and allowed on no other type",
    source: CUSTOM_FIELD,
  },
  {
    id: "field-precision-scale",
    metadata: "CustomField",
    rule: "Number, Currency and Percent need precision (1 to 18) and scale (0 to precision); other types take neither",
    source: CUSTOM_FIELD,
  },
  {
    id: "formula-no-default",
    metadata: "CustomField",
    rule: "a formula field takes no defaultValue ('Can not specify a defaultValue for CustomFields that have a formula')",
    source: CUSTOM_FIELD,
  },
  {
    id: "formula-return-type",
    metadata: "CustomField",
    rule: "a formula field is of type Checkbox, Currency, Date, DateTime, Number, Percent, Text or Time",
    source: FIELD_TYPES,
  },
  {
    id: "formula-length",
    metadata: "CustomField",
    rule: "a formula has at most 3,900 characters",
    source: FORMULA_LIMITS,
  },
  {
    id: "checkbox-default",
    metadata: "CustomField",
    rule: "a Checkbox that is not a formula needs defaultValue true or false",
    source: CUSTOM_FIELD,
  },
  {
    id: "picklist-values",
    metadata: "CustomField",
    rule: "a Picklist or MultiselectPicklist needs a valueSet",
    source: CUSTOM_FIELD,
  },
  {
    id: "relationship-target",
    metadata: "CustomField",
    rule: "Lookup and MasterDetail need referenceTo and relationshipName",
    source: CUSTOM_FIELD,
  },
  {
    id: "lookup-delete-constraint",
    metadata: "CustomField",
    rule: "deleteConstraint is SetNull, Restrict or Cascade and only on a Lookup; a required Lookup cannot clear its value on delete (SetNull)",
    source: CUSTOM_FIELD,
  },
  {
    id: "external-id-unique-types",
    metadata: "CustomField",
    rule: "externalId and unique only on Text, Number and Email fields that are not formulas (externalId also on AutoNumber)",
    source: CUSTOM_FIELD,
  },
  {
    id: "cmdt-field-types",
    metadata: "CustomField",
    rule: "custom metadata type fields are Checkbox, Date, DateTime, Email, MetadataRelationship, Number, Percent, Phone, Picklist, Text, TextArea, LongTextArea or Url, and no formulas; a metadata relationship points to EntityDefinition, FieldDefinition or another custom metadata type",
    source: CMDT_FIELDS,
  },
  {
    id: "platform-event-field-types",
    metadata: "CustomField",
    rule: "platform event (__e) custom fields are Checkbox, Date, DateTime, Number, Text or LongTextArea only: no lookups, picklists or formulas",
    source: PLATFORM_EVENT_FIELDS,
  },
  {
    id: "validation-message",
    metadata: "ValidationRule",
    rule: "errorMessage is required and at most 255 characters",
    source: VALIDATION_RULE,
  },
  {
    id: "validation-formula-length",
    metadata: "ValidationRule",
    rule: "errorConditionFormula has at most 3,900 characters",
    source: FORMULA_LIMITS,
  },
  {
    id: "validation-name-description",
    metadata: "ValidationRule",
    rule: "the rule name has at most 40 letters, digits and underscores, starting with a letter; the description at most 255 characters",
    source: VALIDATION_FIELDS,
  },
  {
    id: "validation-error-field",
    metadata: "ValidationRule",
    rule: "errorDisplayField is a field of the rule's object, and not a formula field: Salesforce would silently move a message shown at a read-only field to the top of the page",
    source: VALIDATION_FIELDS,
  },
  {
    id: "flexipage-unique-names",
    metadata: "FlexiPage",
    rule: "region names are unique in a page, and component and field instance identifiers are unique in a page",
    source: FLEXIPAGE,
  },
  {
    id: "flexipage-record-page",
    metadata: "FlexiPage",
    rule: "a RecordPage names its sobjectType and a template; the regions of a page on a standard record template are the template's regions (recordHomeTemplateDesktop: header, main, sidebar; recordHomeSingleColTemplateDesktop: header, main)",
    source: FLEXIPAGE,
  },
  {
    id: "report-groupings-format",
    metadata: "Report",
    rule: "Tabular has no groupings; Summary up to 3 row groupings and no column groupings; Matrix up to 2 row and 2 column groupings",
    source: REPORT,
  },
  {
    id: "report-chart-groupings",
    metadata: "Report",
    rule: "a chart needs a Summary or Matrix report; grouped, stacked and stacked-to-100% charts need a second grouping (secondaryGroupingColumn) different from the first, other charts take none",
    source: CHART_TYPES,
  },
  {
    id: "report-chart-summaries",
    metadata: "Report",
    rule: "grouped, stacked, pie, donut and funnel charts plot one summary; each summary is RowCount or an aggregate the report computes",
    source: CHART_TYPES,
  },
  {
    id: "dashboard-chart-groupings",
    metadata: "Dashboard",
    rule: "grouped and stacked components need two groupingColumn, other charts one, metrics and gauges none; the source report exists and is Summary or Matrix for a chart",
    source: DASHBOARD,
  },
  {
    id: "dashboard-chart-summaries",
    metadata: "Dashboard",
    rule: "grouped, stacked, pie, donut and funnel components plot one chartSummary",
    source: DASHBOARD,
  },
  {
    id: "dashboard-grid-placement",
    metadata: "Dashboard",
    rule: "in a grid layout (DashboardGridLayout) each component (DashboardGridComponent) spans at least one row and column from index 0, within numberOfColumns, and no two components cover the same cell",
    source: DASHBOARD,
  },
  {
    id: "dashboard-component-count",
    metadata: "Dashboard",
    rule: "a dashboard has at most 20 components",
    source: DASHBOARD_COMPONENT_LIMIT,
  },
  {
    id: "label-value-length",
    metadata: "CustomLabels",
    rule: "a custom label's value, and each translation of it, has 1 to 1,000 characters",
    source: CUSTOM_LABELS,
  },
  {
    id: "label-categories-length",
    metadata: "CustomLabels",
    rule: "a custom label's categories have at most 255 characters",
    source: EXTERNAL_STRING,
  },
];

export interface ConstraintViolation {
  constraint: string;
  file: string;
  message: string;
}

type Node = Record<string, unknown>;

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true });

function readRoot(path: string): Node {
  const doc = parser.parse(readFileSync(path, "utf8")) as Node;
  const root = Object.keys(doc).find((k) => k !== "?xml");
  const body = root ? doc[root] : undefined;
  return typeof body === "object" && body !== null ? (body as Node) : {};
}

function list(node: unknown): Node[] {
  if (node === undefined || node === null || node === "") return [];
  return (Array.isArray(node) ? node : [node]) as Node[];
}

function str(node: unknown): string | undefined {
  if (node === undefined || node === null) return undefined;
  return typeof node === "object" ? undefined : String(node);
}

function strs(node: unknown): string[] {
  return list(node)
    .map((n) => str(n) ?? "")
    .filter((s) => s !== "");
}

function has(body: Node, element: string): boolean {
  return body[element] !== undefined;
}

// Deploy errors of this kind are about the file, so problems name the file relative to the project's source root.
class Collector {
  readonly violations: ConstraintViolation[] = [];
  constructor(private readonly root: string) {}
  add(constraint: string, path: string, message: string): void {
    if (!DEPLOY_CONSTRAINTS.some((c) => c.id === constraint)) throw new Error(`Unknown constraint ${constraint}`);
    this.violations.push({ constraint, file: relative(this.root, path), message });
  }
}

const LENGTH_TYPES = new Set(["Text", "LongTextArea", "Html", "EncryptedText"]);
const VISIBLE_LINES_TYPES = new Set(["LongTextArea", "Html", "MultiselectPicklist"]);
const NUMERIC_TYPES = new Set(["Number", "Currency", "Percent"]);
const FORMULA_TYPES = new Set(["Checkbox", "Currency", "Date", "DateTime", "Number", "Percent", "Text", "Time"]);
const UNIQUE_TYPES = new Set(["Text", "Number", "Email"]);
const EXTERNAL_ID_TYPES = new Set([...UNIQUE_TYPES, "AutoNumber"]);
const CMDT_TYPES = new Set([
  "Checkbox",
  "Date",
  "DateTime",
  "Email",
  "MetadataRelationship",
  "Number",
  "Percent",
  "Phone",
  "Picklist",
  "Text",
  "TextArea",
  "LongTextArea",
  "Url",
]);
// "Platform event custom fields support only these field types" (Platform Event Fields, Platform Events Developer Guide).
const PLATFORM_EVENT_TYPES = new Set(["Checkbox", "Date", "DateTime", "Number", "Text", "LongTextArea"]);
const DELETE_CONSTRAINTS = new Set(["SetNull", "Restrict", "Cascade"]);
const FORMULA_MAX_CHARACTERS = 3900;

function integer(body: Node, element: string): number | undefined {
  const value = str(body[element]);
  return value === undefined ? undefined : Number(value);
}

function checkField(path: string, objectName: string, out: Collector): void {
  const field = readRoot(path);
  const name = `${objectName}.${basename(path, ".field-meta.xml")}`;
  const type = str(field.type) ?? "";
  const formula = str(field.formula);
  const isFormula = formula !== undefined;

  if (has(field, "length") && (!LENGTH_TYPES.has(type) || isFormula)) {
    out.add(
      "field-length-forbidden",
      path,
      `${name}: Can not specify 'length' for a CustomField of type ${type}${isFormula ? " with a formula" : ""}`,
    );
  }
  if (!isFormula) {
    const length = integer(field, "length");
    const range: Record<string, [number, number]> = {
      Text: [1, 255],
      LongTextArea: [256, 131072],
      Html: [256, 131072],
      EncryptedText: [1, 175],
    };
    const bounds = range[type];
    if (bounds && (length === undefined || !Number.isInteger(length) || length < bounds[0] || length > bounds[1])) {
      out.add(
        "field-length-range",
        path,
        `${name}: a ${type} field needs a length from ${bounds[0]} to ${bounds[1]}, found ${length ?? "none"}`,
      );
    }
  }
  const visibleLines = integer(field, "visibleLines");
  if (VISIBLE_LINES_TYPES.has(type) && !isFormula) {
    if (visibleLines === undefined || !Number.isInteger(visibleLines) || visibleLines < 1) {
      out.add("field-visible-lines", path, `${name}: a ${type} field needs visibleLines (a positive number)`);
    }
  } else if (visibleLines !== undefined) {
    out.add("field-visible-lines", path, `${name}: visibleLines is not allowed on a ${type} field`);
  }

  const precision = integer(field, "precision");
  const scale = integer(field, "scale");
  if (NUMERIC_TYPES.has(type)) {
    if (precision === undefined || scale === undefined) {
      out.add("field-precision-scale", path, `${name}: a ${type} field needs precision and scale`);
    } else if (precision < 1 || precision > 18 || scale < 0 || scale > precision) {
      out.add(
        "field-precision-scale",
        path,
        `${name}: precision must be 1 to 18 and scale 0 to the precision, found precision ${precision}, scale ${scale}`,
      );
    }
  } else if (precision !== undefined || scale !== undefined) {
    out.add("field-precision-scale", path, `${name}: precision and scale are not allowed on a ${type} field`);
  }

  if (isFormula) {
    if (has(field, "defaultValue")) {
      out.add(
        "formula-no-default",
        path,
        `${name}: Can not specify a defaultValue for CustomFields that have a formula`,
      );
    }
    if (!FORMULA_TYPES.has(type)) {
      out.add(
        "formula-return-type",
        path,
        `${name}: a formula field cannot be of type ${type}; use ${[...FORMULA_TYPES].join(", ")}`,
      );
    }
    if (formula.length > FORMULA_MAX_CHARACTERS) {
      out.add(
        "formula-length",
        path,
        `${name}: the formula has ${formula.length} characters, more than ${FORMULA_MAX_CHARACTERS}`,
      );
    }
  } else if (type === "Checkbox" && !["true", "false"].includes(str(field.defaultValue) ?? "")) {
    out.add("checkbox-default", path, `${name}: a Checkbox field needs defaultValue true or false`);
  }

  if ((type === "Picklist" || type === "MultiselectPicklist") && !isFormula && !has(field, "valueSet")) {
    out.add("picklist-values", path, `${name}: a ${type} field needs a valueSet`);
  }

  if (type === "Lookup" || type === "MasterDetail") {
    for (const element of ["referenceTo", "relationshipName"]) {
      if (!str(field[element])) out.add("relationship-target", path, `${name}: a ${type} field needs ${element}`);
    }
  }
  const deleteConstraint = str(field.deleteConstraint);
  if (deleteConstraint !== undefined) {
    if (type !== "Lookup") {
      out.add("lookup-delete-constraint", path, `${name}: deleteConstraint is only for Lookup fields, not ${type}`);
    } else if (!DELETE_CONSTRAINTS.has(deleteConstraint)) {
      out.add(
        "lookup-delete-constraint",
        path,
        `${name}: deleteConstraint ${deleteConstraint} is not SetNull, Restrict or Cascade`,
      );
    }
  }
  if (type === "Lookup" && str(field.required) === "true" && (deleteConstraint ?? "SetNull") === "SetNull") {
    out.add(
      "lookup-delete-constraint",
      path,
      `${name}: a required Lookup cannot clear its value when the parent is deleted; set deleteConstraint to Restrict or Cascade`,
    );
  }

  if (str(field.externalId) === "true" && (!EXTERNAL_ID_TYPES.has(type) || isFormula)) {
    out.add(
      "external-id-unique-types",
      path,
      `${name}: externalId is not allowed on a ${isFormula ? "formula " : ""}${type} field`,
    );
  }
  if (str(field.unique) === "true" && (!UNIQUE_TYPES.has(type) || isFormula)) {
    out.add(
      "external-id-unique-types",
      path,
      `${name}: unique is not allowed on a ${isFormula ? "formula " : ""}${type} field`,
    );
  }

  if (objectName.endsWith("__e")) {
    if (!PLATFORM_EVENT_TYPES.has(type)) {
      out.add("platform-event-field-types", path, `${name}: platform events do not support ${type} fields`);
    }
    if (isFormula) out.add("platform-event-field-types", path, `${name}: platform event fields cannot be formulas`);
  }
  if (objectName.endsWith("__mdt")) {
    if (!CMDT_TYPES.has(type)) {
      out.add("cmdt-field-types", path, `${name}: custom metadata types do not support ${type} fields`);
    }
    if (isFormula) out.add("cmdt-field-types", path, `${name}: custom metadata type fields cannot be formulas`);
    const target = str(field.referenceTo) ?? "";
    if (
      type === "MetadataRelationship" &&
      !["EntityDefinition", "FieldDefinition"].includes(target) &&
      !target.endsWith("__mdt")
    ) {
      out.add(
        "cmdt-field-types",
        path,
        `${name}: a metadata relationship points to EntityDefinition, FieldDefinition or a custom metadata type, not ${target || "nothing"}`,
      );
    }
  }
}

function checkValidationRule(path: string, objectName: string, fieldsDir: string, out: Collector): void {
  const rule = readRoot(path);
  const name = `${objectName}.${basename(path, ".validationRule-meta.xml")}`;
  const message = str(rule.errorMessage) ?? "";
  if (message.trim() === "" || message.length > 255) {
    out.add("validation-message", path, `${name}: errorMessage must have 1 to 255 characters, found ${message.length}`);
  }
  const formula = str(rule.errorConditionFormula) ?? "";
  if (formula.length > FORMULA_MAX_CHARACTERS) {
    out.add(
      "validation-formula-length",
      path,
      `${name}: errorConditionFormula has ${formula.length} characters, more than ${FORMULA_MAX_CHARACTERS}`,
    );
  }
  const ruleName = str(rule.fullName) ?? basename(path, ".validationRule-meta.xml");
  if (!/^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(ruleName) || /__|_$/.test(ruleName)) {
    out.add(
      "validation-name-description",
      path,
      `${name}: a rule name has at most 40 letters, digits and single underscores, starting with a letter`,
    );
  }
  const description = str(rule.description) ?? "";
  if (description.length > 255) {
    out.add(
      "validation-name-description",
      path,
      `${name}: the description has ${description.length} characters, more than 255`,
    );
  }
  const displayField = str(rule.errorDisplayField);
  if (displayField && displayField.endsWith("__c")) {
    const fieldPath = join(fieldsDir, `${displayField}.field-meta.xml`);
    if (!existsSync(fieldPath)) {
      out.add(
        "validation-error-field",
        path,
        `${name}: errorDisplayField ${displayField} is not a field of ${objectName}`,
      );
    } else if (str(readRoot(fieldPath).formula) !== undefined) {
      out.add("validation-error-field", path, `${name}: errorDisplayField ${displayField} is a formula field`);
    }
  }
}

// Regions of the standard record page templates; pages on other templates are not checked for region names.
const RECORD_TEMPLATE_REGIONS: Record<string, string[]> = {
  "flexipage:recordHomeTemplateDesktop": ["header", "main", "sidebar"],
  "flexipage:recordHomeSingleColTemplateDesktop": ["header", "main"],
};

function checkFlexiPage(path: string, out: Collector): void {
  const page = readRoot(path);
  const name = basename(path, ".flexipage-meta.xml");
  const regions = list(page.flexiPageRegions);
  const seen = (kind: string, values: string[]) => {
    const counts = new Map<string, number>();
    for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
    for (const [value, count] of counts) {
      if (count > 1) out.add("flexipage-unique-names", path, `${name}: ${kind} "${value}" appears ${count} times`);
    }
  };
  seen(
    "region",
    regions.map((r) => str(r.name) ?? ""),
  );
  const instances = regions.flatMap((r) => list(r.itemInstances));
  seen(
    "component identifier",
    instances.map((i) => str((i.componentInstance as Node | undefined)?.identifier) ?? "").filter(Boolean),
  );
  seen(
    "field identifier",
    instances.map((i) => str((i.fieldInstance as Node | undefined)?.identifier) ?? "").filter(Boolean),
  );
  if (str(page.type) === "RecordPage") {
    if (!str(page.sobjectType)) out.add("flexipage-record-page", path, `${name}: a RecordPage needs sobjectType`);
    const template = str((page.template as Node | undefined)?.name);
    if (!template) out.add("flexipage-record-page", path, `${name}: a RecordPage needs a template name`);
    const templateRegions = template ? RECORD_TEMPLATE_REGIONS[template] : undefined;
    for (const region of regions.filter((r) => str(r.type) === "Region")) {
      const regionName = str(region.name) ?? "";
      if (templateRegions && !templateRegions.includes(regionName)) {
        out.add(
          "flexipage-record-page",
          path,
          `${name}: template ${template} has no region "${regionName}" (it has ${templateRegions.join(", ")})`,
        );
      }
    }
  }
}

// Chart types that split each bar or line by a second grouping. Scatter and bubble charts group their points
// differently and are left out rather than guessed.
const GROUPED_REPORT_CHARTS = new Set([
  "HorizontalBarGrouped",
  "HorizontalBarStacked",
  "HorizontalBarStackedTo100",
  "VerticalColumnGrouped",
  "VerticalColumnStacked",
  "VerticalColumnStackedTo100",
  "LineGrouped",
  "LineCumulativeGrouped",
  "VerticalColumnGroupedLine",
  "VerticalColumnStackedLine",
]);
const ONE_SUMMARY_REPORT_CHARTS = new Set([...GROUPED_REPORT_CHARTS, "Pie", "Donut", "Funnel"]);
const GROUPED_COMPONENTS = new Set([
  "BarGrouped",
  "BarStacked",
  "BarStacked100",
  "ColumnGrouped",
  "ColumnStacked",
  "ColumnStacked100",
  "LineGrouped",
  "LineGroupedCumulative",
  "ColumnLineGrouped",
  "ColumnLineStacked",
  "ColumnLineStacked100",
]);
const SINGLE_GROUPING_COMPONENTS = new Set([
  "Bar",
  "Column",
  "Line",
  "LineCumulative",
  "Pie",
  "Donut",
  "Funnel",
  "ColumnLine",
]);
const NO_GROUPING_COMPONENTS = new Set(["Metric", "Gauge"]);
const ONE_SUMMARY_COMPONENTS = new Set([...GROUPED_COMPONENTS, "Pie", "Donut", "Funnel"]);

interface ReportShape {
  format: string;
  groupings: string[];
  aggregates: Set<string>;
}

function readReport(path: string): ReportShape {
  const report = readRoot(path);
  const groupings = [...list(report.groupingsDown), ...list(report.groupingsAcross)].map((g) => str(g.field) ?? "");
  const aggregates = new Set<string>();
  for (const column of list(report.columns)) {
    for (const aggregate of strs(column.aggregateTypes)) aggregates.add(`${aggregate}:${str(column.field)}`);
  }
  return { format: str(report.format) ?? "Tabular", groupings, aggregates };
}

function summaryComputed(report: ReportShape, aggregate: string | undefined, column: string): boolean {
  if (column === "RowCount") return true;
  return report.aggregates.has(`${aggregate ?? "Sum"}:${column}`);
}

function checkReport(path: string, out: Collector): void {
  const report = readRoot(path);
  const name = basename(path, ".report-meta.xml");
  const format = str(report.format) ?? "Tabular";
  const down = list(report.groupingsDown).length;
  const across = list(report.groupingsAcross).length;
  const limits: Record<string, [number, number]> = { Tabular: [0, 0], Summary: [3, 0], Matrix: [2, 2] };
  const [maxDown, maxAcross] = limits[format] ?? [3, 2];
  if (down > maxDown || across > maxAcross) {
    out.add(
      "report-groupings-format",
      path,
      `${name}: a ${format} report allows ${maxDown} row and ${maxAcross} column groupings, found ${down} and ${across}`,
    );
  }
  const chart = report.chart as Node | undefined;
  if (!chart) return;
  const chartType = str(chart.chartType) ?? "";
  const shape = readReport(path);
  if (format !== "Summary" && format !== "Matrix") {
    out.add("report-chart-groupings", path, `${name}: a chart needs a Summary or Matrix report, not ${format}`);
  } else if (shape.groupings.length === 0) {
    out.add("report-chart-groupings", path, `${name}: a chart needs at least one grouping`);
  }
  const secondary = str(chart.secondaryGroupingColumn);
  if (GROUPED_REPORT_CHARTS.has(chartType)) {
    if (!secondary) {
      out.add(
        "report-chart-groupings",
        path,
        `${name}: a ${chartType} chart needs a second grouping (secondaryGroupingColumn); use a plain chart type to compare summaries side by side`,
      );
    } else if (secondary === str(chart.groupingColumn)) {
      out.add("report-chart-groupings", path, `${name}: the chart's second grouping repeats its first (${secondary})`);
    }
  } else if (secondary) {
    out.add("report-chart-groupings", path, `${name}: a ${chartType} chart takes no second grouping (${secondary})`);
  }
  const summaries = list(chart.chartSummaries);
  if (ONE_SUMMARY_REPORT_CHARTS.has(chartType) && summaries.length > 1) {
    out.add(
      "report-chart-summaries",
      path,
      `${name}: a ${chartType} chart plots one summary, found ${summaries.length}`,
    );
  }
  for (const summary of summaries) {
    const column = str(summary.column) ?? "";
    const aggregate = str(summary.aggregate);
    if (!summaryComputed(shape, aggregate, column)) {
      out.add(
        "report-chart-summaries",
        path,
        `${name}: the chart plots ${aggregate ?? "Sum"} of ${column}, which the report does not compute (aggregateTypes)`,
      );
    }
  }
}

const DASHBOARD_MAX_COMPONENTS = 20;

// The grid's cells as "row,column"; a component off the grid or over another is named with the cell.
function checkDashboardGrid(path: string, name: string, layout: Node, out: Collector): void {
  const columns = integer(layout, "numberOfColumns") ?? 0;
  const owner = new Map<string, string>();
  for (const grid of list(layout.dashboardGridComponents)) {
    const component = grid.dashboardComponent as Node | undefined;
    const label = `${name}: component "${str(component?.header) ?? str(component?.title) ?? "(untitled)"}"`;
    const [row, rowSpan, column, colSpan] = ["rowIndex", "rowSpan", "columnIndex", "colSpan"].map(
      (element) => integer(grid, element) ?? NaN,
    );
    if (!(row >= 0 && rowSpan >= 1 && column >= 0 && colSpan >= 1 && column + colSpan <= columns)) {
      out.add(
        "dashboard-grid-placement",
        path,
        `${label} at row ${row}, column ${column}, ${rowSpan} rows by ${colSpan} columns does not fit the ${columns}-column grid`,
      );
      continue;
    }
    const overlapped = new Set<string>();
    for (let r = row; r < row + rowSpan; r++) {
      for (let c = column; c < column + colSpan; c++) {
        const other = owner.get(`${r},${c}`);
        if (other) overlapped.add(other);
        else owner.set(`${r},${c}`, label.slice(name.length + 2));
      }
    }
    for (const other of overlapped) {
      out.add("dashboard-grid-placement", path, `${label} overlaps ${other} (row ${row}, column ${column})`);
    }
  }
}

function checkDashboard(path: string, reportsDir: string, out: Collector): void {
  const dashboard = readRoot(path);
  const name = basename(path, ".dashboard-meta.xml");
  const layout = dashboard.dashboardGridLayout as Node | undefined;
  if (layout) checkDashboardGrid(path, name, layout, out);
  const components = [
    ...list((dashboard.dashboardGridLayout as Node | undefined)?.dashboardGridComponents).map(
      (c) => c.dashboardComponent as Node,
    ),
    ...list(dashboard.leftSection).flatMap((s) => list(s.components)),
    ...list(dashboard.middleSection).flatMap((s) => list(s.components)),
    ...list(dashboard.rightSection).flatMap((s) => list(s.components)),
  ].filter(Boolean);
  if (components.length > DASHBOARD_MAX_COMPONENTS) {
    out.add(
      "dashboard-component-count",
      path,
      `${name}: ${components.length} components, more than the ${DASHBOARD_MAX_COMPONENTS} a dashboard can have; move some to a second dashboard`,
    );
  }
  for (const component of components) {
    const type = str(component.componentType) ?? "";
    const label = `${name}: component "${str(component.header) ?? str(component.title) ?? type}"`;
    const groupingCount = strs(component.groupingColumn).length;
    const reportName = str(component.report) ?? "";
    const reportPath = join(reportsDir, `${reportName}.report-meta.xml`);
    const reportExists = reportName !== "" && existsSync(reportPath);
    if (!reportExists) {
      out.add("dashboard-chart-groupings", path, `${label} reads report ${reportName}, which is not in force-app`);
    }
    const expected = GROUPED_COMPONENTS.has(type)
      ? 2
      : SINGLE_GROUPING_COMPONENTS.has(type)
        ? 1
        : NO_GROUPING_COMPONENTS.has(type)
          ? 0
          : undefined;
    if (expected !== undefined && groupingCount !== expected) {
      out.add(
        "dashboard-chart-groupings",
        path,
        `${label}: a ${type} component needs ${expected} groupingColumn, found ${groupingCount}${
          expected === 2 && groupingCount === 1 ? "; use Column or Bar to compare summaries side by side" : ""
        }`,
      );
    }
    if (expected !== undefined && expected > 0 && reportExists) {
      const format = readReport(reportPath).format;
      if (format !== "Summary" && format !== "Matrix") {
        out.add(
          "dashboard-chart-groupings",
          path,
          `${label}: a chart needs a Summary or Matrix report, ${reportName} is ${format}`,
        );
      }
    }
    const summaries = list(component.chartSummary).length;
    if (ONE_SUMMARY_COMPONENTS.has(type) && summaries > 1) {
      out.add(
        "dashboard-chart-summaries",
        path,
        `${label}: a ${type} component plots one chartSummary, found ${summaries}`,
      );
    }
  }
}

const LABEL_MAX_CHARACTERS = 1000;
const LABEL_CATEGORIES_MAX_CHARACTERS = 255;

function checkCustomLabels(path: string, out: Collector): void {
  for (const label of parseCustomLabels(readFileSync(path, "utf8"))) {
    const length = [...label.value].length;
    if (length === 0 || length > LABEL_MAX_CHARACTERS) {
      out.add(
        "label-value-length",
        path,
        `label ${label.name}: the value needs 1 to ${LABEL_MAX_CHARACTERS} characters, found ${length}`,
      );
    }
    const categories = [...label.categories].length;
    if (categories > LABEL_CATEGORIES_MAX_CHARACTERS) {
      out.add(
        "label-categories-length",
        path,
        `label ${label.name}: categories may have ${LABEL_CATEGORIES_MAX_CHARACTERS} characters, found ${categories}`,
      );
    }
  }
}

function checkLabelTranslations(path: string, out: Collector): void {
  for (const entry of parseLabelTranslations(readFileSync(path, "utf8"))) {
    const length = [...entry.label].length;
    if (length === 0 || length > LABEL_MAX_CHARACTERS) {
      out.add(
        "label-value-length",
        path,
        `translation of label ${entry.name}: needs 1 to ${LABEL_MAX_CHARACTERS} characters, found ${length}`,
      );
    }
  }
}

// root: a source folder (force-app, or force-app/main/default, or a copy of either).
export function checkDeployConstraints(root: string): ConstraintViolation[] {
  const out = new Collector(root);
  for (const path of walkFiles(root, ".field-meta.xml")) {
    checkField(path, basename(dirname(dirname(path))), out);
  }
  for (const path of walkFiles(root, ".validationRule-meta.xml")) {
    const objectDir = dirname(dirname(path));
    checkValidationRule(path, basename(objectDir), join(objectDir, "fields"), out);
  }
  for (const path of walkFiles(root, ".flexipage-meta.xml")) checkFlexiPage(path, out);
  for (const path of walkFiles(root, ".report-meta.xml")) checkReport(path, out);
  for (const path of walkFiles(root, ".dashboard-meta.xml")) {
    // Dashboards name reports as Folder/Report; the folders sit under the reports directory next to dashboards.
    checkDashboard(path, join(dirname(dirname(dirname(path))), "reports"), out);
  }
  for (const path of walkFiles(root, ".labels-meta.xml")) checkCustomLabels(path, out);
  for (const path of walkFiles(root, ".translation-meta.xml")) checkLabelTranslations(path, out);
  return out.violations;
}

export function formatViolation(violation: ConstraintViolation): string {
  return `${violation.file}: ${violation.message} [${violation.constraint}]`;
}
