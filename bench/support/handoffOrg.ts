// A large org for the metrics benchmark: users stored, handoffs generated on demand by the local API
// server (a million of them cost it no memory). The figures vary by tier, owner, cohort and week so that
// every group accumulator has work to do.
import type { FakeSalesforceOptions } from "../../testkit/fake-salesforce/fakeSalesforce.ts";

const REPS = 40;
const CSMS = 25;
export const BENCH_USERS = [
  ...Array.from({ length: REPS }, (_, i) => ({
    Id: `005B0000000${String(i).padStart(4, "0")}AAA`,
    Name: `Rep ${i + 1}`,
  })),
  ...Array.from({ length: CSMS }, (_, i) => ({
    Id: `005C0000000${String(i).padStart(4, "0")}AAA`,
    Name: `CSM ${i + 1}`,
  })),
];
const REASONS = ["Incomplete Context", "Wrong Stakeholders", "Scope Unclear", "Wrong Tier"];
const STATUSES = ["Accepted", "Accepted", "Accepted", "Submitted", "Draft", "Returned", "Escalated", "Info Requested"];
const BASE = Date.parse("2026-01-05T00:00:00Z");
const HOUR = 3_600_000;
// Every time is a whole hour of one year: each is formatted once (the server side should not dominate
// what the benchmark measures).
const isoByHour = new Map<number, string>();
const iso = (ms: number) => {
  let s = isoByHour.get(ms);
  if (s === undefined) isoByHour.set(ms, (s = new Date(ms).toISOString().replace("Z", "+0000")));
  return s;
};

export function benchHandoff(i: number): Record<string, unknown> {
  const closed = BASE + (i % 8000) * HOUR; // about 48 weeks of closes
  const status = STATUSES[i % STATUSES.length];
  const submitted = status === "Draft" ? null : closed + ((i % 71) + 1) * HOUR;
  const touched = submitted !== null && i % 5 !== 0 ? submitted + ((i % 53) + 2) * HOUR : null;
  const tier = i % 3 === 0 ? "High-Touch" : "Low-Touch";
  return {
    Status__c: status,
    Tier__c: tier,
    Sales_Owner__c: BENCH_USERS[i % REPS].Id,
    CS_Owner__c: i % 97 === 0 ? null : BENCH_USERS[REPS + (i % CSMS)].Id,
    Pilot__c: i % 10 < 2,
    Pilot_Cohort__c: i % 10 < 2 ? `2026-Q${1 + (Math.floor(i / 1000) % 4)} Pilot` : null,
    Closed_At__c: iso(closed),
    Submitted_At__c: submitted === null ? null : iso(submitted),
    First_Touch_At__c: touched === null ? null : iso(touched),
    Handoff_Due_At__c: iso(closed + (tier === "High-Touch" ? 24 : 48) * HOUR),
    First_Touch_Due_At__c: submitted === null ? null : iso(submitted + (tier === "High-Touch" ? 24 : 72) * HOUR),
    Escalation_Count__c: i % 17 === 0 ? 1 + (i % 3) : 0,
    Return_Reason__c: status === "Returned" ? REASONS[i % REASONS.length] : null,
    Missing_Info_Request__c: status === "Info Requested" ? "Who is the executive sponsor?" : null,
  };
}

export function benchOrgOptions(handoffs: number): Pick<FakeSalesforceOptions, "records" | "generated"> {
  return {
    records: { User: BENCH_USERS },
    generated: { Handoff__c: { count: handoffs, make: benchHandoff } },
  };
}
