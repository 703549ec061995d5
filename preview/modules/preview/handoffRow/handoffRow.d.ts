// Types for the node test that holds the stand-in's rows to the recorded Apex responses.
export declare function isSalesSide(fields: Record<string, unknown>): boolean;
export declare function actionsFor(
  fields: Record<string, unknown>,
  recordedRows: {
    status: string | null;
    firstTouchAt: string | null;
    recapSentAt?: string | null;
    customerConfirmation?: string | null;
    actions: unknown[];
  }[],
): { name: string; allowed: boolean; disabledReason: string | null }[];
export declare function toHandoffRow(
  handoff: { id: string; fields: Record<string, unknown> },
  lookups: {
    names: {
      account?: string | null;
      opportunity?: string | null;
      csOwner?: string | null;
      salesOwner?: string | null;
    };
    amount?: number | null;
    brokenPromiseCount: number;
  },
  recordedRows: {
    status: string | null;
    firstTouchAt: string | null;
    recapSentAt?: string | null;
    customerConfirmation?: string | null;
    actions: unknown[];
  }[],
): Record<string, unknown>;
