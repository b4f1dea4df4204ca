import { describe, expect, it } from "vitest";
import { nextArrivals, releaseArrivals as release, type Arrivals } from "@/lib/client/use-held-arrivals";

const start: Arrivals = { ids: ["c", "d", "e"], seen: new Set(["c", "d", "e"]), held: [] };

describe("held arrivals", () => {
  it("lets new ids at the top in at once while the grid's top is in sight", () => {
    expect(nextArrivals(start, ["a", "b", "c", "d", "e"], false).held).toEqual([]);
  });

  it("holds new ids at the top while scrolled past it, and keeps holding them as more arrive", () => {
    const once = nextArrivals(start, ["b", "c", "d", "e"], true);
    expect(once.held).toEqual(["b"]);
    const twice = nextArrivals(once, ["a", "b", "c", "d", "e"], true);
    expect(twice.held).toEqual(["a", "b"]);
    // Let in: the next arrival waits alone.
    expect(nextArrivals(release(twice), ["z", "a", "b", "c", "d", "e"], true).held).toEqual(["z"]);
  });

  it("never holds the next page, nor a new list (another filter)", () => {
    expect(nextArrivals(start, ["c", "d", "e", "f", "g"], true).held).toEqual([]);
    const other = nextArrivals(start, ["x", "y"], true);
    expect(other.held).toEqual([]);
    expect(nextArrivals(other, ["w", "x", "y"], true).held).toEqual(["w"]);
  });

  it("a held id that went away is no longer waited for", () => {
    const held = nextArrivals(start, ["b", "c", "d", "e"], true);
    expect(nextArrivals(held, ["c", "d", "e"], true).held).toEqual([]);
  });
});
