import { ApiError } from "./errors";

export function bodyTimedOut(ms: number): ApiError {
  return new ApiError("request_timeout", `The request body did not arrive within ${Math.round(ms / 1000)} s. Send it again, all at once.`);
}

/**
 * Reads a stream to its end, unless `ms` pass first (then it is cancelled). `false` when late.
 * `onChunk` may throw to stop early (a size cap); the stream is cancelled then too.
 */
export async function drainWithin(stream: ReadableStream<Uint8Array>, ms: number, onChunk: (chunk: Uint8Array) => void = () => {}): Promise<boolean> {
  const reader = stream.getReader();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), ms);
  });
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), deadline]);
      if (next === "late") {
        reader.cancel().catch(() => {});
        return false;
      }
      if (next.done) return true;
      try {
        onChunk(next.value);
      } catch (error) {
        reader.cancel().catch(() => {});
        throw error;
      }
    }
  } finally {
    clearTimeout(timer);
  }
}
