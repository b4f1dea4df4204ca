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

export function shareSetPath(ids: readonly string[]): string {
  return `/?ids=${ids.join(",")}`;
}

export function taskPagePath(id: string): string {
  return `/tasks/${encodeURIComponent(id)}`;
}
