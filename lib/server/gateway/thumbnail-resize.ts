import "server-only";
import { LRUCache } from "lru-cache";
import sharp from "sharp";
import { ApiError } from "@/lib/server/http/errors";
import type { ThumbnailWidth } from "@/lib/shared/thumbnail-widths";
import { openTaskMedia } from "./task-media";

/** A thumbnail larger than this is not an image a card should show; reading stops there. */
export const MAX_THUMBNAIL_SOURCE_BYTES = 10 * 1024 * 1024;
/** Measured on the simulator's JPEGs: 65 keeps faces and text clean at a third of q80's bytes. */
export const WEBP_QUALITY = 65;
/** ~16 MB of encoded thumbnails: several thousand cards at the grid's widths. */
const CACHE_BYTES = 16 * 1024 * 1024;

const encoded = new LRUCache<string, Buffer>({ maxSize: CACHE_BYTES, sizeCalculation: (b) => Math.max(1, b.byteLength) });
const inFlight = new Map<string, Promise<Buffer>>();

async function readCapped(body: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of body) {
      total += chunk.byteLength;
      if (total > MAX_THUMBNAIL_SOURCE_BYTES) {
        await body.cancel().catch(() => {});
        throw new ApiError("bad_gateway", `The thumbnail is larger than ${MAX_THUMBNAIL_SOURCE_BYTES / 1024 / 1024} MB.`);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError("bad_gateway", "The thumbnail's download from the media host broke off. Try again in a minute.");
  }
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

async function produce(id: string, width: ThumbnailWidth): Promise<Buffer> {
  const { media } = await openTaskMedia(id, { name: "thumbnail", missing: "not_found", urls: (task) => (task.thumbnail ? [task.thumbnail.url] : null) });
  return encodeThumbnail(await readCapped(media.body!), width);
}

/** The task's thumbnail as WebP at most `width` px wide, cached by bytes and shared while in flight. */
export function resizedThumbnail(id: string, width: ThumbnailWidth): Promise<Buffer> {
  const key = `${id}:${width}`;
  const cached = encoded.get(key);
  if (cached) return Promise.resolve(cached);
  const running = inFlight.get(key);
  if (running) return running;
  const job = produce(id, width)
    .then((bytes) => {
      encoded.set(key, bytes);
      return bytes;
    })
    .finally(() => inFlight.delete(key));
  inFlight.set(key, job);
  return job;
}

/** For tests: forget every cached thumbnail. */
export function clearResizedThumbnails(): void {
  encoded.clear();
}
