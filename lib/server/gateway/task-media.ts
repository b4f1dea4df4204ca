import "server-only";
import { ApiError, type ErrorCode } from "@/lib/server/http/errors";
import type { Task } from "@/lib/shared/task";
import { currentMediaPolicy, fetchMedia, MediaRefusedError, type MediaPolicy } from "./media-fetch";
import { loadTask } from "./loader";

/** How long the media host may take to start answering; the body itself may take as long as it needs. */
const MEDIA_HEADERS_TIMEOUT_MS = 15_000;

/** The media response, `null` when the URL did not load, or the refusal when the policy forbids it. */
async function open(url: string, range: string | null, policy: MediaPolicy): Promise<Response | MediaRefusedError | null> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), MEDIA_HEADERS_TIMEOUT_MS);
  try {
    const response = await fetchMedia(url, { range, signal: controller.signal }, policy);
    if ((response.ok || response.status === 206) && response.body) return response;
    // A Range past the end is the player's mistake, not a dead URL: pass the 416 on.
    if (response.status === 416 && range) return response;
    await response.body?.cancel();
    return null;
  } catch (error) {
    return error instanceof MediaRefusedError ? error : null;
  } finally {
    clearTimeout(timer);
  }
}

export interface TaskMedia {
  /** What it is, for messages: "video", "thumbnail". */
  name: string;
  /** The task's URLs for it, in the order to try; `null` while the task has none (answered with `missing`). */
  urls: (task: Task) => readonly (string | null)[] | null;
  missing: ErrorCode;
  /** A URL to try before the task's own (the gateway's watermark-free download), asked only once the task has the media. */
  first?: () => Promise<string | null>;
  /** The browser's Range header, passed on so players can seek. */
  range?: string | null;
}

/**
 * One of a task's media as an upstream response. Only URLs the gateway gave for this task are
 * fetched; an expired presigned URL gets one refresh of the task before giving up.
 */
export async function openTaskMedia(id: string, wanted: TaskMedia): Promise<{ task: Task; media: Response }> {
  const task = await loadTask(id);
  if (!task) throw new ApiError("not_found", `No task ${id} at the gateway.`);
  const urls = wanted.urls(task);
  if (!urls) throw new ApiError(wanted.missing, `Task ${id} has no ${wanted.name} yet (it is ${task.state}).`);

  // Each URL is tried once: a refresh the server declines (one a minute per task) hands back the
  // same URLs, and a hanging media host would otherwise cost its 15 s timeout twice.
  const tried = new Set<string>();
  const policy = currentMediaPolicy();
  let refusal: MediaRefusedError | null = null;
  const firstThatOpens = async (candidates: readonly (string | null)[]): Promise<Response | null> => {
    for (const url of candidates) {
      if (!url || tried.has(url)) continue;
      tried.add(url);
      const media = await open(url, wanted.range ?? null, policy);
      if (media instanceof MediaRefusedError) refusal = media;
      else if (media) return media;
    }
    return null;
  };

  const media = await firstThatOpens([(await wanted.first?.()) ?? null, ...urls]);
  if (media) return { task, media };
  const refreshed = await loadTask(id, { refresh: true });
  const fresh = refreshed ? await firstThatOpens(wanted.urls(refreshed) ?? []) : null;
  if (refreshed && fresh) return { task: refreshed, media: fresh };
  if (refusal) throw new ApiError("bad_gateway", `The ${wanted.name} was not fetched: ${(refusal as MediaRefusedError).message}`);
  throw new ApiError("bad_gateway", `The ${wanted.name} could not be fetched from the media host. Try again in a minute.`);
}
