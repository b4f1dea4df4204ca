// Every query key of the app, so no component invents its own (TkDodo's "Effective React Query Keys").
export const taskKeys = {
  /** One poll over a sorted chunk of ids that are unknown or unfinished. */
  poll: (ids: readonly string[]) => ["tasks", "poll", ids] as const,
};
