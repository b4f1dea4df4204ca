/**
 * The widths the resized-thumbnail route serves. A card shows 60–420 CSS px (a portrait card in a
 * phone's row is the narrowest); at 1×, 1.75× and 2× device pixels that spans about 100–840. The
 * browser takes the next step up, so these steps never send more than 1.5× the width a card needs,
 * even the narrowest, while the server caches at most seven variants per task.
 */
export const THUMBNAIL_WIDTHS = [128, 192, 256, 320, 384, 512, 768] as const;
export type ThumbnailWidth = (typeof THUMBNAIL_WIDTHS)[number];

export function isThumbnailWidth(value: number): value is ThumbnailWidth {
  return (THUMBNAIL_WIDTHS as readonly number[]).includes(value);
}

/** The same-origin URL of a task's thumbnail resized to `width` px, as WebP. */
export function resizedThumbnailUrl(taskId: string, width: ThumbnailWidth): string {
  return `/api/tasks/${encodeURIComponent(taskId)}/thumbnail?w=${width}`;
}

/** A srcSet over every served width. */
export function resizedThumbnailSrcSet(taskId: string): string {
  return THUMBNAIL_WIDTHS.map((w) => `${resizedThumbnailUrl(taskId, w)} ${w}w`).join(", ");
}
