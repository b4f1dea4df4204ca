// Next 16.4 with Turbopack lists the root layout's stylesheet under the built-in global-error's
// entry too, and with `experimental.inlineCss` every page then carries the whole stylesheet a third
// time, in its RSC payload, as that boundary's styles (vercel/next.js#98110). The built-in
// global-error styles itself inline, and the root layout's <style> stays in the document anyway, so
// its entry is emptied in the client reference manifests the server reads.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const GLOBAL_ERROR_ENTRY = "[project]/node_modules/next/dist/client/components/builtin/global-error";
const MANIFEST_LINE = /^(globalThis\.__RSC_MANIFEST\["(?:[^"\\]|\\.)*"\] = )(\{.*\});$/;

/** Empties the global-error's stylesheet list in one manifest file; returns whether it changed. */
export function dropGlobalErrorCss(source) {
  let changed = false;
  const lines = source.split("\n").map((line) => {
    const match = MANIFEST_LINE.exec(line);
    if (!match) return line;
    const manifest = JSON.parse(match[2]);
    if (!manifest.entryCSSFiles?.[GLOBAL_ERROR_ENTRY]?.length) return line;
    manifest.entryCSSFiles[GLOBAL_ERROR_ENTRY] = [];
    changed = true;
    return `${match[1]}${JSON.stringify(manifest)};`;
  });
  return changed ? lines.join("\n") : null;
}

/** Applies `dropGlobalErrorCss` to every client reference manifest under `dir`; returns how many changed. */
export function dropGlobalErrorCssUnder(dir) {
  let count = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith("_client-reference-manifest.js")) continue;
    const file = path.join(entry.parentPath, entry.name);
    const fixed = dropGlobalErrorCss(readFileSync(file, "utf8"));
    if (fixed === null) continue;
    writeFileSync(file, fixed);
    count++;
  }
  return count;
}
