import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CLIPS, MEDIA_DIR } from "../../simulator/clips";
import { startSimulator, DEMO_IDS, type Simulator } from "../../simulator/server";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const OFFICIAL_STATES = new Set(["queued", "dreaming", "completed", "failed"]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let sim: Simulator;
const auth = () => ({ Authorization: `Bearer ${sim.key}`, Accept: "application/json" });
const list = (query: string, headers: Record<string, string> = auth()) => fetch(`${sim.url}/dream-machine/v1/generations${query}`, { headers });
const getOne = (id: string) => fetch(`${sim.url}/dream-machine/v1/generations/${id}`, { headers: auth() });

beforeAll(async () => { sim = await startSimulator({ port: 0 }); });
afterAll(async () => { await sim.close(); });
afterEach(() => { sim.reset(); });

describe("official API: the account", () => {
  it("lists a few hundred generations newest first, paged, the same on every start", async () => {
    const first = (await (await list("?limit=100&offset=0")).json()) as Json;
    expect(first).toMatchObject({ has_more: true, count: 100, limit: 100, offset: 0 });
    const all: Json[] = [...first.generations];
    for (let offset = 100; ; offset += 100) {
      const page = (await (await list(`?limit=100&offset=${offset}`)).json()) as Json;
      all.push(...page.generations);
      if (!page.has_more) {
        expect(page.count).toBe(page.generations.length);
        break;
      }
    }
    expect(all.length).toBe(300 + DEMO_IDS.length);
    expect(new Set(all.map((g) => g.id)).size).toBe(all.length);
    const times = all.map((g) => Date.parse(g.created_at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    for (const g of all) {
      expect(OFFICIAL_STATES.has(g.state)).toBe(true);
      expect(g).toMatchObject({ generation_type: "video", model: "ray-2" });
      expect(g.request).toMatchObject({ resolution: "720p", duration: "3s", model: "ray-2" });
      expect(typeof g.request.prompt).toBe("string");
    }
    const done = all.find((g) => g.state === "completed")!;
    expect(done.assets.video).toMatch(/\/media\/video\/.+\.mp4\?expires=/);
    expect(done.assets.image).toMatch(/\/media\/thumb\/.+\.jpg\?expires=/);
    expect(all.filter((g) => g.state === "failed").every((g) => typeof g.failure_reason === "string")).toBe(true);

    const again = await startSimulator({ port: 0 });
    try {
      const res = await fetch(`${again.url}/dream-machine/v1/generations?limit=50&offset=20`, { headers: { Authorization: "Bearer sim-key" } });
      const page = (await res.json()) as Json;
      expect(page.generations.map((g: Json) => g.id)).toEqual(all.slice(20, 70).map((g) => g.id));
    } finally {
      await again.close();
    }
  });

  it("defaults to 100 and rejects an odd limit or offset with a detail", async () => {
    expect(((await (await list("")).json()) as Json).limit).toBe(100);
    for (const query of ["?limit=0", "?limit=abc", "?limit=5000", "?offset=-1"]) {
      const res = await list(query);
      expect(res.status).toBe(422);
      expect(typeof ((await res.json()) as Json).detail).toBe("string");
    }
    const past = (await (await list("?offset=100000")).json()) as Json;
    expect(past).toMatchObject({ generations: [], has_more: false, count: 0 });
  });

  it("checks the bearer key with a detail, never echoing it", async () => {
    const res = await list("", { Authorization: "Bearer wrong-key-123" });
    expect(res.status).toBe(401);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ detail: "Invalid API key" });
    expect(text).not.toContain("wrong-key-123");
    expect((await fetch(`${sim.url}/dream-machine/v1/generations/${DEMO_IDS[4]}`)).status).toBe(401);
  });
});

describe("official API: one generation", () => {
  it("answers the official object or 404 with a detail", async () => {
    const res = await getOne(DEMO_IDS[4]!.toUpperCase());
    expect(res.status).toBe(200);
    const g = (await res.json()) as Json;
    expect(g).toMatchObject({ id: DEMO_IDS[4], state: "completed", request: { prompt: "cat dance", aspect_ratio: "16:9" } });
    expect(Object.keys(g.assets).sort()).toEqual(["image", "progress_video", "video"]);
    const missing = await getOne("00000000-0000-4000-8000-000000000000");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ detail: "Generation not found" });
    expect(sim.calls.single).toBe(2);
  });

  it("moves queued → dreaming → completed", async () => {
    const [id] = sim.addTasks([{ pendingMs: 200, processingMs: 200 }]);
    const state = async () => ((await (await getOne(id!)).json()) as Json).state as string;
    expect(await state()).toBe("queued");
    await sleep(280);
    expect(await state()).toBe("dreaming");
    await sleep(250);
    expect(await state()).toBe("completed");
  });

  it("suffers the same faults, with details and Retry-After", async () => {
    sim.setFault({ mode: "429", count: 1, retryAfter: 2 });
    const limited = await list("");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("2");
    expect(((await limited.json()) as Json).detail).toBeTypeOf("string");

    sim.setFault({ mode: "500", count: 1 });
    expect((await getOne(DEMO_IDS[4]!)).status).toBe(500);
    sim.setFault({ mode: "html", count: 1 });
    expect(await (await list("")).text()).toContain("<html>");
    sim.setFault({ mode: "malformed", count: 1 });
    await expect((await getOne(DEMO_IDS[4]!)).json()).rejects.toThrow();
    sim.setFault({ mode: "hang", count: 1 });
    await expect(fetch(`${sim.url}/dream-machine/v1/generations`, { headers: auth(), signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect(sim.calls.list).toBeGreaterThanOrEqual(3);
  }, 10_000);
});

describe("demo media", () => {
  it("commits several distinct small clips in several ratios, each with its palette", () => {
    expect(CLIPS.length).toBeGreaterThanOrEqual(6);
    for (const ratio of ["16:9", "9:16", "1:1", "4:3"]) expect(CLIPS.some((c) => c.aspectRatio === ratio)).toBe(true);
    let total = 0;
    const videos = new Set<string>();
    for (const clip of CLIPS) {
      expect(Buffer.from(clip.palette, "base64")).toHaveLength(75);
      const [w, h] = clip.aspectRatio.split(":").map(Number) as [number, number];
      expect(clip.width / clip.height).toBeCloseTo(w / h, 1);
      for (const ext of ["mp4", "webm", "thumb.jpg", "last.jpg"]) total += readFileSync(join(MEDIA_DIR, `${clip.name}.${ext}`)).length;
      videos.add(readFileSync(join(MEDIA_DIR, `${clip.name}.mp4`)).toString("base64"));
    }
    expect(videos.size).toBe(CLIPS.length);
    expect(total).toBeLessThan(2 * 1024 * 1024);
  });

  it("gives the demo's tasks clips of their own ratio, hardly any twice", () => {
    const clips = DEMO_IDS.map((id) => sim.getTask(id)!).map((t) => ({ ratio: t.aspectRatio, clip: t.clip }));
    for (const { ratio, clip } of clips) expect(clip.aspectRatio).toBe(ratio);
    expect(new Set(clips.map((c) => c.clip.name)).size).toBeGreaterThanOrEqual(CLIPS.length - 1);
  });

  it("hands each task the video, frames and palette of one clip of its ratio", async () => {
    const ids = sim.addTasks(["9:16", "1:1", "4:3", "21:9"].map((aspectRatio) => ({ aspectRatio })));
    const gens = (await (await fetch(`${sim.url}/luma/tasks`, { method: "POST", headers: { ...auth(), "Content-Type": "application/json" }, body: JSON.stringify({ ids }) })).json()) as Json[];
    for (const g of gens) {
      const clip = CLIPS.find((c) => c.name === sim.getTask(g.id)!.clip.name)!;
      expect(clip.aspectRatio).toBe(g.request.aspect_ratio);
      expect(g.thumbnail.palette.grid).toBe(clip.palette);
      const thumb = Buffer.from(await (await fetch(g.thumbnail.url)).arrayBuffer());
      expect(thumb.equals(readFileSync(join(MEDIA_DIR, `${clip.name}.thumb.jpg`)))).toBe(true);
      const last = Buffer.from(await (await fetch(g.last_frame.url)).arrayBuffer());
      expect(last.equals(readFileSync(join(MEDIA_DIR, `${clip.name}.last.jpg`)))).toBe(true);
      const video = Buffer.from(await (await fetch(g.video.url)).arrayBuffer());
      expect(video.equals(readFileSync(join(MEDIA_DIR, `${clip.name}.mp4`)))).toBe(true);
      expect(g.video_raw.duration).toBe(clip.durationSeconds);
    }
  });
});

describe("callbacks", () => {
  let receiver: Server;
  let receiverUrl = "";
  let bodies: Json[] = [];
  let failNext = 0;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        if (failNext > 0) {
          failNext -= 1;
          res.writeHead(503).end();
          return;
        }
        bodies.push(JSON.parse(Buffer.concat(chunks).toString("utf8")) as Json);
        res.writeHead(202, { "Content-Type": "application/json" }).end('{"accepted":[]}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/hooks/luma/secret`;
  });
  afterAll(async () => { await new Promise((resolve) => receiver.close(resolve)); });
  afterEach(() => { bodies = []; failNext = 0; });

  const idOf = (b: Json): string => b.task_id ?? b.id ?? b.data?.task_id;

  it("calls back on every change of a new generation, each generation in the next shape", async () => {
    const fast = await startSimulator({
      port: 0, demo: false, callbackUrl: receiverUrl,
      callbacks: { everyMs: [60_000, 60_000], pendingMs: 400, processingMs: 400, retryDelaysMs: [20, 20, 20] },
    });
    try {
      const made = [];
      for (let i = 0; i < 4; i++) {
        const res = await fetch(`${fast.url}/__control/generate`, { method: "POST" });
        made.push((await res.json()) as { id: string; shape: string });
      }
      expect(made.map((m) => m.shape)).toEqual(["official", "envelope", "flat", "wrapped"]);
      await expect.poll(() => bodies.length, { timeout: 5000 }).toBe(12);
      for (const { id, shape } of made) {
        const mine = bodies.filter((b) => idOf(b) === id);
        expect(mine.length).toBe(3);
        const last = mine[2]!;
        if (shape === "official") expect(mine.map((b) => b.state)).toEqual(["queued", "dreaming", "completed"]);
        if (shape === "envelope") expect(mine.map((b) => b.status)).toEqual(["NOT_START", "IN_PROGRESS", "SUCCESS"]);
        if (shape === "flat") expect(last).toMatchObject({ success: true, task_id: id, state: "completed" });
        if (shape === "flat") expect(last.video_url).toMatch(/\/media\/video\//);
        if (shape === "wrapped") expect(last).toMatchObject({ data: { task_id: id, state: "completed" } });
        if (shape === "wrapped") expect(last.timestamp).toBeTypeOf("number");
      }
      // New generations are readable through the batch route and the official GET alike.
      const ids = made.map((m) => m.id);
      const batch = (await (await fetch(`${fast.url}/luma/tasks`, { method: "POST", headers: { Authorization: "Bearer sim-key" }, body: JSON.stringify({ ids }) })).json()) as Json[];
      expect(batch.map((g) => g.id)).toEqual(ids);
      const official = await fetch(`${fast.url}/dream-machine/v1/generations/${ids[0]}`, { headers: { Authorization: "Bearer sim-key" } });
      expect(((await official.json()) as Json).state).toBe("completed");
      const account = (await (await fetch(`${fast.url}/dream-machine/v1/generations`, { headers: { Authorization: "Bearer sim-key" } })).json()) as Json;
      expect(account.generations.map((g: Json) => g.id).sort()).toEqual([...ids].sort());
    } finally {
      await fast.close();
    }
  });

  it("retries a failed callback three times, quickly", async () => {
    const fast = await startSimulator({
      port: 0, demo: false, callbackUrl: receiverUrl,
      callbacks: { everyMs: [60_000, 60_000], pendingMs: 10_000, processingMs: 10_000, retryDelaysMs: [20, 40, 60] },
    });
    try {
      failNext = 2;
      const { id } = fast.generate();
      await expect.poll(() => fast.deliveries.map((d) => d.status), { timeout: 5000 }).toEqual([503, 503, 202]);
      expect(bodies.filter((b) => idOf(b) === id)).toHaveLength(1);

      failNext = 10;
      fast.generate();
      await expect.poll(() => fast.deliveries.slice(3).map((d) => d.attempt), { timeout: 5000 }).toEqual([0, 1, 2, 3]);
      await sleep(200);
      expect(fast.deliveries).toHaveLength(7); // four attempts, then it gives up
    } finally {
      await fast.close();
    }
  });

  it("makes generations by itself once told where to call back, and stops when told", async () => {
    const fast = await startSimulator({ port: 0, demo: false, callbacks: { everyMs: [40, 60], pendingMs: 1000, processingMs: 1000 } });
    try {
      await sleep(200);
      expect(fast.deliveries).toHaveLength(0);
      const set = await fetch(`${fast.url}/__control/callbacks`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ url: receiverUrl }) });
      expect(set.status).toBe(200);
      await expect.poll(() => new Set(bodies.map(idOf)).size, { timeout: 5000 }).toBeGreaterThanOrEqual(4);
      const shapes = ((await (await fetch(`${fast.url}/__control/callbacks`)).json()) as Json).deliveries.map((d: Json) => d.shape);
      expect(new Set(shapes)).toEqual(new Set(["official", "envelope", "flat", "wrapped"]));
      fast.setCallbackUrl(null);
      // A callback already on its way still lands; after that, nothing new starts.
      await sleep(150);
      const count = bodies.length;
      await sleep(300);
      expect(bodies.length).toBe(count);
      const bad = await fetch(`${fast.url}/__control/callbacks`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ url: "ftp://x" }) });
      expect(bad.status).toBe(400);
    } finally {
      await fast.close();
    }
  });
});
