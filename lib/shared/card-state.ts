import type { Task } from "./task";

export const CARD_STATES = ["loading", "pending", "processing", "completed", "failed", "not_found"] as const;
export type CardState = (typeof CARD_STATES)[number];

/** `task`: undefined = not answered yet, null = unknown to the gateway (SPEC §5). */
export function cardState(task: Task | null | undefined): CardState {
  if (task === undefined) return "loading";
  if (task === null) return "not_found";
  return task.state;
}

/**
 * " 45%" after the state's word while a task is processing and the gateway gives progress, else
 * "". Plain digits: a percent sign needs no locale's formatter (and so no ICU at hydration).
 */
export function progressSuffix(state: CardState, progress: number | null | undefined): string {
  return state === "processing" && progress != null ? ` ${Math.round(progress)}%` : "";
}
