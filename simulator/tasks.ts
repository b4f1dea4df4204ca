import { randomUUID } from "node:crypto";
import { CLIPS, clipFor, type Clip } from "./clips";

export type Shape = "array" | "envelope" | "official";
export type State = "pending" | "processing" | "completed" | "failed";
export type Outcome = "completed" | "failed";

/** What tests and the demo set describe; every field has a default. */
export interface TaskSpec {
  id?: string;
  prompt?: string;
  aspectRatio?: string;
  /** Epoch ms, or an ISO string. Default: now. */
  createdAt?: number | string;
  pendingMs?: number;
  processingMs?: number;
  outcome?: Outcome;
  failureReason?: string;
  /** Lifetime of the presigned media URLs handed out for this task. */
  mediaTtlMs?: number;
  /** Delay before the thumbnail bytes are sent, to make the palette placeholder observable. */
  thumbDelayMs?: number;
  /** Real gateways sometimes leave video.download_url as "" on completed tasks. */
  emptyDownloadUrl?: boolean;
  /** A clip of simulator/media by name; default: one of the task's ratio, chosen by id. */
  clip?: string;
}

export interface SimTask {
  id: string;
  seq: number;
  prompt: string;
  aspectRatio: string;
  width: number;
  height: number;
  /** The demo clip whose video, frames and palette this task hands out. */
  clip: Clip;
  createdAt: number;
  pendingMs: number;
  processingMs: number;
  outcome: Outcome;
  failureReason: string;
  mediaTtlMs: number | null;
  thumbDelayMs: number;
  emptyDownloadUrl: boolean;
  demo: boolean;
}

// Luma's ray-2 720p output sizes, so reported dimensions look like the real thing.
const SIZES: Record<string, [number, number]> = {
  "16:9": [1360, 752],
  "9:16": [752, 1360],
  "1:1": [1024, 1024],
  "4:3": [1168, 880],
  "3:4": [880, 1168],
  "3:2": [1248, 832],
  "2:3": [832, 1248],
  "21:9": [1568, 672],
  "9:21": [672, 1568],
};

export function sizeFor(aspectRatio: string): [number, number] | null {
  const known = SIZES[aspectRatio];
  if (known) return known;
  const m = /^(\d{1,3}):(\d{1,3})$/.exec(aspectRatio);
  if (!m) return null;
  const w = Number(m[1]);
  const h = Number(m[2]);
  if (w <= 0 || h <= 0 || w / h > 10 || h / w > 10) return null;
  return w >= h ? [1360, Math.round((1360 * h) / w)] : [Math.round((1360 * w) / h), 1360];
}

let nextSeq = 13917;

function namedClip(name: string | undefined): Clip | null {
  if (name === undefined) return null;
  const clip = CLIPS.find((c) => c.name === name);
  if (!clip) throw new Error(`unknown clip: ${name}`);
  return clip;
}

export function makeTask(spec: TaskSpec, now: number, demo = false): SimTask {
  const id = (spec.id ?? randomUUID()).toLowerCase();
  const aspectRatio = spec.aspectRatio ?? "16:9";
  const size = sizeFor(aspectRatio);
  if (!size) throw new Error(`unsupported aspect ratio: ${aspectRatio}`);
  const createdAt =
    typeof spec.createdAt === "string" ? Date.parse(spec.createdAt) : (spec.createdAt ?? now);
  if (!Number.isFinite(createdAt)) throw new Error("createdAt is not a valid time");
  const outcome = spec.outcome ?? "completed";
  return {
    id,
    seq: nextSeq++,
    prompt: spec.prompt ?? `test generation ${id.slice(0, 8)}`,
    aspectRatio,
    width: size[0],
    height: size[1],
    clip: namedClip(spec.clip) ?? clipFor(aspectRatio, id),
    createdAt,
    pendingMs: Math.max(0, spec.pendingMs ?? 0),
    processingMs: Math.max(0, spec.processingMs ?? 0),
    outcome,
    failureReason: spec.failureReason ?? (outcome === "failed" ? "Generation failed" : ""),
    mediaTtlMs: spec.mediaTtlMs ?? null,
    thumbDelayMs: Math.max(0, spec.thumbDelayMs ?? 0),
    emptyDownloadUrl: spec.emptyDownloadUrl ?? false,
    demo,
  };
}

export interface Phase {
  state: State;
  /** 0–100, linear over the processing window. */
  progress: number;
  startedAt: number | null;
  finishedAt: number | null;
}

export function phaseAt(t: SimTask, now: number): Phase {
  const startedAt = t.createdAt + t.pendingMs;
  const finishedAt = startedAt + t.processingMs;
  if (now < startedAt) return { state: "pending", progress: 0, startedAt: null, finishedAt: null };
  if (now < finishedAt) {
    const progress = Math.min(99, Math.floor(((now - startedAt) / t.processingMs) * 100));
    return { state: "processing", progress, startedAt, finishedAt: null };
  }
  return { state: t.outcome, progress: 100, startedAt, finishedAt };
}

// ---- upstream shapes ----------------------------------------------------------------------

export interface RenderContext {
  baseUrl: string;
  now: number;
  defaultMediaTtlMs: number;
  videoExt: "mp4" | "webm";
}

export function mediaUrls(t: SimTask, ctx: RenderContext) {
  const expires = ctx.now + (t.mediaTtlMs ?? ctx.defaultMediaTtlMs);
  const q = `?expires=${expires}`;
  return {
    video: `${ctx.baseUrl}/media/video/${t.id}.${ctx.videoExt}${q}`,
    thumb: `${ctx.baseUrl}/media/thumb/${t.id}.jpg${q}`,
    lastFrame: `${ctx.baseUrl}/media/last-frame/${t.id}.jpg${q}`,
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The generation object of seeds 000/001/003. */
export function renderGeneration(t: SimTask, ctx: RenderContext): Record<string, unknown> {
  const { state } = phaseAt(t, ctx.now);
  const base = {
    id: t.id,
    state,
    created_at: iso(t.createdAt),
    request: { prompt: t.prompt, aspect_ratio: t.aspectRatio },
  };
  if (state !== "completed") {
    return {
      ...base,
      video: null,
      video_raw: null,
      thumbnail: null,
      last_frame: null,
      artifact: null,
      failure_reason: state === "failed" ? t.failureReason : null,
    };
  }
  const urls = mediaUrls(t, ctx);
  const { width, height } = t;
  const video = { url: urls.video, download_url: t.emptyDownloadUrl ? "" : urls.video, width, height };
  const videoRaw = { url: urls.video, width, height, duration: t.clip.durationSeconds, media_type: "video" };
  const thumbnail = { url: urls.thumb, width, height, media_type: "image", palette: { grid: t.clip.palette } };
  const lastFrame = { url: urls.lastFrame, width, height, media_type: "image", palette: null };
  return {
    ...base,
    video,
    video_raw: videoRaw,
    thumbnail,
    last_frame: lastFrame,
    artifact: {
      created_at: "0001-01-01T00:00:00Z",
      video,
      video_raw: videoRaw,
      thumbnail,
      last_frame: lastFrame,
    },
    failure_reason: null,
  };
}

const unix = (ms: number | null) => (ms === null ? 0 : Math.floor(ms / 1000));

/** One item of seed 002's envelope; the first half of the pending window has no Luma answer yet. */
export function renderEnvelopeItem(t: SimTask, ctx: RenderContext): Record<string, unknown> {
  const phase = phaseAt(t, ctx.now);
  const justSubmitted = phase.state === "pending" && ctx.now < t.createdAt + t.pendingMs / 2;
  const status = {
    pending: justSubmitted ? "NOT_START" : "SUBMITTED",
    processing: "IN_PROGRESS",
    completed: "SUCCESS",
    failed: "FAILURE",
  }[phase.state];
  let data: Record<string, unknown> | null;
  if (justSubmitted) data = null;
  else if (phase.state === "pending" || phase.state === "processing") {
    data = {
      id: t.id,
      liked: null,
      state: phase.state,
      video: null,
      prompt: t.prompt,
      created_at: iso(t.createdAt),
      estimate_wait_seconds:
        phase.state === "pending" ? Math.ceil((t.createdAt + t.pendingMs - ctx.now) / 1000) : null,
    };
  } else data = renderGeneration(t, ctx);
  return {
    id: t.seq,
    created_at: iso(t.createdAt),
    updated_at: iso(Math.min(ctx.now, phase.finishedAt ?? ctx.now)),
    user_id: 1042,
    channel_id: 7,
    quota: 0,
    task_id: t.id,
    platform: "luma",
    action: "LUMA_VIDEO",
    status,
    fail_reason: phase.state === "failed" ? t.failureReason : "",
    submit_time: unix(t.createdAt),
    start_time: unix(phase.startedAt),
    finish_time: unix(phase.finishedAt),
    progress: `${phase.progress}%`,
    data,
  };
}

/** The official Luma API generation object, as pass-through gateways return it. */
export function renderOfficial(t: SimTask, ctx: RenderContext): Record<string, unknown> {
  const { state } = phaseAt(t, ctx.now);
  const officialState = { pending: "queued", processing: "dreaming", completed: "completed", failed: "failed" }[state];
  const urls = mediaUrls(t, ctx);
  let assets: Record<string, string | null> | null = null;
  if (state === "processing") assets = { video: null, image: null, progress_video: null };
  if (state === "completed") assets = { video: urls.video, image: urls.thumb, progress_video: null };
  return {
    id: t.id,
    generation_type: "video",
    state: officialState,
    failure_reason: state === "failed" ? t.failureReason : null,
    created_at: iso(t.createdAt),
    model: "ray-2",
    assets,
    request: {
      generation_type: "video",
      prompt: t.prompt,
      aspect_ratio: t.aspectRatio,
      loop: false,
      model: "ray-2",
      resolution: "720p",
      // The real API says "5s" or "9s"; the clips are shorter, and the player should agree with the file.
      duration: `${t.clip.durationSeconds}s`,
    },
  };
}
