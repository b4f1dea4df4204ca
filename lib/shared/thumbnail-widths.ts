/**
 * The widths the resized-thumbnail route serves. A card needs about 100–840 device px: the
 * narrowest is a portrait card in a phone's row (60 CSS px at 1.75×), the widest a wide card on a
 * 2× desktop. The browser takes the next step up, so no card gets more than 1.5× the width it
 * needs, while the server caches at most seven variants per task.
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
