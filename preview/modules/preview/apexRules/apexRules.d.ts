// Types for the node test that compares these rules with the Apex source.
export declare const APEX_SETS: Record<string, string[]>;
export declare const APEX_INTEGERS: Record<string, number>;
