"use client";

/**
 * Resolves once the page has loaded (at once when it has): code that the first screen does not need
 * (the live stream, the virtualized grid) waits for it, so it is no part of the first load.
 */
export function afterLoad(): Promise<void> {
  if (document.readyState === "complete") return Promise.resolve();
  return new Promise((resolve) => window.addEventListener("load", () => resolve(), { once: true }));
}
