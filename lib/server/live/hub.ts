import "server-only";
import { processSingleton } from "@/lib/server/process-singleton";
import type { LiveEvent, LiveListener } from "./events";

// Every producer of task changes (the watcher, callbacks, library reads) publishes here, and
// every open stream of this process listens here.

const listeners = processSingleton("live-listeners", () => new Set<LiveListener>());

/** Delivers an event to every stream of this process. */
export function publishLive(event: LiveEvent): void {
  for (const listener of listeners) {
    try {
      listener(event);
    } catch {
      // One broken stream must not keep the event from the others.
    }
  }
}

export function subscribeLive(listener: LiveListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
