import { normalizeTaskId } from "@/lib/shared/ids";

export const LIBRARY_EXPORT_FORMAT = "luma-gallery-library";

/**
 * Whatever is stored, as a clean list: unreadable or foreign values become empty rather than
 * throwing, because a broken entry must never take the gallery down with it.
 */
export function parseLibrary(raw: string | null): string[] {
  if (!raw) return [];
  try {
    const value: unknown = JSON.parse(raw);
    const list = Array.isArray(value) ? value : [];
    return dedupe(list.flatMap((item) => (typeof item === "string" ? [normalizeTaskId(item)] : [])));
  } catch {
    return [];
  }
}

export function serializeLibrary(ids: readonly string[]): string {
  return JSON.stringify(ids);
}

function dedupe(ids: readonly (string | null)[]): string[] {
  return [...new Set(ids.filter((id): id is string => id !== null))];
}

/**
 * New ids go on top in the order given (a paste or an export reads newest first); ids already
 * in the library keep their place so re-adding a set does not reshuffle the gallery.
 */
export function addToLibrary(library: readonly string[], ids: readonly string[]): string[] {
  const have = new Set(library);
  const fresh = dedupe(ids.map(normalizeTaskId)).filter((id) => !have.has(id));
  return fresh.length === 0 ? [...library] : [...fresh, ...library];
}

export function removeFromLibrary(library: readonly string[], id: string): string[] {
  const target = normalizeTaskId(id) ?? id;
  return library.filter((item) => item !== target);
}

export function exportLibrary(ids: readonly string[], now: Date = new Date()): string {
  return JSON.stringify({ format: LIBRARY_EXPORT_FORMAT, version: 1, exportedAt: now.toISOString(), ids }, null, 2);
}

export type LibraryImport = { ok: true; ids: string[]; skipped: number } | { ok: false; error: string };

/**
 * Reads an exported file (or a bare JSON array of ids). Entries that are not task ids are
 * skipped and counted; a file without a single id is refused with a reason a person can act on.
 */
export function parseLibraryImport(text: string): LibraryImport {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: "That file is not JSON. Choose a file exported from this gallery." };
  }
  const list = Array.isArray(value)
    ? value
    : value && typeof value === "object" && Array.isArray((value as { ids?: unknown }).ids)
      ? (value as { ids: unknown[] }).ids
      : null;
  if (!list) return { ok: false, error: "That file has no list of task ids (expected {\"ids\": [...]})." };
  const ids = dedupe(list.map((item) => (typeof item === "string" ? normalizeTaskId(item) : null)));
  const skipped = list.length - list.filter((item) => typeof item === "string" && normalizeTaskId(item)).length;
  if (ids.length === 0) return { ok: false, error: "That file contains no valid task ids." };
  return { ok: true, ids, skipped };
}
