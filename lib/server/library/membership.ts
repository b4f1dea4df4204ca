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
  queryClient.setQueryData(libraryKeys.contains(ids), await libraryIdsAmong(await getDb(), ids));
}
