import "server-only";
import { connection } from "next/server";
import type { RuntimeConfig } from "@/lib/client/runtime-config";
import { gatewayConfig, serverEnv } from "../env";

/** What the browser may know of the server's settings, read per request (never at build time). */
export async function runtimeConfig(): Promise<RuntimeConfig> {
  await connection();
  const env = serverEnv();
  return {
    pollIntervalMs: env.LUMA_POLL_INTERVAL_MS,
    configured: gatewayConfig() !== null,
    demoIds: env.LUMA_DEMO_IDS,
  };
}
