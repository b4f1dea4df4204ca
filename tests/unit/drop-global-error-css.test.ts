import { describe, expect, it } from "vitest";
import { dropGlobalErrorCss } from "../../scripts/standalone/drop-global-error-css.mjs";

const GLOBAL_ERROR = "[project]/node_modules/next/dist/client/components/builtin/global-error";
const sheet = [{ path: "static/chunks/a.css", inlined: true, content: '.a{content:"]"}' }];

function manifestFile(entryCSSFiles: Record<string, unknown[]>) {
  const manifest = { moduleLoading: { prefix: "" }, entryCSSFiles, entryJSFiles: { [GLOBAL_ERROR]: ["static/chunks/g.js"] } };
  return `globalThis.__RSC_MANIFEST = globalThis.__RSC_MANIFEST || {};\nglobalThis.__RSC_MANIFEST["/page"] = ${JSON.stringify(manifest)};\n`;
}

function read(source: string) {
  const context: { __RSC_MANIFEST?: Record<string, { entryCSSFiles: Record<string, unknown[]>; entryJSFiles: Record<string, string[]> }> } = {};
  new Function("globalThis", source)(context);
  return context.__RSC_MANIFEST!["/page"]!;
}

describe("dropGlobalErrorCss", () => {
  it("empties only the global-error's stylesheets and keeps the file loadable", () => {
    const fixed = dropGlobalErrorCss(manifestFile({ "[project]/app/layout": sheet, [GLOBAL_ERROR]: sheet }));
    expect(fixed).not.toBeNull();
    const manifest = read(fixed!);
    expect(manifest.entryCSSFiles[GLOBAL_ERROR]).toEqual([]);
    expect(manifest.entryCSSFiles["[project]/app/layout"]).toEqual(sheet);
    expect(manifest.entryJSFiles[GLOBAL_ERROR]).toEqual(["static/chunks/g.js"]);
  });

  it("stops the build on a manifest line it cannot read, rather than write a broken one", () => {
    const broken = `globalThis.__RSC_MANIFEST["/page"] = {"entryCSSFiles": {oops}};`;
    expect(() => dropGlobalErrorCss(broken)).toThrow(SyntaxError);
  });

  it("leaves a manifest without the duplicate alone", () => {
    expect(dropGlobalErrorCss(manifestFile({ "[project]/app/layout": sheet, [GLOBAL_ERROR]: [] }))).toBeNull();
    expect(dropGlobalErrorCss("globalThis.__RSC_MANIFEST = globalThis.__RSC_MANIFEST || {};\n")).toBeNull();
  });
});
