// The handoff summary's words in the user's language (Custom Labels, translated in Translation Workbench) and how a
// component reads a deal field for it: shared by the summary card and the kickoff agenda, which names its sections
// and fields as the card does. c/handoffSummarySections keeps the English the email templates are generated from.
import type { RecordRepresentation } from "lightning/uiRecordApi";
import type { SummaryWording } from "c/handoffSummarySections";
import { formatLabel } from "c/labelFormat";
import titleLabel from "@salesforce/label/c.Handoff_Summary_Title";
import untitledLabel from "@salesforce/label/c.Handoff_Summary_Opportunity_Fallback";
import productsLabel from "@salesforce/label/c.Handoff_Summary_Products";
import notProvidedLabel from "@salesforce/label/c.Handoff_Summary_Not_Provided";
import goalsLabel from "@salesforce/label/c.Handoff_Summary_Section_Goals";
import stakeholdersLabel from "@salesforce/label/c.Handoff_Summary_Section_Stakeholders";
import scopeLabel from "@salesforce/label/c.Handoff_Summary_Section_Scope";
import risksLabel from "@salesforce/label/c.Handoff_Summary_Section_Risks";
import promisesLabel from "@salesforce/label/c.Handoff_Summary_Section_Promises";
import conversationsLabel from "@salesforce/label/c.Handoff_Summary_Section_Conversations";
import notesLabel from "@salesforce/label/c.Handoff_Summary_Section_Notes";
import businessGoalsLabel from "@salesforce/label/c.Handoff_Summary_Business_Goals";
import painPointsLabel from "@salesforce/label/c.Handoff_Summary_Pain_Points";
import successCriteriaLabel from "@salesforce/label/c.Handoff_Summary_Success_Criteria";
import championLabel from "@salesforce/label/c.Handoff_Summary_Champion";
import decisionMakerLabel from "@salesforce/label/c.Handoff_Summary_Decision_Maker";
import executiveSponsorLabel from "@salesforce/label/c.Handoff_Summary_Executive_Sponsor";
import technicalContactLabel from "@salesforce/label/c.Handoff_Summary_Technical_Contact";
import contractTermsLabel from "@salesforce/label/c.Handoff_Summary_Contract_Terms";
import contractStartDateLabel from "@salesforce/label/c.Handoff_Summary_Contract_Start_Date";
import implementationTimelineLabel from "@salesforce/label/c.Handoff_Summary_Implementation_Timeline";
import targetGoLiveDateLabel from "@salesforce/label/c.Handoff_Summary_Target_Go_Live_Date";
import knownObjectionsLabel from "@salesforce/label/c.Handoff_Summary_Known_Objections";
import concernsRaisedLabel from "@salesforce/label/c.Handoff_Summary_Concerns_Raised";
import competitorThreatsLabel from "@salesforce/label/c.Handoff_Summary_Competitor_Threats";
import promisesMadeLabel from "@salesforce/label/c.Handoff_Summary_Promises_Made";
import keyConversationsLabel from "@salesforce/label/c.Handoff_Summary_Key_Conversations";
import communicationPreferencesLabel from "@salesforce/label/c.Handoff_Summary_Communication_Preferences";
import handoffNotesLabel from "@salesforce/label/c.Handoff_Summary_Handoff_Notes";

// The summary's headings and field names in the user's language (c/handoffSummarySections keeps the English the
// CSM email is generated from).
export const SUMMARY_WORDING: SummaryWording = {
  title: (opportunityName) => formatLabel(titleLabel, opportunityName),
  untitledOpportunity: untitledLabel,
  products: productsLabel,
  notProvided: notProvidedLabel,
  sectionTitles: {
    goals: goalsLabel,
    stakeholders: stakeholdersLabel,
    scope: scopeLabel,
    risks: risksLabel,
    promises: promisesLabel,
    conversations: conversationsLabel,
    notes: notesLabel,
  },
  fieldLabels: {
    Business_Goals__c: businessGoalsLabel,
    Pain_Points__c: painPointsLabel,
    Success_Criteria__c: successCriteriaLabel,
    Champion__c: championLabel,
    Decision_Maker__c: decisionMakerLabel,
    Executive_Sponsor__c: executiveSponsorLabel,
    Technical_Contact__c: technicalContactLabel,
    Contract_Terms__c: contractTermsLabel,
    Contract_Start_Date__c: contractStartDateLabel,
    Implementation_Timeline__c: implementationTimelineLabel,
    Target_Go_Live_Date__c: targetGoLiveDateLabel,
    Known_Objections__c: knownObjectionsLabel,
    Concerns_Raised__c: concernsRaisedLabel,
    Competitor_Threats__c: competitorThreatsLabel,
    Promises_Made__c: promisesMadeLabel,
    Key_Conversations__c: keyConversationsLabel,
    Communication_Preferences__c: communicationPreferencesLabel,
    Handoff_Notes__c: handoffNotesLabel,
  },
};

// Display value where LDS formats one (dates, lookups), raw value otherwise; relationship paths are nested.
export function readRecordPath(record: RecordRepresentation | undefined, path: string): string | null {
  let current: RecordRepresentation | undefined = record;
  const parts = path.split(".");
  for (let i = 0; i < parts.length; i += 1) {
    const field = current?.fields?.[parts[i]];
    if (!field) return null;
    if (i === parts.length - 1) {
      const value = field.displayValue ?? field.value;
      return value === null || value === undefined ? null : String(value);
    }
    current = (field.value as RecordRepresentation | null) ?? undefined;
  }
  return null;
}
