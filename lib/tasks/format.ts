import type { Task } from "./task";

// Display helpers shared by the server (metadata) and the browser (task view); pure and
// deterministic (UTC), so the server's HTML and the browser's first render agree.

export function formatDuration(seconds: number | null | undefined): string | null {
  if (seconds == null || !Number.isFinite(seconds) || seconds <= 0) return null;
  if (seconds < 60) return `${Math.round(seconds * 10) / 10} s`;
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return `${m} min ${s} s`;
}

/** Pixel size of the video, else of the thumbnail: "1360 × 752". */
export function formatResolution(task: Pick<Task, "video" | "thumbnail">): string | null {
  const media = task.video?.width && task.video.height ? task.video : task.thumbnail;
  if (!media?.width || !media.height) return null;
  return `${media.width} × ${media.height}`;
}

const UTC_FORMAT = new Intl.DateTimeFormat("en-GB", {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});

export function formatCreatedAt(iso: string | null | undefined): string | null {
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return `${UTC_FORMAT.format(date)} UTC`;
}

/** "A cat surfing a wave at sunset…": one line for titles and unfurls. */
export function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

export const STATE_LABEL: Record<Task["state"], string> = {
  pending: "Queued",
  processing: "Generating",
  completed: "Completed",
  failed: "Failed",
};

/** MIME type from the URL's extension; gateways serve mp4 unless they say otherwise. */
export function videoMimeType(url: string): string {
  try {
    return new URL(url).pathname.toLowerCase().endsWith(".webm") ? "video/webm" : "video/mp4";
  } catch {
    return "video/mp4";
  }
}
