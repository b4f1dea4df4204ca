import "server-only";
import type { Task } from "@/lib/shared/task";
import { fetchDownloadVideoUrl } from "./client";
import { openTaskMedia } from "./task-media";

export interface VideoRequest {
  /** A download prefers the gateway's watermark-free file; playing inline takes the video as shown. */
  purpose: "download" | "inline";
  /** The browser's Range header, passed on so players can seek. */
  range: string | null;
}

function candidates(video: NonNullable<Task["video"]>, purpose: VideoRequest["purpose"]): string[] {
  return [...new Set(purpose === "download" ? [video.downloadUrl, video.url] : [video.url, video.downloadUrl])];
}

/** The task's video as an upstream response (see openTaskMedia); a download tries the watermark-free file first. */
export function openTaskVideo(id: string, request: VideoRequest): Promise<{ task: Task; media: Response }> {
  return openTaskMedia(id, {
    name: "video",
    missing: "conflict",
    urls: (task) => (task.video ? candidates(task.video, request.purpose) : null),
    first: request.purpose === "download" ? () => fetchDownloadVideoUrl(id) : undefined,
    range: request.range,
  });
}
