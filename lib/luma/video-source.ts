import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { Task } from "@/lib/tasks/task";
import { fetchDownloadVideoUrl } from "./client";
import { loadTask } from "./loader";

const MEDIA_TIMEOUT_MS = 15_000;

async function open(url: string): Promise<Response | null> {
  try {
    // No Authorization header: media lives on a CDN and must never see the gateway key.
    const response = await fetch(url, { redirect: "follow", signal: AbortSignal.timeout(MEDIA_TIMEOUT_MS), cache: "no-store" });
    if (response.ok && response.body) return response;
    await response.body?.cancel();
    return null;
  } catch {
    return null;
  }
}

/**
 * The task's video as an upstream response. Only URLs the gateway gave for this task are fetched;
 * an expired presigned URL gets one refresh of the task before giving up.
 */
export async function openTaskVideo(id: string): Promise<{ task: Task; media: Response }> {
  const task = await loadTask(id);
  if (!task) throw new ApiError("not_found", `No task ${id} at the gateway.`);
  if (!task.video) throw new ApiError("conflict", `Task ${id} has no video yet (it is ${task.state}).`);

  const watermarkFree = await fetchDownloadVideoUrl(id);
  const candidates = [watermarkFree, task.video.downloadUrl, task.video.url].filter((u): u is string => !!u);
  for (const url of new Set(candidates)) {
    const media = await open(url);
    if (media) return { task, media };
  }
  const refreshed = await loadTask(id, { refresh: true });
  if (refreshed?.video) {
    for (const url of new Set([refreshed.video.downloadUrl, refreshed.video.url])) {
      const media = await open(url);
      if (media) return { task: refreshed, media };
    }
  }
  throw new ApiError("bad_gateway", "The video could not be fetched from the media host. Try again in a minute.");
}
