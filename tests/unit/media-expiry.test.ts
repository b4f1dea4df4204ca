import { describe, expect, it } from "vitest";
import type { Task } from "@/lib/shared/task";
import { taskMediaExpiry, urlExpiry } from "@/lib/server/gateway/media-expiry";
import { entryTtlMs, MEDIA_REFRESH_MARGIN_MS } from "@/lib/server/gateway/task-cache";

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const HOUR = 3_600_000;

function task(state: Task["state"], urls: { thumb?: string; video?: string; download?: string } = {}): Task {
  return {
    id: "4665a07c-7641-4809-a133-10786201bb56",
    state,
    prompt: "a cat",
    aspectRatio: "16:9",
    createdAt: null,
    progress: null,
    failureReason: null, model: null, finishedAt: null,
    thumbnail: urls.thumb ? { url: urls.thumb, width: 1, height: 1 } : null,
    palette: null,
    video: urls.video ? { url: urls.video, downloadUrl: urls.download ?? "", width: 1, height: 1, duration: 5 } : null,
    lastFrame: null,
  };
}

describe("urlExpiry", () => {
  it("reads S3 presigned URLs (X-Amz-Date + X-Amz-Expires), in any case", () => {
    const url = "https://bucket.s3.amazonaws.com/v.mp4?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20260115T120000Z&X-Amz-Expires=3600&X-Amz-Signature=abc";
    expect(urlExpiry(url)).toBe(NOW + HOUR);
    expect(urlExpiry(url.toLowerCase())).toBe(NOW + HOUR);
  });

  it("reads `expires` in unix seconds and in milliseconds (CloudFront, the simulator)", () => {
    expect(urlExpiry(`https://cdn.example/v.mp4?Expires=${(NOW + HOUR) / 1000}&Signature=x`)).toBe(NOW + HOUR);
    expect(urlExpiry(`http://127.0.0.1:4010/media/video/a.mp4?expires=${NOW + HOUR}`)).toBe(NOW + HOUR);
  });

  it("reads Azure SAS `se`", () => {
    expect(urlExpiry("https://acct.blob.core.windows.net/c/v.mp4?sv=2022-11-02&se=2026-01-15T13%3A00%3A00Z&sig=x")).toBe(NOW + HOUR);
  });

  it("is null for URLs that do not expire or cannot be parsed", () => {
    expect(urlExpiry("https://cdn.example/v.mp4")).toBeNull();
    expect(urlExpiry("https://cdn.example/v.mp4?expires=soon")).toBeNull();
    expect(urlExpiry("https://x/v.mp4?X-Amz-Date=garbage&X-Amz-Expires=3600")).toBeNull();
    expect(urlExpiry("not a url")).toBeNull();
  });

  it("takes the earliest expiry among a task's media", () => {
    const t = task("completed", { thumb: `https://a/t.png?expires=${NOW + 2 * HOUR}`, video: `https://a/v.mp4?expires=${NOW + HOUR}` });
    expect(taskMediaExpiry(t)).toBe(NOW + HOUR);
    expect(taskMediaExpiry(task("completed", { video: "https://a/v.mp4" }))).toBeNull();
  });
});

describe("entryTtlMs", () => {
  it("reuses unfinished tasks and not-found answers for half the poll interval (at least 250 ms)", () => {
    expect(entryTtlMs(task("processing"), 5000, NOW)).toBe(2500);
    expect(entryTtlMs(task("pending"), 5000, NOW)).toBe(2500);
    expect(entryTtlMs(null, 5000, NOW)).toBe(2500);
    expect(entryTtlMs(null, 300, NOW)).toBe(250);
  });

  it("keeps finished tasks without expiring media for a week", () => {
    expect(entryTtlMs(task("completed", { video: "https://a/v.mp4" }), 5000, NOW)).toBe(7 * 24 * HOUR);
    expect(entryTtlMs(task("failed"), 5000, NOW)).toBe(7 * 24 * HOUR);
  });

  it("keeps finished tasks until shortly before their media URLs expire", () => {
    const t = task("completed", { video: `https://a/v.mp4?expires=${NOW + HOUR}` });
    expect(entryTtlMs(t, 5000, NOW)).toBe(HOUR - MEDIA_REFRESH_MARGIN_MS);
  });

  it("refetches soon (half an interval) when media are about to expire or already have", () => {
    expect(entryTtlMs(task("completed", { video: `https://a/v.mp4?expires=${NOW + 60_000}` }), 5000, NOW)).toBe(2500);
    expect(entryTtlMs(task("completed", { video: `https://a/v.mp4?expires=${NOW - HOUR}` }), 5000, NOW)).toBe(2500);
  });
});
