import { isTaskId } from "@/lib/shared/ids";
import { decodePaletteGrid } from "@/lib/shared/palette";
import type { Task, TaskState } from "@/lib/shared/task";
import {
  rawEnvelopeSchema,
  rawEnvelopeTaskSchema,
  rawGenerationSchema,
  type RawEnvelopeTask,
  type RawGeneration,
} from "./schemas";

const GENERATION_STATES: Record<string, TaskState> = {
  pending: "pending",
  queued: "pending",
  processing: "processing",
  dreaming: "processing",
  completed: "completed",
  failed: "failed",
};

const ENVELOPE_STATUSES: Record<string, TaskState> = {
  NOT_START: "pending",
  SUBMITTED: "pending",
  QUEUED: "pending",
  IN_PROGRESS: "processing",
  SUCCESS: "completed",
  FAILURE: "failed",
};

/** Unknown states count as unfinished so they keep being polled (with backoff) rather than frozen. */
export function toTaskState(state: unknown): TaskState {
  if (typeof state !== "string") return "processing";
  return GENERATION_STATES[state.toLowerCase()] ?? ENVELOPE_STATUSES[state.toUpperCase()] ?? "processing";
}

/** Only http(s) survives: a `javascript:` or `data:` URL from upstream must never reach an href. */
export function toHttpUrl(value: unknown): string | null {
  if (typeof value !== "string" || value.trim() === "") return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** ISO strings, unix seconds or unix milliseconds (> 1e12); Go's zero time and 0 mean "none". */
export function toIsoTime(value: unknown): string | null {
  let ms: number;
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value <= 0) return null;
    ms = value > 1e12 ? value : value * 1000;
  } else if (typeof value === "string") {
    const trimmed = value.trim();
    if (trimmed === "" || trimmed === "0") return null;
    if (/^\d+(\.\d+)?$/.test(trimmed)) return toIsoTime(Number(trimmed));
    ms = Date.parse(trimmed);
    if (!Number.isFinite(ms)) return null;
  } else {
    return null;
  }
  const date = new Date(ms);
  // Go's zero time (0001-01-01) and anything before the Unix epoch is a placeholder, not a date.
  if (!Number.isFinite(date.getTime()) || date.getUTCFullYear() < 1970) return null;
  return date.toISOString();
}

/** `"45%"`, `"45"`, `45`, `0.45`? Gateways say percent; values are clamped to 0–100. */
export function toProgress(value: unknown): number | null {
  const n = typeof value === "string" ? Number.parseFloat(value) : typeof value === "number" ? value : NaN;
  if (!Number.isFinite(n)) return null;
  return Math.min(100, Math.max(0, n));
}

function dimension(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? Math.round(value) : null;
}

function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

/** Seconds from a number or `"5s"` (the official API's `request.duration`). */
function seconds(value: unknown): number | null {
  const n = typeof value === "string" ? Number.parseFloat(value) : value;
  return typeof n === "number" && Number.isFinite(n) && n > 0 ? n : null;
}

type Media = NonNullable<RawGeneration["video"]>;

function image(media: Media | undefined | null) {
  const url = toHttpUrl(media?.url);
  return url ? { url, width: dimension(media?.width), height: dimension(media?.height) } : null;
}

function fromGeneration(raw: RawGeneration): Omit<Task, "id"> {
  const artifact = raw.artifact ?? undefined;
  const thumbMedia = raw.thumbnail ?? artifact?.thumbnail;
  const videoMedia = raw.video ?? artifact?.video;
  const rawVideo = raw.video_raw ?? artifact?.video_raw;

  const videoUrl = toHttpUrl(videoMedia?.url) ?? toHttpUrl(rawVideo?.url) ?? toHttpUrl(raw.assets?.video);
  const video = videoUrl
    ? {
        url: videoUrl,
        // Gateways leave download_url empty even after completion; the plain URL downloads too.
        downloadUrl: toHttpUrl(videoMedia?.download_url) ?? videoUrl,
        width: dimension(videoMedia?.width) ?? dimension(rawVideo?.width),
        height: dimension(videoMedia?.height) ?? dimension(rawVideo?.height),
        duration: seconds(rawVideo?.duration) ?? seconds(videoMedia?.duration) ?? (raw.assets ? seconds(raw.request?.duration) : null),
      }
    : null;

  const assetImage = toHttpUrl(raw.assets?.image);
  const thumbnail = image(thumbMedia) ?? (assetImage ? { url: assetImage, width: null, height: null } : null);

  return {
    state: toTaskState(raw.state),
    prompt: text(raw.request?.prompt) ?? text(raw.prompt),
    aspectRatio: text(raw.request?.aspect_ratio),
    createdAt: toIsoTime(raw.created_at),
    progress: null,
    failureReason: text(raw.failure_reason),
    model: text(raw.model) ?? text(raw.request?.model),
    // A generation says when its artifact was made; nothing says when a failure happened.
    finishedAt: toTaskState(raw.state) === "completed" ? toIsoTime(artifact?.created_at) : null,
    thumbnail,
    palette: decodePaletteGrid(thumbMedia?.palette?.grid),
    video,
    lastFrame: image(raw.last_frame ?? artifact?.last_frame),
  };
}

function normalizeId(value: unknown): string | null {
  return typeof value === "string" && isTaskId(value.trim()) ? value.trim().toLowerCase() : null;
}

/** A generation (gateway or official API) → Task; `null` when it has no usable id. */
export function normalizeGeneration(item: unknown): Task | null {
  const parsed = rawGenerationSchema.safeParse(item);
  if (!parsed.success) return null;
  const id = normalizeId(parsed.data.id);
  return id ? { id, ...fromGeneration(parsed.data) } : null;
}

function envelopeState(raw: RawEnvelopeTask, inner: Omit<Task, "id"> | null, innerState: unknown): TaskState {
  const status = typeof raw.status === "string" ? ENVELOPE_STATUSES[raw.status.toUpperCase()] : undefined;
  if (status) return status;
  return inner && typeof innerState === "string" ? inner.state : "processing";
}

/** One envelope item (seed 002) → Task; its `data` may be a full, partial or missing generation. */
export function normalizeEnvelopeTask(item: unknown): Task | null {
  const parsed = rawEnvelopeTaskSchema.safeParse(item);
  if (!parsed.success) return null;
  const raw = parsed.data;
  const innerParsed = rawGenerationSchema.safeParse(raw.data);
  const innerRaw = innerParsed.success ? innerParsed.data : null;
  const inner = innerRaw ? fromGeneration(innerRaw) : null;
  const id = normalizeId(raw.task_id) ?? normalizeId(innerRaw?.id);
  if (!id) return null;
  const state = envelopeState(raw, inner, innerRaw?.state);
  return {
    id,
    state,
    prompt: inner?.prompt ?? null,
    aspectRatio: inner?.aspectRatio ?? null,
    createdAt: inner?.createdAt ?? toIsoTime(raw.submit_time),
    progress: toProgress(raw.progress),
    failureReason: text(raw.fail_reason) ?? inner?.failureReason ?? null,
    model: inner?.model ?? null,
    finishedAt: state === "completed" || state === "failed" ? (toIsoTime(raw.finish_time) ?? inner?.finishedAt ?? null) : null,
    thumbnail: inner?.thumbnail ?? null,
    palette: inner?.palette ?? null,
    video: inner?.video ?? null,
    lastFrame: inner?.lastFrame ?? null,
  };
}

function looksLikeEnvelopeItem(item: unknown): boolean {
  return typeof item === "object" && item !== null && ("task_id" in item || "status" in item);
}

export function normalizeItem(item: unknown): Task | null {
  return looksLikeEnvelopeItem(item) ? normalizeEnvelopeTask(item) : normalizeGeneration(item);
}

export class UnexpectedShapeError extends Error {
  constructor(readonly detail: string) {
    super(`The gateway answered with an unexpected shape: ${detail}.`);
    this.name = "UnexpectedShapeError";
  }
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? `an object with keys ${Object.keys(value).slice(0, 5).join(", ") || "(none)"}` : typeof value;
}

/**
 * A batch or single answer → Tasks. A batch (`many`) must be a bare array or an envelope whose
 * `data` is a list: anything else is a drifting gateway, and reading it as "no tasks" would report
 * every asked id as not found. A single read may also be one generation or an envelope around one.
 * Odd items are skipped, never fatal.
 */
export function normalizeResponse(body: unknown, options: { many?: boolean } = {}): Task[] {
  let items: unknown[];
  if (Array.isArray(body)) {
    items = body;
  } else if (typeof body === "object" && body !== null && "data" in body) {
    const envelope = rawEnvelopeSchema.parse(body);
    if (Array.isArray(envelope.data)) items = envelope.data;
    else if (options.many) throw new UnexpectedShapeError(`an envelope whose data is ${describe(envelope.data)}, not a list`);
    else if (typeof envelope.data === "object" && envelope.data !== null) items = [envelope.data];
    else {
      const said = envelope.message ? ` ("${envelope.message.slice(0, 200)}")` : "";
      throw new UnexpectedShapeError(`an envelope without task data${said}`);
    }
  } else if (!options.many && typeof body === "object" && body !== null && ("id" in body || "task_id" in body)) {
    items = [body];
  } else {
    throw new UnexpectedShapeError(describe(body));
  }
  const tasks: Task[] = [];
  for (const item of items) {
    const task = normalizeItem(item);
    if (task) tasks.push(task);
  }
  return tasks;
}
