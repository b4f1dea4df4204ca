import { hasBrand } from "@/lib/shared/brand";

// One table from error code to HTTP status (after dub's lib/api/errors.ts). Messages are written
// for a person; none of them ever includes the gateway key.
export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  request_timeout: 408,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  bad_gateway: 502,
  not_configured: 503,
  unavailable: 503,
  gateway_timeout: 504,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

// The loader's state lives on globalThis so pages and route handlers share one cache: an error
// thrown by one bundle's copy of this class must still be an ApiError in another's (or an
// upstream 502 becomes a 500 once a /tasks/{id} page has rendered first).
const API_ERROR_BRAND = Symbol.for("luma-gallery.ApiError");

export class ApiError extends Error {
  static [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, API_ERROR_BRAND);
  }

  readonly [API_ERROR_BRAND] = true;
  readonly code: ErrorCode;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, message: string, options: { retryAfterSeconds?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "ApiError";
    this.code = code;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** Said wherever a request lacks the dashboard password (proxy.ts and every API guard). */
export const UNAUTHORIZED_MESSAGE =
  "This dashboard needs a password: sign in at /sign-in, or send HTTP Basic credentials (any user name, the dashboard password).";

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}
