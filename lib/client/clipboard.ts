/**
 * Copies `text`; `false` when the browser refuses (no permission, insecure origin, old browser).
 * Callers always show the text as well, so a refusal never leaves the user without the link.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall back below
  }
  try {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  } catch {
    return false;
  }
}

export function absoluteUrl(path: string): string {
  return new URL(path, window.location.origin).toString();
}
