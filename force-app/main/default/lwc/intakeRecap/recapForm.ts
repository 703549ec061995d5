// The customer recap forms as data: who receives the recap, which answers the CSM changed, and whether the answer may
// be recorded. No DOM, so the rules are tested as plain functions as well as through the component.
import type { RecapAnswer, RecapView } from "c/csIntakeModel";

export const CONFIRMED = "Confirmed";
export const CORRECTED = "Corrected";

export interface Correction {
  fieldApiName: string;
  correctedValue: string;
}

// What the CSM typed per answer, by field API name: only answers whose text differs from the deal's count.
export function changedAnswers(answers: readonly RecapAnswer[], typed: Record<string, string>): Correction[] {
  const corrections: Correction[] = [];
  for (const answer of answers) {
    const value = typed[answer.fieldApiName];
    if (!answer.editable || value === undefined) continue;
    const corrected = value.trim();
    if (corrected !== "" && corrected !== (answer.value ?? "").trim()) {
      corrections.push({ fieldApiName: answer.fieldApiName, correctedValue: corrected });
    }
  }
  return corrections;
}

// A recorded customer answer: sending again clears it, so the CSM must say so.
export function recordedAnswer(recap: RecapView | null | undefined): string | null {
  return recap?.outcome || null;
}

// Confirmed records at once; Corrected needs at least one changed answer.
export function canRecord(outcome: string, corrections: readonly Correction[]): boolean {
  return outcome === CONFIRMED || (outcome === CORRECTED && corrections.length > 0);
}
