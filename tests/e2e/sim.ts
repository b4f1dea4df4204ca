import type { Page } from "@playwright/test";
import type { CallbackShape, CallLog, Delivery, Fault, FaultMode } from "../../simulator/server";
import type { TaskSpec } from "../../simulator/tasks";
import { SIM_URL } from "./env";

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

/** Seeds the gallery's library in localStorage before any page script runs. */
export async function seedLibrary(page: Page, ids: readonly string[]): Promise<void> {
  await page.addInitScript(
    ({ key, list }) => {
      // Only on the first load: later reloads must see what the app itself stored.
      if (!sessionStorage.getItem("seeded")) {
        localStorage.setItem(key, JSON.stringify(list));
        sessionStorage.setItem("seeded", "1");
      }
    },
    { key: LIBRARY_KEY, list: ids },
  );
}
