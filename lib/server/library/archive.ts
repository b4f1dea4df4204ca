import "server-only";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { ZipArchive } from "archiver";
import { openTaskVideo } from "@/lib/server/gateway/video-source";
import { asApiError } from "@/lib/server/http/gateway-errors";
import { ApiError } from "@/lib/server/http/errors";
import { videoFileName } from "@/lib/server/http/file-name";

// A zip of tasks' videos, streamed as it is made: one video is fetched at a time, and the zip
// stream's backpressure reaches back to the media host, so memory stays flat however many there are.

export const MAX_ARCHIVE_IDS = 500;
export const SKIPPED_NOTE = "NOT-INCLUDED.txt";

function reason(error: unknown): string {
  const mapped = asApiError(error);
  return mapped instanceof ApiError ? mapped.message : "the video could not be fetched";
}

/** The zip as a web stream; ids whose video cannot be had are listed in NOT-INCLUDED.txt instead. */
export function zipTaskVideos(ids: readonly string[], signal?: AbortSignal): ReadableStream<Uint8Array> {
  // Videos are compressed already: storing them costs no CPU and loses nothing.
  const zip = new ZipArchive({ store: true });
  let current: Readable | null = null;
  signal?.addEventListener("abort", () => {
    current?.destroy();
    zip.abort();
  });

  const fill = async () => {
    const skipped: string[] = [];
    for (const id of ids) {
      if (signal?.aborted) return;
      try {
        const { task, media } = await openTaskVideo(id, { purpose: "download", range: null });
        if (!media.body) throw new ApiError("bad_gateway", "the media host sent no body");
        if (task.state !== "completed") {
          await media.body.cancel();
          skipped.push(`${id}: not finished (it is ${task.state})`);
          continue;
        }
        current = Readable.fromWeb(media.body as WebReadableStream<Uint8Array>);
        const done = new Promise<void>((resolve, reject) => {
          zip.once("entry", () => resolve());
          current!.once("error", reject);
        });
        zip.append(current, { name: videoFileName(task.prompt, task.id), date: task.createdAt ? new Date(task.createdAt) : new Date() });
        await done;
        current = null;
      } catch (error) {
        if (signal?.aborted) return;
        skipped.push(`${id}: ${reason(error)}`);
      }
    }
    if (skipped.length > 0) zip.append(`These tasks have no video in this archive:\n${skipped.join("\n")}\n`, { name: SKIPPED_NOTE });
    await zip.finalize();
  };
  fill().catch((error: unknown) => zip.destroy(error instanceof Error ? error : new Error("archive failed")));
  return Readable.toWeb(zip) as unknown as ReadableStream<Uint8Array>;
}
