import type { APIRequestContext } from "@playwright/test";
import { SIM_URL } from "./env";

// The simulator's control endpoints (tests/simulator/README.md), over real HTTP.

export interface SimTaskSpec {
  id?: string;
  prompt?: string;
  aspectRatio?: string;
  pendingMs?: number;
  processingMs?: number;
  outcome?: "completed" | "failed";
  failureReason?: string;
  mediaTtlMs?: number;
}

export async function createSimTasks(request: APIRequestContext, tasks: SimTaskSpec[]): Promise<string[]> {
  const response = await request.post(`${SIM_URL}/__control/tasks`, { data: { tasks } });
  if (!response.ok()) throw new Error(`simulator refused tasks: ${response.status()}`);
  return ((await response.json()) as { ids: string[] }).ids;
}

export async function setSimFault(request: APIRequestContext, fault: { mode: string; count?: number; retryAfter?: number }): Promise<void> {
  const response = await request.post(`${SIM_URL}/__control/fault`, { data: fault });
  if (!response.ok()) throw new Error(`simulator refused fault: ${response.status()}`);
}

export async function resetSim(request: APIRequestContext): Promise<void> {
  await request.post(`${SIM_URL}/__control/reset`, { data: {} });
}

/** A UUID the simulator has never heard of. */
export function unknownId(): string {
  return crypto.randomUUID();
}
