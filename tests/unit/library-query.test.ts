import { describe, expect, it } from "vitest";
import { galleryFiltersSearch, libraryApiPath, libraryKeys, parseGalleryFilters } from "@/lib/shared/library-query";

describe("gallery filters in the address", () => {
  it("reads the defaults from an empty address", () => {
    expect(parseGalleryFilters({})).toEqual({ state: null, q: "", sort: "newest", favorite: false });
  });

  it("reads every filter, and falls back on values it does not know", () => {
    expect(parseGalleryFilters(new URLSearchParams("state=failed&q=%20harbour%20&sort=oldest&fav=1"))).toEqual({
      state: "failed",
      q: "harbour",
      sort: "oldest",
      favorite: true,
    });
    expect(parseGalleryFilters({ state: "exploded", sort: "sideways", fav: "yes" })).toEqual({ state: null, q: "", sort: "newest", favorite: false });
    expect(parseGalleryFilters({ state: ["not_found", "failed"] }).state).toBe("not_found");
    expect(parseGalleryFilters({ q: "x".repeat(500) }).q).toHaveLength(200);
  });

  it("writes only what differs from the defaults and keeps other parameters", () => {
    expect(galleryFiltersSearch({ state: null, q: "", sort: "newest", favorite: false })).toBe("");
    expect(galleryFiltersSearch({ state: "completed", q: "a b", sort: "oldest", favorite: true }, new URLSearchParams("play=x&q=old"))).toBe(
      "?play=x&q=a+b&state=completed&sort=oldest&fav=1",
    );
  });

  it("round-trips through the address", () => {
    const filters = { state: "processing", q: "red & blue", sort: "oldest", favorite: true } as const;
    expect(parseGalleryFilters(new URLSearchParams(galleryFiltersSearch(filters)))).toEqual(filters);
  });

  it("asks the API for one page with the same filters", () => {
    const path = libraryApiPath({ state: "not_found", q: "cat", sort: "oldest", favorite: true }, "abc", 10);
    const url = new URL(path, "http://x");
    expect(url.pathname).toBe("/api/library");
    expect(Object.fromEntries(url.searchParams)).toEqual({ limit: "10", cursor: "abc", state: "not_found", q: "cat", sort: "oldest", favorite: "1" });
  });

  it("gives each filter set its own cache key under one prefix", () => {
    const a = libraryKeys.list({ state: null, q: "", sort: "newest", favorite: false });
    const b = libraryKeys.list({ state: null, q: "", sort: "oldest", favorite: false });
    expect(a).not.toEqual(b);
    expect(a[0]).toBe(libraryKeys.all[0]);
  });
});
