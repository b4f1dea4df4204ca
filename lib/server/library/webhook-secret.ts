import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";

const digest = (text: string) => createHash("sha256").update(text).digest();

/**
 * Whether the path's secret is the configured one, in time that does not depend on where they
 * differ (both are hashed first, so their lengths do not show either). Unset never matches.
 */
export function webhookSecretMatches(configured: string | undefined, given: string): boolean {
  if (!configured) return false;
  return timingSafeEqual(digest(configured), digest(given));
}
