import "server-only";
import { GatewayError } from "@/lib/server/gateway/errors";
import type { LoadResult } from "@/lib/server/gateway/loader";
import { gatewayApiError } from "@/lib/server/http/gateway-errors";
import { isFinished, type Task } from "@/lib/shared/task";
import type { LiveEvent } from "./events";

/** One read of the upstream, as the loader does it (cache, coalescing, ≤ 50 ids a call). */
export type ReadTasks = (ids: readonly string[]) => Promise<LoadResult>;

export interface WatcherOptions {
  read: ReadTasks;
  publish: (event: LiveEvent) => void;
  /**
   * Every state the watcher learns that differs from what it last knew (its own reads, and what a
   * stream read at connect), one batch per read: the library keeps its snapshots current with it.
   */
  record?: (tasks: readonly Task[], notFound: readonly string[]) => void;
  intervalMs: () => number;
  /**
   * Unfinished library ids to read this round (≤ 50, in rotation), while any library stream is
   * open. Registered by the library once it exists.
   */
  libraryBatch?: () => Promise<string[]>;
  /** Fleets: whether this instance is the one that reads the upstream now. */
  isLeader?: () => boolean;
  /** Fleets: what other instances' streams watch; `null` outside a fleet. */
  remote?: () => Promise<RemoteWants | null>;
}

export interface RemoteWants {
  ids: string[];
  library: boolean;
}

const SEEN_LIMIT = 20_000;

/** A fingerprint of what a viewer sees of a task (to push each change once), or "not found". */
type Seen = { print: string; finished: boolean } | "not_found";

const seenOf = (task: Task): Exclude<Seen, "not_found"> => ({ print: JSON.stringify(task), finished: isFinished(task) });
/** Whether a stream that was told `last` has seen `next` already. */
const sameState = (last: Seen | undefined, next: Exclude<Seen, "not_found">): boolean => last !== undefined && last !== "not_found" && last.print === next.print;
const settled = (seen: Seen | undefined): boolean => seen === "not_found" || seen?.finished === true;

/**
 * The one watcher of a process: it reads the union of the unfinished tasks that open streams watch,
 * once per interval, and publishes each change once. Streams register ids with `watch` and get
 * events through the hub; the watcher itself never talks to a stream.
 */
export class Watcher {
  private readonly counts = new Map<string, number>();
  /** What the streams were last told per id (pushed, or sent at connect), or absent (never read). */
  private readonly seen = new Map<string, Seen>();
  private readonly unavailable = new Set<string>();
  private lastError: string | null = null;
  private libraryStreams = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  /** Reads done (for tests and the benchmark). */
  ticks = 0;

  constructor(private readonly options: WatcherOptions) {
    // In a fleet the leader may have no stream of its own: it learns what to read by asking each
    // round, so the rounds start now rather than at this instance's first stream.
    if (options.remote) this.schedule();
  }

  /** Registers interest in `ids` until the returned function is called. */
  watch(ids: readonly string[]): () => void {
    for (const id of ids) this.counts.set(id, (this.counts.get(id) ?? 0) + 1);
    this.schedule();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const id of ids) {
        const left = (this.counts.get(id) ?? 1) - 1;
        if (left > 0) this.counts.set(id, left);
        else {
          this.counts.delete(id);
          this.seen.delete(id);
          this.unavailable.delete(id);
        }
      }
    };
  }

  watchLibrary(): () => void {
    this.libraryStreams += 1;
    this.schedule();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.libraryStreams -= 1;
    };
  }

  /**
   * Tells the watcher what a stream just sent as the current state, so the next change — not the
   * same state again — is what gets pushed. A state newer than the one last pushed (the task moved
   * on between two rounds) is pushed now and recorded, or the other streams and the library would
   * never hear of it. A library stream (`record`) also has recorded what the watcher did not know
   * yet, or a task that finished while no gallery was open would stay unfinished in the library;
   * other streams (a lookup of thousands of ids) do not, as those ids are mostly not the library's.
   */
  noteSent(tasks: readonly Task[], notFound: readonly string[], options: { record?: boolean } = {}): void {
    const learned: Task[] = [];
    for (const task of tasks) {
      if (!this.counts.has(task.id)) continue;
      const last = this.seen.get(task.id);
      const next = seenOf(task);
      if (sameState(last, next)) continue;
      this.seen.set(task.id, next);
      if (last !== undefined) this.options.publish({ type: "task", task });
      if (last !== undefined || options.record) learned.push(task);
    }
    const gone = notFound.filter((id) => this.counts.has(id) && this.seen.get(id) !== "not_found");
    const goneSincePushed = gone.filter((id) => this.seen.has(id));
    for (const id of gone) this.seen.set(id, "not_found");
    if (goneSincePushed.length > 0) this.options.publish({ type: "notFound", ids: goneSincePushed });
    const goneToRecord = options.record ? gone : goneSincePushed;
    if (learned.length > 0 || goneToRecord.length > 0) this.options.record?.(learned, goneToRecord);
  }

  /** A stream showed these ids as out of date (an outage at connect): recovery pushes them again. */
  noteUnavailable(ids: readonly string[]): void {
    for (const id of ids) if (this.counts.has(id)) this.unavailable.add(id);
  }

  /** Ids worth reading now: watched and not known to be finished or unknown to the gateway. */
  pendingIds(): string[] {
    const out: string[] = [];
    for (const id of this.counts.keys()) if (!settled(this.seen.get(id))) out.push(id);
    return out;
  }

  get watchedCount(): number {
    return this.counts.size;
  }

  /** What this process's streams watch, for the fleet to share. */
  localWants(): RemoteWants {
    return { ids: [...this.counts.keys()], library: this.libraryStreams > 0 };
  }

  private hasWork(): boolean {
    // In a fleet the leader reads for other instances' streams too, so it keeps ticking.
    return this.libraryStreams > 0 || this.pendingIds().length > 0 || this.options.remote !== undefined;
  }

  private schedule(): void {
    if (this.timer || !this.hasWork()) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.tick().finally(() => this.schedule());
    }, this.options.intervalMs());
    // A watcher must never keep a process alive on its own.
    this.timer.unref?.();
  }

  /** One round: read what needs reading and publish the changes. Exposed for tests. */
  async tick(): Promise<void> {
    if (this.running) return;
    if (this.options.isLeader && !this.options.isLeader()) return;
    this.running = true;
    try {
      const ids = new Set(this.pendingIds());
      const remote = this.options.remote ? await this.options.remote() : null;
      if (remote) {
        for (const id of remote.ids) if (!settled(this.seen.get(id))) ids.add(id);
        this.forgetUnwatched(new Set(remote.ids));
      }
      const library = this.libraryStreams > 0 || remote?.library === true;
      if (library && this.options.libraryBatch) for (const id of await this.options.libraryBatch()) ids.add(id);
      if (ids.size === 0) return;
      this.ticks += 1;
      await this.readAndPublish([...ids]);
    } finally {
      this.running = false;
    }
  }

  private async readAndPublish(ids: string[]): Promise<void> {
    let result: LoadResult;
    try {
      result = await this.options.read(ids);
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      this.reportUnavailable(ids, error);
      return;
    }
    const recovered = !result.error && this.unavailable.size > 0;
    const changed: Task[] = [];
    for (const task of result.tasks) {
      const next = seenOf(task);
      const last = this.seen.get(task.id);
      const wasUnavailable = this.unavailable.delete(task.id);
      const same = sameState(last, next);
      if (!same) changed.push(task);
      if (same && !(recovered && wasUnavailable)) continue;
      this.seen.set(task.id, next);
      this.options.publish({ type: "task", task });
    }
    const notFound = result.notFound.filter((id) => this.seen.get(id) !== "not_found");
    for (const id of result.notFound) {
      this.seen.set(id, "not_found");
      this.unavailable.delete(id);
    }
    if (notFound.length > 0) this.options.publish({ type: "notFound", ids: notFound });
    if (changed.length > 0 || notFound.length > 0) this.options.record?.(changed, notFound);
    if (result.error) {
      // The tasks above are the last states known; every id of this read is still not current.
      this.reportUnavailable([...result.unavailable, ...result.tasks.filter((task) => !isFinished(task)).map((task) => task.id)], result.error);
    } else {
      this.lastError = null;
    }
  }

  /**
   * Drops what was seen of ids that no stream of the fleet watches any more, once there is much of
   * it: library ids come and go in rotation, and forgetting them each round would push them again.
   */
  private forgetUnwatched(remote: ReadonlySet<string>): void {
    if (this.seen.size < SEEN_LIMIT) return;
    for (const id of this.seen.keys()) if (!this.counts.has(id) && !remote.has(id)) this.seen.delete(id);
  }

  /** Publishes an outage once per change of its ids or of what the upstream said. */
  private reportUnavailable(ids: string[], error: GatewayError): void {
    const { code, message } = gatewayApiError(error);
    const fresh = ids.filter((id) => !this.unavailable.has(id));
    for (const id of ids) this.unavailable.add(id);
    const said = `${code}:${message}`;
    if (fresh.length === 0 && said === this.lastError) return;
    this.lastError = said;
    this.options.publish({ type: "unavailable", ids: [...this.unavailable], error: { code, message } });
  }

  /** Stops the timer (tests, shutdown). */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
