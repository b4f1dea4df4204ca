import { QueryClient } from "@tanstack/react-query";
import { taskKeys } from "./task-keys";

/**
 * The browser's query client (and each server render's). Views read tasks straight from the cache
 * (useTaskMap), so no observer holds a task entry; TanStack's garbage collection would drop every
 * entry its gcTime after it was first written, on screen or not, and a finished task sends no
 * event that would bring it back. Tasks are small and live for the page's life instead.
 */
export function makeQueryClient(): QueryClient {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: 60_000 } } });
  client.setQueryDefaults(taskKeys.all, { gcTime: Infinity });
  return client;
}
