// A page cursor: the last row's sort keys, opaque to clients (base64url of a small JSON pair).

export interface Cursor {
  sortTime: number;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.sortTime, cursor.id])).toString("base64url");
}

/** `null` for anything that is not a cursor this server made. */
export function decodeCursor(text: string): Cursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [sortTime, id] = value as unknown[];
    if (typeof sortTime !== "number" || !Number.isSafeInteger(sortTime) || typeof id !== "string" || id.length > 64) return null;
    return { sortTime, id };
  } catch {
    return null;
  }
}
