"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { callApi } from "./library-api";

const NONE: ReadonlySet<string> = new Set();

/** Which of these ids the library holds (5,000 a request, as the API takes them). */
async function libraryIdsAmong(ids: readonly string[], signal?: AbortSignal): Promise<Set<string>> {
  const held = new Set<string>();
  for (let i = 0; i < ids.length; i += 5000) {
    const answer = await callApi<{ ids: string[] }>("/api/library/contains", { method: "POST", body: JSON.stringify({ ids: ids.slice(i, i + 5000) }), signal });
    for (const id of answer.ids) held.add(id);
  }
  return held;
}

/**
 * Which of `ids` the library holds, with what this page has just added to it: a lookup or a shared
 * set offers to add only the others. Until the server answers, or if it cannot, everything is
 * offered: adding an id twice is harmless.
 */
export function useLibraryMembership(ids: readonly string[], added: ReadonlySet<string>): ReadonlySet<string> {
  const key = useMemo(() => ids.join(","), [ids]);
  const { data } = useQuery({
    queryKey: ["library-contains", key],
    queryFn: ({ signal }) => libraryIdsAmong(ids, signal),
    enabled: ids.length > 0,
  });
  return useMemo(() => (added.size === 0 ? (data ?? NONE) : new Set([...(data ?? []), ...added])), [data, added]);
}
