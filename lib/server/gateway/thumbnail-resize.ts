import "server-only";
import { LRUCache } from "lru-cache";
import sharp from "sharp";
import { ApiError } from "@/lib/server/http/errors";
import type { ThumbnailWidth } from "@/lib/shared/thumbnail-widths";
import { openTaskMedia } from "./task-media";

/** A thumbnail larger than this is not an image a card should show; reading stops there. */
export const MAX_THUMBNAIL_SOURCE_BYTES = 10 * 1024 * 1024;
/**
 * How long the whole thumbnail may take to arrive once the media host has answered. Every card
 * of the task waits on the one shared download, so a body that stalls must not hold it forever.
 */
export const THUMBNAIL_READ_TIMEOUT_MS = 15_000;
/** Measured on the simulator's JPEGs: 65 keeps faces and text clean at a third of q80's bytes. */
export const WEBP_QUALITY = 65;
/** ~16 MB of encoded thumbnails: several thousand cards at the grid's widths. */
const CACHE_BYTES = 16 * 1024 * 1024;

/** The media host's thumbnail, read whole: at most `MAX_THUMBNAIL_SOURCE_BYTES`, within `timeoutMs`. */
export async function readThumbnailSource(body: ReadableStream<Uint8Array>, timeoutMs = THUMBNAIL_READ_TIMEOUT_MS): Promise<Buffer> {
  const reader = body.getReader();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void reader.cancel().catch(() => {});
  }, timeoutMs);
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > MAX_THUMBNAIL_SOURCE_BYTES) {
        await reader.cancel().catch(() => {});
        throw new ApiError("bad_gateway", `The thumbnail is larger than ${MAX_THUMBNAIL_SOURCE_BYTES / 1024 / 1024} MB.`);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError("bad_gateway", "The thumbnail's download from the media host broke off. Try again in a minute.");
  } finally {
    clearTimeout(timer);
  }
  // A cancelled read ends like a finished one: only the flag tells a stall from a whole image.
  if (timedOut) throw new ApiError("gateway_timeout", "The media host stopped sending the thumbnail. Try again in a minute.");
  return Buffer.concat(chunks);
}

/** WebP at most `width` px wide, never enlarged; a body that is not an image is a 502. */
export async function encodeThumbnail(source: Buffer, width: ThumbnailWidth): Promise<Buffer> {
  try {
    return await sharp(source, { failOn: "error" }).rotate().resize({ width, withoutEnlargement: true }).webp({ quality: WEBP_QUALITY }).toBuffer();
  } catch {
    throw new ApiError("bad_gateway", "The media host's thumbnail is not an image the server can read.");
  }
}

// lru-cache's fetch: one download and resize per key however many cards ask at once, then cached by bytes.
const encoded = new LRUCache<string, Buffer, { id: string; width: ThumbnailWidth }>({
  maxSize: CACHE_BYTES,
  sizeCalculation: (bytes) => Math.max(1, bytes.byteLength),
  fetchMethod: async (_key, _stale, { context }) => {
    const { media } = await openTaskMedia(context.id, { name: "thumbnail", missing: "not_found", urls: (task) => (task.thumbnail ? [task.thumbnail.url] : null) });
    return encodeThumbnail(await readThumbnailSource(media.body!), context.width);
  },
});

/** The task's thumbnail as WebP at most `width` px wide, cached by bytes and shared while in flight. */
export async function resizedThumbnail(id: string, width: ThumbnailWidth): Promise<Buffer> {
  const bytes = await encoded.fetch(`${id}:${width}`, { context: { id, width } });
  // fetchMethod either returns bytes or throws; undefined would only mean an aborted fetch.
  if (!bytes) throw new ApiError("bad_gateway", "The thumbnail could not be fetched from the media host. Try again in a minute.");
  return bytes;
}

/** For tests: forget every cached thumbnail. */
export function clearResizedThumbnails(): void {
  encoded.clear();
}
