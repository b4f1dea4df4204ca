// Justified rows (the layout of Google Photos, Flickr, Immich): items keep their own aspect ratio,
// each row is scaled to fill the width, and every size comes from the ratios alone, so nothing
// moves when images arrive. Pure, so it is unit-tested and runs anywhere.

export interface JustifiedOptions {
  containerWidth: number;
  targetRowHeight: number;
  /** Space between items and between rows, in px. */
  gap: number;
  /** Fixed height added under every item's media (e.g. a row of actions). */
  captionHeight?: number;
  /** The last row is left at the target height rather than stretched past this. */
  maxRowHeight?: number;
}

export interface JustifiedBox {
  left: number;
  width: number;
}

export interface JustifiedRow {
  /** Half-open range of item indexes. */
  start: number;
  end: number;
  top: number;
  /** Height of the media; the row occupies `height + captionHeight`. */
  height: number;
  boxes: JustifiedBox[];
}

export interface JustifiedLayout {
  rows: JustifiedRow[];
  /** Total height, without a gap after the last row. */
  height: number;
}

/** Ratios outside these bounds (a 1-px-tall banner, a broken size) would make useless tiles. */
export const MIN_RATIO = 0.25;
export const MAX_RATIO = 4;

export function clampRatio(ratio: number): number {
  if (!Number.isFinite(ratio) || ratio <= 0) return 16 / 9;
  return Math.min(MAX_RATIO, Math.max(MIN_RATIO, ratio));
}

/**
 * Greedy rows: items join a row until its justified height drops below the target; the row then
 * ends with or without the last item, whichever height is closer to the target.
 */
export function justifiedLayout(ratios: readonly number[], options: JustifiedOptions): JustifiedLayout {
  const width = Math.max(1, options.containerWidth);
  const target = Math.max(1, options.targetRowHeight);
  const gap = Math.max(0, options.gap);
  const caption = options.captionHeight ?? 0;
  const maxLast = options.maxRowHeight ?? target * 1.5;
  const rows: JustifiedRow[] = [];
  let top = 0;

  const heightFor = (sum: number, count: number) => (width - gap * (count - 1)) / sum;
  const pushRow = (start: number, end: number, sum: number, height: number) => {
    rows.push({ start, end, top, height: Math.round(height), boxes: boxes(ratios, start, end, height, gap, width) });
    top += Math.round(height) + caption + gap;
  };

  let start = 0;
  let sum = 0;
  for (let i = 0; i < ratios.length; i++) {
    const ratio = clampRatio(ratios[i]!);
    const count = i - start + 1;
    const height = heightFor(sum + ratio, count);
    if (height > target) {
      sum += ratio;
      continue;
    }
    const without = count > 1 ? heightFor(sum, count - 1) : Infinity;
    if (Math.abs(without - target) < Math.abs(height - target)) {
      pushRow(start, i, sum, without);
      start = i;
      sum = ratio;
    } else {
      pushRow(start, i + 1, sum + ratio, height);
      start = i + 1;
      sum = 0;
    }
  }
  if (start < ratios.length) {
    const full = heightFor(sum, ratios.length - start);
    pushRow(start, ratios.length, sum, full > maxLast ? target : full);
  }
  return { rows, height: rows.length > 0 ? top - gap : 0 };
}

/** Integer boxes whose edges meet exactly: rounding positions, not widths, so no pixel is lost. */
function boxes(ratios: readonly number[], start: number, end: number, height: number, gap: number, width: number): JustifiedBox[] {
  const out: JustifiedBox[] = [];
  let x = 0;
  for (let i = start; i < end; i++) {
    const next = x + clampRatio(ratios[i]!) * height;
    const left = Math.round(x);
    const right = Math.min(width, Math.round(next));
    out.push({ left, width: Math.max(1, right - left) });
    x = next + gap;
  }
  return out;
}

/** Index of the row holding item `index` (binary search), or -1. */
export function rowIndexOf(layout: JustifiedLayout, index: number): number {
  let lo = 0;
  let hi = layout.rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const row = layout.rows[mid]!;
    if (index < row.start) hi = mid - 1;
    else if (index >= row.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

export type GridMove = "left" | "right" | "up" | "down" | "home" | "end";

/**
 * The item a key moves to: left/right in reading order, up/down to the item of the neighbouring
 * row whose centre is nearest horizontally (rows hold different numbers of items).
 */
export function moveInLayout(layout: JustifiedLayout, from: number, move: GridMove): number {
  const count = layout.rows.at(-1)?.end ?? 0;
  if (count === 0) return -1;
  const current = Math.min(Math.max(from, 0), count - 1);
  if (move === "home") return 0;
  if (move === "end") return count - 1;
  if (move === "left") return Math.max(0, current - 1);
  if (move === "right") return Math.min(count - 1, current + 1);
  const r = rowIndexOf(layout, current);
  const row = layout.rows[r]!;
  const box = row.boxes[current - row.start]!;
  const centre = box.left + box.width / 2;
  const other = layout.rows[move === "up" ? r - 1 : r + 1];
  if (!other) return current;
  let best = other.start;
  let bestDistance = Infinity;
  other.boxes.forEach((b, k) => {
    const distance = Math.abs(b.left + b.width / 2 - centre);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = other.start + k;
    }
  });
  return best;
}

/** Row height to aim for: about two 16:9 tiles a row on a phone, ~200 px on a desktop. */
export function targetRowHeightFor(containerWidth: number): number {
  return Math.round(Math.min(200, Math.max(120, containerWidth * 0.36)));
}
