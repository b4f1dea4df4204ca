import "server-only";
import { z } from "zod";
import { extractTaskIds } from "@/lib/shared/ids";
import { DEFAULT_POLL_INTERVAL_MS } from "@/lib/shared/polling";

// The only module that reads process.env. Read at run time (never at build time), so one build
// runs against any gateway and `next build` needs no variables at all.
const intFrom = (fallback: number, min: number, max: number) =>
  z.preprocess(
    (v) => (v === undefined || v === "" ? fallback : Number(v)),
    z.number().int().min(min).max(max).catch(fallback),
  );

const optionalText = z.preprocess((v) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined), z.string().optional());

/** Where `LUMA_PROVIDER=official` goes when LUMA_API_BASE_URL is unset (SPEC §1b). */
export const OFFICIAL_API_BASE_URL = "https://api.lumalabs.ai/dream-machine/v1";

const envSchema = z.object({
  // `gateway`: a gateway's batch route (SPEC §1); `official`: Luma's own API (SPEC §1b).
  LUMA_PROVIDER: z.preprocess((v) => (typeof v === "string" ? v.trim().toLowerCase() : v), z.enum(["gateway", "official"]).catch("gateway")),
  // z.httpUrl() rejects IP hosts and localhost, which self-hosted gateways (and the simulator) use.
  LUMA_API_BASE_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()).catch(undefined),
  LUMA_API_KEY: optionalText,
  LUMA_POLL_INTERVAL_MS: intFrom(DEFAULT_POLL_INTERVAL_MS, 500, 600_000),
  LUMA_TIMEOUT_MS: intFrom(10_000, 100, 10_000),
  DASHBOARD_PASSWORD: optionalText,
  REDIS_URL: optionalText,
  RATE_LIMIT_PER_MINUTE: intFrom(600, 0, 1_000_000),
  // Reverse proxies in front: only their X-Forwarded-* entries are believed (0: none).
  TRUST_PROXY: intFrom(0, 0, 10),
  // The app's public origin for absolute links and the same-origin check; a path or query is dropped.
  PUBLIC_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).transform((url) => new URL(url).origin).optional()).catch(undefined),
  MEDIA_ALLOW_PRIVATE_HOSTS: z.preprocess((v) => v === "1" || v === "true", z.boolean()),
  // How long a request body may take to arrive before the answer is 408.
  BODY_TIMEOUT_MS: intFrom(30_000, 50, 600_000),
  // Set by `npm run demo`: the simulator's demo ids, offered to an empty gallery.
  LUMA_DEMO_IDS: z.preprocess((v) => (typeof v === "string" ? extractTaskIds(v) : []), z.array(z.string())),
  DATABASE_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  DATA_DIR: optionalText.transform((v) => v ?? ".data"),
  LUMA_WEBHOOK_SECRET: optionalText,
  // Least time between two background reads of library ids (≤ 50 each): 5,000 new ids do not burst the gateway.
  LIBRARY_READ_GAP_MS: intFrom(400, 0, 60_000),
});

export type ServerEnv = z.infer<typeof envSchema>;

const ENV_NAMES = [
  "LUMA_PROVIDER",
  "LUMA_API_BASE_URL",
  "LUMA_API_KEY",
  "LUMA_POLL_INTERVAL_MS",
  "LUMA_TIMEOUT_MS",
  "DASHBOARD_PASSWORD",
  "REDIS_URL",
  "RATE_LIMIT_PER_MINUTE",
  "LUMA_DEMO_IDS",
  "TRUST_PROXY",
  "PUBLIC_URL",
  "MEDIA_ALLOW_PRIVATE_HOSTS",
  "BODY_TIMEOUT_MS",
  "DATABASE_URL",
  "DATA_DIR",
  "LUMA_WEBHOOK_SECRET",
  "LIBRARY_READ_GAP_MS",
] as const satisfies readonly (keyof ServerEnv)[];

let cached: { source: (string | undefined)[]; env: ServerEnv } | null = null;

/** The parsed environment; parsed again only when a variable changed (tests change them). */
export function serverEnv(): ServerEnv {
  // Called several times per request: compared value by value, not re-serialised.
  const source = ENV_NAMES.map((name) => process.env[name]);
  if (!cached || source.some((value, i) => value !== cached!.source[i])) {
    cached = { source, env: envSchema.parse(Object.fromEntries(ENV_NAMES.map((name, i) => [name, source[i]]))) };
  }
  return cached.env;
}

export type Provider = ServerEnv["LUMA_PROVIDER"];

export interface GatewayConfig {
  provider: Provider;
  baseUrl: string;
  key: string;
  timeoutMs: number;
}

/** `null` when the gateway is not configured; callers turn that into a clear 503. */
export function gatewayConfig(): GatewayConfig | null {
  const env = serverEnv();
  const provider = env.LUMA_PROVIDER;
  const baseUrl = env.LUMA_API_BASE_URL ?? (provider === "official" ? OFFICIAL_API_BASE_URL : undefined);
  if (!baseUrl || !env.LUMA_API_KEY) return null;
  return { provider, baseUrl: baseUrl.replace(/\/+$/, ""), key: env.LUMA_API_KEY, timeoutMs: env.LUMA_TIMEOUT_MS };
}

/** What decides the app's own origin (lib/server/http/origin.ts). */
export function originSettings(): { publicUrl: string | undefined; trustProxy: number } {
  const env = serverEnv();
  return { publicUrl: env.PUBLIC_URL, trustProxy: env.TRUST_PROXY };
}
