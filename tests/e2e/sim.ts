import type { Page } from "@playwright/test";
import type { CallbackShape, CallLog, Delivery, Fault, FaultMode } from "../../simulator/server";
import type { TaskSpec } from "../../simulator/tasks";
import { APP_URL, SIM_URL } from "./env";

// The simulator's control endpoints (simulator/README.md), over real HTTP, for specs.

/** What `POST /__control/tasks` accepts: the simulator's own task spec. */
export type SimTaskSpec = TaskSpec;

/** The simulator's own types, as its control endpoints speak them. */
export type SimCalls = CallLog;
export type SimFault = Fault;

async function control(path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${SIM_URL}/__control/${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body ?? {}),
  });
  if (!response.ok) throw new Error(`simulator ${path}: HTTP ${response.status} ${await response.text()}`);
  return response.json().catch(() => null);
}

/** Creates tasks on the simulator (the real gateway stand-in) and returns their ids in order. */
export async function createTasks(tasks: SimTaskSpec[]): Promise<string[]> {
  return ((await control("tasks", { tasks })) as { ids: string[] }).ids;
}

/** A task that is already finished (completed unless said otherwise). */
export const done = (spec: SimTaskSpec = {}): SimTaskSpec => ({ pendingMs: 0, processingMs: 0, ...spec });

export const setFault = (fault: FaultMode | SimFault) => control("fault", typeof fault === "string" ? { mode: fault } : fault);
export const setShape = (shape: "array" | "envelope" | "official") => control("shape", { shape });
export const setBatchRoute = (enabled: boolean) => control("batch-route", { enabled });
export const resetSim = () => control("reset");
export const resetCalls = () => control("calls/reset");

/** Makes one new generation now; it calls back the URL set with `setCallbackUrl`, if any. */
export const generate = () => control("generate") as Promise<{ id: string; shape: CallbackShape }>;
/** Points the simulator's callbacks at `url` (it then also makes generations every 20–40 s); `null` stops. */
export const setCallbackUrl = (url: string | null) => control("callbacks", { url });

export async function simDeliveries(): Promise<Delivery[]> {
  return ((await (await fetch(`${SIM_URL}/__control/callbacks`)).json()) as { deliveries: Delivery[] }).deliveries;
}

export async function simCalls(): Promise<SimCalls> {
  return (await fetch(`${SIM_URL}/__control/calls`)).json() as Promise<SimCalls>;
}

/** A UUID the simulator has never heard of. */
export function unknownId(): string {
  return crypto.randomUUID();
}

export const LIBRARY_KEY = "luma-gallery:library:v1";
export const V1_FAVORITES_KEY = "luma-gallery:favorites:v1";

/** Seeds a version-1 library (and favourites) in localStorage before any page script runs, once per tab. */
export async function seedV1Library(page: Page, ids: readonly string[], favorites: readonly string[] = []): Promise<void> {
  await page.addInitScript(
    ({ key, list, favKey, favs }) => {
      // Only on the first load: later reloads must see what the app itself left there.
      if (!sessionStorage.getItem("seeded")) {
        localStorage.setItem(key, JSON.stringify(list));
        if (favs.length > 0) localStorage.setItem(favKey, JSON.stringify(favs));
        sessionStorage.setItem("seeded", "1");
      }
    },
    { key: LIBRARY_KEY, list: ids, favKey: V1_FAVORITES_KEY, favs: favorites },
  );
}

/**
 * A word no other test uses, for prompts: the e2e servers' library is shared by every spec of the
 * run, so a test looks at its own tasks through a search (`/?q=<word>`).
 */
export const uniqueWord = () => `w${Math.random().toString(36).slice(2, 10)}`;

interface LibraryAnswer {
  items: Array<{ id: string; status: string; favorite: boolean }>;
  nextCursor: string | null;
  counts: Record<string, number>;
}

/** One page of the app's library, through its API. */
export async function getLibrary(query: Record<string, string> = {}, baseUrl = APP_URL): Promise<LibraryAnswer> {
  const response = await fetch(`${baseUrl}/api/library?${new URLSearchParams({ limit: "200", ...query })}`);
  if (!response.ok) throw new Error(`GET /api/library: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as LibraryAnswer;
}

/**
 * Adds ids to the app's library through its API and, given the word in their prompts, waits until
 * the server has read them all (so a search for the word finds every one).
 */
export async function addToLibrary(ids: readonly string[], word?: string, source = "paste", baseUrl = APP_URL): Promise<void> {
  const response = await fetch(`${baseUrl}/api/library`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ ids, source }),
  });
  if (!response.ok) throw new Error(`POST /api/library: HTTP ${response.status} ${await response.text()}`);
  if (!word) return;
  for (const started = Date.now(); Date.now() - started < 30_000; await new Promise((r) => setTimeout(r, 100))) {
    if (((await getLibrary({ q: word, limit: "1" }, baseUrl)).counts.all ?? 0) >= ids.length) return;
  }
  throw new Error(`the library did not read ${ids.length} tasks with "${word}" within 30 s`);
}

/** Removes every item of the app's library (tests run one at a time; a test that needs it empty says so). */
export async function clearLibrary(baseUrl = APP_URL): Promise<void> {
  for (;;) {
    const { items } = await getLibrary({}, baseUrl);
    if (items.length === 0) return;
    for (const item of items) {
      const response = await fetch(`${baseUrl}/api/library/${item.id}`, { method: "DELETE" });
      if (response.status !== 204) throw new Error(`DELETE /api/library/${item.id}: HTTP ${response.status}`);
    }
  }
}
