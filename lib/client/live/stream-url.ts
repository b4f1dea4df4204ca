import { MAX_IDS_PER_REQUEST } from "@/lib/shared/ids";

/** What a browser wants streamed: the union of its visible tabs' views. */
export interface StreamWant {
  ids: readonly string[];
  library: boolean;
}

/** A key that is equal exactly when two wants would open the same stream. */
export function wantKey(want: StreamWant): string {
  return `${want.library ? "L" : "-"}:${[...want.ids].sort().join(",")}`;
}

/** The union of several wants, ids sorted so equal sets make equal streams. */
export function unionOfWants(wants: Iterable<StreamWant>): StreamWant {
  const ids = new Set<string>();
  let library = false;
  for (const want of wants) {
    for (const id of want.ids) ids.add(id);
    library ||= want.library;
  }
  return { ids: [...ids].sort(), library };
}

/** Whether the ids fit in the stream's URL; larger sets are registered first (POST /api/watches). */
export const fitsInUrl = (want: StreamWant): boolean => want.ids.length <= MAX_IDS_PER_REQUEST;

/** `since`: the server time of the last event heard on the stream this one replaces (library streams). */
export function streamUrl(want: StreamWant, watch: string | null = null, since: number | null = null): string {
  const params = new URLSearchParams();
  if (watch) params.set("watch", watch);
  else if (want.ids.length > 0) params.set("ids", want.ids.join(","));
  if (want.library) params.set("library", "1");
  if (want.library && since !== null) params.set("since", String(since));
  return `/api/events?${params.toString()}`;
}
