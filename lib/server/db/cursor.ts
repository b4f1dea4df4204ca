// A page cursor: the last row's sort keys, opaque to clients (base64url of a small JSON array).

export interface Cursor {
  sortTime: number;
  id: string;
  /** The sort group (0: found or unread, 1: not found); cursors from before groups are group 0. */
  group: number;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.sortTime, cursor.id, cursor.group])).toString("base64url");
}

/** `null` for anything that is not a cursor this server made. */
export function decodeCursor(text: string): Cursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    if (!Array.isArray(value) || value.length < 2 || value.length > 3) return null;
    const [sortTime, id, group = 0] = value as unknown[];
    if (typeof sortTime !== "number" || !Number.isSafeInteger(sortTime) || typeof id !== "string" || id.length > 64) return null;
    if (group !== 0 && group !== 1) return null;
    return { sortTime, id, group };
  } catch {
    return null;
  }
}
