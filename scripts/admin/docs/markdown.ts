// Builds the generated documents as Markdown and turns that Markdown into printable, self-contained HTML.
// The converter covers only the subset the generator writes (headings, paragraphs, lists, checklists, tables,
// quotes, rules, bold, code, links), so the HTML needs no third-party renderer and looks the same everywhere.

export function table(header: string[], rows: string[][]): string {
  const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");
  return [
    `| ${header.map(cell).join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`),
  ].join("\n");
}

export function bullets(items: string[]): string {
  return items.map((item) => `- ${item}`).join("\n");
}

export function numbered(items: string[]): string {
  return items.map((item, i) => `${i + 1}. ${item}`).join("\n");
}

export function checklist(items: string[]): string {
  return items.map((item) => `- [ ] ${item}`).join("\n");
}

// Joins blocks with one blank line, dropping empty ones, so optional sections leave no gaps.
export function blocks(...parts: (string | false | null | undefined)[]): string {
  return (
    parts
      .filter((p): p is string => typeof p === "string" && p.trim() !== "")
      .map((p) => p.trim())
      .join("\n\n") + "\n"
  );
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function inline(s: string): string {
  const codeSpans: string[] = [];
  let out = s.replace(/`([^`]+)`/g, (_, code: string) => {
    codeSpans.push(`<code>${escapeHtml(code)}</code>`);
    return `\u0000${codeSpans.length - 1}\u0000`;
  });
  out = escapeHtml(out)
    .replace(/\\\|/g, "|")
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>');
  return out.replace(/\u0000(\d+)\u0000/g, (_, i: string) => codeSpans[Number(i)]);
}

function splitRow(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

export function markdownToHtml(markdown: string): string {
  const lines = markdown.split("\n");
  const html: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === "") {
      i++;
      continue;
    }
    const heading = /^(#{1,4}) (.*)$/.exec(line);
    if (heading) {
      html.push(`<h${heading[1].length}>${inline(heading[2])}</h${heading[1].length}>`);
      i++;
      continue;
    }
    if (/^---+$/.test(line.trim())) {
      html.push("<hr>");
      i++;
      continue;
    }
    if (line.startsWith("|")) {
      const header = splitRow(line);
      i += 2; // header and separator
      const rows: string[][] = [];
      while (i < lines.length && lines[i].startsWith("|")) rows.push(splitRow(lines[i++]));
      html.push(
        "<table>",
        `<thead><tr>${header.map((h) => `<th>${inline(h)}</th>`).join("")}</tr></thead>`,
        "<tbody>",
        ...rows.map((r) => `<tr>${r.map((c) => `<td>${inline(c)}</td>`).join("")}</tr>`),
        "</tbody>",
        "</table>",
      );
      continue;
    }
    if (/^- /.test(line)) {
      const items: string[] = [];
      while (i < lines.length && /^- /.test(lines[i])) items.push(lines[i++].slice(2));
      const isChecklist = items.every((item) => item.startsWith("[ ] "));
      html.push(
        isChecklist ? '<ul class="checklist">' : "<ul>",
        ...items.map((item) =>
          isChecklist
            ? `<li><span class="box" aria-hidden="true"></span>${inline(item.slice(4))}</li>`
            : `<li>${inline(item)}</li>`,
        ),
        "</ul>",
      );
      continue;
    }
    if (/^\d+\. /.test(line)) {
      const items: string[] = [];
      while (i < lines.length && /^\d+\. /.test(lines[i])) items.push(lines[i++].replace(/^\d+\. /, ""));
      html.push("<ol>", ...items.map((item) => `<li>${inline(item)}</li>`), "</ol>");
      continue;
    }
    if (line.startsWith("> ")) {
      const quoted: string[] = [];
      while (i < lines.length && lines[i].startsWith("> ")) quoted.push(lines[i++].slice(2));
      html.push(`<blockquote><p>${inline(quoted.join(" "))}</p></blockquote>`);
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length && lines[i].trim() !== "" && !/^(#{1,4} |\||- |\d+\. |> |---+$)/.test(lines[i])) {
      paragraph.push(lines[i++]);
    }
    const content = paragraph.join(" ");
    // "Answer:" alone is a write-in prompt of the printable template: it gets ruled space to write on.
    html.push(content === "Answer:" ? '<p class="answer">Answer:</p>' : `<p>${inline(content)}</p>`);
  }
  return html.join("\n");
}

const PRINT_CSS = `
:root { color-scheme: light; }
body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #16325c; max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.7rem; border-bottom: 3px solid #0176d3; padding-bottom: .3rem; }
h2 { font-size: 1.25rem; margin-top: 1.6rem; color: #014486; }
h3 { font-size: 1.05rem; margin-top: 1.2rem; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0; font-size: .95em; }
th, td { border: 1px solid #c9c9c9; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .9em; background: #f3f3f3; padding: 0 .2em; }
blockquote { border-left: 4px solid #0176d3; margin: .8rem 0; padding: .2rem .8rem; background: #f4f8fd; }
ul.checklist { list-style: none; padding-left: .2rem; }
ul.checklist .box { display: inline-block; width: .85em; height: .85em; border: 1.5px solid #16325c; margin-right: .5em; vertical-align: -.1em; }
p.answer { min-height: 5.5em; border-bottom: 1px solid #c9c9c9; background: repeating-linear-gradient(transparent, transparent 1.6em, #e5e5e5 1.6em, #e5e5e5 calc(1.6em + 1px)); }
hr { border: 0; border-top: 1px solid #c9c9c9; margin: 1.5rem 0; }
@page { size: A4; margin: 14mm; }
@media print {
  body { margin: 0; padding: 0; max-width: none; font-size: 10pt; }
  a { color: inherit; text-decoration: none; }
  h1, h2, h3 { break-after: avoid; }
  tr, li, blockquote, p.answer { break-inside: avoid; }
  thead { display: table-header-group; }
}
`.trim();

export function htmlPage(title: string, markdown: string): string {
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>\n${PRINT_CSS}\n</style>`,
    "</head>",
    "<body>",
    "<main>",
    markdownToHtml(markdown),
    "</main>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
