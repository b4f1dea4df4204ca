import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { timingSafeEqual } from "node:crypto";
import type { AddressInfo } from "node:net";
import {
  makeTask, phaseAt, renderEnvelopeItem, renderGeneration, renderOfficial, mediaUrls,
  type RenderContext, type Shape, type SimTask, type TaskSpec,
} from "./tasks";
import { demoTasks, DEMO_IDS } from "./demo-set";
import { loadClipFiles } from "./clips";
import { accountTasks } from "./account";
import { CALLBACK_SHAPES, deliver, newGenerationSpec, renderCallback, type CallbackShape, type Delivery } from "./callbacks";

export type { Shape, TaskSpec } from "./tasks";
export { DEMO_IDS, DEMO_LIVE } from "./demo-set";
export type { CallbackShape, Delivery } from "./callbacks";

export type FaultMode = "429" | "500" | "malformed" | "html" | "hang" | "unexpected" | "401" | "none";
export interface Fault { mode: FaultMode; count?: number; retryAfter?: number }

export interface SimulatorOptions {
  port?: number; // 0 = random
  host?: string;
  key?: string;
  shape?: Shape;
  demo?: boolean;
  /** POST /luma/tasks answers 404, like a gateway that only has the single-task GET. */
  noBatchRoute?: boolean;
  /** Lifetime of presigned media URLs unless a task sets its own. Default 1 hour. */
  mediaTtlMs?: number;
  /** Which committed sample the video URLs point at; webm plays in browsers without H.264. */
  videoExt?: "mp4" | "webm";
  /** Origin used in media URLs, when clients reach the simulator under another name. */
  publicUrl?: string;
  /** Injectable clock for tests; ms since epoch. */
  now?: () => number;
  /** Log each request to stderr. */
  verbose?: boolean;
  /** Finished generations of the official account (SPEC §1b), besides the demo set. Default 300 with the demo, else 0. */
  accountSize?: number;
  /** Where new generations call back (SPEC §1c); unset: the simulator makes none by itself. */
  callbackUrl?: string;
  callbacks?: CallbackOptions;
}

export interface CallbackOptions {
  /** Pause between two new generations, drawn from [min, max] ms. Default 20–40 s. */
  everyMs?: [number, number];
  /** How long a new generation stays queued, then dreams. Defaults 4 s and 15 s. */
  pendingMs?: number;
  processingMs?: number;
  /** Waits before the retries of a failed callback. Default three quick ones, as Luma does. */
  retryDelaysMs?: number[];
}

export type UpstreamRoute = "batch" | "single" | "download" | "list" | "other";
export interface CallLogEntry { route: UpstreamRoute; ids: string[]; at: number; fault: FaultMode | null }
export interface CallLog { batch: number; single: number; download: number; list: number; total: number; log: CallLogEntry[] }

export interface Simulator {
  url: string;
  port: number;
  key: string;
  /** Live counters of upstream (/luma/...) requests. */
  calls: CallLog;
  demoIds: readonly string[];
  close(): Promise<void>;
  addTasks(specs: TaskSpec[]): string[];
  getTask(id: string): SimTask | undefined;
  setFault(fault: Fault): void;
  setShape(shape: Shape): void;
  setBatchRoute(enabled: boolean): void;
  resetCalls(): void;
  /** Clears faults, counters, non-demo tasks and callback deliveries; restores the starting shape, batch route and callback URL. */
  reset(): void;
  /** Points callbacks at `url` and starts making new generations now and then; `null` stops. */
  setCallbackUrl(url: string | null): void;
  /** Makes one new generation now (calling back when a callback URL is set); returns its id. */
  generate(): { id: string; shape: CallbackShape };
  /** Every callback POST attempt, oldest first. */
  deliveries: Delivery[];
}

const LOG_LIMIT = 5000;
const PHASE_MARGIN_MS = 5;
const BODY_LIMIT = 8 * 1024 * 1024;
const UUIDISH = /^[0-9a-zA-Z-]{1,64}$/;

class HttpError extends Error {
  constructor(readonly status: number, message: string) { super(message); }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT) throw new HttpError(413, "body too large");
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, "body is not valid JSON");
  }
}

function queryInt(url: URL, name: string, fallback: number): number | null {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === "") return fallback;
  return /^\d{1,9}$/.test(raw) ? Number(raw) : null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function keyMatches(header: string | undefined, key: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? "");
  if (!m?.[1]) return false;
  const given = Buffer.from(m[1].trim());
  const want = Buffer.from(key);
  return given.length === want.length && timingSafeEqual(given, want);
}

function parseRange(header: string, size: number): [number, number] | null | "invalid" {
  const m = /^bytes=(\d*)-(\d*)/.exec(header);
  if (!m) return null; // unknown unit: ignore, send everything
  const [, a = "", b = ""] = m;
  if (a === "" && b === "") return "invalid";
  let start: number;
  let end: number;
  if (a === "") {
    start = Math.max(0, size - Number(b));
    end = size - 1;
  } else {
    start = Number(a);
    end = b === "" ? size - 1 : Math.min(Number(b), size - 1);
  }
  return start > end || start >= size ? "invalid" : [start, end];
}

const HTML_ERROR = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx</center>
</body>
</html>
`;

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const host = options.host ?? "127.0.0.1";
  const key = options.key ?? "sim-key";
  const initialShape: Shape = options.shape ?? "array";
  const initialBatchRoute = !options.noBatchRoute;
  const now = options.now ?? Date.now;
  const verbose = options.verbose ?? false;
  const clipFiles = loadClipFiles();

  let shape = initialShape;
  let batchRoute = initialBatchRoute;
  let fault: { mode: FaultMode; remaining: number | null; retryAfter: number | null } = { mode: "none", remaining: null, retryAfter: null };
  const tasks = new Map<string, SimTask>();
  const timers = new Set<NodeJS.Timeout>();
  const calls: CallLog = { batch: 0, single: 0, download: 0, list: 0, total: 0, log: [] };
  let baseUrl = "";

  const addTasks = (specs: TaskSpec[], demo = false): string[] =>
    specs.map((spec) => {
      const task = makeTask(spec, now(), demo);
      tasks.set(task.id, task);
      return task.id;
    });

  const demo = options.demo ?? true;
  const started = now();
  if (demo) addTasks(demoTasks(started), true);
  addTasks(accountTasks(options.accountSize ?? (demo ? 300 : 0), started), true);

  const callbackTiming = {
    everyMs: options.callbacks?.everyMs ?? [20_000, 40_000],
    pendingMs: options.callbacks?.pendingMs ?? 4_000,
    processingMs: options.callbacks?.processingMs ?? 15_000,
    retryDelaysMs: options.callbacks?.retryDelaysMs ?? [1_000, 2_000, 4_000],
  };
  let callbackUrl: string | null = options.callbackUrl ?? null;
  let generatedCount = 0;
  let nextGeneration: NodeJS.Timeout | null = null;
  const deliveries: Delivery[] = [];

  const later = (ms: number, fn: () => void): NodeJS.Timeout => {
    const timer = setTimeout(() => { timers.delete(timer); fn(); }, ms);
    timers.add(timer);
    return timer;
  };

  function callBack(id: string, shape: CallbackShape) {
    const task = tasks.get(id);
    const url = callbackUrl;
    if (!task || !url) return;
    const c = ctx();
    const state = phaseAt(task, c.now).state;
    let lastStatus = 0;
    const record = (attempt: number, status: number) => {
      lastStatus = status;
      deliveries.push({ id, shape, state, attempt, status, at: now() });
      if (deliveries.length > LOG_LIMIT) deliveries.splice(0, deliveries.length - LOG_LIMIT);
      if (verbose) process.stderr.write(`[sim] callback ${shape} ${id} ${state} → ${status || "unreachable"} (attempt ${attempt + 1})\n`);
    };
    const wait = (ms: number) => new Promise<void>((resolve) => later(ms, resolve));
    void deliver(url, renderCallback(shape, task, c), callbackTiming.retryDelaysMs, record, wait).then((delivered) => {
      if (!delivered) process.stderr.write(`[sim] callback for ${id} (${state}) not accepted after ${callbackTiming.retryDelaysMs.length + 1} attempts (last: ${lastStatus || "unreachable"})\n`);
    });
  }

  /** A new generation, calling back when it is queued, starts dreaming and finishes. */
  function generate(): { id: string; shape: CallbackShape } {
    const n = generatedCount++;
    const shape = CALLBACK_SHAPES[n % CALLBACK_SHAPES.length]!;
    const [id] = addTasks([newGenerationSpec(n, callbackTiming)]) as [string];
    callBack(id, shape);
    // A timer may fire a millisecond before the clock reaches its phase: call back just after it.
    later(callbackTiming.pendingMs + PHASE_MARGIN_MS, () => callBack(id, shape));
    later(callbackTiming.pendingMs + callbackTiming.processingMs + PHASE_MARGIN_MS, () => callBack(id, shape));
    return { id, shape };
  }

  function scheduleGenerations() {
    if (nextGeneration) { clearTimeout(nextGeneration); timers.delete(nextGeneration); nextGeneration = null; }
    if (!callbackUrl) return;
    const [min, max] = callbackTiming.everyMs;
    nextGeneration = later(min + Math.random() * Math.max(0, max - min), () => {
      nextGeneration = null;
      generate();
      scheduleGenerations();
    });
  }

  const setCallbackUrl = (url: string | null) => {
    callbackUrl = url;
    scheduleGenerations();
  };
  scheduleGenerations();

  const ctx = (): RenderContext => ({
    baseUrl, now: now(), defaultMediaTtlMs: options.mediaTtlMs ?? 3_600_000, videoExt: options.videoExt ?? "mp4",
  });

  const resetCalls = () => {
    calls.batch = calls.single = calls.download = calls.list = calls.total = 0;
    calls.log.length = 0;
  };

  const setFault = (f: Fault) => {
    const count = f.count !== undefined && Number.isFinite(f.count) ? Math.max(0, Math.floor(f.count)) : null;
    fault = { mode: f.mode, remaining: f.mode === "none" ? null : count, retryAfter: f.retryAfter ?? null };
  };

  /** Returns the fault to apply to this upstream request, consuming one use of it. */
  const takeFault = (): FaultMode | null => {
    if (fault.mode === "none") return null;
    if (fault.remaining !== null) {
      if (fault.remaining <= 0) return null;
      fault.remaining -= 1;
    }
    return fault.mode;
  };

  function record(route: UpstreamRoute, ids: string[], applied: FaultMode | null) {
    calls.total += 1;
    if (route === "batch") calls.batch += 1;
    if (route === "single") calls.single += 1;
    if (route === "download") calls.download += 1;
    if (route === "list") calls.list += 1;
    calls.log.push({ route, ids, at: now(), fault: applied });
    if (calls.log.length > LOG_LIMIT) calls.log.splice(0, calls.log.length - LOG_LIMIT);
  }

  /** Luma's own API words its errors `{"detail": "..."}`; gateways have their own shapes. */
  function applyFault(mode: FaultMode, res: ServerResponse, official = false): void {
    switch (mode) {
      case "429": {
        const headers: Record<string, string> = fault.retryAfter !== null ? { "Retry-After": String(fault.retryAfter) } : {};
        const body = official ? { detail: "Rate limit exceeded" } : { error: { message: "Too many requests, please slow down", type: "rate_limit" } };
        return sendJson(res, 429, body, headers);
      }
      case "500":
        return sendJson(res, 500, official ? { detail: "Internal server error" } : { error: { message: "internal server error", type: "server_error" } });
      case "401":
        return sendJson(res, 401, official ? { detail: "Invalid API key" } : { error: "unauthorized" });
      case "malformed": {
        const text = '[{"id": "3f2a9c4e-8b1d-4e6f-9a07-5c3d2b1e0f41", "state": "compl';
        res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
        return void res.end(text);
      }
      case "html":
        res.writeHead(502, { "Content-Type": "text/html", "Content-Length": Buffer.byteLength(HTML_ERROR) });
        return void res.end(HTML_ERROR);
      case "unexpected":
        return sendJson(res, 200, { foo: 1 });
      case "hang":
        return; // never answer; close() destroys the socket
      case "none":
        return;
    }
  }

  const renderOne = (t: SimTask, c: RenderContext) => (shape === "official" ? renderOfficial(t, c) : renderGeneration(t, c));

  async function handleUpstream(req: IncomingMessage, res: ServerResponse, path: string) {
    const single = /^\/luma\/generations\/([^/]+)$/.exec(path);
    const download = /^\/luma\/generations\/([^/]+)\/download_video_url$/.exec(path);
    const route: UpstreamRoute = path === "/luma/tasks" ? "batch" : single ? "single" : download ? "download" : "other";

    // Read the body first so the log can show which ids were asked for, even when a fault answers.
    let body: unknown = undefined;
    let bodyError: HttpError | null = null;
    if (route === "batch" && req.method === "POST") {
      try { body = await readJson(req); } catch (e) { bodyError = e instanceof HttpError ? e : new HttpError(400, "bad body"); }
    }
    const idParam = single?.[1] ?? download?.[1];
    const ids = route === "batch"
      ? (isObject(body) && Array.isArray(body.ids) ? body.ids.filter((x): x is string => typeof x === "string") : [])
      : idParam ? [decodeURIComponent(idParam)] : [];

    const applied = takeFault();
    record(route, ids, applied);
    if (applied) return applyFault(applied, res);
    if (!keyMatches(req.headers.authorization, key)) return sendJson(res, 401, { error: "unauthorized" });

    const c = ctx();
    if (route === "batch") {
      if (!batchRoute) return sendJson(res, 404, { error: "not found" });
      if (req.method !== "POST") return sendJson(res, 405, { error: "method not allowed" }, { Allow: "POST" });
      if (bodyError) throw bodyError;
      if (!isObject(body) || !Array.isArray(body.ids)) throw new HttpError(400, 'body must be {"ids": [...]}');
      const seen = new Set<string>();
      const found: SimTask[] = [];
      for (const id of ids) {
        const t = tasks.get(id.toLowerCase());
        if (t && !seen.has(t.id)) { seen.add(t.id); found.push(t); }
      }
      if (shape === "envelope") return sendJson(res, 200, { code: "success", message: "", data: found.map((t) => renderEnvelopeItem(t, c)) });
      return sendJson(res, 200, found.map((t) => renderOne(t, c)));
    }
    if (route === "single" || route === "download") {
      if (req.method !== "GET") return sendJson(res, 405, { error: "method not allowed" }, { Allow: "GET" });
      const t = tasks.get((ids[0] ?? "").toLowerCase());
      if (!t) return sendJson(res, 404, { error: "generation not found" });
      // An envelope gateway wraps its single answers too, so the progress figure survives a read without the batch route.
      if (route === "single") return sendJson(res, 200, shape === "envelope" ? { code: "success", message: "", data: renderEnvelopeItem(t, c) } : renderOne(t, c));
      if (phaseAt(t, c.now).state !== "completed") return sendJson(res, 404, { error: "video not ready" });
      return sendJson(res, 200, { url: mediaUrls(t, c).video });
    }
    return sendJson(res, 404, { error: "not found" });
  }

  /** Luma's official API (SPEC §1b): the account listed newest first, and single generations. */
  function handleOfficial(req: IncomingMessage, res: ServerResponse, url: URL) {
    const path = url.pathname.replace(/\/+$/, "");
    const one = /^\/dream-machine\/v1\/generations\/([^/]+)$/.exec(path);
    const list = path === "/dream-machine/v1/generations";
    const route: UpstreamRoute = list ? "list" : one ? "single" : "other";
    const id = one?.[1] ? decodeURIComponent(one[1]).toLowerCase() : null;

    const applied = takeFault();
    record(route, id ? [id] : [], applied);
    if (applied) return applyFault(applied, res, true);
    if (!keyMatches(req.headers.authorization, key)) return sendJson(res, 401, { detail: "Invalid API key" });
    if (route === "other") return sendJson(res, 404, { detail: "Not Found" });
    if (req.method !== "GET") return sendJson(res, 405, { detail: "Method Not Allowed" }, { Allow: "GET" });

    const c = ctx();
    if (id !== null) {
      const t = tasks.get(id);
      return t ? sendJson(res, 200, renderOfficial(t, c)) : sendJson(res, 404, { detail: "Generation not found" });
    }
    const limit = queryInt(url, "limit", 100);
    const offset = queryInt(url, "offset", 0);
    if (limit === null || limit < 1 || limit > 1000) return sendJson(res, 422, { detail: "limit must be an integer from 1 to 1000" });
    if (offset === null || offset < 0) return sendJson(res, 422, { detail: "offset must be a non-negative integer" });
    const all = [...tasks.values()]
      .filter((t) => t.createdAt <= c.now)
      .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    const page = all.slice(offset, offset + limit);
    return sendJson(res, 200, {
      generations: page.map((t) => renderOfficial(t, c)),
      has_more: offset + page.length < all.length,
      count: page.length,
      limit,
      offset,
    });
  }

  function handleMedia(req: IncomingMessage, res: ServerResponse, url: URL) {
    const m = /^\/media\/(thumb|video|last-frame)\/([^/]+)\.(jpg|mp4|webm)$/.exec(url.pathname);
    const kind = m?.[1];
    const id = m?.[2]?.toLowerCase();
    const ext = m?.[3];
    const task = id ? tasks.get(id) : undefined;
    if (!kind || !ext || !task) return sendJson(res, 404, { error: "not found" });
    const expires = url.searchParams.get("expires");
    if (expires !== null && !(Number(expires) > now())) {
      const xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>";
      res.writeHead(403, { "Content-Type": "application/xml", "Content-Length": Buffer.byteLength(xml) });
      return void res.end(xml);
    }
    const common = { "Cache-Control": "public, max-age=3600", "Access-Control-Allow-Origin": "*" };
    const files = clipFiles.get(task.clip.name)!;

    if (kind === "video") {
      if (ext !== "mp4" && ext !== "webm") return sendJson(res, 404, { error: "not found" });
      if (phaseAt(task, now()).state !== "completed") return sendJson(res, 404, { error: "not found" });
      const file = files[ext];
      const type = ext === "mp4" ? "video/mp4" : "video/webm";
      const range = req.headers.range ? parseRange(req.headers.range, file.length) : null;
      if (range === "invalid") {
        res.writeHead(416, { "Content-Range": `bytes */${file.length}`, ...common });
        return void res.end();
      }
      if (range) {
        const [start, end] = range;
        res.writeHead(206, {
          "Content-Type": type, "Accept-Ranges": "bytes", "Content-Length": end - start + 1,
          "Content-Range": `bytes ${start}-${end}/${file.length}`, ...common,
        });
        return void res.end(req.method === "HEAD" ? undefined : file.subarray(start, end + 1));
      }
      res.writeHead(200, { "Content-Type": type, "Accept-Ranges": "bytes", "Content-Length": file.length, ...common });
      return void res.end(req.method === "HEAD" ? undefined : file);
    }

    if (ext !== "jpg") return sendJson(res, 404, { error: "not found" });
    const lastFrame = kind === "last-frame";
    const image = lastFrame ? files.lastFrame : files.thumb;
    const send = () => {
      if (res.destroyed) return;
      res.writeHead(200, { "Content-Type": "image/jpeg", "Content-Length": image.length, ...common });
      res.end(req.method === "HEAD" ? undefined : image);
    };
    const delay = lastFrame ? 0 : task.thumbDelayMs;
    if (delay <= 0) return send();
    const timer = setTimeout(() => { timers.delete(timer); send(); }, delay);
    timers.add(timer);
  }

  const reset = () => {
    setFault({ mode: "none" });
    resetCalls();
    for (const [id, t] of tasks) if (!t.demo) tasks.delete(id);
    shape = initialShape;
    batchRoute = initialBatchRoute;
    deliveries.length = 0;
    setCallbackUrl(options.callbackUrl ?? null);
  };

  async function handleControl(req: IncomingMessage, res: ServerResponse, path: string) {
    const route = `${req.method ?? "GET"} ${path}`;
    switch (route) {
      case "GET /__control/health":
        return sendJson(res, 200, { ok: true });
      case "GET /__control/calls":
        return sendJson(res, 200, calls);
      case "POST /__control/calls/reset":
        resetCalls();
        return sendJson(res, 200, { ok: true });
      case "GET /__control/fault":
        return sendJson(res, 200, fault);
      case "POST /__control/fault": {
        const body = await readJson(req);
        const modes: FaultMode[] = ["429", "500", "malformed", "html", "hang", "unexpected", "401", "none"];
        if (!isObject(body) || !modes.includes(body.mode as FaultMode)) throw new HttpError(400, `mode must be one of ${modes.join(", ")}`);
        const count = typeof body.count === "number" ? body.count : undefined;
        const retryAfter = typeof body.retryAfter === "number" ? body.retryAfter : undefined;
        setFault({ mode: body.mode as FaultMode, count, retryAfter });
        return sendJson(res, 200, { ok: true, fault });
      }
      case "GET /__control/tasks": {
        const t = now();
        return sendJson(res, 200, {
          tasks: [...tasks.values()].map((x) => ({ id: x.id, prompt: x.prompt, state: phaseAt(x, t).state, demo: x.demo })),
        });
      }
      case "POST /__control/tasks": {
        const body = await readJson(req);
        if (!isObject(body) || !Array.isArray(body.tasks)) throw new HttpError(400, 'body must be {"tasks": [...]}');
        const specs = body.tasks.map((s, i): TaskSpec => {
          if (!isObject(s)) throw new HttpError(400, `tasks[${i}] must be an object`);
          if (s.id !== undefined && (typeof s.id !== "string" || !UUIDISH.test(s.id))) throw new HttpError(400, `tasks[${i}].id is invalid`);
          if (s.outcome !== undefined && s.outcome !== "completed" && s.outcome !== "failed") throw new HttpError(400, `tasks[${i}].outcome must be completed or failed`);
          return s as TaskSpec;
        });
        try {
          return sendJson(res, 200, { ids: addTasks(specs) });
        } catch (e) {
          throw new HttpError(400, e instanceof Error ? e.message : "invalid task");
        }
      }
      case "POST /__control/shape": {
        const body = await readJson(req);
        if (!isObject(body) || !["array", "envelope", "official"].includes(body.shape as string)) throw new HttpError(400, "shape must be array, envelope or official");
        shape = body.shape as Shape;
        return sendJson(res, 200, { ok: true, shape });
      }
      case "POST /__control/batch-route": {
        const body = await readJson(req);
        if (!isObject(body) || typeof body.enabled !== "boolean") throw new HttpError(400, 'body must be {"enabled": boolean}');
        batchRoute = body.enabled;
        return sendJson(res, 200, { ok: true, batchRoute });
      }
      case "POST /__control/generate":
        return sendJson(res, 200, generate());
      case "GET /__control/callbacks":
        return sendJson(res, 200, { url: callbackUrl, deliveries });
      case "POST /__control/callbacks": {
        const body = await readJson(req);
        const url = isObject(body) ? body.url : undefined;
        if (url !== null && (typeof url !== "string" || !/^https?:\/\/\S+$/i.test(url))) throw new HttpError(400, 'body must be {"url": "http(s)://…"} or {"url": null}');
        setCallbackUrl(url);
        return sendJson(res, 200, { ok: true, url });
      }
      case "POST /__control/reset":
        reset();
        return sendJson(res, 200, { ok: true });
      default:
        return sendJson(res, 404, { error: "unknown control route" });
    }
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://simulator.invalid");
    const path = url.pathname;
    if (verbose) process.stderr.write(`[sim] ${req.method} ${path}\n`);
    const handle = async () => {
      if (path.startsWith("/luma/")) return handleUpstream(req, res, path);
      if (path.startsWith("/dream-machine/v1/")) return handleOfficial(req, res, url);
      if (path.startsWith("/media/") && (req.method === "GET" || req.method === "HEAD")) return handleMedia(req, res, url);
      if (path.startsWith("/__control/")) return handleControl(req, res, path);
      return sendJson(res, 404, { error: "not found" });
    };
    handle().catch((e: unknown) => {
      if (res.headersSent || res.destroyed) return;
      if (e instanceof HttpError) return sendJson(res, e.status, { error: e.message });
      process.stderr.write(`[sim] error: ${e instanceof Error ? e.stack : String(e)}\n`);
      sendJson(res, 500, { error: "simulator error" });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => { server.off("error", reject); resolve(); });
  });
  const port = (server.address() as AddressInfo).port;
  const reachableHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  baseUrl = (options.publicUrl ?? `http://${reachableHost}:${port}`).replace(/\/+$/, "");

  return {
    url: baseUrl,
    port,
    key,
    calls,
    demoIds: (options.demo ?? true) ? DEMO_IDS : [],
    addTasks: (specs) => addTasks(specs),
    getTask: (id) => tasks.get(id.toLowerCase()),
    setFault,
    setShape: (s) => { shape = s; },
    setBatchRoute: (enabled) => { batchRoute = enabled; },
    resetCalls,
    reset,
    setCallbackUrl,
    generate,
    deliveries,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        // Hung and keep-alive connections would otherwise hold the server (and the process) open.
        server.closeAllConnections();
      }),
  };
}
