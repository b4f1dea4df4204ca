import "server-only";
import { processSingleton } from "@/lib/server/process-singleton";
import { chunk } from "@/lib/shared/ids";
import type { Task } from "@/lib/shared/task";
import { gatewayConfig, type GatewayConfig } from "../env";
import { GatewayError } from "./errors";
import { mapLimit } from "./map-limit";
import { normalizeResponse, UnexpectedShapeError } from "./normalize";
import { fetchOfficialTasksSettled } from "./official-client";
import { CALL_DEADLINE_MS, isRetryableStatus, parseRetryAfter, retryDelay } from "./retry-policy";

export const UPSTREAM_BATCH_SIZE = 50;
const SINGLE_GET_CONCURRENCY = 6;
/** A gateway without `POST /luma/tasks` is remembered for a minute instead of probed on every call
 * (short, so a gateway that briefly answered 404 gets its batch route back soon). */
const NO_BATCH_ROUTE_MEMORY_MS = 60_000;

const noBatchRoute = processSingleton("no-batch-route", () => ({ until: 0 }));

export function requireConfig(): GatewayConfig {
  const config = gatewayConfig();
  if (!config) throw new GatewayError("not_configured");
  return config;
}

interface UpstreamAnswer {
  status: number;
  contentType: string;
  text: string;
  retryAfterMs: number | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function attempt(config: GatewayConfig, path: string, init: RequestInit): Promise<UpstreamAnswer> {
  try {
    const response = await fetch(`${config.baseUrl}${path}`, {
      ...init,
      headers: {
        Authorization: `Bearer ${config.key}`,
        "Content-Type": "application/json",
        Accept: "application/json",
      },
      cache: "no-store",
      redirect: "error",
      signal: AbortSignal.timeout(config.timeoutMs),
    });
    return {
      status: response.status,
      contentType: response.headers.get("content-type") ?? "",
      text: await response.text(),
      retryAfterMs: parseRetryAfter(response.headers.get("retry-after")),
    };
  } catch (error) {
    if (error instanceof DOMException && (error.name === "TimeoutError" || error.name === "AbortError")) {
      throw new GatewayError("timeout", { timeoutMs: config.timeoutMs });
    }
    // Network failures are answered like a 503 so the retry loop treats them the same way.
    return { status: 503, contentType: "", text: "", retryAfterMs: null };
  }
}

function isHtml(answer: UpstreamAnswer): boolean {
  return answer.contentType.includes("text/html") || /^\s*<(!doctype|html)/i.test(answer.text);
}

function failureFor(answer: UpstreamAnswer): GatewayError {
  const { status } = answer;
  if (status === 429) return new GatewayError("rate_limited", { status, retryAfterMs: answer.retryAfterMs });
  if (status === 401 || status === 403) return new GatewayError("rejected_key", { status });
  // A failed connection is recorded as a 503 without a body (see attempt).
  if (status === 503 && !answer.text) return new GatewayError("unreachable");
  if (status === 503) return new GatewayError("unavailable", { status });
  return new GatewayError("bad_status", { status, detail: isHtml(answer) ? "html" : null });
}

/** One upstream call with a timeout per attempt and bounded, Retry-After-honouring retries. */
async function call(config: GatewayConfig, path: string, init: RequestInit): Promise<UpstreamAnswer> {
  const started = Date.now();
  for (let n = 0; ; n++) {
    const left = CALL_DEADLINE_MS - (Date.now() - started);
    const answer = await attempt({ ...config, timeoutMs: Math.max(1, Math.min(config.timeoutMs, left)) }, path, init);
    const retryable = isRetryableStatus(answer.status) || (answer.status >= 200 && answer.status < 300 && isHtml(answer));
    if (!retryable) return answer;
    const spent = Date.now() - started;
    const wait = retryDelay(n, answer.retryAfterMs, spent);
    if (wait === null) throw failureFor(answer);
    await sleep(wait);
  }
}

/** `many`: a batch answer, which must hold a list; a single read may hold one generation. */
function parseTasks(answer: UpstreamAnswer, many: boolean): Task[] {
  if (answer.status < 200 || answer.status >= 300) throw failureFor(answer);
  if (isHtml(answer)) throw failureFor(answer);
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    throw new GatewayError("malformed_json", { status: answer.status });
  }
  try {
    return normalizeResponse(body, { many });
  } catch (error) {
    if (error instanceof UnexpectedShapeError) throw new GatewayError("unexpected_shape", { status: answer.status, detail: error.detail });
    throw error;
  }
}

async function fetchOne(config: GatewayConfig, id: string): Promise<Task | null> {
  const answer = await call(config, `/luma/generations/${encodeURIComponent(id)}`, { method: "GET" });
  if (answer.status === 404) return null;
  return parseTasks(answer, false).find((task) => task.id === id) ?? null;
}

async function fetchOneByOne(config: GatewayConfig, ids: readonly string[]): Promise<Task[]> {
  const found = await mapLimit(ids, SINGLE_GET_CONCURRENCY, (id) => fetchOne(config, id));
  return found.filter((task): task is Task => task !== null);
}

async function fetchBatch(config: GatewayConfig, ids: readonly string[]): Promise<Task[]> {
  if (Date.now() < noBatchRoute.until) return fetchOneByOne(config, ids);
  const answer = await call(config, "/luma/tasks", { method: "POST", body: JSON.stringify({ ids }) });
  if (answer.status === 404 || answer.status === 405) {
    noBatchRoute.until = Date.now() + NO_BATCH_ROUTE_MEMORY_MS;
    return fetchOneByOne(config, ids);
  }
  return parseTasks(answer, true);
}

export interface FetchOutcome {
  /** The tasks the gateway returned; an id asked in a call that succeeded but absent here is "not found". */
  found: Map<string, Task>;
  /** Ids whose call failed, and why (the first failure). */
  failed: string[];
  error: GatewayError | null;
}

/**
 * Asks the gateway for these (lower-case, distinct) ids, at most 50 per call. One call failing does
 * not sink the others: their answers are kept and the failed call's ids are reported apart.
 */
export async function fetchTasksSettled(ids: readonly string[]): Promise<FetchOutcome> {
  const config = requireConfig();
  if (config.provider === "official") return fetchOfficialTasksSettled(config, ids);
  const wanted = new Set(ids);
  const parts = chunk(ids, UPSTREAM_BATCH_SIZE);
  const settled = await Promise.allSettled(parts.map((part) => fetchBatch(config, part)));
  const outcome: FetchOutcome = { found: new Map(), failed: [], error: null };
  settled.forEach((result, i) => {
    if (result.status === "fulfilled") {
      for (const task of result.value) if (wanted.has(task.id)) outcome.found.set(task.id, task);
      return;
    }
    if (!(result.reason instanceof GatewayError)) throw result.reason;
    outcome.failed.push(...parts[i]!);
    outcome.error ??= result.reason;
  });
  return outcome;
}

/** Like fetchTasksSettled, but any failed call fails the whole read. */
export async function fetchTasks(ids: readonly string[]): Promise<Map<string, Task>> {
  const { found, error } = await fetchTasksSettled(ids);
  if (error) throw error;
  return found;
}

/** The watermark-free file where a gateway serves `/download_video_url`; `null` anywhere else. */
export async function fetchDownloadVideoUrl(id: string): Promise<string | null> {
  const config = requireConfig();
  if (config.provider === "official") return null;
  try {
    const answer = await attempt({ ...config, timeoutMs: Math.min(config.timeoutMs, 5000) }, `/luma/generations/${encodeURIComponent(id)}/download_video_url`, { method: "GET" });
    if (answer.status !== 200) return null;
    const body: unknown = JSON.parse(answer.text);
    const url = typeof body === "object" && body !== null && "url" in body ? body.url : null;
    return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
  } catch {
    return null;
  }
}

/** Test hook: forget what was learned about the gateway's routes. */
export function resetClientMemory(): void {
  noBatchRoute.until = 0;
}
