"use client";

/** How long an idle moment is waited for after `load` before going ahead anyway. */
const IDLE_TIMEOUT_MS = 1_000;

/**
 * Resolves once the page has loaded and the browser has an idle moment (at once when that has
 * passed): code that the first screen does not need (the live stream, the virtualized grid) waits
 * for it, so it is no part of the first load and does not compete with hydration.
 */
export function afterLoad(): Promise<void> {
  const idle = (resolve: () => void) => {
    if (typeof requestIdleCallback === "function") requestIdleCallback(() => resolve(), { timeout: IDLE_TIMEOUT_MS });
    else setTimeout(resolve, 1);
  };
  if (document.readyState === "complete") return new Promise(idle);
  return new Promise((resolve) => window.addEventListener("load", () => idle(resolve), { once: true }));
}
