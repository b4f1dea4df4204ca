import "server-only";
import { serverEnv } from "@/lib/server/env";
import { databaseReadinessCheck } from "./database-check";
import { redisReadinessCheck } from "./redis-check";
import { runReadinessChecks, type ReadinessCheck, type ReadinessReport } from "./run";

/** Longest one probe may take before the service counts as not answering. */
export const READINESS_DEADLINE_MS = 2_000;

/** What must answer before this instance takes traffic. Add a service here with one line. */
export function readinessChecks(env = serverEnv()): ReadinessCheck[] {
  const checks: ReadinessCheck[] = [databaseReadinessCheck()];
  if (env.REDIS_URL) checks.push(redisReadinessCheck(env.REDIS_URL));
  return checks;
}

let inFlight: Promise<ReadinessReport> | null = null;

/** The current report; probes sent while one runs share its answer, so a flood costs one probe. */
export function checkReadiness(): Promise<ReadinessReport> {
  inFlight ??= runReadinessChecks(readinessChecks(), READINESS_DEADLINE_MS).finally(() => {
    inFlight = null;
  });
  return inFlight;
}
