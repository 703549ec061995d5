// What a RevOps analyst's export really contains: the bytes Excel saved (UTF-8 with or without BOM,
// UTF-16 with BOM, Windows-1252), amounts written the local way ("240.000,00 €", "1 234,50",
// "CHF 1'234.50", "(1,200.00)"), and dates day-first or month-first. Nothing is guessed silently:
// what cannot be decided from the file is refused with the option that decides it.

export class ExportInputError extends Error {}

export const ENCODINGS = ["utf-8", "utf-16le", "utf-16be", "windows-1252"] as const;
export type Encoding = (typeof ENCODINGS)[number];

const ENCODING_NAMES: Record<string, Encoding> = {
  "utf-8": "utf-8",
  utf8: "utf-8",
  "utf-16le": "utf-16le",
  utf16le: "utf-16le",
  "utf-16": "utf-16le",
  "utf-16be": "utf-16be",
  utf16be: "utf-16be",
  "windows-1252": "windows-1252",
  cp1252: "windows-1252",
  ansi: "windows-1252",
  "latin-1": "windows-1252",
  latin1: "windows-1252",
  "iso-8859-1": "windows-1252",
};

export function parseEncoding(value: string | undefined): Encoding | undefined {
  if (value === undefined) return undefined;
  const e = ENCODING_NAMES[value.trim().toLowerCase()];
  if (!e) throw new ExportInputError(`--encoding must be one of ${ENCODINGS.join(", ")}, not "${value}"`);
  return e;
}

// Windows-1252 is Latin-1 except for 0x80-0x9F, where it has € and typographic quotes. Node 20's
// TextDecoder("windows-1252") decodes those bytes as Latin-1 control characters ("€" becomes U+0080),
// so the 32 code points are mapped here (from the WHATWG Encoding Standard's index-windows-1252).
const WINDOWS_1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0, 0,
  0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];
// The five byte values Windows-1252 leaves undefined: a file holding them is not Windows-1252 text.
const UNDEFINED_IN_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

function decodeWindows1252(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    const codes = Array.from(bytes.subarray(i, i + 8192), (b) =>
      b >= 0x80 && b <= 0x9f ? WINDOWS_1252_HIGH[b - 0x80] : b,
    );
    out += String.fromCharCode(...codes);
  }
  return out;
}

function lineAt(bytes: Uint8Array, offset: number, unit = 1, bigEndian = false): number {
  let line = 1;
  for (let i = 0; i < offset; i += unit) {
    const code = unit === 1 ? bytes[i] : bigEndian ? (bytes[i] << 8) | bytes[i + 1] : bytes[i] | (bytes[i + 1] << 8);
    if (code === 10) line++;
  }
  return line;
}

// Offset of the first byte that is not valid UTF-8, or -1.
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const need =
      b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return -1;
}

function decodeUtf16(bytes: Uint8Array, start: number, bigEndian: boolean, path: string): string {
  const body = bytes.subarray(start);
  if (body.length % 2 !== 0)
    throw new ExportInputError(
      `${path}: not valid UTF-16: an odd number of bytes (the file is cut short, or it is not UTF-16: pass --encoding)`,
    );
  try {
    return new TextDecoder(bigEndian ? "utf-16be" : "utf-16le", { fatal: true }).decode(body);
  } catch {
    // Find the unpaired surrogate to name its line.
    for (let i = 0; i < body.length; i += 2) {
      const unit = bigEndian ? (body[i] << 8) | body[i + 1] : body[i] | (body[i + 1] << 8);
      if (unit >= 0xd800 && unit <= 0xdfff) {
        const next =
          i + 3 < body.length ? (bigEndian ? (body[i + 2] << 8) | body[i + 3] : body[i + 2] | (body[i + 3] << 8)) : 0;
        if (unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          i += 2;
          continue;
        }
        throw new ExportInputError(
          `${path}: line ${lineAt(body, i, 2, bigEndian)}: bytes that are not valid UTF-16 (pass --encoding with the file's real encoding)`,
        );
      }
    }
    throw new ExportInputError(`${path}: not valid UTF-16`);
  }
}

// Decodes an export: a BOM decides; otherwise valid UTF-8 is UTF-8 and anything else is read as
// Windows-1252 (what Excel on Windows saves as "CSV"). --encoding overrides the detection. Invalid
// bytes are an error naming the line, so no U+FFFD replacement character ever reaches a report.
export function decodeExport(
  bytes: Uint8Array,
  path: string,
  forced?: Encoding,
): { text: string; encoding: Encoding; detected: boolean } {
  const hasUtf8Bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const le = bytes[0] === 0xff && bytes[1] === 0xfe;
  const be = bytes[0] === 0xfe && bytes[1] === 0xff;
  const encoding: Encoding = forced ?? (hasUtf8Bom ? "utf-8" : le ? "utf-16le" : be ? "utf-16be" : detect(bytes, path));
  let text: string;
  if (encoding === "utf-16le" || encoding === "utf-16be") {
    text = decodeUtf16(
      bytes,
      (encoding === "utf-16le" && le) || (encoding === "utf-16be" && be) ? 2 : 0,
      encoding === "utf-16be",
      path,
    );
  } else if (encoding === "utf-8") {
    const bad = firstInvalidUtf8(bytes);
    if (bad >= 0)
      throw new ExportInputError(
        `${path}: line ${lineAt(bytes, bad)}: byte 0x${bytes[bad].toString(16).toUpperCase()} is not valid UTF-8. ` +
          `The file was probably saved by Excel on Windows: pass --encoding windows-1252 (or save it as "CSV UTF-8").`,
      );
    text = new TextDecoder("utf-8").decode(hasUtf8Bom ? bytes.subarray(3) : bytes);
  } else {
    const bad = bytes.findIndex((b) => UNDEFINED_IN_1252.has(b));
    if (bad >= 0)
      throw new ExportInputError(
        `${path}: line ${lineAt(bytes, bad)}: byte 0x${bytes[bad].toString(16).toUpperCase()} is not Windows-1252 text. ` +
          `Pass --encoding with the file's real encoding (${ENCODINGS.join(", ")}).`,
      );
    text = decodeWindows1252(bytes);
  }
  return { text, encoding, detected: forced === undefined };
}

function detect(bytes: Uint8Array, path: string): Encoding {
  // UTF-16 without a BOM: every other byte of plain text is zero. Guessing its byte order is not safe.
  const sample = bytes.subarray(0, 4096);
  let zeros = 0;
  for (const b of sample) if (b === 0) zeros++;
  if (sample.length >= 4 && zeros > sample.length / 4)
    throw new ExportInputError(
      `${path}: the file looks like UTF-16 without a byte order mark: pass --encoding utf-16le or --encoding utf-16be`,
    );
  const bad = firstInvalidUtf8(bytes);
  if (bad < 0) return "utf-8";
  // Windows-1252 text almost never forms valid UTF-8 sequences (Ã¼ for ü). A file that has them and
  // also an invalid byte is damaged UTF-8 or a mix of encodings: reading it as Windows-1252 would turn
  // every "ü" into "Ã¼" without a word.
  if (hasUtf8Sequence(bytes))
    throw new ExportInputError(
      `${path}: line ${lineAt(bytes, bad)}: byte 0x${bytes[bad].toString(16).toUpperCase()} is not valid UTF-8, though the rest of the file is UTF-8: the file is damaged or mixes encodings. Fix that line, or pass --encoding windows-1252 to read the whole file that way.`,
    );
  return "windows-1252";
}

function hasUtf8Sequence(bytes: Uint8Array): boolean {
  for (let i = 0; i + 1 < bytes.length; i++) {
    const b = bytes[i];
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    if (need === 0) continue;
    let ok = i + need < bytes.length;
    for (let k = 1; ok && k <= need; k++) ok = (bytes[i + k] & 0xc0) === 0x80;
    if (ok) return true;
  }
  return false;
}

// ---------- amounts

// Two ways of writing numbers cover the locales in use: a decimal point (en-US, en-GB, de-CH: groups of
// thousands with "," or "'" or a space) and a decimal comma (de-DE, fr-FR, es-ES: groups with "." or a space).
export type NumberStyle = "point" | "comma";

const SPACES = /[\s\u00a0\u202f\u2009]/g;
const APOSTROPHES = /[\u2019']/g;

export function styleOfLocale(locale: string): NumberStyle {
  let decimal: string | undefined;
  try {
    decimal = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === "decimal")?.value;
  } catch {
    throw new ExportInputError(`--locale "${locale}" is not a locale such as de-DE, fr-FR, en-US or de-CH`);
  }
  return decimal === "," ? "comma" : "point";
}

export function dateOrderOfLocale(locale: string): "mdy" | "dmy" {
  const order = new Intl.DateTimeFormat(locale)
    .formatToParts(new Date(Date.UTC(2026, 2, 25)))
    .filter((p) => p.type === "day" || p.type === "month")
    .map((p) => p.type);
  return order[0] === "month" ? "mdy" : "dmy";
}

// The digits and separators of an amount, with its sign; currency codes and symbols removed.
function numberPart(raw: string): { negative: boolean; body: string } | null {
  let s = raw.replace(SPACES, " ").trim();
  let negative = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    negative = true;
    s = paren[1].trim();
  }
  s = s
    .replace(/^[A-Z]{3}\s*/, "")
    .replace(/\s*[A-Z]{3}$/, "")
    .replace(/^[$€£¥₣]\s*/, "")
    .replace(/\s*[$€£¥₣]$/, "")
    .trim();
  if (s.startsWith("-")) {
    negative = !negative;
    s = s.slice(1).trim();
  } else if (s.endsWith("-")) {
    negative = !negative;
    s = s.slice(0, -1).trim();
  }
  s = s.replace(/^[$€£¥₣]\s*/, "").trim();
  return /^[\d.,' \u2019]+$/.test(s) && /\d/.test(s) ? { negative, body: s.replace(APOSTROPHES, "'") } : null;
}

// The value of an amount in one style, or NaN if it is not written that way.
function valueIn(body: string, style: NumberStyle): number {
  const [decimal, groups] = style === "point" ? [".", "[,' ]"] : [",", "[. ]"];
  const m = new RegExp(`^(\\d{1,3}(?:(${groups})\\d{3})?(?:\\2\\d{3})*|\\d+)(?:\\${decimal}(\\d+))?$`).exec(body);
  if (!m) return NaN;
  const integer = m[1].replace(/[^\d]/g, "");
  return Number(m[3] === undefined ? integer : `${integer}.${m[3]}`);
}

export interface AmountReading {
  value: number | null; // null: blank
  problem?: string;
}

// One amount, in a known style. Blank is null.
export function parseAmount(raw: string, style: NumberStyle): AmountReading {
  if (raw.trim() === "") return { value: null };
  const part = numberPart(raw);
  const v = part ? valueIn(part.body, style) : NaN;
  if (Number.isNaN(v))
    return {
      value: null,
      problem: `"${raw.trim()}" is not an amount written with a decimal ${style === "point" ? "point" : "comma"}`,
    };
  return { value: part!.negative ? -v : v };
}

// The number style of a file's amounts taken as a whole: each amount allows one style or both; the
// styles every amount allows decide. If both remain and some amount would mean different values
// ("1.234"), the file cannot decide and --locale must.
export function detectNumberStyle(
  amounts: { raw: string; line: number }[],
): { style: NumberStyle } | { problem: string } {
  let allowed: NumberStyle[] = ["point", "comma"];
  let ambiguous: { raw: string; line: number } | undefined;
  const witness: Partial<Record<NumberStyle, { raw: string; line: number }>> = {};
  for (const a of amounts) {
    if (a.raw.trim() === "") continue;
    const part = numberPart(a.raw);
    if (!part) continue; // reported on its row
    const point = valueIn(part.body, "point");
    const comma = valueIn(part.body, "comma");
    const fits = (["point", "comma"] as const).filter((s) => !Number.isNaN(s === "point" ? point : comma));
    if (fits.length === 1) witness[fits[0]] ??= a;
    if (fits.length === 2 && point !== comma) ambiguous ??= a;
    const next = allowed.filter((s) => fits.includes(s as (typeof fits)[number]));
    if (next.length === 0 && fits.length) {
      const other = witness[allowed[0]];
      return {
        problem: `amounts are written two ways: "${other?.raw.trim()}" (line ${other?.line}) and "${a.raw.trim()}" (line ${a.line}). Pass --locale (e.g. de-DE or en-US) to say which.`,
      };
    }
    if (fits.length) allowed = next;
  }
  if (allowed.length === 1) return { style: allowed[0] };
  if (ambiguous)
    return {
      problem: `the amount "${ambiguous.raw.trim()}" on line ${ambiguous.line} could be ${valueIn(numberPart(ambiguous.raw)!.body, "point")} or ${valueIn(numberPart(ambiguous.raw)!.body, "comma")}: pass --locale (e.g. --locale de-DE for 1.234 = one thousand two hundred thirty-four, --locale en-US for 1.234 = one point two three four)`,
    };
  return { style: "point" };
}

// ---------- dates

// A mdy/dmy mismatch shows in the data: a first number above 12 is a day, a second above 12 is a day.
export function detectDateOrder(dates: { raw: string; line: number }[]): {
  dayFirst?: { raw: string; line: number };
  monthFirst?: { raw: string; line: number };
} {
  const out: { dayFirst?: { raw: string; line: number }; monthFirst?: { raw: string; line: number } } = {};
  for (const d of dates) {
    const m = /^(\d{1,2})[/.](\d{1,2})[/.]\d{4}/.exec(d.raw.trim());
    if (!m) continue;
    const [a, b] = [Number(m[1]), Number(m[2])];
    if (a > 12 && b <= 12) out.dayFirst ??= d;
    if (b > 12 && a <= 12) out.monthFirst ??= d;
  }
  return out;
}
