import "server-only";
import { processSingleton } from "@/lib/server/process-singleton";
import type { LiveEvent, LiveListener } from "./events";

// Every producer of task changes (the watcher, callbacks, library reads) publishes here, and every
// open stream of this process listens here. In a fleet, publishing goes through Redis, whose
// subscription delivers each event to every instance's streams (this one's included).

interface HubState {
  listeners: Set<LiveListener>;
  /** Set by a fleet: where events go instead of straight to this process's streams. */
  publisher: ((event: LiveEvent) => void) | null;
}

const hub = processSingleton("live-hub", (): HubState => ({ listeners: new Set(), publisher: null }));

/** Delivers an event to every stream of this process. */
export function deliverLocal(event: LiveEvent): void {
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
