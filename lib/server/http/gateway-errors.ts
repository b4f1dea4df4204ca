import "server-only";
import { GatewayError } from "@/lib/server/gateway/errors";
import { ApiError } from "./errors";

/** The words and status a person gets for a gateway failure: the one place that decides them. */
export function gatewayApiError(error: GatewayError): ApiError {
  switch (error.failure) {
    case "not_configured":
      return new ApiError(
        "not_configured",
        "The gateway is not configured: set LUMA_API_BASE_URL and LUMA_API_KEY on the server (with LUMA_PROVIDER=official, LUMA_API_KEY is enough; see the README), or run `npm run demo` to try the built-in simulator.",
      );
    case "rate_limited":
      return new ApiError("rate_limited", "The gateway is rate limiting requests. Try again shortly.", {
        retryAfterSeconds: error.retryAfterMs !== null ? error.retryAfterMs / 1000 : 30,
      });
    case "rejected_key":
      return new ApiError("bad_gateway", `The gateway rejected the API key (HTTP ${error.status}). Check LUMA_API_KEY on the server.`);
    case "unreachable":
      return new ApiError("unavailable", "The gateway could not be reached. It may be down.");
    case "unavailable":
      return new ApiError("unavailable", `The gateway is temporarily unavailable (HTTP ${error.status ?? 503}).`);
    case "timeout":
      return new ApiError("gateway_timeout", `The gateway did not answer within ${Math.round((error.timeoutMs ?? 0) / 1000)} s. It may be overloaded.`);
    case "bad_status":
      if (error.detail === "html") return new ApiError("bad_gateway", "The gateway answered with an HTML error page.");
      // Luma's own API explains its refusals (`{"detail": ...}`); that text helps whoever reads it.
      return new ApiError("bad_gateway", `The gateway answered with HTTP ${error.status}${error.detail ? `: ${error.detail}` : ""}.`);
    case "malformed_json":
      return new ApiError("bad_gateway", "The gateway answered with malformed JSON.");
    case "unexpected_shape":
      return new ApiError("bad_gateway", `The gateway answered with an unexpected shape: ${error.detail ?? "unknown"}.`);
  }
}

/** ApiErrors pass through; gateway failures get their words; anything else stays as it is. */
export function asApiError(error: unknown): unknown {
  return error instanceof GatewayError ? gatewayApiError(error) : error;
}
