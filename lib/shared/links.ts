/**
 * Links carry ids in the query string; Node refuses request headers over 16 KB, so a link holds at
 * most this many (37 characters each, ~7.4 KB). Bigger lookups still work, they just are not links.
 */
export const MAX_LINK_IDS = 200;

export function taskPath(id: string): string {
  return `/tasks/${encodeURIComponent(id)}`;
}

/** `/?ids=a,b`: the gallery showing a shared set, cut to what a link can hold. Commas and UUIDs need no escaping. */
export function sharePath(ids: readonly string[]): string {
  return ids.length > 0 ? `/?ids=${ids.slice(0, MAX_LINK_IDS).join(",")}` : "/";
}

export function lookupPath(ids: readonly string[]): string {
  return ids.length > 0 ? `/lookup?ids=${ids.join(",")}` : "/lookup";
}

export function fitsInLink(ids: readonly string[]): boolean {
  return ids.length <= MAX_LINK_IDS;
}


