import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ApiError } from "@/lib/server/http/errors";
import type { Simulator } from "../../simulator/server";
import { startGatewayForServer } from "./gateway-env";

type Route = typeof import("@/app/api/tasks/[id]/thumbnail/route");
type Resize = typeof import("@/lib/server/gateway/thumbnail-resize");
type Loader = typeof import("@/lib/server/gateway/loader");

const KEY = "thumb-test-key";
// Answers stay cached for minutes, so a cached media URL can expire while the cache holds it.
const POLL_MS = 600_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let sim: Simulator;
let route: Route;
let resize: Resize;
let loader: Loader;

beforeAll(async () => {
  sim = await startGatewayForServer({ key: KEY, pollIntervalMs: POLL_MS });
  process.env.RATE_LIMIT_PER_MINUTE = "0";
  route = await import("@/app/api/tasks/[id]/thumbnail/route");
  resize = await import("@/lib/server/gateway/thumbnail-resize");
  loader = await import("@/lib/server/gateway/loader");
});

afterAll(async () => {
  await sim.close();
});

beforeEach(() => {
  sim.reset();
  loader.resetLoader();
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
    const [id] = sim.addTasks([{ pendingMs: 0, processingMs: 0 }]);
    const response = await ask(id!, "?w=256");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/webp");
    expect(response.headers.get("cache-control")).toContain("max-age=31536000");
    const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
    expect(meta.format).toBe("webp");
    expect(meta.width).toBe(256);
  });

  it("never enlarges: a width beyond the original keeps the original's", async () => {
    const [id] = sim.addTasks([{ pendingMs: 0, processingMs: 0 }]);
    const task = await loader.loadTask(id!);
    const original = await sharp(Buffer.from(await (await fetch(task!.thumbnail!.url)).arrayBuffer())).metadata();
    const meta = await sharp(Buffer.from(await (await ask(id!, "?w=768")).arrayBuffer())).metadata();
    expect(meta.width).toBe(Math.min(768, original.width));
  });

  it("refuses a width outside the set with a 400, without asking the gateway", async () => {
    const [id] = sim.addTasks([{ pendingMs: 0, processingMs: 0 }]);
    for (const w of ["100", "abc", "256.0", ""]) {
      const body = await expectError(await ask(id!, `?w=${w}`), 400);
      expect(body).toContain("192, 256, 384, 512, 768");
    }
    expect(sim.calls.total).toBe(0);
  });

  it("answers 404 for an unknown task and for one without a thumbnail yet", async () => {
    await expectError(await ask("0e1b2c3d-0000-4000-8000-000000000000", "?w=256"), 404);
    const [running] = sim.addTasks([{ pendingMs: 60_000 }]);
    await expectError(await ask(running!, "?w=256"), 404);
  });

  it("a cache hit asks neither the gateway nor the media host", async () => {
    // The media URL expires right after the first resize: any second fetch would 403 and refresh.
    const [id] = sim.addTasks([{ pendingMs: 0, processingMs: 0, mediaTtlMs: 400 }]);
    const first = Buffer.from(await (await ask(id!, "?w=192")).arrayBuffer());
    await sleep(500);
    const before = sim.calls.total;
    const second = Buffer.from(await (await ask(id!, "?w=192")).arrayBuffer());
    expect(second.equals(first)).toBe(true);
    expect(sim.calls.total).toBe(before);
  });

  it("shares one fetch and resize between concurrent requests", async () => {
    const [id] = sim.addTasks([{ pendingMs: 0, processingMs: 0 }]);
    const [a, b] = await Promise.all([ask(id!, "?w=384"), ask(id!, "?w=384")]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(sim.calls.total).toBe(1);
  });

  it("refreshes the task once when the cached thumbnail URL has expired", async () => {
    const [id] = sim.addTasks([{ pendingMs: 0, processingMs: 0, mediaTtlMs: 400 }]);
    const cached = await loader.loadTask(id!);
    await sleep(500);
    expect((await fetch(cached!.thumbnail!.url)).status).toBe(403);
    const before = sim.calls.batch + sim.calls.single;
    const response = await ask(id!, "?w=256");
    expect(response.status).toBe(200);
    expect(sim.calls.batch + sim.calls.single).toBe(before + 1);
  });

  it("answers 502 when even the refreshed URL has expired", async () => {
    const [id] = sim.addTasks([{ pendingMs: 0, processingMs: 0, mediaTtlMs: 1 }]);
    await loader.loadTask(id!);
    await sleep(20);
    await expectError(await ask(id!, "?w=256"), 502);
  });

  it("keeps redirecting to the current URL when no width is given", async () => {
    const [id] = sim.addTasks([{ pendingMs: 0, processingMs: 0 }]);
    const response = await ask(id!);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toContain("/media/thumb/");
  });
});

describe("encodeThumbnail", () => {
  it("a body that is not an image is a 502 naming no key", async () => {
    const [id] = sim.addTasks([{ pendingMs: 0, processingMs: 0 }]);
    const task = await loader.loadTask(id!);
    const video = Buffer.from(await (await fetch(task!.video!.url)).arrayBuffer());
    const error = await resize.encodeThumbnail(video, 256).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(502);
  });
});
