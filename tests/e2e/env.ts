// Ports and settings shared by playwright.config.ts and the specs. Overridable so parallel
// checkouts on one machine do not collide.
export const SIM_PORT = Number(process.env.E2E_SIM_PORT ?? 4110);
export const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3110);
export const SIM_URL = `http://127.0.0.1:${SIM_PORT}`;
export const APP_URL = `http://127.0.0.1:${APP_PORT}`;
/** A recognisable key, so the key-leak checks can look for it everywhere. */
export const E2E_KEY = "e2e-secret-key-5f0c1d9a";
export const E2E_POLL_MS = 1000;
export const E2E_TIMEOUT_MS = 2000;
