import "server-only";
import { ApiError } from "@/lib/server/http/errors";
import { processSingleton } from "@/lib/server/process-singleton";
import { chunk } from "@/lib/shared/ids";
import type { Task } from "@/lib/shared/task";
import { gatewayConfig, type GatewayConfig } from "../env";
import { normalizeResponse, UnexpectedShapeError } from "./normalize";
import { CALL_DEADLINE_MS, isRetryableStatus, parseRetryAfter, retryDelay } from "./retry-policy";

export const UPSTREAM_BATCH_SIZE = 50;
const SINGLE_GET_CONCURRENCY = 6;
/** A gateway without `POST /luma/tasks` is remembered for a minute instead of probed on every call
 * (short, so a gateway that briefly answered 404 gets its batch route back soon). */
const NO_BATCH_ROUTE_MEMORY_MS = 60_000;

const noBatchRoute = processSingleton("no-batch-route", () => ({ until: 0 }));

function requireConfig(): GatewayConfig {
  const config = gatewayConfig();
  if (!config) {
    throw new ApiError(
      "not_configured",
      "The gateway is not configured: set LUMA_API_BASE_URL and LUMA_API_KEY on the server (see the README), or run `npm run demo` to try the built-in simulator.",
    );
  }
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
      throw new ApiError("gateway_timeout", `The gateway did not answer within ${Math.round(config.timeoutMs / 1000)} s. It may be overloaded; the view will try again.`);
    }
    // Network failures are answered like a 503 so the retry loop treats them the same way.
    return { status: 503, contentType: "", text: "", retryAfterMs: null };
  }
}

function isHtml(answer: UpstreamAnswer): boolean {
  return answer.contentType.includes("text/html") || /^\s*<(!doctype|html)/i.test(answer.text);
}

function failureFor(answer: UpstreamAnswer): ApiError {
  const { status } = answer;
  if (status === 429) {
    return new ApiError("rate_limited", "The gateway is rate limiting requests. Try again shortly.", {
      retryAfterSeconds: answer.retryAfterMs !== null ? answer.retryAfterMs / 1000 : 30,
    });
  }
  if (status === 401 || status === 403) {
    return new ApiError("bad_gateway", `The gateway rejected the API key (HTTP ${status}). Check LUMA_API_KEY on the server.`);
  }
  if (status === 503 && !answer.text) {
    return new ApiError("unavailable", "The gateway could not be reached. It may be down; the view will try again.");
  }
  if (status === 503) return new ApiError("unavailable", "The gateway is temporarily unavailable (HTTP 503). Try again shortly.");
  const what = isHtml(answer) ? "an HTML error page" : `HTTP ${status}`;
  return new ApiError("bad_gateway", `The gateway answered with ${what}. The view will try again.`);
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

function parseTasks(answer: UpstreamAnswer): Task[] {
  if (answer.status < 200 || answer.status >= 300) throw failureFor(answer);
  if (isHtml(answer)) throw failureFor(answer);
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    throw new ApiError("bad_gateway", "The gateway answered with malformed JSON. The view will try again.");
  }
  try {
    return normalizeResponse(body);
  } catch (error) {
    if (error instanceof UnexpectedShapeError) throw new ApiError("bad_gateway", error.message);
    throw error;
  }
}

async function fetchOne(config: GatewayConfig, id: string): Promise<Task | null> {
  const answer = await call(config, `/luma/generations/${encodeURIComponent(id)}`, { method: "GET" });
  if (answer.status === 404) return null;
  return parseTasks(answer).find((task) => task.id === id) ?? null;
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  });
  await Promise.all(workers);
  return results;
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
  return parseTasks(answer);
}

/**
 * Asks the gateway for these (lower-case, distinct) ids, at most 50 per call. The answer holds the
 * tasks the gateway knows; the others are "not found".
 */
export async function fetchTasks(ids: readonly string[]): Promise<Map<string, Task>> {
  const config = requireConfig();
  const wanted = new Set(ids);
  const batches = await Promise.all(chunk(ids, UPSTREAM_BATCH_SIZE).map((part) => fetchBatch(config, part)));
  const found = new Map<string, Task>();
  for (const task of batches.flat()) if (wanted.has(task.id)) found.set(task.id, task);
  return found;
}

/** The watermark-free file where a gateway serves `/download_video_url`; `null` anywhere else. */
export async function fetchDownloadVideoUrl(id: string): Promise<string | null> {
  const config = requireConfig();
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
