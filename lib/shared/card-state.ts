import type { Task } from "./task";

export const CARD_STATES = ["loading", "pending", "processing", "completed", "failed", "not_found"] as const;
export type CardState = (typeof CARD_STATES)[number];

/** `task`: undefined = not answered yet, null = unknown to the gateway (SPEC §5). */
export function cardState(task: Task | null | undefined): CardState {
  if (task === undefined) return "loading";
  if (task === null) return "not_found";
  return task.state;
}
