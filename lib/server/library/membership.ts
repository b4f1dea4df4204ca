import "server-only";
import type { QueryClient } from "@tanstack/react-query";
import { getDb } from "@/lib/server/db/client";
import { libraryIdsAmong } from "@/lib/server/db/library";
import { libraryKeys } from "@/lib/shared/library-query";

/**
 * Puts which of a page's `ids` the library holds into the page's query cache (useLibraryMembership
 * reads it), so the first render already offers to add only the others and no button changes its
 * words after load.
 */
export async function seedLibraryMembership(queryClient: QueryClient, ids: readonly string[]): Promise<void> {
  let held: string[];
  try {
    held = await libraryIdsAmong(await getDb(), ids);
  } catch (error) {
    // The page does not need the answer to be shown: the browser asks, and copes when it cannot know.
    console.error("A page render could not read the library's membership:", error instanceof Error ? error.name : "unknown error");
    return;
  }
  queryClient.setQueryData(libraryKeys.contains(ids), held);
}
