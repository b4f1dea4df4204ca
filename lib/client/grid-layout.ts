// Pure grid arithmetic for the virtualized gallery, kept apart from React so it is unit-tested.

export const MIN_CARD_WIDTH = 240;
export const GRID_GAP = 16;
/** Height of a card below its media box (badge, prompt, meta), used only as a first estimate. */
export const CARD_META_HEIGHT = 88;

export function columnCount(containerWidth: number, minItem = MIN_CARD_WIDTH, gap = GRID_GAP): number {
  if (!Number.isFinite(containerWidth) || containerWidth <= 0) return 1;
  return Math.max(1, Math.floor((containerWidth + gap) / (minItem + gap)));
}

export function rowCount(items: number, columns: number): number {
  return items <= 0 ? 0 : Math.ceil(items / Math.max(1, columns));
}

/** Half-open range of item indexes in row `row`. */
export function rowRange(row: number, columns: number, items: number): [number, number] {
  const cols = Math.max(1, columns);
  const start = Math.min(row * cols, items);
  return [start, Math.min(start + cols, items)];
}

/** First guess of a row's height (a 16:9 card); the virtualizer measures real rows once shown. */
export function estimateRowHeight(containerWidth: number, columns: number, gap = GRID_GAP): number {
  const cols = Math.max(1, columns);
  const columnWidth = Math.max(0, (containerWidth - gap * (cols - 1)) / cols);
  return Math.round((columnWidth * 9) / 16 + CARD_META_HEIGHT + gap);
}

/** Which row holds item `index`, for keeping a card in view (player navigation, focus return). */
export function rowOf(index: number, columns: number): number {
  return Math.floor(index / Math.max(1, columns));
}
