import "server-only";
import { ApiError } from "@/lib/server/http/errors";
import type { Task } from "@/lib/shared/task";
import { fetchDownloadVideoUrl } from "./client";
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

export interface VideoRequest {
  /** A download prefers the gateway's watermark-free file; playing inline takes the video as shown. */
  purpose: "download" | "inline";
  /** The browser's Range header, passed on so players can seek. */
  range: string | null;
}

function candidates(video: NonNullable<Task["video"]>, purpose: VideoRequest["purpose"]): string[] {
  return [...new Set(purpose === "download" ? [video.downloadUrl, video.url] : [video.url, video.downloadUrl])];
}

/**
 * The task's video as an upstream response. Only URLs the gateway gave for this task are fetched;
 * an expired presigned URL gets one refresh of the task before giving up.
 */
export async function openTaskVideo(id: string, request: VideoRequest): Promise<{ task: Task; media: Response }> {
  const task = await loadTask(id);
  if (!task) throw new ApiError("not_found", `No task ${id} at the gateway.`);
  if (!task.video) throw new ApiError("conflict", `Task ${id} has no video yet (it is ${task.state}).`);

  // Each URL is tried once: a refresh the server declines (one a minute per task) hands back the
  // same URLs, and a hanging media host would otherwise cost its 15 s timeout twice.
  const tried = new Set<string>();
  const policy = currentMediaPolicy();
  let refusal: MediaRefusedError | null = null;
  const firstThatOpens = async (urls: readonly (string | null)[]): Promise<Response | null> => {
    for (const url of urls) {
      if (!url || tried.has(url)) continue;
      tried.add(url);
      const media = await open(url, request.range, policy);
      if (media instanceof MediaRefusedError) refusal = media;
      else if (media) return media;
    }
    return null;
  };

  const watermarkFree = request.purpose === "download" ? await fetchDownloadVideoUrl(id) : null;
  const media = await firstThatOpens([watermarkFree, ...candidates(task.video, request.purpose)]);
  if (media) return { task, media };
  const refreshed = await loadTask(id, { refresh: true });
  if (refreshed?.video) {
    const fresh = await firstThatOpens(candidates(refreshed.video, request.purpose));
    if (fresh) return { task: refreshed, media: fresh };
  }
  if (refusal) throw new ApiError("bad_gateway", `The video was not fetched: ${(refusal as MediaRefusedError).message}`);
  throw new ApiError("bad_gateway", "The video could not be fetched from the media host. Try again in a minute.");
}
