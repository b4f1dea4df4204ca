// Task ids are UUIDs (8-4-4-4-12 hex). Gateways do not all emit RFC 4122 version nibbles,
// so any hex UUID is accepted.
const UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
const EXACT_UUID = new RegExp(`^${UUID}$`);
// Lookarounds keep a UUID from being carved out of a longer run of hex digits and dashes.
const EMBEDDED_UUID = new RegExp(`(?<![0-9a-fA-F-])${UUID}(?![0-9a-fA-F-])`, "g");

export const MAX_IDS_PER_REQUEST = 100;

export function isTaskId(value: string): boolean {
  return EXACT_UUID.test(value);
}

/** Lower-cases a well-formed id; `null` for anything else (surrounding spaces are forgiven). */
export function normalizeTaskId(value: string): string | null {
  const trimmed = value.trim();
  return isTaskId(trimmed) ? trimmed.toLowerCase() : null;
}

/** Every UUID in arbitrary pasted text (links, JSON, logs), lower-cased, first occurrence first. */
export function extractTaskIds(text: string): string[] {
  const seen = new Set<string>();
  for (const match of text.matchAll(EMBEDDED_UUID)) seen.add(match[0].toLowerCase());
  return [...seen];
}

/** `?ids=a,b,c` as it appears in share links; malformed entries are dropped. */
export function parseIdsParam(value: string | string[] | null | undefined): string[] {
  if (value == null) return [];
  const joined = Array.isArray(value) ? value.join(",") : value;
  return extractTaskIds(joined);
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
