/** Copies text; `false` when the browser refuses (insecure origin, permissions), so the UI can show it instead. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard?.writeText) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export function absoluteUrl(path: string): string {
  return new URL(path, window.location.origin).toString();
}

/**
 * Ids per share link. Each costs 37 characters and servers refuse request headers beyond ~16 KB
 * (Node's default), so a link of 1,000 ids would not even load.
 */
export const SHARE_LIMIT = 300;

export function shareSetPath(ids: readonly string[]): string {
  return `/?ids=${ids.slice(0, SHARE_LIMIT).join(",")}`;
}

export function taskPagePath(id: string): string {
  return `/tasks/${encodeURIComponent(id)}`;
}
