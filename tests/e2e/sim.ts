import type { APIRequestContext } from "@playwright/test";
import { SIM_URL } from "./env";

// The simulator's control endpoints, for specs. Everything goes over HTTP, like the app's own calls.

export interface SimTaskSpec {
  id?: string;
  prompt?: string;
  aspectRatio?: string;
  pendingMs?: number;
  processingMs?: number;
  outcome?: "completed" | "failed";
  failureReason?: string;
  mediaTtlMs?: number;
  thumbDelayMs?: number;
  emptyDownloadUrl?: boolean;
}

export interface SimCalls {
  batch: number;
  single: number;
  download: number;
  total: number;
  log: { route: "batch" | "single" | "download" | "other"; ids: string[]; at: number; fault: string | null }[];
}

async function post(request: APIRequestContext, path: string, data: unknown) {
  const response = await request.post(`${SIM_URL}${path}`, { data });
  if (!response.ok()) throw new Error(`simulator ${path}: HTTP ${response.status()} ${await response.text()}`);
  return response.json();
}

export async function createTasks(request: APIRequestContext, tasks: SimTaskSpec[]): Promise<string[]> {
  return (await post(request, "/__control/tasks", { tasks })).ids;
}

/** A task that is already finished (completed unless said otherwise). */
export const done = (spec: SimTaskSpec = {}): SimTaskSpec => ({ pendingMs: 0, processingMs: 0, ...spec });

export const setFault = (request: APIRequestContext, fault: { mode: string; count?: number; retryAfter?: number }) =>
  post(request, "/__control/fault", fault);
export const setShape = (request: APIRequestContext, shape: "array" | "envelope" | "official") => post(request, "/__control/shape", { shape });
export const setBatchRoute = (request: APIRequestContext, enabled: boolean) => post(request, "/__control/batch-route", { enabled });
export const resetSim = (request: APIRequestContext) => post(request, "/__control/reset", {});
export const resetCalls = (request: APIRequestContext) => post(request, "/__control/calls/reset", {});

export async function simCalls(request: APIRequestContext): Promise<SimCalls> {
  return (await request.get(`${SIM_URL}/__control/calls`)).json();
}

/** A UUID the simulator has never heard of. */
export function unknownId(): string {
  return crypto.randomUUID();
}
