import { hasBrand } from "@/lib/shared/brand";

// The gateway's own failure type. It says what went wrong upstream in terms of the upstream; the
// HTTP edge (lib/server/http/gateway-errors.ts) decides the status and the words a person reads.

export type GatewayFailure =
  /** LUMA_API_BASE_URL or LUMA_API_KEY missing. */
  | "not_configured"
  /** 429 after the bounded retries. */
  | "rate_limited"
  /** 401/403: the key was refused. */
  | "rejected_key"
  /** No connection could be made. */
  | "unreachable"
  /** 503 (or another retryable 5xx) after the bounded retries. */
  | "unavailable"
  | "timeout"
  /** Any other status, or an HTML page where JSON was expected. */
  | "bad_status"
  | "malformed_json"
  /** JSON of a shape the app cannot read (a drifting gateway). */
  | "unexpected_shape";

// Thrown in one bundle, caught in another: see lib/shared/brand.ts.
const BRAND = Symbol.for("luma-gallery.GatewayError");

export class GatewayError extends Error {
  static [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, BRAND);
  }

  readonly [BRAND] = true;
  readonly failure: GatewayFailure;
  /** The upstream's HTTP status, where it answered. */
  readonly status: number | null;
  readonly retryAfterMs: number | null;
  /** What the upstream said, or what it looked like; never the key. */
  readonly detail: string | null;
  readonly timeoutMs: number | null;

  constructor(
    failure: GatewayFailure,
    options: { status?: number; retryAfterMs?: number | null; detail?: string | null; timeoutMs?: number } = {},
  ) {
    super(`gateway ${failure}${options.status ? ` (HTTP ${options.status})` : ""}${options.detail ? `: ${options.detail}` : ""}`);
    this.name = "GatewayError";
    this.failure = failure;
    this.status = options.status ?? null;
    this.retryAfterMs = options.retryAfterMs ?? null;
    this.detail = options.detail ?? null;
    this.timeoutMs = options.timeoutMs ?? null;
  }
}
