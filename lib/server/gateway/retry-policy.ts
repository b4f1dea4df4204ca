// Pure retry arithmetic for upstream calls, kept apart from I/O so it can be unit-tested.

export const MAX_ATTEMPTS = 3;
/** All attempts of one call, and the waits between them, end within this. */
export const CALL_DEADLINE_MS = 15_000;
/**
 * All waiting between attempts of one call stays under this, Retry-After included, which leaves
 * the last attempt at least 3 s of the deadline to answer in.
 */
export const RETRY_BUDGET_MS = CALL_DEADLINE_MS - 3_000;

const RETRYABLE = new Set([429, 500, 502, 503, 504]);

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE.has(status);
}

/** Retry-After in seconds or as an HTTP date → milliseconds from `now`; `null` when absent or odd. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}

/** Exponential backoff with jitter: ~300 ms, ~900 ms, … */
export function backoffMs(attempt: number, random = Math.random): number {
  const base = 300 * 3 ** attempt;
  return Math.round(base * (0.75 + random() * 0.5));
}

/**
 * How long to wait before attempt `attempt + 1`, or `null` to give up now: out of attempts, or the
 * gateway asks for a longer pause than the budget left (better to say so than to hang the request).
 */
export function retryDelay(attempt: number, retryAfterMs: number | null, spentMs: number, random = Math.random): number | null {
  if (attempt + 1 >= MAX_ATTEMPTS) return null;
  const wait = retryAfterMs ?? backoffMs(attempt, random);
  return spentMs + wait <= RETRY_BUDGET_MS ? wait : null;
}
