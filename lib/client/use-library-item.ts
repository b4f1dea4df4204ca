"use client";

import { useQuery } from "@tanstack/react-query";

/** Whether the server library holds `id` (GET /api/library/{id}: 200 or 404); false until known or on errors. */
export async function isInServerLibrary(id: string): Promise<boolean> {
  const response = await fetch(`/api/library/${encodeURIComponent(id)}`, { cache: "no-store" });
  if (response.status === 404) return false;
  if (!response.ok) throw new Error(`The library answered HTTP ${response.status}.`);
  return true;
}

export function useInServerLibrary(id: string): boolean {
  const { data } = useQuery({ queryKey: ["library", "item", id], queryFn: () => isInServerLibrary(id), retry: false, staleTime: 30_000 });
  return data ?? false;
}
