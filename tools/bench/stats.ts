/** Small statistics helpers for latency samples (milliseconds). */

export interface LatencySummary {
  n: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of unsorted samples; 0 for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? 0;
}

export function summarize(samples: readonly number[]): LatencySummary {
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const total = samples.reduce((a, b) => a + b, 0);
  return {
    n: samples.length,
    p50: round(percentile(samples, 50)),
    p99: round(percentile(samples, 99)),
    max: round(samples.length === 0 ? 0 : Math.max(...samples)),
    mean: round(samples.length === 0 ? 0 : total / samples.length),
  };
}
