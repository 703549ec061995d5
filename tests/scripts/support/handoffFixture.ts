// The small org of the metrics tests: nine handoffs (seven closed in November 2026), their feedback and
// promises, with figures counted by hand in metrics.test.ts (and used by the before/after comparison).
export const users = [
  { Id: "005000000000001AAA", Name: "Dana Whitfield" },
  { Id: "005000000000002AAA", Name: "Marcus Lee" },
  { Id: "005000000000050AAA", Name: "Casey CSM" },
  { Id: "005000000000051AAA", Name: "Devon CSM" },
];
export const [DANA, MARCUS, CASEY, DEVON] = users.map((u) => u.Id);
const t = (iso: string) => `${iso}:00.000+0000`; // Salesforce's date-time format

// Seven handoffs closed in November 2026, plus one before and one after the period.
export function handoff(n: number, fields: Record<string, unknown>) {
  return {
    Id: `a0H00000000000${n}AAA`,
    Name: `H-${n}`,
    Pilot__c: false,
    Pilot_Cohort__c: null,
    Escalation_Count__c: 0,
    Return_Reason__c: null,
    Submitted_At__c: null,
    First_Touch_At__c: null,
    Handoff_Due_At__c: null,
    First_Touch_Due_At__c: null,
    ...fields,
  };
}
const PILOT = { Pilot__c: true, Pilot_Cohort__c: "2026-Q4 Pilot" };
export const smallOrg = () => ({
  User: users,
  Handoff__c: [
    handoff(1, {
      ...PILOT,
      Tier__c: "High-Touch",
      Status__c: "Accepted",
      Sales_Owner__c: DANA,
      CS_Owner__c: CASEY,
      Closed_At__c: t("2026-11-02T10:00"),
      Submitted_At__c: t("2026-11-03T10:00"),
      Handoff_Due_At__c: t("2026-11-04T10:00"),
      First_Touch_At__c: t("2026-11-03T20:00"),
      First_Touch_Due_At__c: t("2026-11-04T10:00"),
    }),
    handoff(2, {
      ...PILOT,
      Tier__c: "High-Touch",
      Status__c: "Accepted",
      Sales_Owner__c: MARCUS,
      CS_Owner__c: CASEY,
      Closed_At__c: t("2026-11-03T09:00"),
      Submitted_At__c: t("2026-11-06T09:00"),
      Handoff_Due_At__c: t("2026-11-05T09:00"),
      First_Touch_At__c: t("2026-11-07T09:00"),
      First_Touch_Due_At__c: t("2026-11-07T09:00"),
      Escalation_Count__c: 2,
      Return_Reason__c: "Incomplete Context",
      Missing_Info_Request__c: "Who signs off on go-live?",
    }),
    handoff(3, {
      Tier__c: "Low-Touch",
      Status__c: "Accepted",
      Sales_Owner__c: DANA,
      CS_Owner__c: DEVON,
      Closed_At__c: t("2026-11-09T12:00"),
      Submitted_At__c: t("2026-11-09T18:00"),
      Handoff_Due_At__c: t("2026-11-10T12:00"),
      First_Touch_At__c: t("2026-11-12T18:00"),
      First_Touch_Due_At__c: t("2026-11-12T18:00"),
    }),
    handoff(4, {
      Tier__c: "Low-Touch",
      Status__c: "Escalated",
      Sales_Owner__c: MARCUS,
      CS_Owner__c: DEVON,
      Closed_At__c: t("2026-11-10T12:00"),
      Submitted_At__c: t("2026-11-12T12:00"),
      Handoff_Due_At__c: t("2026-11-11T12:00"),
      First_Touch_Due_At__c: t("2026-11-15T12:00"),
      Escalation_Count__c: 1,
      Return_Reason__c: "Scope Unclear",
    }),
    handoff(5, {
      ...PILOT,
      Tier__c: "High-Touch",
      Status__c: "Draft",
      Sales_Owner__c: DANA,
      CS_Owner__c: CASEY,
      Closed_At__c: t("2026-11-23T12:00"),
      Handoff_Due_At__c: t("2026-11-25T12:00"),
      Escalation_Count__c: 1,
    }),
    handoff(6, {
      Tier__c: "Low-Touch",
      Status__c: "Draft",
      Sales_Owner__c: MARCUS,
      CS_Owner__c: null,
      Closed_At__c: t("2026-11-25T12:00"),
      Handoff_Due_At__c: t("2026-11-26T12:00"),
    }),
    handoff(7, {
      ...PILOT,
      Tier__c: "High-Touch",
      Status__c: "Returned",
      Sales_Owner__c: DANA,
      CS_Owner__c: DEVON,
      Closed_At__c: t("2026-11-16T08:00"),
      Submitted_At__c: t("2026-11-16T20:00"),
      Handoff_Due_At__c: t("2026-11-18T08:00"),
      First_Touch_At__c: t("2026-11-18T08:00"),
      First_Touch_Due_At__c: t("2026-11-17T20:00"),
      Return_Reason__c: "Incomplete Context",
    }),
    handoff(8, {
      Tier__c: "Low-Touch",
      Status__c: "Accepted",
      Sales_Owner__c: DANA,
      CS_Owner__c: DEVON,
      Closed_At__c: t("2026-10-15T12:00"),
      Submitted_At__c: t("2026-10-20T12:00"),
    }),
    handoff(9, {
      Tier__c: "Low-Touch",
      Status__c: "Draft",
      Sales_Owner__c: DANA,
      CS_Owner__c: DEVON,
      Closed_At__c: t("2026-12-01T00:00"),
    }),
  ],
  // Feedback and promises of handoffs 1, 2, 3, 5 and 7; those of handoffs 8 (October) and 9 (December) are
  // outside the period.
  Handoff_Feedback__c: [
    { Handoff__c: "a0H000000000001AAA", Rating__c: 5, Respondent_Type__c: "CSM" },
    { Handoff__c: "a0H000000000002AAA", Rating__c: 2, Respondent_Type__c: "CSM" },
    { Handoff__c: "a0H000000000003AAA", Rating__c: 4, Respondent_Type__c: "Rep" },
    { Handoff__c: "a0H000000000007AAA", Rating__c: 3, Respondent_Type__c: "Rep" },
    { Handoff__c: "a0H000000000008AAA", Rating__c: 1, Respondent_Type__c: "CSM" },
  ],
  Handoff_Promise__c: [
    { Handoff__c: "a0H000000000001AAA", Status__c: "Kept" },
    { Handoff__c: "a0H000000000001AAA", Status__c: "Kept" },
    { Handoff__c: "a0H000000000002AAA", Status__c: "Broken" },
    { Handoff__c: "a0H000000000003AAA", Status__c: "At Risk" },
    { Handoff__c: "a0H000000000005AAA", Status__c: "Open" },
    { Handoff__c: "a0H000000000009AAA", Status__c: "Kept" },
  ],
});
