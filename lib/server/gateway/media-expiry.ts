import type { Task } from "@/lib/shared/task";

function toMs(value: number): number {
  return value > 1e12 ? value : value * 1000;
}

/** When a presigned URL stops working (ms since epoch), from the query conventions in common use. */
export function urlExpiry(url: string): number | null {
  let params: URLSearchParams;
  try {
    params = new URL(url).searchParams;
  } catch {
    return null;
  }
  const lower = new Map<string, string>();
  params.forEach((value, key) => lower.set(key.toLowerCase(), value));

  const amzDate = lower.get("x-amz-date");
  const amzExpires = lower.get("x-amz-expires");
  if (amzDate && amzExpires) {
    const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/i.exec(amzDate);
    if (m) return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) + Number(amzExpires) * 1000;
  }
  const plain = lower.get("expires") ?? lower.get("x-goog-expires-at") ?? lower.get("exp");
  if (plain && /^\d+$/.test(plain)) return toMs(Number(plain));
  const azure = lower.get("se");
  if (azure) {
    const at = Date.parse(azure);
    if (Number.isFinite(at)) return at;
  }
  return null;
}

/** The earliest expiry among a task's media URLs, or `null` when none of them expires. */
export function taskMediaExpiry(task: Task): number | null {
  const urls = [task.thumbnail?.url, task.video?.url, task.video?.downloadUrl, task.lastFrame?.url];
  let earliest: number | null = null;
  for (const url of urls) {
    if (!url) continue;
    const at = urlExpiry(url);
    if (at !== null && (earliest === null || at < earliest)) earliest = at;
  }
  return earliest;
}
