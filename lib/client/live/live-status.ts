import type { UpstreamErrorInfo } from "@/lib/shared/task";

/**
 * `connecting`: no stream yet; `streaming`: changes arrive pushed; `polling`: the stream could not
 * be opened or kept (a buffering proxy, an old browser), so views poll; `idle`: nothing to watch.
 */
export type LiveMode = "connecting" | "streaming" | "polling" | "idle";

export interface LiveStatus {
  mode: LiveMode;
  /** Ids the upstream could not answer for now, with what it said. */
  unavailable: ReadonlyMap<string, UpstreamErrorInfo>;
}

type Listener = () => void;

/**
 * The status before anything is known, on the server and in the browser alike: the same object,
 * so hydrating a view that reads it does not force a second, synchronous render of that view.
 */
export const INITIAL_LIVE_STATUS: LiveStatus = { mode: "connecting", unavailable: new Map() };

/** The tab's view of the live connection: a small external store for useSyncExternalStore. */
export class LiveStatusStore {
  private status: LiveStatus = INITIAL_LIVE_STATUS;
  private listeners = new Set<Listener>();

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get = (): LiveStatus => this.status;

  setMode(mode: LiveMode): void {
    if (this.status.mode === mode) return;
    this.status = { ...this.status, mode };
    this.emit();
  }

  markUnavailable(ids: readonly string[], error: UpstreamErrorInfo): void {
    const next = new Map(this.status.unavailable);
    for (const id of ids) next.set(id, error);
    this.status = { ...this.status, unavailable: next };
    this.emit();
  }

  /** Answers arrived for these ids: they are current again. */
  markAnswered(ids: readonly string[]): void {
    if (!ids.some((id) => this.status.unavailable.has(id))) return;
    const next = new Map(this.status.unavailable);
    for (const id of ids) next.delete(id);
    this.status = { ...this.status, unavailable: next };
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
