import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSimulator, DEMO_IDS, DEMO_LIVE, type Simulator } from "../../simulator/server";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const COMPLETED = "4665a07c-7641-4809-a133-10786201bb56";
const FAILED = "8b9a0f1e-2d3c-4b5a-8f6e-7d8c9b0a1f0e";
const UNKNOWN = "00000000-0000-4000-8000-000000000000";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Width and height from a baseline or progressive JPEG's start-of-frame segment. */
function jpegSize(jpeg: Buffer): { width: number; height: number } {
  expect(jpeg.readUInt16BE(0)).toBe(0xffd8);
  for (let o = 2; o < jpeg.length; ) {
    const marker = jpeg.readUInt16BE(o);
    if (marker === 0xffc0 || marker === 0xffc2) return { height: jpeg.readUInt16BE(o + 5), width: jpeg.readUInt16BE(o + 7) };
    o += 2 + jpeg.readUInt16BE(o + 2);
  }
  throw new Error("no start-of-frame segment");
}

let sim: Simulator;
const auth = () => ({ Authorization: `Bearer ${sim.key}`, "Content-Type": "application/json", Accept: "application/json" });
const batch = (ids: string[], headers: Record<string, string> = auth(), signal?: AbortSignal) =>
  fetch(`${sim.url}/luma/tasks`, { method: "POST", headers, body: JSON.stringify({ ids }), signal });
const single = (id: string) => fetch(`${sim.url}/luma/generations/${id}`, { headers: auth() });
const control = (path: string, body?: unknown) =>
  fetch(`${sim.url}/__control/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const createTasks = async (tasks: unknown[]): Promise<string[]> => ((await (await control("tasks", { tasks })).json()) as { ids: string[] }).ids;

beforeAll(async () => { sim = await startSimulator({ port: 0 }); });
afterAll(async () => { await sim.close(); });
beforeEach(async () => { await control("reset", {}); });

describe("demo set", () => {
  it("has stable v4 ids, failures and tasks that finish soon", async () => {
    expect(DEMO_IDS.length).toBeGreaterThanOrEqual(14);
    for (const id of DEMO_IDS) expect(id).toMatch(UUID_V4);
    expect(new Set(DEMO_IDS).size).toBe(DEMO_IDS.length);
    expect(DEMO_LIVE).toHaveLength(4);
    for (const t of DEMO_LIVE) expect(t.finishesAfterMs).toBeGreaterThanOrEqual(20_000);

    const gens = (await (await batch([...DEMO_IDS])).json()) as Json[];
    expect(gens).toHaveLength(DEMO_IDS.length);
    const states = gens.map((g) => g.state as string);
    expect(states.filter((s) => s === "failed")).toHaveLength(2);
    expect(states.filter((s) => s === "pending" || s === "processing")).toHaveLength(4);
    expect(gens.some((g) => String(g.request.prompt).includes("<img src=x onerror=alert(1)>"))).toBe(true);
  });
});

describe("auth", () => {
  it("answers 401 without or with a wrong bearer key, never echoing it", async () => {
    const none = await fetch(`${sim.url}/luma/tasks`, { method: "POST", body: JSON.stringify({ ids: [COMPLETED] }) });
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ error: "unauthorized" });
    const wrong = await batch([COMPLETED], { Authorization: "Bearer sim-kez" });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain("sim-kez");
    expect((await single(COMPLETED)).status).toBe(200);
    expect((await fetch(`${sim.url}/luma/generations/${COMPLETED}`)).status).toBe(401);
  });
});

describe("batch shapes", () => {
  it("array: seed generations, unknown ids omitted, duplicates once", async () => {
    const res = await batch([COMPLETED, UNKNOWN, FAILED, COMPLETED.toUpperCase()]);
    expect(res.status).toBe(200);
    const gens = (await res.json()) as Json[];
    expect(gens.map((g) => g.id)).toEqual([COMPLETED, FAILED]);
    const [done, failed] = gens as [Json, Json];
    expect(done.state).toBe("completed");
    expect(done.request).toEqual({ prompt: "cat dance", aspect_ratio: "16:9" });
    expect(done.video).toMatchObject({ width: 1360, height: 752 });
    expect(done.video.url).toMatch(new RegExp(`^${sim.url}/media/video/${COMPLETED}\\.mp4\\?expires=\\d+$`));
    expect(done.video_raw).toMatchObject({ media_type: "video", duration: 3 });
    expect(Buffer.from(done.thumbnail.palette.grid, "base64")).toHaveLength(75);
    expect(done.last_frame.palette).toBeNull();
    expect(done.artifact.created_at).toBe("0001-01-01T00:00:00Z");
    expect(done.artifact.thumbnail).toEqual(done.thumbnail);
    expect(done.failure_reason).toBeNull();
    expect(failed).toMatchObject({ state: "failed", failure_reason: "Prompt flagged by content moderation", video: null, thumbnail: null });
  });

  it("array: some completed tasks have an empty download_url", async () => {
    const gens = (await (await batch([...DEMO_IDS])).json()) as Json[];
    expect(gens.some((g) => g.state === "completed" && g.video.download_url === "")).toBe(true);
  });

  it("envelope: seed 002 items with status, times and progress", async () => {
    await control("shape", { shape: "envelope" });
    const [pendingId, runningId] = await createTasks([
      { pendingMs: 60_000, processingMs: 60_000 },
      { createdAt: Date.now() - 30_000, pendingMs: 0, processingMs: 60_000 },
    ]);
    const body = (await (await batch([COMPLETED, FAILED, pendingId!, runningId!, UNKNOWN])).json()) as Json;
    expect(body.code).toBe("success");
    expect(body.message).toBe("");
    const items = body.data as Json[];
    expect(items.map((i) => i.task_id)).toEqual([COMPLETED, FAILED, pendingId, runningId]);
    const [done, failed, pending, running] = items as [Json, Json, Json, Json];
    expect(done).toMatchObject({ platform: "luma", action: "LUMA_VIDEO", status: "SUCCESS", progress: "100%", fail_reason: "" });
    expect(typeof done.id).toBe("number");
    expect(done.finish_time).toBeGreaterThan(done.start_time);
    expect(done.data.state).toBe("completed");
    expect(done.data.thumbnail.palette.grid).toBeTypeOf("string");
    expect(failed).toMatchObject({ status: "FAILURE", fail_reason: "Prompt flagged by content moderation" });
    expect(pending).toMatchObject({ status: "NOT_START", data: null, start_time: 0, finish_time: 0, progress: "0%" });
    expect(running).toMatchObject({ status: "IN_PROGRESS", finish_time: 0 });
    expect(running.data).toMatchObject({ id: runningId, state: "processing", video: null });
    const pct = Number(String(running.progress).replace("%", ""));
    expect(pct).toBeGreaterThanOrEqual(45);
    expect(pct).toBeLessThanOrEqual(55);
  });

  it("official: Luma API objects", async () => {
    await control("shape", { shape: "official" });
    const [queued] = await createTasks([{ pendingMs: 60_000 }]);
    const gens = (await (await batch([COMPLETED, FAILED, queued!])).json()) as Json[];
    const [done, failed, q] = gens as [Json, Json, Json];
    expect(done).toMatchObject({ id: COMPLETED, generation_type: "video", state: "completed", model: "ray-2", failure_reason: null });
    expect(done.assets.video).toMatch(/\/media\/video\/.+\.mp4\?expires=/);
    expect(done.assets.image).toMatch(/\/media\/thumb\//);
    expect(done.request).toMatchObject({ prompt: "cat dance", aspect_ratio: "16:9" });
    expect(failed).toMatchObject({ state: "failed", failure_reason: "Prompt flagged by content moderation" });
    expect(q.state).toBe("queued");
    const one = (await (await single(COMPLETED)).json()) as Json;
    expect(one.generation_type).toBe("video");
  });

  it("rejects a body without ids", async () => {
    const notJson = await fetch(`${sim.url}/luma/tasks`, { method: "POST", headers: auth(), body: "ids=1" });
    expect(notJson.status).toBe(400);
    expect(notJson.headers.get("content-type")).toContain("application/json");
    const noIds = await fetch(`${sim.url}/luma/tasks`, { method: "POST", headers: auth(), body: JSON.stringify({ model: "x" }) });
    expect(noIds.status).toBe(400);
  });

  it("can pretend there is no batch route", async () => {
    const other = await startSimulator({ port: 0, noBatchRoute: true, demo: false });
    try {
      const res = await fetch(`${other.url}/luma/tasks`, { method: "POST", headers: { Authorization: "Bearer sim-key" }, body: '{"ids":[]}' });
      expect(res.status).toBe(404);
      expect(other.demoIds).toHaveLength(0);
    } finally {
      await other.close();
    }
  });
});

describe("time", () => {
  it("moves a task pending → processing → completed", async () => {
    const [id] = await createTasks([{ pendingMs: 250, processingMs: 250 }]);
    const state = async () => ((await (await single(id!)).json()) as Json).state as string;
    expect(await state()).toBe("pending");
    await sleep(350);
    expect(await state()).toBe("processing");
    await sleep(300);
    const done = (await (await single(id!)).json()) as Json;
    expect(done.state).toBe("completed");
    expect(done.video.url).toContain(id);
  });

  it("reports linear progress with an injected clock", async () => {
    let t = 1_700_000_000_000;
    const clocked = await startSimulator({ port: 0, demo: false, shape: "envelope", now: () => t });
    try {
      const [id] = clocked.addTasks([{ pendingMs: 1000, processingMs: 10_000, outcome: "failed", failureReason: "boom" }]);
      const item = async () => ((await (await fetch(`${clocked.url}/luma/tasks`, {
        method: "POST", headers: { Authorization: "Bearer sim-key" }, body: JSON.stringify({ ids: [id] }),
      })).json()) as Json).data[0] as Json;
      t += 600;
      expect(await item()).toMatchObject({ status: "SUBMITTED", progress: "0%" });
      t += 400 + 4500;
      expect(await item()).toMatchObject({ status: "IN_PROGRESS", progress: "45%" });
      t += 6000;
      expect(await item()).toMatchObject({ status: "FAILURE", fail_reason: "boom", progress: "100%" });
    } finally {
      await clocked.close();
    }
  });

  it("creates a thousand tasks at once", async () => {
    const ids = await createTasks(Array.from({ length: 1000 }, () => ({})));
    expect(ids).toHaveLength(1000);
    for (const id of ids.slice(0, 5)) expect(id).toMatch(UUID_V4);
    const gens = (await (await batch(ids.slice(0, 50))).json()) as Json[];
    expect(gens).toHaveLength(50);
  });
});

describe("single task", () => {
  it("answers the generation or 404", async () => {
    const res = await single(COMPLETED);
    expect(res.status).toBe(200);
    expect(((await res.json()) as Json).id).toBe(COMPLETED);
    expect((await single(UNKNOWN)).status).toBe(404);
  });

  it("serves download_video_url only once completed", async () => {
    const ok = await fetch(`${sim.url}/luma/generations/${COMPLETED}/download_video_url`, { headers: auth() });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as Json).url).toMatch(/\/media\/video\//);
    const [pending] = await createTasks([{ pendingMs: 60_000 }]);
    expect((await fetch(`${sim.url}/luma/generations/${pending}/download_video_url`, { headers: auth() })).status).toBe(404);
  });
});

describe("faults", () => {
  it("429 with Retry-After, for a limited count", async () => {
    await control("fault", { mode: "429", count: 2, retryAfter: 3 });
    for (let i = 0; i < 2; i++) {
      const res = await batch([COMPLETED]);
      expect(res.status).toBe(429);
      expect(res.headers.get("retry-after")).toBe("3");
    }
    expect((await batch([COMPLETED])).status).toBe(200);
  });

  it("500, 401, html, malformed and unexpected until cleared", async () => {
    await control("fault", { mode: "500" });
    expect((await batch([COMPLETED])).status).toBe(500);
    expect((await batch([COMPLETED])).status).toBe(500);

    await control("fault", { mode: "401" });
    expect((await batch([COMPLETED])).status).toBe(401);

    await control("fault", { mode: "html" });
    const html = await batch([COMPLETED]);
    expect(html.status).toBe(502);
    expect(html.headers.get("content-type")).toContain("text/html");
    expect(await html.text()).toContain("<html>");

    await control("fault", { mode: "malformed" });
    const bad = await single(COMPLETED);
    expect(bad.status).toBe(200);
    await expect(bad.json()).rejects.toThrow();

    await control("fault", { mode: "unexpected" });
    expect(await (await batch([COMPLETED])).json()).toEqual({ foo: 1 });

    await control("fault", { mode: "none" });
    expect((await batch([COMPLETED])).status).toBe(200);
  });

  it("hang never answers, but close() still returns", async () => {
    await control("fault", { mode: "hang", count: 1 });
    const started = Date.now();
    await expect(batch([COMPLETED], auth(), AbortSignal.timeout(300))).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await batch([COMPLETED])).status).toBe(200);

    const other = await startSimulator({ port: 0, demo: false });
    other.setFault({ mode: "hang" });
    const pending = fetch(`${other.url}/luma/tasks`, { method: "POST", body: '{"ids":[]}' }).catch(() => "aborted");
    await sleep(100);
    const t0 = Date.now();
    await other.close();
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(await pending).toBe("aborted");
  });

  it("does not touch media or control routes", async () => {
    await control("fault", { mode: "500" });
    expect((await control("health")).status).toBe(200);
    const gen = sim.getTask(COMPLETED);
    expect(gen).toBeDefined();
    expect((await fetch(`${sim.url}/media/thumb/${COMPLETED}.jpg`)).status).toBe(200);
  });
});

describe("call counter", () => {
  it("counts upstream calls by route and resets", async () => {
    await batch([COMPLETED, FAILED]);
    await batch([COMPLETED]);
    await single(COMPLETED);
    await fetch(`${sim.url}/media/thumb/${COMPLETED}.png`);
    const calls = (await (await control("calls")).json()) as Json;
    expect(calls).toMatchObject({ batch: 2, single: 1, total: 3 });
    expect(calls.log[0]).toMatchObject({ route: "batch", ids: [COMPLETED, FAILED] });
    expect(calls.log[0].at).toBeTypeOf("number");
    expect(sim.calls.total).toBe(3);
    await control("calls/reset", {});
    expect(await (await control("calls")).json()).toMatchObject({ batch: 0, single: 0, total: 0, log: [] });
  });
});

describe("media", () => {
  const completedUrls = async (id: string) => ((await (await single(id)).json()) as Json);

  it("serves the video with Range support", async () => {
    const gen = await completedUrls(COMPLETED);
    const full = await fetch(gen.video.url);
    expect(full.status).toBe(200);
    expect(full.headers.get("content-type")).toBe("video/mp4");
    expect(full.headers.get("accept-ranges")).toBe("bytes");
    const size = (await full.arrayBuffer()).byteLength;
    expect(size).toBeGreaterThan(1000);

    const part = await fetch(gen.video.url, { headers: { Range: "bytes=0-99" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 0-99/${size}`);
    const bytes = new Uint8Array(await part.arrayBuffer());
    expect(bytes).toHaveLength(100);
    expect(Buffer.from(bytes.subarray(4, 8)).toString("latin1")).toBe("ftyp");

    const tail = await fetch(gen.video.url, { headers: { Range: "bytes=-10" } });
    expect(tail.status).toBe(206);
    expect((await tail.arrayBuffer()).byteLength).toBe(10);
    expect((await fetch(gen.video.url, { headers: { Range: `bytes=${size}-` } })).status).toBe(416);
  });

  it("serves JPEG thumbnails and last frames of the task's ratio with caching headers", async () => {
    const gen = await completedUrls(COMPLETED);
    const frames: Buffer[] = [];
    for (const url of [gen.thumbnail.url, gen.last_frame.url] as string[]) {
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/jpeg");
      expect(res.headers.get("cache-control")).toBe("public, max-age=3600");
      const jpeg = Buffer.from(await res.arrayBuffer());
      const { width, height } = jpegSize(jpeg);
      expect(width / height).toBeCloseTo(16 / 9, 1);
      frames.push(jpeg);
    }
    expect(frames[0]!.equals(frames[1]!)).toBe(false);
    expect((await fetch(`${sim.url}/media/thumb/${UNKNOWN}.jpg`)).status).toBe(404);
    expect((await fetch(gen.thumbnail.url.replace(".jpg", ".png"))).status).toBe(404);
  });

  it("presigned URLs expire with 403 and a re-fetch gives fresh ones", async () => {
    const [id] = await createTasks([{ mediaTtlMs: 300 }]);
    const first = await completedUrls(id!);
    expect((await fetch(first.thumbnail.url)).status).toBe(200);
    await sleep(400);
    expect((await fetch(first.thumbnail.url)).status).toBe(403);
    expect((await fetch(first.video.url)).status).toBe(403);
    const fresh = await completedUrls(id!);
    expect(fresh.video.url).not.toBe(first.video.url);
    expect((await fetch(fresh.video.url)).status).toBe(200);
  });

  it("delays the thumbnail when asked", async () => {
    const [id] = await createTasks([{ thumbDelayMs: 400 }]);
    const gen = await completedUrls(id!);
    const t0 = Date.now();
    const res = await fetch(gen.thumbnail.url);
    await res.arrayBuffer();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(380);
    const t1 = Date.now();
    await (await fetch(gen.last_frame.url)).arrayBuffer();
    expect(Date.now() - t1).toBeLessThan(300);
  });

  it("has no video before completion", async () => {
    const [id] = await createTasks([{ pendingMs: 60_000 }]);
    expect((await fetch(`${sim.url}/media/video/${id}.mp4`)).status).toBe(404);
  });
});

describe("control", () => {
  it("validates input and resets non-demo tasks and shape", async () => {
    expect((await control("fault", { mode: "teapot" })).status).toBe(400);
    expect((await control("tasks", { tasks: [{ aspectRatio: "wide" }] })).status).toBe(400);
    expect((await control("shape", { shape: "xml" })).status).toBe(400);
    const [id] = await createTasks([{ id: "ABCDEF01-2345-4678-9ABC-DEF012345678", aspectRatio: "9:16" }]);
    expect(id).toBe("abcdef01-2345-4678-9abc-def012345678");
    expect(((await (await single(id!)).json()) as Json).video).toMatchObject({ width: 752, height: 1360 });
    await control("shape", { shape: "envelope" });
    await control("reset", {});
    expect((await single(id!)).status).toBe(404);
    expect(Array.isArray(await (await batch([COMPLETED])).json())).toBe(true);
  });
});
