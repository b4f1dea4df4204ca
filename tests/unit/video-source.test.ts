import http from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { freePort } from "../../scripts/lib/app-process";
import { startSimulator } from "../../simulator/server";
import { ApiError } from "@/lib/server/http/errors";
import type { Simulator } from "../../simulator/server";
import { gatewayForServerTests } from "./gateway-env";

type VideoSource = typeof import("@/lib/server/gateway/video-source");

// A long poll interval keeps answers cached for minutes, so a cached media URL can expire
// while the cache still holds it: the case the one-shot refresh exists for.
const POLL_MS = 600_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const gateway = gatewayForServerTests({ key: "video-test-key", pollIntervalMs: POLL_MS });
let source: VideoSource;

beforeAll(async () => {
  source = await import("@/lib/server/gateway/video-source");
});

const inline = { purpose: "inline", range: null } as const;

describe("openTaskVideo", () => {
  it("fetches the cached URL without asking the gateway again", async () => {
    const [id] = gateway.sim.addTasks([{ pendingMs: 0, processingMs: 0 }]);
    await gateway.loader.loadTask(id!);
    const before = gateway.sim.calls.total;
    const { media } = await source.openTaskVideo(id!, inline);
    expect(media.status).toBe(200);
    await media.body?.cancel();
    expect(gateway.sim.calls.total).toBe(before);
  });

  it("refreshes the task once when the cached media URL has expired, then streams the fresh one", async () => {
    const [id] = gateway.sim.addTasks([{ pendingMs: 0, processingMs: 0, mediaTtlMs: 400 }]);
    const cached = await gateway.loader.loadTask(id!);
    await sleep(500);
    expect((await fetch(cached!.video!.url)).status).toBe(403);

    const before = gateway.sim.calls.batch;
    const { task, media } = await source.openTaskVideo(id!, inline);
    expect(media.status).toBe(200);
    expect(task.video!.url).not.toBe(cached!.video!.url);
    expect(Buffer.from(await media.arrayBuffer()).subarray(4, 8).toString()).toBe("ftyp");
    expect(gateway.sim.calls.batch).toBe(before + 1);
  });

  it("passes a Range on to the media host", async () => {
    const [id] = gateway.sim.addTasks([{ pendingMs: 0, processingMs: 0 }]);
    const { media } = await source.openTaskVideo(id!, { purpose: "inline", range: "bytes=0-9" });
    expect(media.status).toBe(206);
    expect((await media.arrayBuffer()).byteLength).toBe(10);
  });

  it("a download asks for the watermark-free file; inline playback does not", async () => {
    const [id] = gateway.sim.addTasks([{ pendingMs: 0, processingMs: 0 }]);
    await source.openTaskVideo(id!, inline).then(({ media }) => media.body?.cancel());
    expect(gateway.sim.calls.download).toBe(0);
    await source.openTaskVideo(id!, { purpose: "download", range: null }).then(({ media }) => media.body?.cancel());
    expect(gateway.sim.calls.download).toBe(1);
  });

  it("gives up with a 502 when even the refreshed URL does not load", async () => {
    // Media URLs that expire before anyone can fetch them: the refresh cannot help.
    const [id] = gateway.sim.addTasks([{ pendingMs: 0, processingMs: 0, mediaTtlMs: 1 }]);
    await sleep(5);
    const error = await source.openTaskVideo(id!, inline).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: "bad_gateway", status: 502 });
  });

  it("answers 409 while the task runs and 404 for an unknown id", async () => {
    const [id] = gateway.sim.addTasks([{ pendingMs: 0, processingMs: 3_600_000 }]);
    await expect(source.openTaskVideo(id!, inline)).rejects.toMatchObject({ status: 409 });
    await expect(source.openTaskVideo(crypto.randomUUID(), inline)).rejects.toMatchObject({ status: 404 });
  });

  it("passes a Range past the end on as 416, without treating the URL as expired", async () => {
    const [id] = gateway.sim.addTasks([{ pendingMs: 0, processingMs: 0 }]);
    await gateway.loader.loadTask(id!);
    const before = gateway.sim.calls.total;
    const { media } = await source.openTaskVideo(id!, { purpose: "inline", range: "bytes=999999999-" });
    expect(media.status).toBe(416);
    expect(gateway.sim.calls.total).toBe(before);
  });

  it("tries each media URL once: a refresh the server declines does not fetch the same URLs again", async () => {
    const [id] = gateway.sim.addTasks([{ pendingMs: 0, processingMs: 0, mediaTtlMs: 1 }]);
    await sleep(5);
    await source.openTaskVideo(id!, inline).catch(() => null); // uses this minute's refresh
    const requests = vi.spyOn(http, "request");
    try {
      await expect(source.openTaskVideo(id!, inline)).rejects.toMatchObject({ status: 502 });
      const mediaUrls = requests.mock.calls.map(([input]) => String(input)).filter((url) => url.includes("/media/"));
      expect(mediaUrls.length).toBeGreaterThan(0);
      expect(new Set(mediaUrls).size).toBe(mediaUrls.length);
    } finally {
      requests.mockRestore();
    }
  });
});

describe("openTaskVideo – media hosts (SSRF)", () => {
  // A gateway reached as 127.0.0.1 that names its media under another origin (localhost, which
  // resolves to loopback): for the server, a host on its own network that is not the gateway.
  let other: Simulator;
  let gatewayUrl: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    const port = await freePort();
    other = await startSimulator({ port, key: "ssrf-key", demo: false, host: "127.0.0.1", publicUrl: `http://localhost:${port}` });
    gatewayUrl = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await other.close();
    process.env = { ...saved };
  });
  beforeEach(() => {
    process.env.LUMA_API_BASE_URL = gatewayUrl;
    process.env.LUMA_API_KEY = other.key;
    delete process.env.MEDIA_ALLOW_PRIVATE_HOSTS;
    gateway.loader.resetLoader();
  });

  it("refuses media on a private host other than the gateway's origin: 502 with a plain message", async () => {
    const [id] = other.addTasks([{ pendingMs: 0, processingMs: 0 }]);
    const error = await source.openTaskVideo(id!, inline).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "bad_gateway", status: 502 });
    expect((error as Error).message).toMatch(/private or local network.*MEDIA_ALLOW_PRIVATE_HOSTS/);
    expect((error as Error).message).not.toContain(other.key);
    // The download route's watermark-free URL goes through the same rule.
    await expect(source.openTaskVideo(id!, { purpose: "download", range: null })).rejects.toMatchObject({ status: 502 });
  });

  it("fetches it with MEDIA_ALLOW_PRIVATE_HOSTS=1", async () => {
    process.env.MEDIA_ALLOW_PRIVATE_HOSTS = "1";
    const [id] = other.addTasks([{ pendingMs: 0, processingMs: 0 }]);
    const { media } = await source.openTaskVideo(id!, inline);
    expect(media.status).toBe(200);
    await media.body?.cancel();
  });
});
