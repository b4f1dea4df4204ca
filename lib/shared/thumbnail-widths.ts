/**
 * The widths the resized-thumbnail route serves. A card shows 150–400 CSS px; at 1×, 1.5× and 2×
 * device pixels that spans 150–800, so these steps keep any card within ~1.5× of the pixels it
 * needs while the server caches at most five variants per task.
 */
export const THUMBNAIL_WIDTHS = [192, 256, 384, 512, 768] as const;
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
