// Summary statistics used by the audit and the metrics, defined once so the reports and the tests agree.

// Median: the middle value, or the mean of the two middle values for an even count.
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// Nearest-rank percentile: the smallest value that at least p% of the values do not exceed.
// Chosen over interpolation because it is always a value that really occurred (a real deal's hours).
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export function round(value: number | null, digits = 1): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function pct(part: number, whole: number): number | null {
  return whole === 0 ? null : round((100 * part) / whole, 1);
}
