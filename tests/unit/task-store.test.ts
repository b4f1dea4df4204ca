import { describe, expect, it, vi } from "vitest";
import { TaskStore } from "@/lib/client/task-store";
import type { Task } from "@/lib/shared/task";

const task = (id: string, state: Task["state"], extra: Partial<Task> = {}): Task => ({
  id, state, prompt: null, aspectRatio: null, createdAt: null, progress: null, failureReason: null, model: null, finishedAt: null,
  thumbnail: null, palette: null, video: null, lastFrame: null, ...extra,
});

describe("TaskStore", () => {
  it("merges tasks and not-found ids into a new snapshot and tells listeners once", () => {
    const store = new TaskStore();
    const listener = vi.fn();
    store.subscribe(listener);
    const before = store.getSnapshot();
    store.merge([task("a", "pending")], ["b"]);
    const after = store.getSnapshot();
    expect(after).not.toBe(before);
    expect(after.get("a")?.state).toBe("pending");
    expect(after.get("b")).toBeNull();
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it("keeps the same snapshot when nothing changed, so React does not re-render", () => {
    const store = new TaskStore();
    store.merge([task("a", "processing", { progress: 40 })]);
    const snapshot = store.getSnapshot();
    const listener = vi.fn();
    store.subscribe(listener);
    store.merge([task("a", "processing", { progress: 40 })]);
    expect(store.getSnapshot()).toBe(snapshot);
    expect(listener).not.toHaveBeenCalled();
  });

  it("updates a running task as it progresses", () => {
    const store = new TaskStore();
    store.merge([task("a", "processing", { progress: 40 })]);
    store.merge([task("a", "completed")]);
    expect(store.getSnapshot().get("a")?.state).toBe("completed");
  });

  it("unsubscribes", () => {
    const store = new TaskStore();
    const listener = vi.fn();
    const off = store.subscribe(listener);
    off();
    store.merge([task("a", "pending")]);
    expect(listener).not.toHaveBeenCalled();
  });
});

describe("TaskStore.seed", () => {
  it("puts a server-rendered task in without telling anyone, and never over a known one", () => {
    const store = new TaskStore();
    const listener = vi.fn();
    store.subscribe(listener);
    store.seed(task("a", "processing"));
    expect(store.getSnapshot().get("a")?.state).toBe("processing");
    store.merge([task("a", "completed")]);
    store.seed(task("a", "processing"));
    expect(store.getSnapshot().get("a")?.state).toBe("completed");
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
