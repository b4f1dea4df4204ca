import "server-only";
// The web shim makes the SDK use the runtime's own fetch instead of bundling node-fetch.
import "lumaai/shims/web";
import LumaAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from "lumaai";
import type { Task } from "@/lib/shared/task";
import type { GatewayConfig } from "../env";
import type { FetchOutcome } from "./client";
import { GatewayError } from "./errors";
import { mapLimit } from "./map-limit";
import { normalizeItem } from "./normalize";
import { CALL_DEADLINE_MS, isRetryableStatus, parseRetryAfter, retryDelay } from "./retry-policy";

// Luma's official API (SPEC §1b) through its SDK, `lumaai`. The SDK's own retries are off
// (maxRetries: 0) and its timeout is set per attempt, so one policy (retry-policy.ts) governs every
// upstream call: the same attempts, backoff, Retry-After budget and deadline as the gateway client.

/** No batch route: many ids are read as parallel single GETs, this many at a time. */
export const OFFICIAL_CONCURRENCY = 6;
export const ACCOUNT_PAGE_SIZE = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A 2xx answer that is not the JSON asked for: HTML from a proxy (retried), or garbage. */
class UnreadableAnswer extends Error {
  constructor(readonly html: boolean) {
    super(html ? "html" : "not json");
  }
}

function sdkFor(config: GatewayConfig): LumaAI {
  return new LumaAI({ authToken: config.key, baseURL: config.baseUrl, maxRetries: 0, timeout: config.timeoutMs });
}

/** Luma words errors `{"detail": "..."}`; a detail may be a validation list. Never echoes the key. */
function detailOf(error: APIError, key: string): string | null {
  const body = error.error as { detail?: unknown } | undefined;
  const detail = body?.detail;
  const text = typeof detail === "string" ? detail : detail !== undefined ? JSON.stringify(detail) : null;
  return text ? text.replaceAll(key, "[key]").slice(0, 200) : null;
}

function statusOf(error: unknown): number | null {
  if (error instanceof UnreadableAnswer) return error.html ? 502 : null;
  if (error instanceof APIConnectionTimeoutError) return null;
  if (error instanceof APIConnectionError) return 503; // unreachable: retried like a 503
  if (error instanceof APIError) return error.status ?? null;
  return null;
}

const retryAfterOf = (error: APIError) => parseRetryAfter(error.headers?.["retry-after"] ?? null);

/** The SDK's failures in the gateway's own terms, so the HTTP edge words both providers alike. */
function toGatewayError(error: unknown, config: GatewayConfig): GatewayError {
  if (error instanceof GatewayError) return error;
  if (error instanceof APIConnectionTimeoutError) return new GatewayError("timeout", { timeoutMs: config.timeoutMs });
  if (error instanceof UnreadableAnswer) return error.html ? new GatewayError("bad_status", { status: 200, detail: "html" }) : new GatewayError("malformed_json", { status: 200 });
  if (error instanceof SyntaxError) return new GatewayError("malformed_json", { status: 200 });
  if (error instanceof APIConnectionError) return new GatewayError("unreachable");
  if (error instanceof APIError && error.status !== undefined) {
    const status = error.status;
    if (status === 429) return new GatewayError("rate_limited", { status, retryAfterMs: retryAfterOf(error) });
    if (status === 401 || status === 403) return new GatewayError("rejected_key", { status });
    if (status === 503) return new GatewayError("unavailable", { status });
    // Without a JSON body the SDK keeps the raw text in its message: a proxy's error page.
    if (error.error === undefined && /<(!doctype|html)/i.test(error.message)) return new GatewayError("bad_status", { status, detail: "html" });
    return new GatewayError("bad_status", { status, detail: detailOf(error, config.key) });
  }
  return new GatewayError("unexpected_shape", { detail: "an answer the SDK could not read" });
}

/** One SDK call under the shared policy: a timeout per attempt, bounded retries, one deadline. */
async function withPolicy<T>(config: GatewayConfig, send: (timeoutMs: number) => Promise<T>): Promise<T> {
  const started = Date.now();
  for (let n = 0; ; n++) {
    const left = CALL_DEADLINE_MS - (Date.now() - started);
    try {
      return await send(Math.max(1, Math.min(config.timeoutMs, left)));
    } catch (error) {
      const status = statusOf(error);
      if (status === null || !isRetryableStatus(status)) throw toGatewayError(error, config);
      const wait = retryDelay(n, error instanceof APIError ? retryAfterOf(error) : null, Date.now() - started);
      if (wait === null) throw toGatewayError(error, config);
      await sleep(wait);
    }
  }
}

/** The SDK hands back text when the answer is not JSON; a generation is always an object. */
function asObject(value: unknown): Record<string, unknown> {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  throw new UnreadableAnswer(typeof value === "string" && /^\s*<(!doctype|html)/i.test(value));
}

/** One generation by id; `null` when Luma says 404. */
async function getOne(sdk: LumaAI, config: GatewayConfig, id: string): Promise<Task | null> {
  const body = await withPolicy(config, async (timeout) => {
    try {
      return asObject(await sdk.generations.get(id, { timeout }));
    } catch (error) {
      if (error instanceof APIError && error.status === 404) return null;
      throw error;
    }
  });
  const task = body ? normalizeItem(body) : null;
  return task?.id === id ? task : null;
}

/**
 * Reads these (lower-case, distinct) ids; ids Luma does not know are left out ("not found"). One
 * read failing does not sink the others: its id is reported apart, with the first failure.
 */
export async function fetchOfficialTasksSettled(config: GatewayConfig, ids: readonly string[]): Promise<FetchOutcome> {
  const sdk = sdkFor(config);
  const outcome: FetchOutcome = { found: new Map(), failed: [], error: null };
  await mapLimit(ids, OFFICIAL_CONCURRENCY, async (id) => {
    try {
      const task = await getOne(sdk, config, id);
      if (task) outcome.found.set(id, task);
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      outcome.failed.push(id);
      outcome.error ??= error;
    }
  });
  return outcome;
}

export interface AccountPage {
  tasks: Task[];
  hasMore: boolean;
  limit: number;
  offset: number;
}

/** One page of the whole account, newest first; odd items are skipped, never fatal. */
export async function listAccount(config: GatewayConfig, page: { limit?: number; offset?: number } = {}): Promise<AccountPage> {
  const sdk = sdkFor(config);
  const limit = page.limit ?? ACCOUNT_PAGE_SIZE;
  const offset = page.offset ?? 0;
  const body = await withPolicy(config, async (timeout) => asObject(await sdk.generations.list({ limit, offset }, { timeout })));
  if (!Array.isArray(body.generations)) {
    throw new GatewayError("unexpected_shape", { detail: "an account listing without a generations list" });
  }
  const tasks = body.generations.map(normalizeItem).filter((task): task is Task => task !== null);
  return { tasks, hasMore: body.has_more === true, limit, offset };
}
