"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { libraryKeys } from "@/lib/shared/library-query";
import { callApi } from "./library-api";

/** Which of these ids the library holds (5,000 a request, as the API takes them). */
async function libraryIdsAmong(ids: readonly string[], signal?: AbortSignal): Promise<string[]> {
  const held: string[] = [];
  for (let i = 0; i < ids.length; i += 5000) {
    const answer = await callApi<{ ids: string[] }>("/api/library/contains", { method: "POST", body: JSON.stringify({ ids: ids.slice(i, i + 5000) }), signal });
    held.push(...answer.ids);
  }
  return held;
}

/**
 * Which of `ids` the library holds, with what this page has just added to it: a lookup or a shared
 * set offers to add only the others. Until the server answers, or if it cannot, everything is
 * offered: adding an id twice is harmless.
 */
export function useLibraryMembership(ids: readonly string[], added: ReadonlySet<string>): ReadonlySet<string> {
  const queryKey = useMemo(() => libraryKeys.contains(ids), [ids]);
  const { data } = useQuery({
    queryKey,
    queryFn: ({ signal }) => libraryIdsAmong(ids, signal),
    enabled: ids.length > 0,
  });
  return useMemo(() => new Set([...(data ?? []), ...added]), [data, added]);
}
