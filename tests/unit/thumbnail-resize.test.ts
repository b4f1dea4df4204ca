import sharp from "sharp";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ApiError } from "@/lib/server/http/errors";
import { gatewayForServerTests } from "./gateway-env";

type Route = typeof import("@/app/api/tasks/[id]/thumbnail/route");
type Resize = typeof import("@/lib/server/gateway/thumbnail-resize");

const KEY = "thumb-test-key";
// Answers stay cached for minutes, so a cached media URL can expire while the cache holds it.
const POLL_MS = 600_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const gateway = gatewayForServerTests({ key: KEY, pollIntervalMs: POLL_MS });
let route: Route;
let resize: Resize;

beforeAll(async () => {
  process.env.RATE_LIMIT_PER_MINUTE = "0";
  route = await import("@/app/api/tasks/[id]/thumbnail/route");
  resize = await import("@/lib/server/gateway/thumbnail-resize");
});

beforeEach(() => {
  resize.clearResizedThumbnails();
});

const ask = (id: string, query = "") =>
  route.GET(new Request(`http://app.test/api/tasks/${id}/thumbnail${query}`), { params: Promise.resolve({ id }) } as never);

async function expectError(response: Response, status: number): Promise<string> {
  expect(response.status).toBe(status);
  const body = await response.text();
  expect(body).not.toContain(KEY);
  return body;
}

describe("GET /api/tasks/{id}/thumbnail?w=", () => {
  it("serves the thumbnail as WebP at the asked width, cacheable for long", async () => {
    const [id] = gateway.sim.addTasks([{ pendingMs: 0, processingMs: 0 }]);
    const response = await ask(id!, "?w=256");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/webp");
    expect(response.headers.get("cache-control")).toContain("max-age=31536000");
    const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
    expect(meta.format).toBe("webp");
    expect(meta.width).toBe(256);
  });

  it("never enlarges: a width beyond the original keeps the original's", async () => {
    const [id] = gateway.sim.addTasks([{ pendingMs: 0, processingMs: 0 }]);
    const task = await gateway.loader.loadTask(id!);
    const original = await sharp(Buffer.from(await (await fetch(task!.thumbnail!.url)).arrayBuffer())).metadata();
    const meta = await sharp(Buffer.from(await (await ask(id!, "?w=768")).arrayBuffer())).metadata();
    expect(meta.width).toBe(Math.min(768, original.width));
  });

  it("refuses a width outside the set with a 400, without asking the gateway", async () => {
    const [id] = gateway.sim.addTasks([{ pendingMs: 0, processingMs: 0 }]);
    for (const w of ["100", "abc", "256.0", ""]) {
      const body = await expectError(await ask(id!, `?w=${w}`), 400);
      expect(body).toContain("128, 192, 256, 320, 384, 512, 768");
    }
    expect(gateway.sim.calls.total).toBe(0);
  });

  it("answers 404 for an unknown task and for one without a thumbnail yet", async () => {
    await expectError(await ask("0e1b2c3d-0000-4000-8000-000000000000", "?w=256"), 404);
    const [running] = gateway.sim.addTasks([{ pendingMs: 60_000 }]);
    await expectError(await ask(running!, "?w=256"), 404);
  });

  it("a cache hit asks neither the gateway nor the media host", async () => {
    // The media URL expires right after the first resize: any second fetch would 403 and refresh.
    const [id] = gateway.sim.addTasks([{ pendingMs: 0, processingMs: 0, mediaTtlMs: 400 }]);
    const first = Buffer.from(await (await ask(id!, "?w=192")).arrayBuffer());
    await sleep(500);
    const before = gateway.sim.calls.total;
    const second = Buffer.from(await (await ask(id!, "?w=192")).arrayBuffer());
    expect(second.equals(first)).toBe(true);
    expect(gateway.sim.calls.total).toBe(before);
  });

  it("shares one fetch and resize between concurrent requests", async () => {
    const [id] = gateway.sim.addTasks([{ pendingMs: 0, processingMs: 0 }]);
    const [a, b] = await Promise.all([ask(id!, "?w=384"), ask(id!, "?w=384")]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(gateway.sim.calls.total).toBe(1);
  });

  it("refreshes the task once when the cached thumbnail URL has expired", async () => {
    const [id] = gateway.sim.addTasks([{ pendingMs: 0, processingMs: 0, mediaTtlMs: 400 }]);
    const cached = await gateway.loader.loadTask(id!);
    await sleep(500);
    expect((await fetch(cached!.thumbnail!.url)).status).toBe(403);
    const before = gateway.sim.calls.batch + gateway.sim.calls.single;
    const response = await ask(id!, "?w=256");
    expect(response.status).toBe(200);
    expect(gateway.sim.calls.batch + gateway.sim.calls.single).toBe(before + 1);
  });

  it("answers 502 when even the refreshed URL has expired", async () => {
    const [id] = gateway.sim.addTasks([{ pendingMs: 0, processingMs: 0, mediaTtlMs: 1 }]);
    await gateway.loader.loadTask(id!);
    await sleep(20);
    await expectError(await ask(id!, "?w=256"), 502);
  });

  it("does not keep a failure: once the task has a thumbnail, the next request serves it", async () => {
    const [id] = gateway.sim.addTasks([{ pendingMs: 0, processingMs: 200 }]);
    await expectError(await ask(id!, "?w=256"), 404);
    await sleep(300);
    // The loader keeps a running task's answer for minutes here; forget it, not the thumbnails.
    gateway.loader.resetLoader();
    expect((await ask(id!, "?w=256")).status).toBe(200);
  });

  it("keeps redirecting to the current URL when no width is given", async () => {
    const [id] = gateway.sim.addTasks([{ pendingMs: 0, processingMs: 0 }]);
    const response = await ask(id!);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toContain("/media/thumb/");
  });
});

describe("encodeThumbnail", () => {
  it("a body that is not an image is a 502 naming no key", async () => {
    const [id] = gateway.sim.addTasks([{ pendingMs: 0, processingMs: 0 }]);
    const task = await gateway.loader.loadTask(id!);
    const video = Buffer.from(await (await fetch(task!.video!.url)).arrayBuffer());
    const error = await resize.encodeThumbnail(video, 256).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(502);
  });
});

describe("readThumbnailSource", () => {
  const streamOf = (pull: (controller: ReadableStreamDefaultController<Uint8Array>) => void | Promise<void>, onCancel?: () => void) =>
    new ReadableStream<Uint8Array>({ pull, cancel: onCancel });
  const errorOf = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e as ApiError);

  it("reads a whole body", async () => {
    const parts = [Buffer.from("abc"), Buffer.from("def")];
    const bytes = await resize.readThumbnailSource(streamOf((c) => (parts.length ? c.enqueue(parts.shift()!) : c.close())));
    expect(bytes.toString()).toBe("abcdef");
  });

  it("stops at the size cap with a 502 and cancels the download", async () => {
    let cancelled = false;
    const mb = new Uint8Array(1024 * 1024);
    const error = await errorOf(resize.readThumbnailSource(streamOf((c) => c.enqueue(mb), () => (cancelled = true))));
    expect(error?.status).toBe(502);
    expect(error?.message).toContain("10 MB");
    expect(cancelled).toBe(true);
  });

  it("a download that breaks off is a 502", async () => {
    let sent = false;
    const error = await errorOf(
      resize.readThumbnailSource(
        streamOf((c) => {
          if (sent) return c.error(new Error("socket hang up"));
          sent = true;
          c.enqueue(new Uint8Array(10));
        }),
      ),
    );
    expect(error?.status).toBe(502);
    expect(error?.message).toContain("broke off");
  });

  it("a body that stalls is a 504 once the deadline passes, and the download is cancelled", async () => {
    let cancelled = false;
    const started = Date.now();
    const stalled = streamOf(() => new Promise<void>(() => {}), () => (cancelled = true));
    const error = await errorOf(resize.readThumbnailSource(stalled, 200));
    expect(error?.status).toBe(504);
    expect(cancelled).toBe(true);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
