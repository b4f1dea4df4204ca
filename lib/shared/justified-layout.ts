// Justified rows (the layout of Google Photos, Flickr, Immich): items keep their own aspect ratio,
// each row is scaled to fill the width, and every size comes from the ratios alone, so nothing
// moves when images arrive. The rows are the ones CSS flex-wrap makes of the same items (see
// flowItemStyle), so a grid the server renders without knowing the width and this layout, computed
// once the width is known, put every item in the same place. Pure, so it is unit-tested and runs anywhere.

export interface JustifiedOptions {
  containerWidth: number;
  /** Items are laid side by side at this height; a full row is then scaled up to fill the width. */
  baseRowHeight: number;
  /** Space between items and between rows, in px. */
  gap: number;
  /** Fixed height added under every item's media (e.g. a row of actions). */
  captionHeight?: number;
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
 * Greedy rows, as flex-wrap breaks lines: items join a row while they fit side by side at the base
 * height; each full row then grows to fill the width (so it is at least the base height tall). The
 * last row stays at the base height; an item too wide for the row on its own is scaled down to fit.
 * Sizes are not rounded, as the browser's flex layout does not round them either.
 */
export function justifiedLayout(ratios: readonly number[], options: JustifiedOptions): JustifiedLayout {
  const width = Math.max(1, options.containerWidth);
  const base = Math.max(1, options.baseRowHeight);
  const gap = Math.max(0, options.gap);
  const caption = options.captionHeight ?? 0;
  const rows: JustifiedRow[] = [];
  let top = 0;

  const pushRow = (start: number, end: number, height: number) => {
    rows.push({ start, end, top, height, boxes: boxes(ratios, start, end, height, gap) });
    top += height + caption + gap;
  };
  const fill = (start: number, end: number, sum: number) => (width - gap * (end - start - 1)) / sum;

  let start = 0;
  let sum = 0;
  let used = 0;
  for (let i = 0; i < ratios.length; i++) {
    const ratio = clampRatio(ratios[i]!);
    const next = i === start ? ratio * base : used + gap + ratio * base;
    if (i > start && next > width) {
      pushRow(start, i, fill(start, i, sum));
      start = i;
      sum = ratio;
      used = ratio * base;
    } else {
      sum += ratio;
      used = next;
    }
  }
  if (start < ratios.length) pushRow(start, ratios.length, Math.min(base, fill(start, ratios.length, sum)));
  return { rows, height: rows.length > 0 ? top - gap : 0 };
}

function boxes(ratios: readonly number[], start: number, end: number, height: number, gap: number): JustifiedBox[] {
  const out: JustifiedBox[] = [];
  let x = 0;
  for (let i = start; i < end; i++) {
    const w = clampRatio(ratios[i]!) * height;
    out.push({ left: x, width: w });
    x += w + gap;
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

// The base row height: about two 16:9 tiles a row on a phone, 180 px (rows of ~180–220 px) on a desktop.
const BASE_MIN = 80;
const BASE_MAX = 180;
/** Percent of the container width. */
const BASE_PERCENT = 27;

export function baseRowHeightFor(containerWidth: number): number {
  return Math.min(BASE_MAX, Math.max(BASE_MIN, (containerWidth * BASE_PERCENT) / 100));
}

/** baseRowHeightFor in CSS, for a grid inside a container with `container-type: inline-size`. */
export const BASE_ROW_HEIGHT_CSS = `clamp(${BASE_MIN}px, ${BASE_PERCENT}cqw, ${BASE_MAX}px)`;

/**
 * The style of a flex-wrap item that lands where justifiedLayout puts it: it is laid out at the
 * base height (`--row`), then grows and shrinks in proportion to its ratio, so every item of a line
 * ends up at the same height. Its media box needs `aspect-ratio: ratio`.
 */
export function flowItemStyle(ratio: number): { flex: string; minWidth: number } {
  const r = clampRatio(ratio);
  return { flex: `${r} ${r} calc(${r} * var(--row))`, minWidth: 0 };
}

/**
 * The `sizes` of a flow item's image: the base row height times its ratio, in the media queries
 * `sizes` understands (no container units). It assumes the container is about the viewport's
 * width, which errs towards larger images where the page has side padding.
 */
export function flowImageSizes(ratio: number): string {
  const px = (n: number) => `${Math.round(n * ratio)}px`;
  const lowBreak = Math.round((BASE_MIN * 100) / BASE_PERCENT);
  const highBreak = Math.round((BASE_MAX * 100) / BASE_PERCENT);
  return `(max-width: ${lowBreak}px) ${px(BASE_MIN)}, (max-width: ${highBreak}px) ${Math.round(BASE_PERCENT * ratio * 100) / 100}vw, ${px(BASE_MAX)}`;
}
