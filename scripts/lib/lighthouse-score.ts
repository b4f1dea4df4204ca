// Lighthouse's performance scoring (v10 and later, mobile): each metric is placed on a log-normal
// curve fixed by two control points (the 10th percentile scores 0.9, the median 0.5) and the
// weighted mean is the score. Speed Index is not measured here, so its weight is shared out.

export interface Curve {
  p10: number;
  median: number;
}

export const MOBILE_CURVES = {
  fcp: { p10: 1800, median: 3000 },
  lcp: { p10: 2500, median: 4000 },
  tbt: { p10: 200, median: 600 },
  cls: { p10: 0.1, median: 0.25 },
} satisfies Record<string, Curve>;

export const WEIGHTS = { fcp: 0.1, lcp: 0.25, tbt: 0.3, cls: 0.25 } as const;

/** Complementary error function (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * z);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const r = poly * Math.exp(-z * z);
  return x >= 0 ? r : 2 - r;
}

/** 0–1: 0.9 at p10, 0.5 at the median, clamped into the band the value falls in as Lighthouse does. */
export function logNormalScore({ p10, median }: Curve, value: number): number {
  if (value <= 0) return 1;
  // erfc(s)/2 is 0.5 at the median; this scale puts 0.9 at p10 (erfc⁻¹(0.2) = 0.9062).
  const standardized = (Math.log(value / median) * 0.9061938024368232) / -Math.log(p10 / median);
  const score = erfc(standardized) / 2;
  if (value <= p10) return Math.min(1, Math.max(0.9, score));
  if (value <= median) return Math.min(0.8999, Math.max(0.5, score));
  return Math.min(0.4999, Math.max(0, score));
}

export interface Metrics {
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
}

/** 0–100, rounded as Lighthouse reports it. */
export function performanceScore(metrics: Metrics): number {
  let sum = 0;
  let weights = 0;
  for (const key of Object.keys(WEIGHTS) as (keyof typeof WEIGHTS)[]) {
    sum += WEIGHTS[key] * logNormalScore(MOBILE_CURVES[key], metrics[key]);
    weights += WEIGHTS[key];
  }
  return Math.round((100 * sum) / weights);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
