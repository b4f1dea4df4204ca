import "server-only";
import { LRUCache } from "lru-cache";
import sharp from "sharp";
import { ApiError } from "@/lib/server/http/errors";
import type { ThumbnailWidth } from "@/lib/shared/thumbnail-widths";
import { currentMediaPolicy, fetchMedia, MediaRefusedError } from "./media-fetch";
import { loadTask } from "./loader";

/** A thumbnail larger than this is not an image a card should show; reading stops there. */
export const MAX_THUMBNAIL_SOURCE_BYTES = 10 * 1024 * 1024;
const MEDIA_TIMEOUT_MS = 15_000;
/** Measured on the simulator's JPEGs: 65 keeps faces and text clean at a third of q80's bytes. */
export const WEBP_QUALITY = 65;
/** ~16 MB of encoded thumbnails: several thousand cards at the grid's widths. */
const CACHE_BYTES = 16 * 1024 * 1024;

const encoded = new LRUCache<string, Buffer>({ maxSize: CACHE_BYTES, sizeCalculation: (b) => Math.max(1, b.byteLength) });
const inFlight = new Map<string, Promise<Buffer>>();

class UpstreamStatus extends Error {
  constructor(readonly status: number) {
    super(`The media host answered ${status}.`);
  }
}

async function readCapped(body: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > MAX_THUMBNAIL_SOURCE_BYTES) {
      await body.cancel().catch(() => {});
      throw new ApiError("bad_gateway", `The thumbnail is larger than ${MAX_THUMBNAIL_SOURCE_BYTES / 1024 / 1024} MB.`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function download(url: string): Promise<Buffer> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), MEDIA_TIMEOUT_MS);
  try {
    const response = await fetchMedia(url, { range: null, signal: controller.signal }, currentMediaPolicy());
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw new UpstreamStatus(response.status);
    }
    return await readCapped(response.body);
  } catch (error) {
    if (error instanceof MediaRefusedError) throw new ApiError("bad_gateway", `The thumbnail was not fetched: ${error.message}`);
    if (error instanceof ApiError || error instanceof UpstreamStatus) throw error;
    throw new ApiError("bad_gateway", "The thumbnail could not be fetched from the media host. Try again in a minute.");
  } finally {
    clearTimeout(timer);
  }
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
  const task = await loadTask(id);
  if (!task) throw new ApiError("not_found", `No task ${id} at the gateway.`);
  if (!task.thumbnail) throw new ApiError("not_found", `Task ${id} has no thumbnail yet (it is ${task.state}).`);
  let source: Buffer;
  try {
    source = await download(task.thumbnail.url);
  } catch (error) {
    if (!(error instanceof UpstreamStatus)) throw error;
    // A presigned URL that expired answers 403 (some hosts 404/410): one refresh of the task for a fresh URL.
    const refreshed = await loadTask(id, { refresh: true });
    const url = refreshed?.thumbnail?.url;
    if (!url) throw new ApiError("not_found", `Task ${id} has no thumbnail any more.`);
    try {
      source = await download(url);
    } catch (retryError) {
      if (retryError instanceof UpstreamStatus) throw new ApiError("bad_gateway", `The thumbnail could not be fetched: ${retryError.message}`);
      throw retryError;
    }
  }
  return encodeThumbnail(source, width);
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
