// Every field, object, record, permission, class and tab named by the metadata must exist (in force-app, or as a
// standard field listed in scripts/admin/checks/standard-fields.json), so a renamed or deleted field cannot leave a
// validation rule, layout, permission set, flow or component pointing at nothing.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, rmSync, existsSync } from "node:fs";
import { basename, join } from "node:path";
import { parseMetadataFile, walkFiles } from "../../scripts/lib/forceApp.ts";
import {
  MetadataIndex,
  REFERENCE_CHECKS,
  apexMethodProblem,
  checkReferences,
  formatUnresolvedReference,
  formulaReferences,
  loadStandardFields,
  type UnresolvedReference,
} from "../../scripts/admin/checks/metadataReferences.ts";
import {
  REAL_FORCE_APP,
  copyForceApp,
  editFile,
  makeTempDir,
  removeTempDir,
  replaceOnce,
  writeFile,
} from "../lib/tempTree.ts";

function describeProblems(problems: UnresolvedReference[]): string {
  return problems.length ? problems.map(formatUnresolvedReference).join("\n") : "(none)";
}

describe("references in force-app", () => {
  it("all resolve to a field, object, record, permission, class or tab that exists", () => {
    const { problems } = checkReferences();
    assert.deepEqual(
      problems,
      [],
      `Unresolved references (a deploy or the automation would fail):\n${describeProblems(problems)}`,
    );
  });

  it("are actually read: each check sees references wherever its kind of metadata exists", () => {
    const { checked } = checkReferences();
    const present: Record<keyof typeof REFERENCE_CHECKS, boolean> = {
      "formula fields, lookup filters and roll-ups": walkFiles(REAL_FORCE_APP, ".field-meta.xml").some((p) =>
        /<formula>|<lookupFilter>/.test(readFileSync(p, "utf8")),
      ),
      "validation rules": walkFiles(REAL_FORCE_APP, ".validationRule-meta.xml").length > 0,
      layouts: walkFiles(REAL_FORCE_APP, ".layout-meta.xml").length > 0,
      "permission sets": walkFiles(REAL_FORCE_APP, ".permissionset-meta.xml").length > 0,
      "custom metadata records": walkFiles(REAL_FORCE_APP, ".md-meta.xml").length > 0,
      tabs: walkFiles(REAL_FORCE_APP, ".tab-meta.xml").length > 0,
      "Lightning pages and apps":
        walkFiles(REAL_FORCE_APP, ".flexipage-meta.xml").length + walkFiles(REAL_FORCE_APP, ".app-meta.xml").length > 0,
      flows: walkFiles(REAL_FORCE_APP, ".flow-meta.xml").length > 0,
      "Lightning web components": walkFiles(REAL_FORCE_APP, ".ts").some((p) =>
        /@salesforce\/(schema|apex)\//.test(readFileSync(p, "utf8")),
      ),
      "Apex label references": walkFiles(REAL_FORCE_APP, ".cls").some((p) =>
        /System\.Label\./.test(readFileSync(p, "utf8")),
      ),
      "Custom Labels and translations": walkFiles(REAL_FORCE_APP, ".translation-meta.xml").length > 0,
    };
    for (const [category, exists] of Object.entries(present) as [keyof typeof REFERENCE_CHECKS, boolean][]) {
      if (exists) assert.ok(checked[category] > 0, `The ${category} check read no reference although such files exist`);
    }
  });
});

describe("the metadata index", () => {
  it("knows every field file, also when two objects have a field of the same name", () => {
    const index = new MetadataIndex();
    const unknown = walkFiles(REAL_FORCE_APP, ".field-meta.xml")
      .map((path) => ({ object: basename(join(path, "../..")), field: basename(path, ".field-meta.xml") }))
      .filter(({ object, field }) => !index.fieldExists(object, field))
      .map(({ object, field }) => `${object}.${field}`);
    assert.deepEqual(unknown, [], "These fields are on disk but the reference check would call them missing");
  });
});

describe("standard-fields.json", () => {
  it("lists the standard objects the project touches, each with fields and relationships", () => {
    const data = loadStandardFields();
    for (const object of [
      "Opportunity",
      "Account",
      "Contact",
      "User",
      "Task",
      "Event",
      "OpportunityLineItem",
      "Group",
    ]) {
      assert.ok(data.objects[object]?.fields.length > 0, `standard-fields.json has no fields for ${object}`);
    }
    assert.ok(
      data.objects.Opportunity.fields.includes("HasOpportunityLineItem"),
      "Opportunity.HasOpportunityLineItem is missing",
    );
  });
});

describe("formula parsing", () => {
  it("returns field paths and $globals, not functions, strings, comments, numbers or keywords", () => {
    const formula = `AND(
      NOT($Permission.Bypass_Handoff_Validation), /* Fake_Comment__c */
      ISPICKVAL(StageName, "Closed \\"Won\\" Fake_String__c"),
      Amount >= 1.5 * $CustomMetadata.Handoff_Setting__mdt.Default.High_Touch_Min_Amount__c,
      Champion__r.Account.Name <> 'Fake_Single__c',
      IF ( TRUE, null, Opportunity__r.Amount )
    )`;
    assert.deepEqual(formulaReferences(formula), [
      "$Permission.Bypass_Handoff_Validation",
      "StageName",
      "Amount",
      "$CustomMetadata.Handoff_Setting__mdt.Default.High_Touch_Min_Amount__c",
      "Champion__r.Account.Name",
      "Opportunity__r.Amount",
    ]);
  });
});

describe("Apex method lookup for LWC imports", () => {
  const source = `public with sharing class Example {
    // public static void commentedOut() {}
    @AuraEnabled(cacheable=true)
    public static List<String> getThings(Id recordId) { return helper(); }
    private static List<String> helper() { return new List<String>(); }
  }`;
  it("accepts an @AuraEnabled static method", () => assert.equal(apexMethodProblem(source, "getThings"), null));
  it("reports a static method without @AuraEnabled", () =>
    assert.match(apexMethodProblem(source, "helper") ?? "", /annotated @AuraEnabled/));
  it("reports a method that only appears in a comment", () =>
    assert.match(apexMethodProblem(source, "commentedOut") ?? "", /a static method commentedOut/));
});

describe("the reference check reports broken copies of the real metadata", () => {
  let dir: string;
  let source: string;
  let problems: UnresolvedReference[];
  let deletedLayoutField: { layout: string; field: string };

  const rel = (path: string) => join("force-app", path);

  function assertReported(file: string, reference: string, expected: RegExp, what: string) {
    const found = problems.filter((p) => p.file === file);
    assert.ok(
      found.some((p) => p.reference === reference && expected.test(p.expected)),
      `${what}: expected ${file} to report "${reference}" (expected ${expected}); it reported:\n${describeProblems(found)}`,
    );
  }

  function assertNotReported(file: string, reference: string, what: string) {
    const found = problems.filter((p) => p.file === file && p.reference === reference);
    assert.deepEqual(found, [], `${what}: ${reference} exists and must not be reported`);
  }

  before(() => {
    dir = makeTempDir("references-negative");
    source = copyForceApp(dir);
    const main = join(source, "main/default");

    editFile(
      join(main, "objects/Handoff__c/validationRules/Opportunity_Key_Matches_Opportunity.validationRule-meta.xml"),
      (c) => replaceOnce(c, "Opportunity_Key__c &lt;&gt;", "Opportunity_Kee__c &lt;&gt;"),
    );
    editFile(join(main, "objects/Opportunity/fields/Handoff_Tier__c.field-meta.xml"), (c) =>
      c.replace(
        "$CustomMetadata.Handoff_Setting__mdt.Default.High_Touch_Min_Amount__c",
        "$CustomMetadata.Handoff_Setting__mdt.Defualt.High_Touch_Min_Amount__c",
      ),
    );
    editFile(join(main, "objects/Opportunity/fields/Champion__c.field-meta.xml"), (c) =>
      replaceOnce(c, "<field>Contact.AccountId</field>", "<field>Contact.AcountId</field>"),
    );

    // A field that a layout shows is deleted.
    const layout = walkFiles(join(main, "layouts"), ".layout-meta.xml").find((p) =>
      basename(p).startsWith("Handoff__c-"),
    );
    assert.ok(layout, "Test setup: no Handoff__c layout");
    const { body } = parseMetadataFile(layout);
    const fields =
      JSON.stringify(body)
        .match(/"field":"(\w+__c)"/g)
        ?.map((m) => m.slice(9, -1)) ?? [];
    const field = fields.find((f) => existsSync(join(main, "objects/Handoff__c/fields", `${f}.field-meta.xml`)));
    assert.ok(field, "Test setup: the Handoff__c layout shows no custom field");
    rmSync(join(main, "objects/Handoff__c/fields", `${field}.field-meta.xml`));
    deletedLayoutField = { layout: layout.slice(dir.length + 1), field };

    const permissionSet = join(main, "permissionsets/Handoff_Sales.permissionset-meta.xml");
    editFile(permissionSet, (c) =>
      c.replace(
        "<fieldPermissions>",
        "<classAccesses><apexClass>Missing_Controller</apexClass><enabled>true</enabled></classAccesses>" +
          "<fieldPermissions><editable>false</editable><field>Handoff__c.Renewal_Date__c</field><readable>true</readable></fieldPermissions>" +
          "<objectPermissions><object>Missing_Object__c</object></objectPermissions>" +
          "<tabSettings><tab>Missing_Tab__c</tab><visibility>Visible</visibility></tabSettings>" +
          "<customPermissions><enabled>true</enabled><name>Missing_Permission</name></customPermissions>" +
          "<fieldPermissions><editable>true</editable><field>Opportunity.Handoff_Tier__c</field><readable>true</readable></fieldPermissions>" +
          "<fieldPermissions><editable>false</editable><field>Handoff__c.Required_Test__c</field><readable>true</readable></fieldPermissions>" +
          "<fieldPermissions>",
      ),
    );

    writeFile(
      join(main, "objects/Handoff__c/fields/Required_Test__c.field-meta.xml"),
      `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Required_Test__c</fullName>
    <label>Required Test</label>
    <length>10</length>
    <required>true</required>
    <type>Text</type>
</CustomField>
`,
    );

    editFile(join(main, "customMetadata/Handoff_Requirement.Champion.md-meta.xml"), (c) =>
      replaceOnce(
        replaceOnce(c, "<field>Group__c</field>", "<field>Grop__c</field>"),
        '<value xsi:type="xsd:string">Champion__c</value>',
        '<value xsi:type="xsd:string">Champoin__c</value>',
      ),
    );

    writeFile(
      join(main, "objects/Opportunity/validationRules/Reference_Test.validationRule-meta.xml"),
      `<?xml version="1.0" encoding="UTF-8"?>
<ValidationRule xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Reference_Test</fullName>
    <active>true</active>
    <errorConditionFormula>AND(NOT($Permission.Missing_Bypass), ISPICKVAL(StageName, &quot;Fake_String__c&quot;),
      Account.Nmae = &quot;x&quot;, Champion__r.Emial &lt;&gt; &quot;&quot;, Champoin__r.Email = &quot;&quot;, Amount &gt; 5 /* Fake_Comment__c */,
      $User.Departmnt = &quot;CS&quot;, Owner.Manager.Email = &quot;&quot;)</errorConditionFormula>
    <errorDisplayField>Amout</errorDisplayField>
    <errorMessage>Test</errorMessage>
</ValidationRule>
`,
    );

    writeFile(
      join(main, "flows/Reference_Test.flow-meta.xml"),
      `<?xml version="1.0" encoding="UTF-8"?>
<Flow xmlns="http://soap.sforce.com/2006/04/metadata">
    <formulas><name>Greeting</name><dataType>String</dataType><expression>&quot;Hi &quot; &amp; {!$Record.Account.Nmae} &amp; {!$Record.Account.Name}</expression></formulas>
    <recordLookups>
        <name>Get_Handoff</name>
        <object>Handoff__c</object>
        <filters><field>Opportunity__c</field><operator>EqualTo</operator><value><elementReference>$Record.Id</elementReference></value></filters>
        <queriedFields>Id</queriedFields>
        <queriedFields>CS_Ownr__c</queriedFields>
        <storeOutputAutomatically>true</storeOutputAutomatically>
    </recordLookups>
    <recordUpdates>
        <name>Update_Deal</name>
        <inputAssignments><field>Handoff_Notez__c</field><value><elementReference>Get_Handoff.Status__c</elementReference></value></inputAssignments>
        <inputReference>$Record</inputReference>
    </recordUpdates>
    <recordCreates>
        <name>Create_Missing</name>
        <object>Missing_Object__c</object>
    </recordCreates>
    <decisions><name>Check</name><rules><name>Big</name><conditions><leftValueReference>$Record.Amout</leftValueReference><operator>GreaterThan</operator></conditions></rules></decisions>
    <actionCalls><name>Assign</name><actionName>Missing_Action</actionName><actionType>apex</actionType></actionCalls>
    <actionCalls><name>Not_Invocable</name><actionName>ReferenceTestController</actionName><actionType>apex</actionType></actionCalls>
    <start>
        <object>Opportunity</object>
        <filters><field>StageNmae</field><operator>EqualTo</operator></filters>
        <recordTriggerType>Update</recordTriggerType>
        <triggerType>RecordAfterSave</triggerType>
    </start>
    <textTemplates><name>Body</name><text>{!Get_Handoff.Missing_Field__c} for {!$Record.Name}</text></textTemplates>
</Flow>
`,
    );

    writeFile(
      join(main, "classes/ReferenceTestController.cls"),
      `public with sharing class ReferenceTestController {
    @AuraEnabled(cacheable=true)
    public static String getThings() { return helper(); }
    public static String helper() { return ''; }
}
`,
    );
    writeFile(
      join(main, "lwc/referenceTest/referenceTest.ts"),
      `import { LightningElement } from "lwc";
import GOALS from "@salesforce/schema/Opportunity.Buisness_Goals__c";
import STATUS from "@salesforce/schema/Handoff__c.Status__c";
import HANDOFF from "@salesforce/schema/Handoff__c";
import MISSING_OBJECT from "@salesforce/schema/Handof__c";
import getThings from "@salesforce/apex/ReferenceTestController.getThings";
import helper from "@salesforce/apex/ReferenceTestController.helper";
import missingMethod from "@salesforce/apex/ReferenceTestController.missing";
import missingClass from "@salesforce/apex/MissingController.getThings";
export default class ReferenceTest extends LightningElement {}
`,
    );
    writeFile(
      join(main, "tabs/Missing_Object__c.tab-meta.xml"),
      `<?xml version="1.0" encoding="UTF-8"?>
<CustomTab xmlns="http://soap.sforce.com/2006/04/metadata"><customObject>true</customObject><motif>Custom20: Airplane</motif></CustomTab>
`,
    );

    writeFile(
      join(main, "lwc/referenceTest/referenceTest.js-meta.xml"),
      `<?xml version="1.0" encoding="UTF-8"?>
<LightningComponentBundle xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>66.0</apiVersion>
    <isExposed>true</isExposed>
    <targets><target>lightning__RecordPage</target></targets>
</LightningComponentBundle>
`,
    );
    writeFile(
      join(main, "lwc/hiddenTest/hiddenTest.js-meta.xml"),
      `<?xml version="1.0" encoding="UTF-8"?>
<LightningComponentBundle xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>66.0</apiVersion>
    <isExposed>false</isExposed>
</LightningComponentBundle>
`,
    );
    writeFile(
      join(main, "flexipages/Reference_Test.flexipage-meta.xml"),
      `<?xml version="1.0" encoding="UTF-8"?>
<FlexiPage xmlns="http://soap.sforce.com/2006/04/metadata">
    <flexiPageRegions>
        <itemInstances><componentInstance><componentName>c:referenceTest</componentName></componentInstance></itemInstances>
        <itemInstances><componentInstance><componentName>c:hiddenTest</componentName></componentInstance></itemInstances>
        <itemInstances><componentInstance><componentName>c:missingTest</componentName></componentInstance></itemInstances>
        <itemInstances><componentInstance><componentName>force:highlightsPanel</componentName></componentInstance></itemInstances>
        <itemInstances><fieldInstance><fieldItem>Record.Amount</fieldItem></fieldInstance></itemInstances>
        <itemInstances><fieldInstance><fieldItem>Record.Ammount</fieldItem></fieldInstance></itemInstances>
        <name>main</name>
        <type>Region</type>
    </flexiPageRegions>
    <masterLabel>Reference Test</masterLabel>
    <sobjectType>Opportunity</sobjectType>
    <type>RecordPage</type>
</FlexiPage>
`,
    );
    writeFile(
      join(main, "tabs/Reference_Test.tab-meta.xml"),
      `<?xml version="1.0" encoding="UTF-8"?>
<CustomTab xmlns="http://soap.sforce.com/2006/04/metadata"><label>Reference Test</label><lwcComponent>referenceTest</lwcComponent><motif>Custom20: Airplane</motif></CustomTab>
`,
    );
    writeFile(
      join(main, "applications/Reference_Test.app-meta.xml"),
      `<?xml version="1.0" encoding="UTF-8"?>
<CustomApplication xmlns="http://soap.sforce.com/2006/04/metadata">
    <defaultLandingTab>Missing_Landing</defaultLandingTab>
    <label>Reference Test</label>
    <tabs>Reference_Test</tabs>
    <tabs>standard-Opportunity</tabs>
    <tabs>Missing_Tab</tabs>
</CustomApplication>
`,
    );

    problems = checkReferences({ root: source, relativeTo: dir }).problems;
  });

  after(() => removeTempDir(dir));

  it("reports a validation rule formula naming a misspelled field", () => {
    assertReported(
      rel(
        "main/default/objects/Handoff__c/validationRules/Opportunity_Key_Matches_Opportunity.validationRule-meta.xml",
      ),
      "Opportunity_Kee__c",
      /field Handoff__c\.Opportunity_Kee__c/,
      "Misspelled field in a rule",
    );
  });

  it("reports a layout item for a deleted field", () => {
    assertReported(
      deletedLayoutField.layout,
      `layoutItems field ${deletedLayoutField.field}`,
      new RegExp(`Handoff__c\\.${deletedLayoutField.field}`),
      "Layout shows a deleted field",
    );
  });

  it("reports a $CustomMetadata reference to a missing record", () => {
    assertReported(
      rel("main/default/objects/Opportunity/fields/Handoff_Tier__c.field-meta.xml"),
      "$CustomMetadata.Handoff_Setting__mdt.Defualt.High_Touch_Min_Amount__c",
      /customMetadata\/Handoff_Setting\.Defualt\.md-meta\.xml/,
      "Formula reads a custom metadata record that does not exist",
    );
  });

  it("reports permission set entries for a missing field, object, class, tab and custom permission", () => {
    const file = rel("main/default/permissionsets/Handoff_Sales.permissionset-meta.xml");
    assertReported(
      file,
      "fieldPermissions Handoff__c.Renewal_Date__c",
      /Handoff__c\.Renewal_Date__c/,
      "Field permission",
    );
    assertReported(
      file,
      "objectPermissions Missing_Object__c",
      /Missing_Object__c\.object-meta\.xml/,
      "Object permission",
    );
    assertReported(file, "classAccesses Missing_Controller", /Missing_Controller\.cls/, "Class access");
    assertReported(file, "tabSettings Missing_Tab__c", /tabs\/Missing_Tab__c\.tab-meta\.xml/, "Tab setting");
    assertReported(
      file,
      "customPermissions Missing_Permission",
      /Missing_Permission\.customPermission-meta\.xml/,
      "Custom permission",
    );
    assertReported(
      file,
      "fieldPermissions Handoff__c.Required_Test__c",
      /the field is required/,
      "Permission on a required field",
    );
    assertReported(
      file,
      "fieldPermissions Opportunity.Handoff_Tier__c editable",
      /calculated field/,
      "Edit access to a formula field",
    );
    assertReported(
      file,
      `fieldPermissions Handoff__c.${deletedLayoutField.field}`,
      /Handoff__c\./,
      "Permission on a deleted field",
    );
  });

  it("reports a custom metadata value for a field the type does not have, and a requirement naming no Opportunity field", () => {
    const file = rel("main/default/customMetadata/Handoff_Requirement.Champion.md-meta.xml");
    assertReported(file, "values field Grop__c", /Handoff_Requirement__mdt\.Grop__c/, "CMDT value field");
    assertReported(file, "Field_API_Name__c Champoin__c", /Opportunity\.Champoin__c/, "Requirement field name");
  });

  it("reports a lookup filter on a misspelled field", () => {
    assertReported(
      rel("main/default/objects/Opportunity/fields/Champion__c.field-meta.xml"),
      "lookup filter field Contact.AcountId",
      /AcountId of Contact/,
      "Lookup filter field",
    );
  });

  it("resolves formula paths, globals and errorDisplayField, and reports only the broken ones", () => {
    const file = rel("main/default/objects/Opportunity/validationRules/Reference_Test.validationRule-meta.xml");
    assertReported(file, "$Permission.Missing_Bypass", /Missing_Bypass\.customPermission-meta\.xml/, "$Permission");
    assertReported(file, "Account.Nmae", /Nmae of Account/, "Standard relationship path");
    assertReported(file, "Champion__r.Emial", /Emial of Contact/, "Custom lookup path");
    assertReported(file, "Champoin__r.Email", /lookup field Champoin__c on Opportunity/, "Misspelled relationship");
    assertReported(file, "$User.Departmnt", /Departmnt of User/, "$User field");
    assertReported(file, "errorDisplayField Amout", /Amout of Opportunity/, "errorDisplayField");
    for (const fine of ["StageName", "Amount", "Owner.Manager.Email", "Fake_String__c", "Fake_Comment__c"]) {
      assertNotReported(file, fine, "Valid reference, string or comment");
    }
  });

  it("reports flow references: start object filters, record element fields, $Record paths and element outputs, Apex actions", () => {
    const file = rel("main/default/flows/Reference_Test.flow-meta.xml");
    assertReported(file, "start filter field StageNmae", /StageNmae of Opportunity/, "Start filter");
    assertReported(file, "Get_Handoff field CS_Ownr__c", /Handoff__c\.CS_Ownr__c/, "Queried field");
    assertReported(
      file,
      "Update_Deal field Handoff_Notez__c",
      /Opportunity\.Handoff_Notez__c/,
      "Input assignment on $Record",
    );
    assertReported(file, "Create_Missing object Missing_Object__c", /Missing_Object__c/, "Record create object");
    assertReported(file, "$Record.Account.Nmae", /Nmae of Account/, "$Record path in a formula");
    assertReported(file, "$Record.Amout", /Amout of Opportunity/, "$Record in a decision");
    assertReported(
      file,
      "Get_Handoff.Missing_Field__c",
      /Handoff__c\.Missing_Field__c/,
      "Lookup output in a text template",
    );
    assertReported(file, "apex action Missing_Action", /Missing_Action\.cls/, "Apex action");
    assertReported(
      file,
      "apex action ReferenceTestController",
      /@InvocableMethod/,
      "Apex action on a class without an invocable method",
    );
    for (const fine of [
      "$Record.Account.Name",
      "$Record.Name",
      "$Record.Id",
      "Get_Handoff field Id",
      "Get_Handoff.Status__c",
    ]) {
      assertNotReported(file, fine, "Valid flow reference");
    }
  });

  it("reports LWC imports of missing fields, objects, Apex classes and non-@AuraEnabled methods", () => {
    const file = rel("main/default/lwc/referenceTest/referenceTest.ts");
    assertReported(
      file,
      "@salesforce/schema/Opportunity.Buisness_Goals__c",
      /Opportunity\.Buisness_Goals__c/,
      "Schema import",
    );
    assertReported(file, "@salesforce/schema/Handof__c", /Handof__c\.object-meta\.xml/, "Object import");
    assertReported(
      file,
      "@salesforce/apex/ReferenceTestController.helper",
      /@AuraEnabled/,
      "Method without @AuraEnabled",
    );
    assertReported(file, "@salesforce/apex/ReferenceTestController.missing", /static method missing/, "Missing method");
    assertReported(file, "@salesforce/apex/MissingController.getThings", /MissingController\.cls/, "Missing class");
    for (const fine of [
      "@salesforce/schema/Handoff__c.Status__c",
      "@salesforce/schema/Handoff__c",
      "@salesforce/apex/ReferenceTestController.getThings",
    ]) {
      assertNotReported(file, fine, "Valid import");
    }
  });

  it("reports page components that are missing, not exposed or not targeted, page fields that do not exist, and app tabs that do not exist", () => {
    const page = rel("main/default/flexipages/Reference_Test.flexipage-meta.xml");
    assertReported(page, "component c:missingTest", /lwc\/missingTest\/missingTest\.js-meta\.xml/, "Missing component");
    assertReported(page, "component c:hiddenTest", /to be exposed/, "Component not exposed");
    assertReported(page, "fieldItem Record.Ammount", /Ammount of Opportunity/, "Misspelled field on the page");
    for (const fine of ["component c:referenceTest", "component force:highlightsPanel", "fieldItem Record.Amount"]) {
      assertNotReported(page, fine, "Valid page content");
    }
    const tab = rel("main/default/tabs/Reference_Test.tab-meta.xml");
    assertReported(
      tab,
      "lwcComponent referenceTest",
      /<target>lightning__Tab<\/target>/,
      "Tab of a component without the Tab target",
    );
    const app = rel("main/default/applications/Reference_Test.app-meta.xml");
    assertReported(app, "tab Missing_Tab", /tabs\/Missing_Tab\.tab-meta\.xml/, "App tab");
    assertReported(app, "tab Missing_Landing", /tabs\/Missing_Landing\.tab-meta\.xml/, "Default landing tab");
    for (const fine of ["tab Reference_Test", "tab standard-Opportunity"]) assertNotReported(app, fine, "Existing tab");
  });

  it("reports a tab for an object that does not exist", () => {
    assertReported(
      rel("main/default/tabs/Missing_Object__c.tab-meta.xml"),
      "tab for object Missing_Object__c",
      /Missing_Object__c/,
      "Tab",
    );
  });
});
