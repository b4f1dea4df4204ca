// No "use client": the server render seeds the same cache entries from the same items.
import type { QueryClient } from "@tanstack/react-query";
import type { LibraryItemView } from "@/lib/shared/library-query";
import { isFinished, type Task } from "@/lib/shared/task";
import { taskKeys } from "./task-keys";

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * Puts what library items know about their tasks into the task cache. An unfinished task the
 * cache already holds is left alone: the stream that wrote it is fresher than a page read from
 * the database. Unread items write nothing, so their cards show as loading.
 */
export function seedTasksFromItems(client: QueryClient, items: readonly LibraryItemView[]): void {
  for (const item of items) {
    if (item.status === "unread") continue;
    const key = taskKeys.one(item.id);
    const value: Task | null = item.status === "found" ? item.task : null;
    const cached = client.getQueryData<Task | null>(key);
    if (cached !== undefined && value !== null && !isFinished(value)) continue;
    if (cached !== undefined && same(cached, value)) continue;
    client.setQueryData(key, value);
  }
}
