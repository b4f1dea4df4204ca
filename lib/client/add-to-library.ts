// The gallery's library in localStorage: `luma-gallery:library` = [{ id, addedAt }] newest first.
// A stand-in for the gallery's own lib/client/library.ts (to be reconciled at merge): same key,
// same shape, so whatever one writes the other reads.
export const LIBRARY_KEY = "luma-gallery:library";

export interface LibraryEntry {
  id: string;
  addedAt: number;
}

function isEntry(value: unknown): value is LibraryEntry {
  if (typeof value !== "object" || value === null) return false;
  const entry = value as Record<string, unknown>;
  return typeof entry.id === "string" && typeof entry.addedAt === "number";
}

/** What is stored, tolerating a missing or hand-edited value (odd entries are skipped, not fatal). */
export function readLibrary(storage: Pick<Storage, "getItem"> = localStorage): LibraryEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(storage.getItem(LIBRARY_KEY) ?? "[]");
  } catch {
    return [];
  }
  return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
}

/** Pure: new ids go in front in the order given; ids already there keep their place and date. */
export function mergeIntoLibrary(existing: readonly LibraryEntry[], ids: readonly string[], now: number): LibraryEntry[] {
  const known = new Set(existing.map((entry) => entry.id));
  const added: LibraryEntry[] = [];
  for (const raw of ids) {
    const id = raw.toLowerCase();
    if (known.has(id)) continue;
    known.add(id);
    added.push({ id, addedAt: now });
  }
  return [...added, ...existing];
}

/**
 * Adds `ids` to the gallery; returns how many were new. Throws only when the browser refuses to
 * store anything (private mode, full quota), so the caller can say so.
 */
export function addToLibrary(ids: readonly string[], storage: Storage = localStorage): number {
  const before = readLibrary(storage);
  const after = mergeIntoLibrary(before, ids, Date.now());
  const added = after.length - before.length;
  if (added > 0) storage.setItem(LIBRARY_KEY, JSON.stringify(after));
  return added;
}
