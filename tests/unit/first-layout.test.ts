import { describe, expect, it } from "vitest";
import { firstLayoutIn, firstLayoutTable, type TraceEvent } from "@/scripts/lib/first-layout";

const on = (name: string, ts: number, dur: number, thread = { pid: 1, tid: 7 }): TraceEvent => ({ name, ph: "X", ts, dur, ...thread });

describe("the first layout in a trace", () => {
  // A short early layout, then the long one with its parts; the same names elsewhere must not count.
  const trace = [
    on("Layout", 0, 2_000),
    on("FontCache::GetFontPlatformData", 500, 1_000),
    on("Layout", 10_000, 40_000),
    on("FontCache::GetFontPlatformData", 11_000, 3_000),
    on("FontCache::GetFontPlatformData", 20_000, 2_000),
    on("InlineNode::ShapeTextIncludingFirstLine", 25_000, 1_500),
    on("ResourceFetcher::requestResource", 30_000, 500),
    on("FontCache::GetFontPlatformData", 30_000, 9_000, { pid: 1, tid: 8 }),
    on("FontCache::GetFontPlatformData", 50_000, 9_000),
    { name: "FontCache::GetFontPlatformData", ph: "I", pid: 1, tid: 7, ts: 12_000 },
  ];

  it("takes the longest layout and adds up only what ran inside it on its thread", () => {
    expect(firstLayoutIn(trace)).toEqual({ layoutMs: 40, fontLookups: 2, fontMs: 5, shapingMs: 1.5, resourceRequests: 1, resourceMs: 0.5 });
  });

  it("says so when the trace holds no layout", () => {
    expect(() => firstLayoutIn(trace.filter((e) => e.name !== "Layout"))).toThrow("no layout");
  });

  it("prints one row per page", () => {
    const table = firstLayoutTable([["/", firstLayoutIn(trace)]], 8);
    expect(table.split("\n")[0]).toContain("medians of 8 loads");
    expect(table.split("\n")[2]).toBe("| / | 40.0 | 2 | 5.0 | 1.5 | 1 | 0.5 |");
  });
});
