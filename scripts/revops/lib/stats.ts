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

// The same median and nearest-rank percentile over durations counted in whole minutes, kept as a count
// per distinct minute: memory grows with the spread of the durations (at most one entry per minute),
// not with the number of handoffs, so a million handoffs cost no more than a thousand.
export class DurationHistogram {
  private readonly countByMinute = new Map<number, number>();
  n = 0;

  addHours(hours: number): void {
    const minute = Math.round(hours * 60);
    this.countByMinute.set(minute, (this.countByMinute.get(minute) ?? 0) + 1);
    this.n++;
  }

  // The value (in hours) at 1-based rank r of the sorted durations.
  private atRanks(ranks: number[]): number[] {
    const minutes = [...this.countByMinute.keys()].sort((a, b) => a - b);
    const out: number[] = [];
    let seen = 0;
    let k = 0;
    for (const m of minutes) {
      seen += this.countByMinute.get(m)!;
      while (k < ranks.length && ranks[k] <= seen) {
        out.push(m / 60);
        k++;
      }
      if (k === ranks.length) break;
    }
    return out;
  }

  median(): number | null {
    if (this.n === 0) return null;
    const lower = Math.floor((this.n + 1) / 2);
    const upper = Math.floor(this.n / 2) + 1;
    const [a, b] = this.atRanks(lower === upper ? [lower, lower] : [lower, upper]);
    return (a + b) / 2;
  }

  percentile(p: number): number | null {
    if (this.n === 0) return null;
    return this.atRanks([Math.max(1, Math.ceil((p / 100) * this.n))])[0];
  }

  summary(): { n: number; median: number | null; p90: number | null } {
    return { n: this.n, median: round(this.median()), p90: round(this.percentile(90)) };
  }
}
