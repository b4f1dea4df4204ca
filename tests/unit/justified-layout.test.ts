import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { baseRowHeightFor, BASE_ROW_HEIGHT_CSS, flowItemStyle, justifiedLayout, moveInLayout, rowIndexOf } from "@/lib/shared/justified-layout";
import { formatResolution, tileRatio } from "@/lib/shared/format";

const WIDE = 16 / 9;
const TALL = 9 / 16;

describe("justified layout", () => {
  it("fills each full row to the container's width exactly", () => {
    const ratios = [WIDE, TALL, 1, 4 / 3, 3 / 4, 3 / 2, 2 / 3, 21 / 9, 9 / 21, WIDE, WIDE, 1, TALL, TALL];
    const layout = justifiedLayout(ratios, { containerWidth: 1392, baseRowHeight: 200, gap: 4 });
    for (const row of layout.rows.slice(0, -1)) {
      const last = row.boxes.at(-1)!;
      expect(last.left + last.width).toBeCloseTo(1392, 6);
      for (let k = 1; k < row.boxes.length; k++) {
        expect(row.boxes[k]!.left).toBeCloseTo(row.boxes[k - 1]!.left + row.boxes[k - 1]!.width + 4, 6);
      }
    }
  });

  it("keeps every item's aspect ratio exactly", () => {
    const ratios = [WIDE, TALL, 1, 21 / 9, 3 / 4, WIDE, 2 / 3];
    const layout = justifiedLayout(ratios, { containerWidth: 1000, baseRowHeight: 180, gap: 8 });
    for (const row of layout.rows) {
      row.boxes.forEach((box, k) => expect(box.width / row.height).toBeCloseTo(ratios[row.start + k]!, 9));
    }
  });

  it("lays out every item exactly once, in order, in rows that fit at the base height and then fill the width", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.3, max: 3.5, noNaN: true }), { maxLength: 300 }),
        fc.integer({ min: 320, max: 2400 }),
        (ratios, width) => {
          const base = baseRowHeightFor(width);
          const layout = justifiedLayout(ratios, { containerWidth: width, baseRowHeight: base, gap: 4 });
          let next = 0;
          let top = 0;
          layout.rows.forEach((row, r) => {
            expect(row.start).toBe(next);
            expect(row.end).toBeGreaterThan(row.start);
            expect(row.boxes).toHaveLength(row.end - row.start);
            expect(row.top).toBeCloseTo(top, 6);
            const atBase = (end: number) => ratios.slice(row.start, end).reduce((w, ratio) => w + ratio * base, 0) + 4 * (end - row.start - 1);
            // Flex-wrap's rule: the row fits at the base height, and one more item would not.
            if (row.end - row.start > 1) expect(atBase(row.end)).toBeLessThanOrEqual(width + 1e-6);
            const last = r === layout.rows.length - 1;
            if (!last) expect(atBase(row.end + 1)).toBeGreaterThan(width);
            if (!last && row.end - row.start > 1) expect(row.height).toBeGreaterThanOrEqual(base - 1e-6);
            if (last) expect(row.height).toBeLessThanOrEqual(base + 1e-6);
            top += row.height + 4;
            next = row.end;
          });
          expect(next).toBe(ratios.length);
          expect(layout.height).toBeCloseTo(Math.max(0, top - 4), 6);
        },
      ),
    );
  });

  it("does not stretch a short last row", () => {
    // Three 16:9 tiles fit a 1,200 px row at 200 px (and fill it at ~223 px); the fourth stays at 200 px.
    const layout = justifiedLayout([WIDE, WIDE, WIDE, WIDE], { containerWidth: 1200, baseRowHeight: 200, gap: 4 });
    expect(layout.rows.map((r) => r.end - r.start)).toEqual([3, 1]);
    expect(layout.rows[0]!.height).toBeCloseTo(1192 / (3 * WIDE), 6);
    const last = layout.rows.at(-1)!;
    expect(last.height).toBe(200);
    expect(last.boxes[0]!.width).toBeCloseTo(WIDE * 200, 6);
  });

  it("scales down an item too wide for a row on its own", () => {
    const layout = justifiedLayout([4, 4], { containerWidth: 600, baseRowHeight: 200, gap: 4 });
    expect(layout.rows.map((r) => [r.height, r.boxes[0]!.width])).toEqual([
      [150, 600],
      [150, 600],
    ]);
  });

  it("adds a fixed caption under every row", () => {
    const layout = justifiedLayout(Array(8).fill(WIDE), { containerWidth: 1000, baseRowHeight: 180, gap: 4, captionHeight: 40 });
    expect(layout.rows[1]!.top).toBe(layout.rows[0]!.height + 40 + 4);
  });

  it("is empty for no items and survives a zero width and nonsense ratios", () => {
    expect(justifiedLayout([], { containerWidth: 1000, baseRowHeight: 200, gap: 4 })).toEqual({ rows: [], height: 0 });
    const odd = justifiedLayout([NaN, 0, -1, Infinity, 1e9], { containerWidth: 0, baseRowHeight: 200, gap: 4 });
    expect(odd.rows.reduce((n, r) => n + r.end - r.start, 0)).toBe(5);
    for (const row of odd.rows) for (const box of row.boxes) expect(box.width).toBeGreaterThan(0);
  });

  it("shows about two 16:9 tiles a row on a phone and a dense grid on a desktop", () => {
    const phone = justifiedLayout(Array(10).fill(WIDE), { containerWidth: 358, baseRowHeight: baseRowHeightFor(358), gap: 4 });
    expect(phone.rows[0]!.end - phone.rows[0]!.start).toBe(2);
    const mixed = Array.from({ length: 60 }, (_, i) => [WIDE, TALL, 1, 4 / 3, 21 / 9, 3 / 4][i % 6]!);
    const desktop = justifiedLayout(mixed, { containerWidth: 1392, baseRowHeight: baseRowHeightFor(1392), gap: 4 });
    const full = desktop.rows.slice(0, -1);
    const average = full.reduce((h, row) => h + row.height, 0) / full.length;
    expect(average).toBeGreaterThanOrEqual(180);
    expect(average).toBeLessThanOrEqual(220);
  });

  it("says the same base height and item sizes in CSS", () => {
    expect(BASE_ROW_HEIGHT_CSS).toBe("clamp(80px, 27cqw, 180px)");
    for (const width of [200, 358, 666, 1392]) expect(baseRowHeightFor(width)).toBeCloseTo(Math.min(180, Math.max(80, width * 0.27)), 9);
    expect(flowItemStyle(WIDE)).toEqual({ flex: `${WIDE} ${WIDE} calc(${WIDE} * var(--row))`, minWidth: 0 });
    expect(flowItemStyle(100).flex).toBe("4 4 calc(4 * var(--row))");
  });
});

describe("moving through the layout", () => {
  // Row 0: three wide items; row 1: six tall ones (centres spread across the same width).
  const layout = justifiedLayout([WIDE, WIDE, WIDE, TALL, TALL, TALL, TALL, TALL, TALL, TALL, TALL, TALL, TALL], {
    containerWidth: 1000,
    baseRowHeight: 180,
    gap: 4,
  });

  it("finds rows by index", () => {
    expect(rowIndexOf(layout, 0)).toBe(0);
    expect(rowIndexOf(layout, layout.rows[1]!.start)).toBe(1);
    expect(rowIndexOf(layout, 999)).toBe(-1);
  });

  it("moves up and down to the nearest item by horizontal position", () => {
    const below = layout.rows[1]!;
    const centre = (i: number) => {
      const r = layout.rows[rowIndexOf(layout, i)]!;
      const b = r.boxes[i - r.start]!;
      return b.left + b.width / 2;
    };
    const down = moveInLayout(layout, 2, "down");
    expect(rowIndexOf(layout, down)).toBe(1);
    for (let k = below.start; k < below.end; k++) expect(Math.abs(centre(k) - centre(2))).toBeGreaterThanOrEqual(Math.abs(centre(down) - centre(2)));
    expect(moveInLayout(layout, down, "up")).toBe(2);
    expect(moveInLayout(layout, 0, "up")).toBe(0);
    const last = layout.rows.at(-1)!.end - 1;
    expect(moveInLayout(layout, last, "down")).toBe(last);
  });

  it("moves left, right, home and end in reading order, clamped at the ends", () => {
    expect(moveInLayout(layout, 0, "left")).toBe(0);
    expect(moveInLayout(layout, 2, "right")).toBe(3);
    expect(moveInLayout(layout, 12, "right")).toBe(12);
    expect(moveInLayout(layout, 5, "home")).toBe(0);
    expect(moveInLayout(layout, 5, "end")).toBe(12);
  });
});

describe("tile ratio", () => {
  const base = { aspectRatio: null, video: null, thumbnail: null } as never;
  it("prefers the thumbnail's size, then the video's, then the requested ratio, then 16:9", () => {
    expect(tileRatio(undefined)).toBe(16 / 9);
    expect(tileRatio({ ...(base as object), aspectRatio: "9:16" } as never)).toBe(9 / 16);
    expect(tileRatio({ ...(base as object), aspectRatio: "9:16", video: { width: 1000, height: 1000 } } as never)).toBe(1);
    expect(tileRatio({ ...(base as object), video: { width: 1000, height: 1000 }, thumbnail: { width: 400, height: 300 } } as never)).toBe(4 / 3);
    expect(tileRatio({ ...(base as object), aspectRatio: "nonsense" } as never)).toBe(16 / 9);
  });
});

describe("card formatting", () => {
  it("formats resolution", () => {
    expect(formatResolution(1360, 752)).toBe("1360×752");
  });
});
