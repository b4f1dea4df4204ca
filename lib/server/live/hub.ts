import "server-only";
import { processSingleton } from "@/lib/server/process-singleton";
import type { LiveEvent, LiveListener } from "./events";

// Every producer of task changes (the watcher, callbacks, library reads) publishes here, and every
// open stream of this process listens here. In a fleet, publishing goes through Redis, whose
// subscription delivers each event to every instance's streams (this one's included).

/**
 * A view reopens its library stream whenever its set of cards changes, and ids added in that moment
 * would never reach it. So the ids added lately are kept with the time they were announced, and a
 * stream that replaces another starts with those announced since the last event its view heard.
 */
const RECENT_ADDED_MS = 30_000;
const RECENT_ADDED_MAX = 5000;

interface HubState {
  listeners: Set<LiveListener>;
  recentAdded: { at: number; ids: string[] }[];
  /** Set by a fleet: where events go instead of straight to this process's streams. */
  publisher: ((event: LiveEvent) => void) | null;
}

const hub = processSingleton("live-hub", (): HubState => ({ listeners: new Set(), recentAdded: [], publisher: null }));

function forgetOldAdded(now: number): void {
  const recent = hub.recentAdded;
  let total = recent.reduce((sum, entry) => sum + entry.ids.length, 0);
  while (recent.length > 0 && (recent[0]!.at < now - RECENT_ADDED_MS || total > RECENT_ADDED_MAX)) total -= recent.shift()!.ids.length;
}

/** Ids announced as added after `since` (this instance's clock, ms), within the last half minute. */
export function recentlyAdded(since: number, now = Date.now()): string[] {
  forgetOldAdded(now);
  return [...new Set(hub.recentAdded.filter((entry) => entry.at > since).flatMap((entry) => entry.ids))];
}

/** Delivers an event to every stream of this process. */
export function deliverLocal(delivered: LiveEvent): void {
  let event = delivered;
  if (event.type === "added") {
    const at = Date.now();
    hub.recentAdded.push({ at, ids: event.ids });
    forgetOldAdded(at);
    event = { ...event, at };
  }
  for (const listener of hub.listeners) {
    try {
      listener(event);
    } catch {
      // One broken stream must not keep the event from the others.
    }
  }
}

/** Publishes an event to every stream that watches it, on every instance. */
export function publishLive(event: LiveEvent): void {
  if (hub.publisher) hub.publisher(event);
  else deliverLocal(event);
}

export function subscribeLive(listener: LiveListener): () => void {
  hub.listeners.add(listener);
  return () => hub.listeners.delete(listener);
}

export function setLivePublisher(publisher: ((event: LiveEvent) => void) | null): void {
  hub.publisher = publisher;
}

/** Open streams of this process (for readiness and the benchmark). */
export const liveListenerCount = (): number => hub.listeners.size;
