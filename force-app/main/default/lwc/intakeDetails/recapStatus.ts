// The customer recap's state as the details show it: sent when, the answer due when, the customer's answer and what
// they corrected.
import type { RecapView } from "c/csIntakeModel";
import { formatLabel } from "c/labelFormat";
import { formatDateTime } from "c/localeFormat";
import notSentYetLabel from "@salesforce/label/c.Handoff_Intake_Recap_Not_Sent_Yet";
import sentAtLabel from "@salesforce/label/c.Handoff_Intake_Recap_Sent_At";
import answerDueLabel from "@salesforce/label/c.Handoff_Intake_Recap_Answer_Due";
import waitingLabel from "@salesforce/label/c.Handoff_Intake_Recap_Waiting";
import outcomeIsLabel from "@salesforce/label/c.Handoff_Intake_Recap_Outcome_Is";
import answeredAtLabel from "@salesforce/label/c.Handoff_Intake_Recap_Answered_At";

export interface RecapStatusView {
  lines: { key: string; text: string }[];
  corrections: string | null;
  answered: boolean;
}

export function toRecapStatus(recap: RecapView | null | undefined): RecapStatusView {
  if (!recap?.sentAt)
    return { lines: [{ key: "not-sent", text: notSentYetLabel }], corrections: null, answered: false };
  const lines = [{ key: "sent", text: formatLabel(sentAtLabel, formatDateTime(recap.sentAt)) }];
  if (recap.outcome) {
    lines.push({ key: "outcome", text: formatLabel(outcomeIsLabel, recap.outcome) });
    if (recap.answeredAt)
      lines.push({ key: "answered", text: formatLabel(answeredAtLabel, formatDateTime(recap.answeredAt)) });
  } else {
    if (recap.answerDueAt)
      lines.push({ key: "due", text: formatLabel(answerDueLabel, formatDateTime(recap.answerDueAt)) });
    lines.push({ key: "waiting", text: waitingLabel });
  }
  return { lines, corrections: recap.corrections || null, answered: Boolean(recap.outcome) };
}
