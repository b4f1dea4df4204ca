import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  addToLibrary,
  exportLibrary,
  parseLibrary,
  parseLibraryImport,
  removeFromLibrary,
  serializeLibrary,
} from "@/lib/client/library";
import { extractTaskIds } from "@/lib/shared/ids";

const A = "3f2a9c4e-8b1d-4e6f-9a07-5c3d2b1e0f41";
const B = "7b6e1d2c-4a5f-4c8b-8e3d-2f1a0b9c8d72";
const C = "c41d8e7f-2b3a-4d5c-9f6e-1a0b2c3d4e53";

describe("library", () => {
  it("adds new ids on top, newest first, in the order given", () => {
    expect(addToLibrary([A], [B, C])).toEqual([B, C, A]);
  });

  it("does not duplicate ids already in the library and keeps their place", () => {
    expect(addToLibrary([A, B], [B, C, C])).toEqual([C, A, B]);
  });

  it("lower-cases ids and ignores anything that is not an id", () => {
    expect(addToLibrary([], [A.toUpperCase(), "nope", ` ${B} `])).toEqual([A, B]);
  });

  it("removes one id, whatever its case", () => {
    expect(removeFromLibrary([A, B, C], B.toUpperCase())).toEqual([A, C]);
  });

  it("round-trips through storage", () => {
    expect(parseLibrary(serializeLibrary([C, A]))).toEqual([C, A]);
  });

  it("treats broken or foreign storage as empty instead of throwing", () => {
    expect(parseLibrary(null)).toEqual([]);
    expect(parseLibrary("{not json")).toEqual([]);
    expect(parseLibrary('{"ids":"x"}')).toEqual([]);
    expect(parseLibrary(JSON.stringify([A, 42, "x", A]))).toEqual([A]);
  });

  it("never holds a duplicate, whatever is added", () => {
    const uuid = fc.uuid().map((u) => u.toLowerCase());
    fc.assert(
      fc.property(fc.array(uuid), fc.array(uuid), (start, more) => {
        const lib = addToLibrary(addToLibrary([], start), more);
        expect(new Set(lib).size).toBe(lib.length);
        for (const id of more) expect(lib).toContain(id);
      }),
    );
  });
});

describe("library import", () => {
  it("reads its own export", () => {
    const file = exportLibrary([A, B], new Date("2026-01-01T00:00:00Z"));
    expect(parseLibraryImport(file)).toEqual({ ok: true, ids: [A, B], skipped: 0 });
  });

  it("accepts a bare array of ids and counts what it skipped", () => {
    expect(parseLibraryImport(JSON.stringify([A, "bad", 3, B.toUpperCase()]))).toEqual({ ok: true, ids: [A, B], skipped: 2 });
  });

  it.each([
    ["not JSON", "hello", /not JSON/],
    ["no id list", '{"tasks": []}', /no list of task ids/],
    ["no valid id", '{"ids": ["x", 1]}', /no valid task ids/],
  ])("refuses a file with %s", (_name, text, message) => {
    const result = parseLibraryImport(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });
});

describe("share links", () => {
  it("hold at most MAX_LINK_IDS ids so the URL stays loadable", async () => {
    const { MAX_LINK_IDS, sharePath } = await import("@/lib/shared/links");
    expect(sharePath([A, B])).toBe(`/?ids=${A},${B}`);
    const many = Array.from({ length: 1000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);
    const path = sharePath(many);
    expect(extractTaskIds(path)).toHaveLength(MAX_LINK_IDS);
    expect(path.length).toBeLessThan(16_000);
  });
});
