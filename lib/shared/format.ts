import type { Task } from "./task";

/** Width over height: the requested ratio, else the media's, else 16:9 while nothing is known. */
export function aspectRatioValue(task: Task | null | undefined): number {
  const m = task?.aspectRatio ? /^\s*(\d+(?:\.\d+)?)\s*[:/x]\s*(\d+(?:\.\d+)?)\s*$/.exec(task.aspectRatio) : null;
  if (m && Number(m[1]) > 0 && Number(m[2]) > 0) return Number(m[1]) / Number(m[2]);
  const media = task?.video ?? task?.thumbnail;
  if (media?.width && media.height) return media.width / media.height;
  return 16 / 9;
}

/** CSS `aspect-ratio` of the task's own media (the player). */
export function aspectRatioOf(task: Task | null | undefined): string {
  return String(Math.round(aspectRatioValue(task) * 10_000) / 10_000);
}

/**
 * Width over height of a grid tile: the media's own size (what the thumbnail will show), else the
 * requested ratio, else 16:9 while nothing is known. Known before any image loads.
 */
export function tileRatio(task: Task | null | undefined): number {
  const media = task?.thumbnail?.width && task.thumbnail.height ? task.thumbnail : task?.video;
  if (media?.width && media.height) return media.width / media.height;
  const m = task?.aspectRatio ? /^\s*(\d+(?:\.\d+)?)\s*[:/x]\s*(\d+(?:\.\d+)?)\s*$/.exec(task.aspectRatio) : null;
  if (m && Number(m[1]) > 0 && Number(m[2]) > 0) return Number(m[1]) / Number(m[2]);
  return 16 / 9;
}

export function formatResolution(width: number | null | undefined, height: number | null | undefined): string | null {
  return width && height ? `${width}×${height}` : null;
}

/** Pixel size of the video, else of the thumbnail: "1360 × 752". */
export function taskResolution(task: Pick<Task, "video" | "thumbnail">): string | null {
  const media = task.video?.width && task.video.height ? task.video : task.thumbnail;
  if (!media?.width || !media.height) return null;
  return formatResolution(media.width, media.height);
}

/** "A cat surfing a wave at sunset…": one line for titles and unfurls. */
export function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** MIME type from the URL's extension; gateways serve mp4 unless they say otherwise. */
export function videoMimeType(url: string): string {
  try {
    return new URL(url).pathname.toLowerCase().endsWith(".webm") ? "video/webm" : "video/mp4";
  } catch {
    return "video/mp4";
  }
}

