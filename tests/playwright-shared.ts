import { devices, type PlaywrightTestConfig } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumExecutable } from "../scripts/lib/browser";
import { E2E_KEY, SIM_PORT, SIM_URL } from "./e2e/env";

// What both Playwright configs (the e2e suite and the standalone run) share: one worker against
// shared servers, the browser, and the gateway simulator they talk to.

export const sharedRunSettings = {
  fullyParallel: false,
  // One app and one simulator are shared, and some specs inject faults into it: run specs one at a time.
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
} satisfies PlaywrightTestConfig;

export function browserUse(baseURL: string): PlaywrightTestConfig["use"] {
  return {
    baseURL,
    trace: "on-first-retry",
    ...devices["Desktop Chrome"],
    launchOptions: { executablePath: chromiumExecutable(), args: CHROMIUM_ARGS },
  };
}

export const simulatorServer = {
  command: "npx tsx simulator/main.ts",
  url: `${SIM_URL}/__control/health`,
  env: { SIM_PORT: String(SIM_PORT), SIM_KEY: E2E_KEY, SIM_SHAPE: "array" },
  reuseExistingServer: false,
  stdout: "pipe" as const,
  timeout: 30_000,
};
