// Query keys of the one task cache. No "use client": the server render seeds the same keys.
const TASK = "task";

export const taskKeys = {
  prefix: TASK,
  all: [TASK] as const,
  one: (id: string) => [TASK, id] as const,
  /** One fallback poll over a sorted chunk of ids that are unknown or unfinished. */
  poll: (ids: readonly string[]) => ["tasks-poll", ids] as const,
};
