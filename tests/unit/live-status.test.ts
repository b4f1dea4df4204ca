import { describe, expect, it } from "vitest";
import { INITIAL_LIVE_STATUS, LiveStatusStore } from "@/lib/client/live/live-status";

describe("LiveStatusStore", () => {
  it("starts on the very object the server renders with, so hydration needs no second render", () => {
    expect(new LiveStatusStore().get()).toBe(INITIAL_LIVE_STATUS);
  });

  it("replaces, never mutates, the shared first status", () => {
    const store = new LiveStatusStore();
    store.setMode("streaming");
    store.markUnavailable(["a"], { code: "bad_gateway", message: "down" } as never);
    expect(store.get()).not.toBe(INITIAL_LIVE_STATUS);
    expect(INITIAL_LIVE_STATUS).toEqual({ mode: "connecting", unavailable: new Map() });
    expect(new LiveStatusStore().get().unavailable.size).toBe(0);
  });
});
