import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { browserUse, sharedRunSettings, simulatorServer } from "./tests/playwright-shared";
import { E2E_KEY, E2E_POLL_MS, E2E_TIMEOUT_MS, SIM_URL } from "./tests/e2e/env";
import {
  DATABASE_URL,
  INSTANCE_A_PORT,
  INSTANCE_A_URL,
  INSTANCE_B_PORT,
  POSTGRES_PORT,
  PROXY_URL,
  REDIS_PORT,
  STANDALONE_RATE_LIMIT,
} from "./tests/standalone/env";

// The app as the container image runs it, without Docker: Next's standalone output
// (`node .next/standalone/start.mjs`) as an unprivileged user, two instances sharing one
// PostgreSQL server and one redis-server, behind Debian's caddy with the project's own Caddyfile (compose.yaml's layout).
// Needs `npm run build` first. The specs in tests/standalone/ are the smoke part of the e2e suite.

// Made once, in the runner's process; workers inherit it through the environment.
const runDir = (process.env.LUMA_STANDALONE_RUN_DIR ??= mkdtempSync(path.join(os.tmpdir(), "luma-standalone-run-")));

function instance(port: number, name: string) {
  return {
    command: "node scripts/standalone/serve.mjs",
    url: `http://127.0.0.1:${port}/api/health`,
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: path.join(runDir, `data-${name}`),
      LUMA_API_BASE_URL: SIM_URL,
      LUMA_API_KEY: E2E_KEY,
      LUMA_POLL_INTERVAL_MS: String(E2E_POLL_MS),
      LUMA_TIMEOUT_MS: String(E2E_TIMEOUT_MS),
      DATABASE_URL,
      REDIS_URL: `redis://127.0.0.1:${REDIS_PORT}`,
      TRUST_PROXY: "1",
      RATE_LIMIT_PER_MINUTE: String(STANDALONE_RATE_LIMIT),
    },
    reuseExistingServer: false,
    stdout: "pipe" as const,
    timeout: 60_000,
  };
}

export default defineConfig({
  testDir: "./tests/standalone",
  globalTeardown: "./tests/standalone/teardown.ts",
  ...sharedRunSettings,
  reporter: [["list"]],
  use: browserUse(INSTANCE_A_URL),
  webServer: [
    simulatorServer,
    {
      command: `redis-server --port ${REDIS_PORT} --bind 127.0.0.1 --save "" --appendonly no`,
      port: REDIS_PORT,
      reuseExistingServer: false,
      timeout: 15_000,
    },
    {
      command: "node scripts/standalone/postgres.mjs",
      port: POSTGRES_PORT,
      env: { PG_PORT: String(POSTGRES_PORT) },
      // PostgreSQL's fast shutdown, and the launcher deletes the cluster's folder.
      gracefulShutdown: { signal: "SIGINT" as const, timeout: 10_000 },
      reuseExistingServer: false,
      timeout: 30_000,
    },
    instance(INSTANCE_A_PORT, "a"),
    instance(INSTANCE_B_PORT, "b"),
    {
      command: "caddy run --config Caddyfile --adapter caddyfile",
      url: `${PROXY_URL}/api/health`,
      env: {
        SITE_ADDRESS: PROXY_URL,
        APP_UPSTREAMS: `127.0.0.1:${INSTANCE_A_PORT} 127.0.0.1:${INSTANCE_B_PORT}`,
        // Caddy keeps its state under these; never in the user's home.
        XDG_DATA_HOME: path.join(runDir, "caddy-data"),
        XDG_CONFIG_HOME: path.join(runDir, "caddy-config"),
      },
      reuseExistingServer: false,
      stdout: "pipe",
      timeout: 30_000,
    },
  ],
});
