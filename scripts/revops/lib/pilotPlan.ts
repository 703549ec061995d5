// The pilot of seed task 8: 5 to 10 upcoming deals of mixed sizes, both tiers, with accounts, contacts
// and stakeholders, flagged with the pilot cohort. Every record carries a key derived from the cohort,
// so a re-run updates the same records and --cleanup finds exactly what was created.
import { handoffTier, type HandoffSettings, type Tier } from "../../lib/handoffConfig.ts";

export const MAX_PILOT_DEALS = 10;
export const MIN_PILOT_DEALS = 5;

export interface PilotContact {
  key: string;
  role: "Champion__c" | "Decision_Maker__c" | "Executive_Sponsor__c" | "Technical_Contact__c";
  firstName: string;
  lastName: string;
  title: string;
}

export interface PilotDeal {
  n: number;
  accountKey: string;
  opportunityKey: string;
  account: { Name: string; Industry: string };
  contacts: PilotContact[];
  opportunity: {
    Name: string;
    Amount: number;
    Deal_Complexity__c: string;
    StageName: string;
    CloseDate: string;
    Type: string;
    Business_Goals__c: string;
  };
  tier: Tier;
}

const COMPANIES: [string, string, number, string][] = [
  ["Harborview Logistics", "Transportation", 240000, "High"],
  ["Kestrel Health Partners", "Healthcare", 120000, "Medium"],
  ["Lakemont Manufacturing", "Manufacturing", 85000, "Medium"],
  ["Brightwater Credit Union", "Banking", 60000, "Low"],
  ["Fieldstone Legal", "Legal", 45000, "High"],
  ["Copperline Retail", "Retail", 30000, "Medium"],
  ["Juniper Dental Group", "Healthcare", 18000, "Low"],
  ["Northgate Realty", "Real Estate", 12000, "Medium"],
  ["Tidewater Schools", "Education", 9000, "Low"],
  ["Emberly Coffee Co", "Food & Beverage", 6000, "Low"],
];

const PEOPLE: [string, string, string][] = [
  ["Avery", "Lindqvist", "VP Operations"],
  ["Jordan", "Okoye", "Chief Financial Officer"],
  ["Morgan", "Halvorsen", "Chief Executive Officer"],
  ["Riley", "Castellanos", "IT Director"],
];
const ROLES: PilotContact["role"][] = [
  "Champion__c",
  "Decision_Maker__c",
  "Executive_Sponsor__c",
  "Technical_Contact__c",
];

export function cohortSlug(cohort: string): string {
  const slug = cohort
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  if (!slug) throw new Error(`The cohort name "${cohort}" has no letters or digits to build record keys from.`);
  return slug.slice(0, 40);
}

export function pilotPlan(cohort: string, deals: number, settings: HandoffSettings, today: Date): PilotDeal[] {
  const slug = cohortSlug(cohort);
  return COMPANIES.slice(0, deals).map(([name, industry, amount, complexity], i) => {
    const n = i + 1;
    const prefix = `${slug}-d${String(n).padStart(2, "0")}`;
    const tier = handoffTier(amount, complexity, settings);
    // High-Touch deals get all four stakeholders; Low-Touch the two the Low-Touch checklist requires.
    const roles = tier === "High-Touch" ? ROLES : (["Champion__c", "Technical_Contact__c"] as const);
    const close = new Date(today.getTime() + (7 + 3 * i) * 86_400_000).toISOString().slice(0, 10);
    return {
      n,
      accountKey: `${prefix}-account`,
      opportunityKey: `${prefix}-opportunity`,
      account: { Name: `${name} (${cohort})`, Industry: industry },
      contacts: roles.map((role) => {
        const [firstName, lastName, title] = PEOPLE[ROLES.indexOf(role)];
        return {
          key: `${prefix}-${role.replace(/__c$/, "").toLowerCase().replace(/_/g, "-")}`,
          role,
          firstName,
          lastName,
          title,
        };
      }),
      opportunity: {
        Name: `${name} - ${cohort}`,
        Amount: amount,
        Deal_Complexity__c: complexity,
        StageName: "Negotiation/Review",
        CloseDate: close,
        Type: "New Business",
        Business_Goals__c: `Pilot deal for ${cohort}: ${industry.toLowerCase()} customer, ${tier} handoff.`,
      },
      tier,
    };
  });
}

// Every key the cohort can have (a run with fewer deals still cleans up after a larger one).
export function allPilotKeys(cohort: string, settings: HandoffSettings, today: Date) {
  const plan = pilotPlan(cohort, MAX_PILOT_DEALS, settings, today);
  const contactKeys = plan.flatMap((d) =>
    ROLES.map(
      (role) => `${d.accountKey.replace(/-account$/, "")}-${role.replace(/__c$/, "").toLowerCase().replace(/_/g, "-")}`,
    ),
  );
  return {
    accounts: plan.map((d) => d.accountKey),
    contacts: contactKeys,
    opportunities: plan.map((d) => d.opportunityKey),
  };
}
