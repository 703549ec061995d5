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
  const records: CsvRecord[] = [];
  const problems: { line: number; problem: string }[] = [];
  forEachCsvRecord(
    textIn,
    delimiter,
    (cells, line) => records.push({ line, cells }),
    (p) => problems.push(p),
  );
  return { records, problems };
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

function countLineFeeds(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

// The reader itself, one record at a time, so that a large export or a Bulk API result page never
// exists as an array of records. Unquoted runs are sliced in one piece, which keeps it fast.
export function forEachCsvRecord(
  textIn: string,
  delimiter: string,
  onRecord: (cells: string[], line: number) => void,
  onProblem: (p: { line: number; problem: string }) => void = () => undefined,
): void {
  const input = textIn.charCodeAt(0) === 0xfeff ? textIn.slice(1) : textIn;
  const sep = delimiter.charCodeAt(0);
  const n = input.length;
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let cellWasQuoted = false;
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const endRecord = () => {
    cells.push(cell);
    onRecord(cells, recordLine);
    cells = [];
    cell = "";
    cellWasQuoted = false;
  };
  while (i < n) {
    if (quoted) {
      const close = input.indexOf('"', i);
      const chunk = input.slice(i, close === -1 ? n : close);
      line += countLineFeeds(chunk);
      cell += chunk;
      if (close === -1) {
        i = n;
        break;
      }
      if (input.charCodeAt(close + 1) === QUOTE) {
        cell += '"';
        i = close + 2;
        continue;
      }
      quoted = false;
      i = close + 1;
      continue;
    }
    let j = i;
    while (j < n) {
      const c = input.charCodeAt(j);
      if (c === sep || c === LF || c === CR || c === QUOTE) break;
      j++;
    }
    if (j > i) {
      cell += input.slice(i, j);
      i = j;
      if (i >= n) break;
    }
    const ch = input.charCodeAt(i);
    if (ch === QUOTE) {
      if (cell.trim() === "" && !cellWasQuoted) {
        quoted = true;
        cellWasQuoted = true;
        cell = "";
      } else {
        onProblem({
          line,
          problem: "a double quote inside an unquoted value (quote the whole value and double it)",
        });
        cell += '"';
      }
      i++;
      continue;
    }
    if (ch === sep) {
      cells.push(cell);
      cell = "";
      cellWasQuoted = false;
      i++;
      continue;
    }
    endRecord();
    if (ch === CR && input.charCodeAt(i + 1) === LF) i++;
    i++;
    line++;
    recordLine = line;
  }
  if (quoted) {
    onProblem({ line: recordLine, problem: "a quoted value is never closed (missing closing double quote)" });
  }
  if (quoted || cell !== "" || cells.length > 0) endRecord();
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
