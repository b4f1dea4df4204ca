import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { browserUse, sharedRunSettings, simulatorServer } from "./tests/playwright-shared";
import { DEMO_IDS } from "./simulator/demo-set";
import { APP_PORT, APP_URL, AUTH_APP_PORT, STRICT_APP_PORT, STRICT_BODY_TIMEOUT_MS, STRICT_RATE_LIMIT, OFFICIAL_APP_PORT, E2E_KEY, E2E_PASSWORD, E2E_POLL_MS, E2E_TIMEOUT_MS, E2E_WEBHOOK_SECRET, SIM_URL } from "./tests/e2e/env";

/** The production build of the app on `port` as `npm start` runs it (`next start`), talking HTTP to the simulator. */
function appServer(port: number, env: Record<string, string>) {
  return {
    command: `npx next start -p ${port} -H 127.0.0.1`,
    url: `http://127.0.0.1:${port}/api/health`,
    env: {
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      HOST: "127.0.0.1",
      LUMA_API_BASE_URL: SIM_URL,
      LUMA_API_KEY: E2E_KEY,
      LUMA_POLL_INTERVAL_MS: String(E2E_POLL_MS),
      LUMA_TIMEOUT_MS: String(E2E_TIMEOUT_MS),
      LUMA_WEBHOOK_SECRET: E2E_WEBHOOK_SECRET,
      // Each server its own embedded database, empty at every run (one process per folder).
      DATA_DIR: mkdtempSync(path.join(tmpdir(), `luma-e2e-${port}-`)),
      ...env,
    },
    reuseExistingServer: false,
    stdout: "pipe" as const,
    timeout: 60_000,
  };
}

// Real servers: the gateway simulator and the production build of the app, talking HTTP.
export default defineConfig({
  testDir: "./tests/e2e",
  ...sharedRunSettings,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: browserUse(APP_URL),
  webServer: [
    simulatorServer,
    // Demo mode as `npm run demo` runs it: an empty gallery offers the simulator's demo set.
    // TRUST_PROXY=1 on the first two: the specs play the one proxy in front (X-Forwarded-For), so
    // each test can be a client of its own (uniqueClientIp).
    appServer(APP_PORT, { RATE_LIMIT_PER_MINUTE: "0", LUMA_DEMO_IDS: DEMO_IDS.join(","), TRUST_PROXY: "1" }),
    // The same build with the access gate on (tests/e2e/auth.spec.ts), against the same simulator.
    // Its rate limit is low enough for the rate-limit spec to reach quickly; the auth spec stays below.
    appServer(AUTH_APP_PORT, { DASHBOARD_PASSWORD: E2E_PASSWORD, RATE_LIMIT_PER_MINUTE: "120", TRUST_PROXY: "1" }),
    // The defaults of a bare `npm start` where trust is concerned (TRUST_PROXY=0: every client is
    // one), with a small budget and a short body deadline (tests/e2e/trust.spec.ts).
    appServer(STRICT_APP_PORT, { RATE_LIMIT_PER_MINUTE: String(STRICT_RATE_LIMIT), BODY_TIMEOUT_MS: String(STRICT_BODY_TIMEOUT_MS) }),
    // The same build reading Luma's official API (tests/e2e/official.spec.ts) from the same simulator.
    appServer(OFFICIAL_APP_PORT, { LUMA_PROVIDER: "official", LUMA_API_BASE_URL: `${SIM_URL}/dream-machine/v1`, RATE_LIMIT_PER_MINUTE: "0" }),
  ],
});
