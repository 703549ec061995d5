// The generated documents. Every number, list and field name comes from the DocsModel (force-app);
// the wording around them is the process design the documents explain.
import { handoffTier, requirementGroups, TIERS, type Tier } from "../../lib/handoffConfig.ts";
import { blocks, bullets, checklist, numbered, table } from "./markdown.ts";
import { requiredFor, type DocsModel, type DocumentedRequirement } from "./model.ts";

export interface GeneratedDocument {
  slug: string;
  title: string;
  audience: string;
  markdown: string;
}

// What each handoff status means to the people who see it. A status added to Status__c without a meaning here
// stops the generator, so the cards never show a status nobody explained.
const STATUS_MEANING: Record<string, { sales: string; cs: string }> = {
  Draft: { sales: "You are filling it in.", cs: "Not yours yet: Sales is still writing it." },
  Submitted: { sales: "Sent to CS; wait for intake.", cs: "Waiting for your intake review." },
  "Info Requested": {
    sales: "CS asked for something specific: answer it on the deal and resubmit.",
    cs: "You asked Sales for missing information; the clock is on Sales.",
  },
  Returned: {
    sales: "CS sent it back with a return reason: fix what the reason names and resubmit.",
    cs: "You returned it with a reason; it comes back as Submitted.",
  },
  Accepted: { sales: "CS owns the customer now.", cs: "You own the customer: log your first touch." },
  Escalated: {
    sales: "An SLA lapsed and your manager was pulled in.",
    cs: "An SLA lapsed and a manager was pulled in.",
  },
};

function statusMeaning(status: string): { sales: string; cs: string } {
  const meaning = STATUS_MEANING[status];
  if (!meaning) {
    throw new Error(
      `Handoff__c.Status__c has the value "${status}", which the docs generator does not explain: ` +
        "add it to STATUS_MEANING in scripts/admin/docs/documents.ts",
    );
  }
  return meaning;
}

export function hours(value: number | null): string {
  if (value === null) return "not set";
  if (value % 24 === 0 && value >= 24) return `${value} hours (${value / 24} day${value === 24 ? "" : "s"})`;
  return `${value} hours`;
}

function amount(value: number | null): string {
  return value === null ? "not set" : value.toLocaleString("en-US");
}

export function orList(items: string[], empty = "none"): string {
  if (items.length === 0) return empty;
  if (items.length === 1) return items[0];
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

function quoted(items: string[]): string {
  return items.map((i) => `\`${i}\``).join(", ");
}

// "its Amount is at least 50,000 or its Deal Complexity is High", or null when nothing makes a deal High-Touch.
export function highTouchCondition(model: DocsModel): string | null {
  const { settings } = model;
  const reasons: string[] = [];
  if (settings.highTouchMinAmount !== null)
    reasons.push(`its Amount is at least ${amount(settings.highTouchMinAmount)}`);
  if (settings.highTouchComplexities.length > 0) {
    reasons.push(`its Deal Complexity is ${orList(settings.highTouchComplexities)}`);
  }
  return reasons.length === 0 ? null : reasons.join(" or ");
}

export function tierRule(model: DocsModel): string {
  const condition = highTouchCondition(model);
  return condition === null
    ? "Every deal is Low-Touch (no High-Touch threshold is configured)."
    : `A deal is High-Touch when ${condition}; every other deal is Low-Touch.`;
}

export function triggerRule(model: DocsModel): string {
  const { settings } = model;
  return bullets([
    `The handoff starts when the deal moves to the stage **${settings.wonStage}**.`,
    settings.goLiveDate
      ? `It applies to deals that close on or after the go-live date, **${settings.goLiveDate}**.`
      : "Go-live date: **not set yet**; until it is, nothing is enforced.",
    settings.excludedDealTypes.length > 0
      ? `Deals of type ${orList(settings.excludedDealTypes.map((t) => `**${t}**`))} never need a handoff.`
      : "Every deal type needs a handoff.",
    `${settings.wonStage} is blocked while a field required for the deal's tier is missing.`,
    settings.earlyIntroStage
      ? `High-Touch deals get their CSM introduced early, when the deal reaches **${settings.earlyIntroStage}**.`
      : "There is no early CSM introduction before close.",
  ]);
}

function answerRules(model: DocsModel): string {
  const { settings } = model;
  return bullets([
    `A written answer needs at least **${settings.minAnswerLength} characters**.`,
    `These answers do not count (any capitalisation): ${quoted(settings.placeholderAnswers)}.`,
    ...model.requirements
      .filter((r) => r.answerKind === "contact")
      .slice(0, 1)
      .map(
        () => "Stakeholders are contacts of the deal's account: add the contact to the account first if it is missing.",
      ),
    ...model.requirements
      .filter((r) => r.answerKind === "products")
      .map((r) => `${r.label} are the deal's Products related list, not a text field.`),
  ]);
}

function requiredCell(r: DocumentedRequirement, tier: Tier): string {
  return r.requiredFor[tier] ? "Required" : "Optional";
}

function requirementTable(model: DocsModel): string {
  return requirementGroups(model.requirements)
    .map((group) =>
      blocks(
        `### ${group}`,
        table(
          ["Field", "What to write", ...TIERS],
          model.requirements
            .filter((r) => r.group === group)
            .map((r) => [`**${r.label}**`, r.prompt, ...TIERS.map((t) => requiredCell(r, t))]),
        ),
      ),
    )
    .join("\n");
}

export function slaTable(model: DocsModel): string {
  const { settings } = model;
  return table(
    ["Clock", "Starts", "Stops", ...TIERS],
    [
      [
        "Handoff (Sales)",
        `deal moves to ${settings.wonStage}`,
        "Sales submits the handoff",
        ...TIERS.map((t) => hours(settings.handoffSlaHours[t])),
      ],
      [
        "First touch (CS)",
        "handoff submitted",
        "CSM first contacts the customer",
        ...TIERS.map((t) => hours(settings.firstTouchSlaHours[t])),
      ],
    ],
  );
}

function businessHours(value: number): string {
  return `${value} business hour${value === 1 ? "" : "s"}`;
}

// When a rung runs: its stamped time (due time, plus or minus the settings' business hours) plus the path offset.
function rungTime(offsets: number[], clock: string, settingHours: number, relation: "after" | "before"): string | null {
  if (offsets.length === 0) return null;
  const offset = offsets[0];
  const base =
    settingHours === 0
      ? `when the ${clock} is due`
      : relation === "after"
        ? `${businessHours(settingHours)} after the ${clock} was due`
        : `${businessHours(settingHours)} before the ${clock} is due`;
  return offset === 0 ? base : `${base}, plus ${hours(offset)}`;
}

// The ladder the escalation flow runs: reminder and rep's manager on the handoff clock; the CSM's reminder, the
// CSM's manager and leadership on the first-touch clock.
export function escalationLadder(model: DocsModel): string {
  const { settings, escalation } = model;
  const perTier = (h: Record<Tier, number | null>) =>
    TIERS.map((t) => `${h[t] === null ? "not set" : businessHours(h[t])} for ${t}`).join(", ");
  const notScheduled = "(not scheduled: the escalation flow is not deployed)";
  const calendar = settings.businessHours
    ? `the Business Hours "${settings.businessHours}"`
    : "the org's default Business Hours";
  const grace = settings.escalationGraceHours;
  return blocks(
    `The handoff is due ${perTier(settings.handoffSlaHours)} after close; first touch is due ${perTier(settings.firstTouchSlaHours)} after submission. ` +
      `Every hour counts in ${calendar} (holidays skipped), so a deal closed on Friday evening is not chased at the weekend.`,
    numbered([
      `**Level 1: reminder to the rep**, ${rungTime(escalation.afterHandoffDue, "handoff", 0, "after") ?? notScheduled}, if it is not submitted.`,
      `**Level 2: the rep's manager**, ${rungTime(escalation.afterHandoffEscalationDue, "handoff", grace, "after") ?? notScheduled}, if it is still not submitted; the handoff becomes Escalated.`,
      `**Reminder to the CSM**, ${rungTime(escalation.afterFirstTouchReminder, "first touch", settings.firstTouchReminderLeadHours, "before") ?? notScheduled}, if the CSM has not contacted the customer yet.`,
      `**Level 3: the CSM's manager**, ${rungTime(escalation.afterFirstTouchDue, "first touch", 0, "after") ?? notScheduled}, if the CSM has not contacted the customer.`,
      `**Level 4: leadership** (the Leadership Group of the settings, else everyone holding Handoff_Leadership), ${rungTime(escalation.afterLeadershipEscalationDue, "first touch", grace, "after") ?? notScheduled}, if there is still no first touch.`,
    ]),
    "A manager who is inactive or missing is replaced by the CS Lead Group; an inactive rep or CSM gets no reminder. Every rung is logged as a Handoff Escalation record (report: Handoff Escalation Rungs by Level).",
  );
}

function footer(model: DocsModel, slug: string): string {
  return blocks(
    "---",
    `Generated by \`npm run docs\` from the handoff configuration in force-app (configuration fingerprint \`${model.fingerprint}\`). ` +
      `Do not edit by hand: change the custom metadata, run \`npm run docs\`, and record requirement changes in docs/requirements-changelog.md. Source: \`${slug}\`.`,
  );
}

// A document: its title as the heading, its sections, and the footer that says where it comes from.
export function document(
  model: DocsModel,
  { slug, title, audience }: Omit<GeneratedDocument, "markdown">,
  ...sections: string[]
): GeneratedDocument {
  return { slug, title, audience, markdown: blocks(`# ${title}`, ...sections, footer(model, slug)) };
}

export function countSummary(model: DocsModel): string {
  return TIERS.map(
    (t) => `${t}: **${requiredFor(model, t).length}** required of ${model.requirements.length} fields`,
  ).join("; ");
}

// A sample deal for the walk-throughs: just at the High-Touch threshold, so trainees see the stricter checklist.
export interface SampleHandoff {
  account: string;
  opportunity: string;
  amount: number;
  complexity: string;
  tier: Tier;
  timeline: [string, string][];
}

function dayClock(totalHours: number): string {
  const day = Math.floor(totalHours / 24);
  const hour = 9 + (totalHours % 24);
  return `Day ${day + Math.floor(hour / 24)}, ${String(hour % 24).padStart(2, "0")}:00`;
}

export function sampleHandoff(model: DocsModel): SampleHandoff {
  const { settings } = model;
  const sampleAmount = settings.highTouchMinAmount ?? 60000;
  const tier = handoffTier(sampleAmount, "Medium", settings);
  const handoffSla = settings.handoffSlaHours[tier] ?? 24;
  const firstTouchSla = settings.firstTouchSlaHours[tier] ?? 24;
  const submittedAfter = Math.max(1, Math.floor(handoffSla / 2));
  return {
    account: "Northwind Freight (sample)",
    opportunity: "Northwind Freight: fleet tracking rollout",
    amount: sampleAmount,
    complexity: "Medium",
    tier,
    timeline: [
      [dayClock(0), `Rep moves the deal to ${settings.wonStage}; the handoff record is created and a CSM assigned.`],
      [dayClock(submittedAfter), "Rep submits the completed handoff (the handoff clock stops)."],
      [dayClock(handoffSla), `Handoff due: ${hours(handoffSla)} after close (${tier}).`],
      [
        dayClock(submittedAfter + firstTouchSla),
        `First touch due: ${hours(firstTouchSla)} after submission (${tier}).`,
      ],
    ],
  };
}

function sampleWalkthrough(model: DocsModel, audience: "sales" | "cs"): string {
  const sample = sampleHandoff(model);
  const required = requiredFor(model, sample.tier);
  const tooShort = "Grow revenue.".slice(0, Math.max(1, model.settings.minAnswerLength - 1));
  const placeholder = model.settings.placeholderAnswers[0] ?? "tbd";
  return blocks(
    `Sample deal: **${sample.opportunity}**, Amount ${amount(sample.amount)}, Deal Complexity ${sample.complexity}: **${sample.tier}**. ${tierRule(model)}`,
    table(
      ["When", "What happens"],
      sample.timeline.map(([when, what]) => [when, what]),
    ),
    audience === "sales"
      ? blocks(
          `Fill the ${required.length} ${sample.tier} fields on the deal, group by group, reading each prompt aloud:`,
          numbered(required.map((r) => `**${r.label}** (${r.group}): ${r.prompt}`)),
          `Show what the validation rejects: \`${placeholder}\` (a placeholder)` +
            (model.settings.minAnswerLength > 1
              ? ` and \`${tooShort}\` (${tooShort.length} characters, under the minimum of ${model.settings.minAnswerLength})`
              : "") +
            `. Then move the deal to ${model.settings.wonStage} with one required field empty and read the error together.`,
        )
      : blocks(
          `Open the handoff, then its deal, and check each of the ${required.length} ${sample.tier} items:`,
          checklist(required.map((r) => `**${r.label}**: ${r.whyCsNeedsIt}`)),
          `Practise the two outcomes: accept a complete handoff, then request missing information on one that has \`${placeholder}\` in a required field, and return one with the reason **${model.returnReasons[0] ?? "Incomplete Context"}**.`,
        ),
  );
}

interface AgendaItem {
  minutes: number;
  topic: string;
}

function agenda(items: AgendaItem[]): string {
  const total = items.reduce((sum, i) => sum + i.minutes, 0);
  if (total < 30 || total > 45)
    throw new Error(`A training session must last 30 to 45 minutes, this agenda lasts ${total}`);
  let start = 0;
  const rows = items.map((i) => {
    const row = [`${start}-${start + i.minutes} min`, i.topic];
    start += i.minutes;
    return row;
  });
  return blocks(
    table(["Time", "Topic"], rows),
    `Total: **${total} minutes**, including questions. Record the session for new-hire onboarding.`,
  );
}

export function salesQuickReference(model: DocsModel): GeneratedDocument {
  return document(
    model,
    { slug: "sales-quick-reference", title: "Sales quick-reference card: the handoff to CS", audience: "Sales reps" },
    "Every closed deal reaches Customer Success with full context, on time. This card is what you need on one page.",
    "## When the handoff triggers",
    triggerRule(model),
    "## Which tier is my deal?",
    tierRule(model),
    `The deal's **Handoff Tier** field shows it. Required fields: ${countSummary(model)}.`,
    "## What to fill in",
    requirementTable(model),
    "## What counts as an answer",
    answerRules(model),
    "## Your deadlines",
    slaTable(model),
    "## If CS comes back to you",
    table(
      ["Status", "What it means for you"],
      model.statuses.map((s) => [s, statusMeaning(s).sales]),
    ),
    `Return reasons CS can give: ${orList(model.returnReasons)}.`,
  );
}

// The customer survey and recap outcome, from the settings: what goes out by itself and what the CSM records.
function afterFirstTouch(model: DocsModel): string {
  const { csatSurveyBusinessDays: days, recapReminderBusinessDays: recapDays } = model.settings;
  const plural = (n: number) => `${n} business day${n === 1 ? "" : "s"}`;
  return bullets([
    days === null
      ? "No customer survey goes out by itself (CSAT Survey Business Days is blank): send the template _Handoff Feedback: Customer Survey_ from the handoff when you want one."
      : `**${plural(days)}** after your first touch the customer survey email goes to the deal's champion, once. The handoff shows CSAT Survey Sent At, or **No Champion Email** when the champion has no address: fix the contact and send the template by hand.`,
    "Log the customer's answer as **Handoff Feedback**: Respondent Type **Customer**, Source **Customer Survey**, rating 1 (poor) to 5 (excellent) and their comment.",
    `When you send the recap, fill in **Recap Sent At**; record the customer's answer as **Customer Confirmation** Confirmed or Corrected (with the **Corrections**). Without an answer after ${plural(recapDays)} the handoff records **No Answer** and you get a reminder.`,
  ]);
}

export function csQuickReference(model: DocsModel): GeneratedDocument {
  const intakeTab = model.tabs.includes("CS_Intake");
  return document(
    model,
    { slug: "cs-quick-reference", title: "CS quick-reference card: handoff intake", audience: "CSMs and CS managers" },
    "## Where to find your handoffs",
    bullets([
      ...(intakeTab ? ["**CS Intake** tab: your handoffs, most urgent SLA first, with the intake checklist."] : []),
      "**Handoffs** tab: every handoff record; open one to see its deal, status, owners and SLA clocks.",
      "The review task on your task list links to the deal.",
      ...model.dashboards.map((d) => `**${d.title}** dashboard (folder ${d.folder}): ${d.components.join(", ")}.`),
    ]),
    ...[...new Set(model.reports.map((r) => r.folder))].map((folder) =>
      blocks(
        `Reports in the folder **${folder}**:`,
        bullets(model.reports.filter((r) => r.folder === folder).map((r) => `**${r.name}**: ${r.description}`)),
      ),
    ),
    "## Statuses",
    table(
      ["Status", "What it means for you"],
      model.statuses.map((s) => [s, statusMeaning(s).cs]),
    ),
    "## Intake checklist",
    `Check the deal's tier on the handoff. ${tierRule(model)} Then tick every item required for that tier.`,
    ...TIERS.map((tier) =>
      blocks(
        `### ${tier} (${requiredFor(model, tier).length} items)`,
        checklist(requiredFor(model, tier).map((r) => `**${r.label}**: ${r.whyCsNeedsIt}`)),
      ),
    ),
    "An answer is incomplete when it is a placeholder, shorter than the minimum, or does not answer the prompt:",
    answerRules(model),
    "## Your deadline",
    table(
      ["Tier", "First touch due after submission"],
      TIERS.map((t) => [t, hours(model.settings.firstTouchSlaHours[t])]),
    ),
    "Log the first call, meeting or email as an activity on the account or deal: it stops the first-touch clock.",
    "## After the first touch",
    afterFirstTouch(model),
    "## When a handoff is incomplete",
    numbered([
      "Request the missing information: name the field and what you need (status **Info Requested**).",
      `Return it when it cannot be fixed by a question, with a reason: ${orList(model.returnReasons)}.`,
      "Do not start onboarding on guesses: the SLA clock is on Sales while information is requested.",
    ]),
    "## Escalation path",
    escalationLadder(model),
    "Escalation contacts: your CS manager first; the rep's manager for handoffs Sales has not submitted.",
  );
}

export function faq(model: DocsModel): GeneratedDocument {
  const { settings } = model;
  const qa = (q: string, a: string) => blocks(`### ${q}`, a);
  return document(
    model,
    { slug: "faq", title: "Handoff FAQ", audience: "Sales, CS and their managers" },
    qa(
      "Which deals need a handoff?",
      `Every deal moved to ${settings.wonStage}${settings.goLiveDate ? ` on or after ${settings.goLiveDate}` : ""}, except deals of type ${orList(settings.excludedDealTypes)}.`,
    ),
    qa(
      "How is the tier decided?",
      `${tierRule(model)} The tier is copied onto the handoff at close, so later threshold changes do not rewrite history.`,
    ),
    qa(
      "Why can't I close my deal?",
      `A field required for the deal's tier is missing, is a placeholder, or is shorter than ${settings.minAnswerLength} characters. The error names the field and its prompt.`,
    ),
    qa(
      "Which answers are rejected?",
      `Anything shorter than ${settings.minAnswerLength} characters, and these placeholders: ${quoted(settings.placeholderAnswers)}.`,
    ),
    qa(
      "How many fields do I have to fill?",
      `${countSummary(model)}. The optional ones (${
        model.requirements
          .filter((r) => !r.requiredFor["High-Touch"] && !r.requiredFor["Low-Touch"])
          .map((r) => r.label)
          .join(", ") || "none"
      }) still help CS.`,
    ),
    qa(
      "There were no promises beyond the contract. What do I write?",
      "Write that no commitments were made beyond the contract: a sentence, not a placeholder.",
    ),
    qa(
      "My stakeholder is not in the lookup.",
      "Stakeholder fields only offer contacts of the deal's account. Create the contact on the account, then pick it.",
    ),
    qa("How long do I have?", slaTable(model)),
    qa("What happens if the SLA lapses?", escalationLadder(model)),
    qa(
      "CS returned my handoff. Now what?",
      `Fix what the return reason names (${orList(model.returnReasons)}) and submit again. The handoff clock keeps running from close.`,
    ),
    qa(
      "When does CS get involved before close?",
      settings.earlyIntroStage
        ? `High-Touch deals get a CSM introduction at ${settings.earlyIntroStage}.`
        : "Not before close.",
    ),
    qa(
      "Who changes the required fields?",
      "RevOps proposes, VP Sales and VP CS approve, the admin changes the custom metadata. See the governance guide and the requirements changelog.",
    ),
  );
}

export function salesTraining(model: DocsModel): GeneratedDocument {
  const sample = sampleHandoff(model);
  return document(
    model,
    {
      slug: "training-sales",
      title: "Training outline: Sales (handoff requirements)",
      audience: "Sales reps and managers",
    },
    "Goal: every rep can complete a handoff without help, on time, and knows why CS needs each answer.",
    "## Agenda",
    agenda([
      { minutes: 5, topic: "Why: what CS could not do without context; the handoff SLAs" },
      { minutes: 5, topic: `Trigger criteria and tiers: ${triggerSummary(model)}` },
      {
        minutes: 8,
        topic: `Required fields by tier (${countSummary(model).replace(/\*\*/g, "")}) and what counts as an answer`,
      },
      { minutes: 12, topic: `Live walk-through of the sample handoff (${sample.tier}) on real CRM screens` },
      { minutes: 5, topic: "What happens after you submit: statuses, info requests, returns, escalation" },
      { minutes: 5, topic: "Questions; hand out the quick-reference card and FAQ" },
    ]),
    "## Walk-through: a sample handoff",
    sampleWalkthrough(model, "sales"),
    "## Materials",
    bullets([
      "Sales quick-reference card (sales-quick-reference)",
      "FAQ (faq)",
      "Handoff document template (handoff-document-template)",
    ]),
  );
}

function triggerSummary(model: DocsModel): string {
  const s = model.settings;
  return `${s.wonStage}, go-live ${s.goLiveDate ?? "not set"}, excluded ${orList(s.excludedDealTypes)}, High-Touch from ${amount(s.highTouchMinAmount)}`;
}

export function csTraining(model: DocsModel): GeneratedDocument {
  return document(
    model,
    { slug: "training-cs", title: "Training outline: CS (handoff intake)", audience: "CSMs and CS managers" },
    "Goal: every CSM finds their handoffs, verifies them against the checklist, and asks for what is missing the same day.",
    "## Agenda",
    agenda([
      { minutes: 5, topic: "Why: the handoff replaces the hunt for context after close" },
      { minutes: 5, topic: "Where handoffs are: tabs, task, reports and dashboard" },
      { minutes: 8, topic: `The intake checklist by tier (${countSummary(model).replace(/\*\*/g, "")})` },
      { minutes: 10, topic: "Live walk-through: reviewing a completed sample handoff" },
      { minutes: 7, topic: "Practice: spot the incomplete handoff, request missing info, return with a reason" },
      { minutes: 5, topic: "First-touch SLA, escalation path and contacts; questions" },
    ]),
    "## Walk-through: reviewing a sample handoff",
    sampleWalkthrough(model, "cs"),
    "## First-touch SLA",
    table(
      ["Tier", "First touch due after submission"],
      TIERS.map((t) => [t, hours(model.settings.firstTouchSlaHours[t])]),
    ),
    "## Escalation path",
    escalationLadder(model),
  );
}

export function handoffDocumentTemplate(model: DocsModel): GeneratedDocument {
  return document(
    model,
    {
      slug: "handoff-document-template",
      title: "Handoff document template",
      audience: "Sales reps (for deals prepared outside the CRM, and for CS readers)",
    },
    "The CRM fields are the record of truth: use this template to prepare answers or to print a handoff for a kickoff meeting.",
    table(
      ["Deal", "Account", "Amount", "Deal Complexity", "Tier", "Close date", "Sales owner", "CS owner"],
      [["", "", "", "", "", "", "", ""]],
    ),
    ...requirementGroups(model.requirements).map((group) =>
      blocks(
        `## ${group}`,
        ...model.requirements
          .filter((r) => r.group === group)
          .map((r) =>
            blocks(
              `### ${r.label}`,
              `> ${r.prompt}`,
              `Required for: ${TIERS.filter((t) => r.requiredFor[t]).join(", ") || "optional"}. Why CS needs it: ${r.whyCsNeedsIt}`,
              "Answer:",
            ),
          ),
      ),
    ),
    `Written answers: at least ${model.settings.minAnswerLength} characters; placeholders such as ${quoted(model.settings.placeholderAnswers.slice(0, 4))} do not count.`,
  );
}

export function executiveSummary(model: DocsModel): GeneratedDocument {
  const { settings } = model;
  return document(
    model,
    {
      slug: "executive-summary",
      title: "Executive summary: the Sales-to-CS handoff process",
      audience: "VP Sales and VP CS",
    },
    "## What changes",
    `From **${settings.goLiveDate ?? "the go-live date (not set yet)"}**, no deal reaches ${settings.wonStage} without the context CS needs, and every handoff is timed, owned and visible.`,
    "## The process in four lines",
    numbered([
      `Trigger: the deal moves to ${settings.wonStage} (excluded: ${orList(settings.excludedDealTypes)}).`,
      `Tier: ${tierRule(model)}`,
      `Sales completes the required fields (${countSummary(model).replace(/\*\*/g, "")}) and submits.`,
      "CS verifies, accepts or requests what is missing, and makes first contact.",
    ]),
    "## Service levels",
    slaTable(model),
    "## Escalation",
    escalationLadder(model),
    "## How you will see it",
    model.dashboards.length > 0
      ? bullets(model.dashboards.map((d) => `**${d.title}** dashboard: ${d.components.join(", ")}.`))
      : "The handoff dashboard is not deployed yet.",
    "## What we ask of you",
    bullets([
      "Sign off the trigger criteria, tiers and required fields above (recorded in the requirements changelog).",
      "Announce the launch to the revenue org and hold the weekly check-in during the first month.",
      "Review the dashboard in your staff meetings; approve or reject requirement changes proposed by RevOps.",
    ]),
  );
}

export const DOCUMENTS = [
  salesQuickReference,
  csQuickReference,
  faq,
  salesTraining,
  csTraining,
  handoffDocumentTemplate,
  executiveSummary,
] as const;
