import { describe, expect, it } from "vitest";
import { countsWithout, galleryFiltersSearch, libraryApiPath, libraryKeys, parseGalleryFilters, type LibraryItemView } from "@/lib/shared/library-query";
import { makeTask } from "./task-factory";

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

describe("counts while a removal waits for its Undo", () => {
  const item = (id: string, status: LibraryItemView["status"], state?: "completed" | "failed"): LibraryItemView => ({
    id,
    addedAt: "2026-01-01T00:00:00Z",
    source: "paste",
    favorite: false,
    status,
    task: state ? makeTask(id, state) : null,
  });

  it("takes each item off its own state, never below zero", () => {
    const counts = { all: 5, pending: 0, processing: 0, completed: 2, failed: 1, unread: 1, notFound: 1 };
    expect(countsWithout(counts, [item("a", "found", "completed"), item("b", "not_found"), item("c", "unread"), item("d", "found", "failed")])).toEqual({
      all: 1,
      pending: 0,
      processing: 0,
      completed: 1,
      failed: 0,
      unread: 0,
      notFound: 0,
    });
    expect(countsWithout({ ...counts, notFound: 0 }, [item("b", "not_found")]).notFound).toBe(0);
  });
});
