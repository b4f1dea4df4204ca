/** A readable download name from the prompt and id: `paper-boat-drifting-4665a07c.mp4`. */
export function videoFileName(prompt: string | null, id: string): string {
  const slug = (prompt ?? "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/<[^>]*>/g, " ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/g, "");
  const short = id.slice(0, 8);
  return `${slug ? `${slug}-` : "luma-"}${short}.mp4`;
}

/** RFC 6266: an ASCII fallback plus the UTF-8 form, so every browser gets a sane name. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
