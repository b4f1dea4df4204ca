import { afterEach, describe, expect, it } from "vitest";
import { GatewayError } from "@/lib/server/gateway/errors";
import type { LoadResult } from "@/lib/server/gateway/loader";
import type { LiveEvent } from "@/lib/server/live/events";
import { Watcher } from "@/lib/server/live/watcher";
import type { Task } from "@/lib/shared/task";
import { makeTask } from "./task-factory";

const task = (id: string, state: Task["state"], progress: number | null = null): Task => makeTask(id, state, { progress });

/** A fake upstream: what each id is now, and every read made. */
function upstream() {
  const now = new Map<string, Task | null>();
  const reads: string[][] = [];
  let failure: GatewayError | null = null;
  const read = async (ids: readonly string[]): Promise<LoadResult> => {
    reads.push([...ids]);
    if (failure) throw failure;
    const result: LoadResult = { tasks: [], notFound: [], unavailable: [], error: null };
    for (const id of ids) {
      const value = now.get(id);
      if (value) result.tasks.push(value);
      else result.notFound.push(id);
    }
    return result;
  };
  return { now, reads, read, fail: (error: GatewayError | null) => (failure = error) };
}

let watcher: Watcher | null = null;
afterEach(() => watcher?.stop());

function setup(options: { leader?: () => boolean } = {}) {
  const up = upstream();
  const events: LiveEvent[] = [];
  const recorded: Array<{ tasks: string[]; notFound: string[] }> = [];
  const record = (tasks: readonly Task[], notFound: readonly string[]) => recorded.push({ tasks: tasks.map((t) => `${t.id}:${t.state}`), notFound: [...notFound] });
  watcher = new Watcher({ read: up.read, publish: (e) => events.push(e), record, intervalMs: () => 60_000, isLeader: options.leader });
  return { up, events, recorded, watcher };
}

describe("Watcher", () => {
  it("pushes each change once, however often it reads", async () => {
    const { up, events, watcher } = setup();
    up.now.set("a", task("a", "processing", 10));
    watcher.watch(["a"]);
    await watcher.tick();
    await watcher.tick();
    up.now.set("a", task("a", "processing", 50));
    await watcher.tick();
    await watcher.tick();
    expect(events.map((e) => (e.type === "task" ? e.task.progress : e.type))).toEqual([10, 50]);
  });

  it("reads the union of what every stream watches, one read per round, and stops at finished or unknown tasks", async () => {
    const { up, watcher } = setup();
    up.now.set("a", task("a", "processing"));
    up.now.set("b", task("b", "completed"));
    // Fifty viewers of the same task, and one of another: still one read a round.
    for (let i = 0; i < 50; i++) watcher.watch(["a", "b"]);
    watcher.watch(["c"]);
    await watcher.tick();
    expect(up.reads).toEqual([["a", "b", "c"]]);
    await watcher.tick();
    expect(up.reads[1]).toEqual(["a"]);
    up.now.set("a", task("a", "failed"));
    await watcher.tick();
    await watcher.tick();
    expect(up.reads).toHaveLength(3);
  });

  it("forgets ids nobody watches any more", async () => {
    const { up, watcher } = setup();
    up.now.set("a", task("a", "processing"));
    const release = watcher.watch(["a"]);
    const again = watcher.watch(["a"]);
    release();
    await watcher.tick();
    again();
    await watcher.tick();
    expect(up.reads).toEqual([["a"]]);
    expect(watcher.watchedCount).toBe(0);
  });

  it("does not push again what a stream just sent as its first state", async () => {
    const { up, events, watcher } = setup();
    const running = task("a", "processing", 20);
    up.now.set("a", running);
    watcher.watch(["a"]);
    watcher.noteSent([running], []);
    await watcher.tick();
    expect(events).toEqual([]);
  });

  it("a stream's first state newer than what was pushed goes to the other streams and the library at once", async () => {
    const { up, events, recorded, watcher } = setup();
    up.now.set("a", task("a", "processing", 20));
    watcher.watch(["a"]);
    await watcher.tick();
    // The task finished between two rounds; a viewer arriving now reads it finished.
    const finished = task("a", "completed");
    watcher.watch(["a"]);
    watcher.noteSent([finished], []);
    expect(events.map((e) => (e.type === "task" ? e.task.state : e.type))).toEqual(["processing", "completed"]);
    expect(recorded).toEqual([{ tasks: ["a:processing"], notFound: [] }, { tasks: ["a:completed"], notFound: [] }]);
    // Finished: not read again.
    up.now.set("a", finished);
    await watcher.tick();
    expect(up.reads).toEqual([["a"]]);
  });

  it("what a library stream read of ids the watcher never read is recorded, not pushed again; an unchanged state neither", async () => {
    const { events, recorded, watcher } = setup();
    watcher.watch(["a", "b", "c"]);
    watcher.noteSent([task("a", "completed"), task("b", "processing", 5)], ["c"], { record: true });
    expect(events).toEqual([]);
    expect(recorded).toEqual([{ tasks: ["a:completed", "b:processing"], notFound: ["c"] }]);
    watcher.watch(["a", "b", "c"]);
    watcher.noteSent([task("a", "completed"), task("b", "processing", 5)], ["c"], { record: true });
    expect(events).toEqual([]);
    expect(recorded).toHaveLength(1);
  });

  it("what another stream (a lookup) read of ids the watcher never read is not recorded", async () => {
    const { events, recorded, watcher } = setup();
    watcher.watch(["a", "c"]);
    watcher.noteSent([task("a", "completed")], ["c"]);
    expect(events).toEqual([]);
    expect(recorded).toEqual([]);
  });

  it("a round records what changed in one batch, and nothing when nothing did", async () => {
    const { up, recorded, watcher } = setup();
    up.now.set("a", task("a", "processing", 10));
    up.now.set("b", task("b", "processing", 10));
    watcher.watch(["a", "b", "x"]);
    await watcher.tick();
    await watcher.tick();
    up.now.set("b", task("b", "processing", 60));
    await watcher.tick();
    expect(recorded).toEqual([
      { tasks: ["a:processing", "b:processing"], notFound: ["x"] },
      { tasks: ["b:processing"], notFound: [] },
    ]);
  });

  it("an outage is said once, again when what the upstream says changes, and the tasks are pushed again on recovery", async () => {
    const { up, events, watcher } = setup();
    up.now.set("a", task("a", "processing"));
    watcher.watch(["a"]);
    await watcher.tick();
    up.fail(new GatewayError("bad_status", { status: 500 }));
    await watcher.tick();
    await watcher.tick();
    up.fail(new GatewayError("rejected_key", { status: 401 }));
    await watcher.tick();
    up.fail(null);
    await watcher.tick();
    expect(events.map((e) => (e.type === "unavailable" ? `unavailable:${e.error.message}` : e.type))).toEqual([
      "task",
      "unavailable:The gateway answered with HTTP 500.",
      "unavailable:The gateway rejected the API key (HTTP 401). Check LUMA_API_KEY on the server.",
      "task",
    ]);
  });

  it("only the fleet's leader reads the upstream", async () => {
    let leader = false;
    const { up, watcher } = setup({ leader: () => leader });
    up.now.set("a", task("a", "processing"));
    watcher.watch(["a"]);
    await watcher.tick();
    expect(up.reads).toEqual([]);
    leader = true;
    await watcher.tick();
    expect(up.reads).toEqual([["a"]]);
  });

  it("reads the library's unfinished tasks in rotation while a library stream is open", async () => {
    const up = upstream();
    const batches = [["x", "y"], ["z"]];
    let next = 0;
    const w = new Watcher({ read: up.read, publish: () => {}, intervalMs: () => 60_000, libraryBatch: async () => batches[next++ % 2]! });
    watcher = w;
    await w.tick();
    const release = w.watchLibrary();
    await w.tick();
    await w.tick();
    release();
    await w.tick();
    expect(up.reads).toEqual([["x", "y"], ["z"]]);
  });

  it("runs by itself once per interval while something unfinished is watched, and stops when all is finished", async () => {
    const up = upstream();
    const w = new Watcher({ read: up.read, publish: () => {}, intervalMs: () => 20 });
    watcher = w;
    up.now.set("a", task("a", "processing"));
    w.watch(["a"]);
    await new Promise((r) => setTimeout(r, 110));
    const whileRunning = up.reads.length;
    expect(whileRunning).toBeGreaterThanOrEqual(3);
    expect(whileRunning).toBeLessThanOrEqual(6);
    up.now.set("a", task("a", "completed"));
    await new Promise((r) => setTimeout(r, 60));
    const afterFinish = up.reads.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(up.reads.length).toBe(afterFinish);
  });

  it("in a fleet, a leader with no stream of its own reads for the other instances' streams from the start", async () => {
    const up = upstream();
    const events: LiveEvent[] = [];
    up.now.set("b1", task("b1", "processing"));
    // Nothing calls watch() here: the only streams are another instance's.
    const w = new Watcher({ read: up.read, publish: (e) => events.push(e), intervalMs: () => 20, isLeader: () => true, remote: async () => ({ ids: ["b1"], library: false }) });
    watcher = w;
    await new Promise((r) => setTimeout(r, 110));
    expect(up.reads.length).toBeGreaterThanOrEqual(1);
    expect(up.reads[0]).toEqual(["b1"]);
    up.now.set("b1", task("b1", "completed"));
    await new Promise((r) => setTimeout(r, 110));
    expect(events.map((e) => (e.type === "task" ? `${e.task.id}:${e.task.state}` : e.type))).toEqual(["b1:processing", "b1:completed"]);
  });

  it("ids a stream showed as out of date at connect are pushed again once the upstream answers", async () => {
    const { up, events, watcher } = setup();
    const running = task("a", "processing");
    up.now.set("a", running);
    watcher.watch(["a"]);
    watcher.noteSent([running], []);
    watcher.noteUnavailable(["a"]);
    await watcher.tick();
    expect(events).toEqual([{ type: "task", task: running }]);
  });
});
