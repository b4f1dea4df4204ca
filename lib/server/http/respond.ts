import "server-only";
import { ApiError, type ErrorBody } from "./errors";
import { asApiError } from "./gateway-errors";

/** Answers are per request and may be personal (behind DASHBOARD_PASSWORD): never stored. */
export const NO_STORE = { "Cache-Control": "no-store" } as const;

/** The headers of a JSON answer whose body is already serialised (Response.json sets the same). */
export const JSON_TEXT_HEADERS = { ...NO_STORE, "Content-Type": "application/json" } as const;

export function json(body: unknown, init: ResponseInit = {}): Response {
  return Response.json(body, { ...init, headers: { ...NO_STORE, ...init.headers } });
}

/** The single `catch` of every route handler: known errors keep their code, anything else is a 500. */
export function errorResponse(thrown: unknown): Response {
  const error = asApiError(thrown);
  const apiError =
    error instanceof ApiError
      ? error
      : new ApiError("internal_error", "Something went wrong on the server. Try again; if it persists, check the server log.");
  if (!(error instanceof ApiError)) console.error("Unexpected error in route handler:", error instanceof Error ? error.message : "unknown");
  const headers: Record<string, string> = {};
  if (apiError.retryAfterSeconds !== undefined) headers["Retry-After"] = String(Math.ceil(apiError.retryAfterSeconds));
  // Lets scripts (curl -u) know HTTP Basic works; pages never get this, so browsers show no prompt.
  if (apiError.code === "unauthorized") headers["WWW-Authenticate"] = 'Basic realm="Luma Gallery", charset="UTF-8"';
  const body: ErrorBody = { error: { code: apiError.code, message: apiError.message } };
  return json(body, { status: apiError.status, headers });
}
