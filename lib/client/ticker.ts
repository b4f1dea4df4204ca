// A shared clock per period: every component that shows a moving time subscribes to one interval
// (not one per card), which runs only while something listens.

export interface Ticker {
  subscribe(listener: () => void): () => void;
  /** Milliseconds since the epoch at the last tick. */
  now(): number;
}

export function createTicker(periodMs: number): Ticker {
  let now = 0;
  const listeners = new Set<() => void>();
  let timer: ReturnType<typeof setInterval> | null = null;
  return {
    subscribe(listener) {
      listeners.add(listener);
      if (!timer) {
        now = Date.now();
        timer = setInterval(() => {
          now = Date.now();
          for (const l of listeners) l();
        }, periodMs);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer) {
          clearInterval(timer);
          timer = null;
        }
      };
    },
    now: () => now || (now = Date.now()),
  };
}
