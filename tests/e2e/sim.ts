import type { Page } from "@playwright/test";
import { SIM_URL } from "./env";

export interface SimTaskSpec {
  id?: string;
  prompt?: string;
  aspectRatio?: string;
  createdAt?: number | string;
  pendingMs?: number;
  processingMs?: number;
  outcome?: "completed" | "failed";
  failureReason?: string;
  mediaTtlMs?: number;
  thumbDelayMs?: number;
}

async function control(path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${SIM_URL}/__control/${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`simulator ${path}: HTTP ${response.status} ${await response.text()}`);
  return response.json().catch(() => null);
}

/** Creates tasks on the simulator (the real gateway stand-in) and returns their ids in order. */
export async function createTasks(tasks: SimTaskSpec[]): Promise<string[]> {
  const { ids } = (await control("tasks", { tasks })) as { ids: string[] };
  return ids;
}

export const setFault = (mode: string) => control("fault", { mode });
export const resetSim = () => control("reset");

/** Seeds the gallery's library in localStorage before any page script runs. */
export async function seedLibrary(page: Page, ids: readonly string[]): Promise<void> {
  await page.addInitScript((list) => {
    // Only on the first load: later reloads must see what the app itself stored.
    if (!sessionStorage.getItem("seeded")) {
      localStorage.setItem("luma-gallery:library:v1", JSON.stringify(list));
      sessionStorage.setItem("seeded", "1");
    }
  }, ids);
}

export const LIBRARY_KEY = "luma-gallery:library:v1";
