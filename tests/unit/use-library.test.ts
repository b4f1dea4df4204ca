import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// The library's storage, outside React: what happens when the browser refuses to store it.

const A = "4665a07c-7641-4809-a133-10786201bb56";
const B = "3f2a9c4e-8b1d-4e6f-9a07-5c3d2b1e0f41";
const KEY = "luma-gallery:library:v1";

/** A localStorage that holds what it was given and, once `full`, refuses new writes (quota). */
function fakeStorage() {
  const items = new Map<string, string>();
  return {
    full: false,
    getItem: (key: string) => items.get(key) ?? null,
    setItem(key: string, value: string) {
      if (this.full) throw new DOMException("quota", "QuotaExceededError");
      items.set(key, value);
    },
  };
}

let storage: ReturnType<typeof fakeStorage>;
type Module = typeof import("@/lib/client/use-library");
let library: Module;

beforeEach(async () => {
  storage = fakeStorage();
  vi.stubGlobal("window", { localStorage: storage, addEventListener() {}, removeEventListener() {} });
  vi.resetModules(); // the module keeps the tab's copy: start each test from a fresh tab
  library = await import("@/lib/client/use-library");
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("library storage", () => {
  it("stores added ids, newest first, and counts only new ones", () => {
    expect(library.addToStoredLibrary([A])).toBe(1);
    expect(library.addToStoredLibrary([B, A])).toBe(1);
    expect(library.getLibrarySnapshot()).toEqual([B, A]);
    expect(storage.getItem(KEY)).toContain(B);
    expect(library.isLibrarySaved()).toBe(true);
  });

  it("keeps ids the full storage refused for the rest of the tab, and says it did not save them", () => {
    library.addToStoredLibrary([A]);
    storage.full = true;
    expect(library.addToStoredLibrary([B])).toBe(1);
    // The storage still reads the old list; the tab's copy must win, or B would vanish.
    expect(library.getLibrarySnapshot()).toEqual([B, A]);
    expect(library.isLibrarySaved()).toBe(false);
    expect(library.addToStoredLibrary([B])).toBe(0);
  });
});
