import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { columnCount, estimateRowHeight, rowCount, rowOf, rowRange } from "@/lib/client/grid-layout";
import { formatDuration, formatResolution, relativeTime, rowTileAspectRatio, tileAspectRatio } from "@/lib/shared/format";

describe("grid layout", () => {
  it.each([
    [0, 1],
    [320, 1],
    [496, 2],
    [1232, 4],
    [1519, 5],
    [1520, 6],
  ])("fits %i px into %i columns", (width, cols) => {
    expect(columnCount(width)).toBe(cols);
  });

  it("splits items into rows that cover each item exactly once", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 1, max: 12 }), (items, cols) => {
        const rows = rowCount(items, cols);
        let covered = 0;
        for (let r = 0; r < rows; r++) {
          const [start, end] = rowRange(r, cols, items);
          expect(start).toBe(covered);
          expect(end - start).toBeGreaterThan(0);
          expect(end - start).toBeLessThanOrEqual(cols);
          covered = end;
        }
        expect(covered).toBe(items);
      }),
    );
  });

  it("finds the row of an item", () => {
    expect(rowOf(0, 4)).toBe(0);
    expect(rowOf(7, 4)).toBe(1);
    expect(rowOf(999, 4)).toBe(249);
  });

  it("estimates a 16:9 row plus the card text", () => {
    expect(estimateRowHeight(1232, 4)).toBeGreaterThan(Math.round((296 * 9) / 16));
  });
});

describe("card formatting", () => {
  const base = { aspectRatio: null, video: null, thumbnail: null } as never;
  it("uses 16:9 for an unknown ratio and clamps tall ones", () => {
    expect(tileAspectRatio(undefined)).toBe(String(Math.round((16 / 9) * 10000) / 10000));
    expect(tileAspectRatio({ ...(base as object), aspectRatio: "9:16" } as never)).toBe("0.75");
    expect(tileAspectRatio({ ...(base as object), aspectRatio: "1:1" } as never)).toBe("1");
  });

  it("gives a whole row the tallest tile's clamped ratio, so cards line up", () => {
    const wide = { ...(base as object), aspectRatio: "21:9" } as never;
    const square = { ...(base as object), aspectRatio: "1:1" } as never;
    const tall = { ...(base as object), aspectRatio: "9:16" } as never;
    expect(rowTileAspectRatio([wide, square])).toBe("1");
    expect(rowTileAspectRatio([wide, tall, square])).toBe("0.75");
    expect(rowTileAspectRatio([undefined, wide])).toBe(String(Math.round((16 / 9) * 10000) / 10000));
    expect(rowTileAspectRatio([])).toBe(String(Math.round((16 / 9) * 10000) / 10000));
  });

  it("formats duration, resolution and age", () => {
    expect(formatDuration(5)).toBe("5 s");
    expect(formatDuration(5.04)).toBe("5 s");
    expect(formatDuration(125)).toBe("2:05");
    expect(formatDuration(null)).toBeNull();
    expect(formatResolution(1360, 752)).toBe("1360×752");
    const now = Date.parse("2026-01-01T12:00:00Z");
    expect(relativeTime("2026-01-01T11:59:30Z", now)).toBe("just now");
    expect(relativeTime("2026-01-01T09:00:00Z", now)).toBe("3 hours ago");
    expect(relativeTime(null, now)).toBeNull();
  });
});
