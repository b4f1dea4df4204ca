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

export type ShareOutcome = "shared" | "copied" | "manual" | "cancelled";

/**
 * The system share sheet where the browser has one (phones, some desktops), else the clipboard.
 * A dismissed sheet is not a failure; any other refusal falls back to copying.
 */
export async function shareOrCopy(url: string, title?: string): Promise<ShareOutcome> {
  if (typeof navigator.share === "function") {
    try {
      await navigator.share({ url, title });
      return "shared";
    } catch (error) {
      if (error instanceof DOMException && error.name === "AbortError") return "cancelled";
    }
  }
  return (await copyText(url)) ? "copied" : "manual";
}
