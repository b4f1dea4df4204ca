import type { Task, UpstreamErrorInfo } from "@/lib/shared/task";
import type { LiveMode } from "./live-status";
import { fitsInUrl, streamUrl, unionOfWants, wantKey, type StreamWant } from "./stream-url";

// One stream per browser, not per tab: browsers allow 6 connections per host over HTTP/1.1, so an
// 8th tab with its own stream would hang. One tab (the holder of a Web Lock) opens the stream for
// the union of what every visible tab wants and relays each event over a BroadcastChannel; when
// it closes, the lock passes to another tab, which takes over.

/** What a tab does with an event, wherever it came from. */
export interface LiveSink {
  tasks(tasks: Task[], notFound: string[]): void;
  unavailable(ids: string[], error: UpstreamErrorInfo): void;
  added(ids: string[]): void;
  mode(mode: LiveMode): void;
}

export type LiveEvent =
  | { kind: "task"; task: Task }
  | { kind: "notFound"; ids: string[] }
  | { kind: "unavailable"; ids: string[]; error: UpstreamErrorInfo }
  | { kind: "added"; ids: string[] };

type Message =
  | { type: "want"; tab: string; want: StreamWant; visible: boolean }
  | { type: "bye"; tab: string }
  | { type: "hello" }
  | { type: "event"; event: LiveEvent }
  | { type: "mode"; mode: LiveMode };

export interface LiveEnvironment {
  EventSource?: typeof EventSource;
  BroadcastChannel?: typeof BroadcastChannel;
  locks?: LockManager;
  fetch: typeof fetch;
  isVisible(): boolean;
}

/** A hidden browser's stream closes after this long: hidden tabs cost the gateway nothing. */
export const HIDDEN_GRACE_MS = 4_000;
/** Without the stream's first event by then, something between buffers it: poll instead. */
const FIRST_EVENT_TIMEOUT_MS = 6_000;
/** Failed attempts in a row (no first event) before falling back to polling. */
const FAILURES_BEFORE_POLLING = 3;
/** How long to poll before trying to stream again. */
const POLLING_SPELL_MS = 60_000;
/** Tabs say again what they want this often; a visible tab silent for 3 periods is gone. */
const ANNOUNCE_EVERY_MS = 10_000;
const CHANNEL = "luma-gallery-live";
const LOCK = "luma-gallery-live-leader";

interface TabWant {
  want: StreamWant;
  visible: boolean;
  at: number;
}

export class LiveClient {
  readonly tab = Math.random().toString(36).slice(2);
  private readonly views = new Map<number, StreamWant>();
  private nextView = 1;
  private channel: BroadcastChannel | null = null;
  private leader = false;
  private started = false;
  private readonly wants = new Map<string, TabWant>();
  private source: EventSource | null = null;
  private sourceKey = "";
  private failures = 0;
  private firstEventTimer: ReturnType<typeof setTimeout> | null = null;
  private closeTimer: ReturnType<typeof setTimeout> | null = null;
  private pollingUntil = 0;
  /** Server time of the last event heard (none before the first stream). */
  private serverAt: number | null = null;
  private pollingTimer: ReturnType<typeof setTimeout> | null = null;
  private mode: LiveMode = "connecting";
  private reconcileQueued = false;

  constructor(
    private readonly sink: LiveSink,
    private readonly env: LiveEnvironment,
  ) {}

  /** Registers what one view wants streamed; returns the release. */
  want(want: StreamWant): () => void {
    this.start();
    const key = this.nextView++;
    this.views.set(key, want);
    this.announce();
    return () => {
      this.views.delete(key);
      this.announce();
    };
  }

  /** Visibility changed: a hidden tab stops counting after the grace period. */
  visibilityChanged(): void {
    this.announce();
  }

  /** The page is going away: the leader forgets this tab at once. */
  leave(): void {
    this.channel?.postMessage({ type: "bye", tab: this.tab } satisfies Message);
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    const { BroadcastChannel: Channel, locks } = this.env;
    if (!Channel || !locks) {
      // No way to share: this tab streams for itself.
      this.becomeLeader();
      return;
    }
    this.channel = new Channel(CHANNEL);
    this.channel.onmessage = (message: MessageEvent<Message>) => this.onMessage(message.data);
    void locks.request(LOCK, () => {
      this.becomeLeader();
      // Held for the life of the tab: closing the tab releases it to the next one.
      return new Promise<void>(() => {});
    });
    setInterval(() => this.announce(), ANNOUNCE_EVERY_MS);
  }

  private ownWant(): StreamWant {
    return unionOfWants(this.views.values());
  }

  private announce(): void {
    const visible = this.env.isVisible();
    if (this.leader) {
      this.wants.set(this.tab, { want: this.ownWant(), visible, at: Date.now() });
      this.queueReconcile();
    } else {
      this.channel?.postMessage({ type: "want", tab: this.tab, want: this.ownWant(), visible } satisfies Message);
    }
  }

  private onMessage(message: Message): void {
    switch (message.type) {
      case "event":
        this.deliver(message.event);
        return;
      case "mode":
        this.setMode(message.mode);
        return;
      case "hello":
        this.announce();
        return;
      case "want":
        if (!this.leader) return;
        this.wants.set(message.tab, { want: message.want, visible: message.visible, at: Date.now() });
        // A newcomer needs the mode; the current state comes with the stream it joins.
        this.post({ type: "mode", mode: this.mode });
        this.queueReconcile();
        return;
      case "bye":
        if (!this.leader) return;
        this.wants.delete(message.tab);
        this.queueReconcile();
        return;
    }
  }

  private becomeLeader(): void {
    this.leader = true;
    this.post({ type: "hello" });
    this.announce();
  }

  private post(message: Message): void {
    this.channel?.postMessage(message);
  }

  private setMode(mode: LiveMode): void {
    if (this.mode === mode) return;
    this.mode = mode;
    this.sink.mode(mode);
  }

  private broadcastMode(mode: LiveMode): void {
    this.setMode(mode);
    this.post({ type: "mode", mode });
  }

  private deliver(event: LiveEvent): void {
    switch (event.kind) {
      case "task":
        this.sink.tasks([event.task], []);
        return;
      case "notFound":
        this.sink.tasks([], event.ids);
        return;
      case "unavailable":
        this.sink.unavailable(event.ids, event.error);
        return;
      case "added":
        this.sink.added(event.ids);
        return;
    }
  }

  /** Leader: an event from the stream, for this tab and every other. */
  private relay(event: LiveEvent): void {
    this.deliver(event);
    this.post({ type: "event", event });
  }

  // Reconciling runs in a microtask, not a timer: a hidden leader's timers are throttled, and a
  // visible tab that just asked for a stream must not wait for them.
  private queueReconcile(): void {
    if (this.reconcileQueued) return;
    this.reconcileQueued = true;
    queueMicrotask(() => {
      this.reconcileQueued = false;
      this.reconcile();
    });
  }

  private currentWant(): StreamWant {
    const staleBefore = Date.now() - 3 * ANNOUNCE_EVERY_MS;
    const live: StreamWant[] = [];
    for (const [tab, entry] of this.wants) {
      if (!entry.visible) continue;
      if (tab !== this.tab && entry.at < staleBefore) {
        this.wants.delete(tab);
        continue;
      }
      live.push(entry.want);
    }
    return unionOfWants(live);
  }

  private reconcile(): void {
    if (!this.leader) return;
    const want = this.currentWant();
    const empty = want.ids.length === 0 && !want.library;
    if (empty) {
      if (this.source && !this.closeTimer) {
        this.closeTimer = setTimeout(() => {
          this.closeTimer = null;
          if (this.currentWant().ids.length === 0 && !this.currentWant().library) this.closeSource();
        }, HIDDEN_GRACE_MS);
      }
      if (!this.source && this.mode !== "polling") this.broadcastMode("idle");
      return;
    }
    if (this.closeTimer) {
      clearTimeout(this.closeTimer);
      this.closeTimer = null;
    }
    if (Date.now() < this.pollingUntil || !this.env.EventSource) {
      this.broadcastMode("polling");
      return;
    }
    const key = wantKey(want);
    if (this.source && key === this.sourceKey) return;
    void this.open(want, key);
  }

  private closeSource(): void {
    if (this.firstEventTimer) clearTimeout(this.firstEventTimer);
    this.firstEventTimer = null;
    this.source?.close();
    this.source = null;
    this.sourceKey = "";
  }

  private async open(want: StreamWant, key: string): Promise<void> {
    this.sourceKey = key;
    let url: string;
    try {
      url = fitsInUrl(want) ? streamUrl(want, null, this.serverAt) : streamUrl(want, await this.registerWatch(want), this.serverAt);
    } catch {
      this.failed();
      return;
    }
    // A newer want replaced this one while the watch was being registered.
    if (this.sourceKey !== key) return;
    const previous = this.source;
    const Source = this.env.EventSource!;
    const source = new Source(url);
    this.source = source;
    // The new stream sends the whole current state, so closing the old one now loses nothing.
    previous?.close();
    if (this.mode !== "streaming") this.broadcastMode("connecting");

    let heard = false;
    const heardNow = () => {
      if (heard) return;
      heard = true;
      this.failures = 0;
      if (this.firstEventTimer) clearTimeout(this.firstEventTimer);
      this.firstEventTimer = null;
      this.broadcastMode("streaming");
    };
    if (this.firstEventTimer) clearTimeout(this.firstEventTimer);
    this.firstEventTimer = setTimeout(() => {
      if (this.source === source && !heard) {
        // Open but silent: a proxy is buffering the stream. Polling works through it.
        this.closeSource();
        this.startPolling();
      }
    }, FIRST_EVENT_TIMEOUT_MS);

    const on = (name: string, handle: (data: unknown) => void) =>
      source.addEventListener(name, (event) => {
        if (this.source !== source) return;
        heardNow();
        try {
          handle(JSON.parse((event as MessageEvent<string>).data));
        } catch {
          // One unreadable message must not end the stream.
        }
      });
    on("hello", (data) => this.heardServerAt(data));
    on("ready", () => {});
    on("task", (data) => this.relay({ kind: "task", task: data as Task }));
    on("notFound", (data) => this.relay({ kind: "notFound", ids: (data as { ids: string[] }).ids }));
    on("added", (data) => {
      this.heardServerAt(data);
      this.relay({ kind: "added", ids: (data as { ids: string[] }).ids });
    });
    on("unavailable", (data) => {
      const { ids, error } = data as { ids: string[]; error: UpstreamErrorInfo };
      this.relay({ kind: "unavailable", ids, error });
    });
    source.onerror = () => {
      if (this.source !== source) return;
      // EventSource reconnects by itself after a dropped connection; it gives up (CLOSED) on an
      // HTTP error such as a 401, 429 or 503, and then we open a new one.
      if (!heard || source.readyState === 2) this.failed();
      heard = false;
    };
  }

  /** The server's clock as of the last event heard: a replacing stream replays what came after. */
  private heardServerAt(data: unknown): void {
    const at = (data as { at?: unknown } | null)?.at;
    if (typeof at === "number" && Number.isFinite(at)) this.serverAt = Math.max(this.serverAt ?? 0, at);
  }

  private async registerWatch(want: StreamWant): Promise<string> {
    const response = await this.env.fetch("/api/watches", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ids: want.ids.slice(0, 5_000) }),
    });
    if (!response.ok) throw new Error(`watch ${response.status}`);
    return ((await response.json()) as { watch: string }).watch;
  }

  private failed(): void {
    this.failures += 1;
    if (this.failures >= FAILURES_BEFORE_POLLING) {
      this.closeSource();
      this.startPolling();
      return;
    }
    if (this.source?.readyState === 2) {
      this.closeSource();
      setTimeout(() => this.queueReconcile(), 1_000 * this.failures);
    }
  }

  private startPolling(): void {
    this.failures = 0;
    this.pollingUntil = Date.now() + POLLING_SPELL_MS;
    this.broadcastMode("polling");
    if (this.pollingTimer) clearTimeout(this.pollingTimer);
    this.pollingTimer = setTimeout(() => {
      this.pollingTimer = null;
      this.pollingUntil = 0;
      this.queueReconcile();
    }, POLLING_SPELL_MS);
  }
}
