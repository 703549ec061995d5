// Output helpers shared by the RevOps scripts: an output folder that never overwrites a user's files,
// Markdown tables, and one self-contained HTML page (inline CSS and SVG: it opens offline, from a file).
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

export class OutputError extends Error {}

export function timestamp(now = new Date()): string {
  return now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
}

// The default folder is new for every run (out/<command>-<timestamp>); a folder given with --out must
// not exist yet or be empty, so a user's earlier report is never replaced without them noticing.
export function prepareOutputDir(command: string, requested: string | undefined, now = new Date()): string {
  let dir = requested ? resolve(requested) : resolve("out", `${command}-${timestamp(now)}`);
  if (!requested) {
    for (let n = 2; existsSync(dir); n++) dir = resolve("out", `${command}-${timestamp(now)}-${n}`);
  } else if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new OutputError(`Output folder ${dir} is not empty: choose another --out folder or remove its files first.`);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function writeNewFile(dir: string, name: string, content: string): string {
  const path = join(dir, name);
  try {
    writeFileSync(path, content, { flag: "wx" });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST")
      throw new OutputError(`${path} already exists: not overwritten.`);
    throw e;
  }
  return path;
}

export function escapeHtml(value: unknown): string {
  return String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

const escapeMd = (value: unknown) =>
  String(value ?? "")
    .replace(/\|/g, "\\|")
    .replace(/\r?\n/g, " ");

export function markdownTable(header: string[], rows: unknown[][]): string {
  return [
    `| ${header.map(escapeMd).join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((r) => `| ${r.map(escapeMd).join(" | ")} |`),
  ].join("\n");
}

export function textTable(header: string[], rows: unknown[][]): string {
  const all = [header, ...rows.map((r) => r.map((c) => String(c ?? "")))];
  const widths = header.map((_, i) => Math.max(...all.map((r) => String(r[i] ?? "").length)));
  const line = (r: unknown[]) =>
    r
      .map((c, i) => String(c ?? "").padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...all.slice(1).map(line)].join("\n");
}

export function htmlTable(header: string[], rows: unknown[][]): string {
  return `<table><thead><tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`)
    .join("")}</tbody></table>`;
}

export interface Bar {
  label: string;
  value: number | null;
  note?: string;
}

// Long labels (deal names) would run off the left edge of the chart: cut them, full text on hover.
function shortLabel(label: string, max = 34): string {
  return label.length <= max ? label : `${label.slice(0, max - 1)}…`;
}

// A horizontal bar chart as inline SVG, with a text alternative for screen readers.
export function barChart(title: string, bars: Bar[], options: { max?: number; unit?: string } = {}): string {
  const unit = options.unit ?? "";
  const max = options.max ?? Math.max(1, ...bars.map((b) => b.value ?? 0));
  const rowHeight = 24;
  const labelWidth = 230;
  const barWidth = 360;
  const height = bars.length * rowHeight + 8;
  const rows = bars
    .map((b, i) => {
      const y = i * rowHeight + 4;
      const w = b.value === null ? 0 : Math.max(1, Math.round((barWidth * Math.min(b.value, max)) / max));
      const shown = b.value === null ? "n/a" : `${b.value}${unit}`;
      return (
        `<text x="${labelWidth - 8}" y="${y + 16}" text-anchor="end"><title>${escapeHtml(b.label)}</title>${escapeHtml(shortLabel(b.label))}</text>` +
        `<rect x="${labelWidth}" y="${y + 3}" width="${w}" height="${rowHeight - 8}" rx="2"></rect>` +
        `<text x="${labelWidth + w + 6}" y="${y + 16}">${escapeHtml(shown)}${b.note ? ` ${escapeHtml(b.note)}` : ""}</text>`
      );
    })
    .join("");
  const desc = bars.map((b) => `${b.label}: ${b.value === null ? "n/a" : `${b.value}${unit}`}`).join("; ");
  return (
    `<figure><figcaption>${escapeHtml(title)}</figcaption>` +
    `<svg role="img" aria-label="${escapeHtml(`${title}. ${desc}`)}" width="${labelWidth + barWidth + 120}" height="${height}" ` +
    `viewBox="0 0 ${labelWidth + barWidth + 120} ${height}" xmlns="http://www.w3.org/2000/svg">${rows}</svg></figure>`
  );
}

export function htmlPage(title: string, subtitle: string, sections: string[]): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#181818}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
.sub{color:#555;margin-top:0}.cards{display:flex;flex-wrap:wrap;gap:1rem}.card{border:1px solid #ddd;border-radius:6px;padding:.7rem 1rem;min-width:150px}
.card b{display:block;font-size:1.5rem}table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.5rem 0}
th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f3f3f3}
figure{margin:1rem 0}figcaption{font-weight:600;margin-bottom:.3rem}svg text{font-size:12px;fill:#181818}svg rect{fill:#0176d3}
.warn{background:#fff4e5;border-left:4px solid #dd7a01;padding:.5rem 1rem}
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="sub">${escapeHtml(subtitle)}</p>
${sections.join("\n")}
</body>
</html>
`;
}

export function cards(items: { label: string; value: unknown }[]): string {
  return `<div class="cards">${items.map((c) => `<div class="card"><b>${escapeHtml(c.value ?? "n/a")}</b>${escapeHtml(c.label)}</div>`).join("")}</div>`;
}
