import { describe, expect, it } from "vitest";
import { erfc, logNormalScore, median, MOBILE_CURVES, performanceScore } from "@/scripts/lib/lighthouse-score";
import { cumulativeLayoutShift, totalBlockingTime } from "@/scripts/lib/page-metrics";

describe("Lighthouse's log-normal scoring", () => {
  it("erfc matches known values", () => {
    expect(erfc(0)).toBeCloseTo(1, 6);
    expect(erfc(1)).toBeCloseTo(0.157299, 5);
    expect(erfc(-1)).toBeCloseTo(1.842701, 5);
  });

  it("scores 0.9 at the 10th percentile and 0.5 at the median", () => {
    expect(logNormalScore(MOBILE_CURVES.tbt, 200)).toBeCloseTo(0.9, 2);
    expect(logNormalScore(MOBILE_CURVES.tbt, 600)).toBeCloseTo(0.5, 2);
    expect(logNormalScore(MOBILE_CURVES.lcp, 0)).toBe(1);
    expect(logNormalScore(MOBILE_CURVES.tbt, 5000)).toBeLessThan(0.05);
  });

  it("a perfect page scores 100 and a blocked one far less", () => {
    expect(performanceScore({ fcp: 500, lcp: 600, tbt: 0, cls: 0 })).toBe(100);
    expect(performanceScore({ fcp: 2500, lcp: 7000, tbt: 2300, cls: 0.1 })).toBeLessThan(50);
  });

  it("median of odd and even counts", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe("total blocking time", () => {
  it("counts what exceeds 50 ms of each long task after first contentful paint", () => {
    expect(totalBlockingTime([[1000, 120], [2000, 50], [3000, 51]], 500)).toBe(70 + 0 + 1);
  });

  it("clips a task that straddles first contentful paint", () => {
    expect(totalBlockingTime([[900, 200]], 1000)).toBe(50);
    expect(totalBlockingTime([[100, 200]], 1000)).toBe(0);
  });
});

describe("cumulative layout shift", () => {
  it("is the worst session window, not the sum of all shifts", () => {
    expect(cumulativeLayoutShift([])).toBe(0);
    // Two windows separated by more than a second: 0.1+0.05 and 0.2.
    expect(cumulativeLayoutShift([[100, 0.1], [600, 0.05], [3000, 0.2]])).toBeCloseTo(0.2);
    expect(cumulativeLayoutShift([[100, 0.1], [600, 0.05], [1200, 0.1]])).toBeCloseTo(0.25);
  });

  it("closes a window after five seconds even without a gap", () => {
    const steady: [number, number][] = Array.from({ length: 12 }, (_, i) => [i * 900, 0.01]);
    expect(cumulativeLayoutShift(steady)).toBeCloseTo(0.06);
  });
});
