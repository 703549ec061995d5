// docs/requirements-changelog.md lists every change of the handoff requirements and governed settings, newest
// first, each with date, change, reason, approvers and the configuration fingerprint after the change. The latest
// entry's fingerprint must match the configuration in force-app: a rule change without an entry fails the tests.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../lib/forceApp.ts";

export const CHANGELOG_PATH = join(PROJECT_ROOT, "docs/requirements-changelog.md");
export const REQUIRED_APPROVERS = ["VP Sales", "VP CS"];

export interface ChangelogEntry {
  date: string;
  title: string;
  change?: string;
  reason?: string;
  approvedBy?: string;
  fingerprint?: string;
}

export function parseChangelog(markdown: string): ChangelogEntry[] {
  const entries: ChangelogEntry[] = [];
  // The format example in a fenced code block is documentation, not an entry.
  const withoutCode = markdown.replace(/^```[\s\S]*?^```/gm, "");
  for (const section of withoutCode.split(/^## /m).slice(1)) {
    const [heading, ...lines] = section.split("\n");
    const match = /^(\S+):\s*(.*)$/.exec(heading.trim());
    const entry: ChangelogEntry = { date: match?.[1] ?? heading.trim(), title: match?.[2] ?? "" };
    for (const line of lines) {
      const item = /^- \*\*(Change|Reason|Approved by|Configuration fingerprint):\*\*\s*(.*)$/.exec(line.trim());
      if (!item) continue;
      const value = item[2].trim().replace(/^`(.*)`$/, "$1");
      if (item[1] === "Change") entry.change = value;
      if (item[1] === "Reason") entry.reason = value;
      if (item[1] === "Approved by") entry.approvedBy = value;
      if (item[1] === "Configuration fingerprint") entry.fingerprint = value;
    }
    entries.push(entry);
  }
  return entries;
}

function isIsoDate(value: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(value) &&
    !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
    new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)
  );
}

export function changelogProblems(
  markdown: string,
  currentFingerprint: string,
  file = "docs/requirements-changelog.md",
): string[] {
  const entries = parseChangelog(markdown);
  if (entries.length === 0) return [`${file} has no entries ("## YYYY-MM-DD: title")`];
  const problems: string[] = [];
  entries.forEach((entry, index) => {
    const name = `${file} entry "${entry.date}: ${entry.title}"`;
    if (!isIsoDate(entry.date)) problems.push(`${name}: the date must be YYYY-MM-DD`);
    if (!entry.change) problems.push(`${name}: says no **Change:**`);
    if (!entry.reason) problems.push(`${name}: says no **Reason:**`);
    const missing = REQUIRED_APPROVERS.filter((a) => !(entry.approvedBy ?? "").includes(a));
    if (missing.length > 0) problems.push(`${name}: **Approved by:** must name ${missing.join(" and ")}`);
    if (!/^sha256:[0-9a-f]{16}$/.test(entry.fingerprint ?? "")) {
      problems.push(
        `${name}: **Configuration fingerprint:** must be the value printed by npx tsx scripts/admin/generate-docs.ts --fingerprint`,
      );
    }
    const previous = entries[index - 1];
    if (previous && isIsoDate(previous.date) && isIsoDate(entry.date) && entry.date > previous.date) {
      problems.push(`${name}: entries must be newest first, but it is dated after "${previous.date}"`);
    }
  });
  const latest = entries[0];
  if (latest.fingerprint !== currentFingerprint) {
    problems.push(
      `The handoff requirements or governed settings in force-app changed (fingerprint ${currentFingerprint}) since the latest ` +
        `entry of ${file} (${latest.fingerprint ?? "none"}): add an entry on top with date, change, reason, approval by ` +
        `${REQUIRED_APPROVERS.join(" and ")}, and the new fingerprint (npx tsx scripts/admin/generate-docs.ts --fingerprint)`,
    );
  }
  return problems;
}

export function readChangelog(path = CHANGELOG_PATH): string {
  return readFileSync(path, "utf8");
}
