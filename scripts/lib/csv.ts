// RFC 4180 CSV reading that keeps the physical line number of every record, so that a problem in an
// export can be reported as "line 12: ..." instead of a row silently dropped or shifted.

export interface CsvRecord {
  line: number; // 1-based physical line where the record starts
  cells: string[];
}

export interface CsvParseResult {
  records: CsvRecord[];
  problems: { line: number; problem: string }[];
}

export function parseCsv(textIn: string, delimiter = ","): CsvParseResult {
  const input = textIn.charCodeAt(0) === 0xfeff ? textIn.slice(1) : textIn;
  const records: CsvRecord[] = [];
  const problems: { line: number; problem: string }[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let cellWasQuoted = false;
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const endRecord = () => {
    cells.push(cell);
    records.push({ line: recordLine, cells });
    cells = [];
    cell = "";
    cellWasQuoted = false;
  };
  while (i < input.length) {
    const ch = input[i];
    if (quoted) {
      if (ch === '"') {
        if (input[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (ch === "\n") line++;
      cell += ch;
      i++;
      continue;
    }
    if (ch === '"') {
      if (cell.trim() === "" && !cellWasQuoted) {
        quoted = true;
        cellWasQuoted = true;
        cell = "";
      } else {
        problems.push({
          line,
          problem: "a double quote inside an unquoted value (quote the whole value and double it)",
        });
        cell += ch;
      }
      i++;
      continue;
    }
    if (ch === delimiter) {
      cells.push(cell);
      cell = "";
      cellWasQuoted = false;
      i++;
      continue;
    }
    if (ch === "\r" || ch === "\n") {
      endRecord();
      if (ch === "\r" && input[i + 1] === "\n") i++;
      i++;
      line++;
      recordLine = line;
      continue;
    }
    cell += ch;
    i++;
  }
  if (quoted) {
    problems.push({ line: recordLine, problem: "a quoted value is never closed (missing closing double quote)" });
  }
  if (quoted || cell !== "" || cells.length > 0) endRecord();
  return { records, problems };
}

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const s = String(value);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

export function isBlankRecord(record: CsvRecord): boolean {
  return record.cells.every((c) => c.trim() === "");
}
