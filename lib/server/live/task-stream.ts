import "server-only";
import { GatewayError } from "@/lib/server/gateway/errors";
import { loadTasks, type LoadResult } from "@/lib/server/gateway/loader";
import { gatewayApiError } from "@/lib/server/http/gateway-errors";
import { chunk } from "@/lib/shared/ids";
import { isFinished } from "@/lib/shared/task";
import { taskJson } from "@/lib/shared/task-json";
import type { LiveEvent } from "./events";
import { recentlyAdded, subscribeLive } from "./hub";
import { processWatcher } from "./process-watcher";

const HEARTBEAT_MS = 15_000;
/** How long a browser waits before reconnecting a dropped stream. */
const RETRY_MS = 3_000;
/** The first state is read in slices so a watch of 5,000 ids starts streaming at once. */
const FIRST_STATE_SLICE = 100;

export const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  // no-transform: proxies must neither compress nor buffer it.
  "Cache-Control": "no-cache, no-transform",
  "X-Accel-Buffering": "no",
  Connection: "keep-alive",
} as const;

export interface StreamSpec {
  ids: readonly string[];
  /** The library stream: also every `added` event (and the tasks they bring). */
  library: boolean;
  /** The server time of the last event the view heard on the stream this one replaces. */
  since?: number | null;
  signal: AbortSignal;
  /** Called on every message sent, e.g. to keep a registered watch alive. */
  onActivity?: () => void;
}

const encoder = new TextEncoder();

function message(event: string, data: string): Uint8Array {
  return encoder.encode(`event: ${event}\ndata: ${data}\n\n`);
}

function eventMessage(event: LiveEvent): Uint8Array {
  switch (event.type) {
    case "task":
      return message("task", taskJson(event.task));
    case "notFound":
      return message("notFound", JSON.stringify({ ids: event.ids }));
    case "added":
      return message("added", JSON.stringify({ ids: event.ids, at: event.at ?? Date.now() }));
    case "unavailable":
      return message("unavailable", JSON.stringify({ ids: event.ids, error: event.error }));
  }
}

/** Only what this stream watches: the listener runs for every event of the process. */
function filterFor(spec: StreamSpec, ids: ReadonlySet<string>): (event: LiveEvent) => LiveEvent | null {
  return (event) => {
    if (spec.library) return event;
    switch (event.type) {
      case "task":
        return ids.has(event.task.id) ? event : null;
      case "added":
        return null;
      case "notFound":
      case "unavailable": {
        const mine = event.ids.filter((id) => ids.has(id));
        if (mine.length === 0) return null;
        return { ...event, ids: mine };
      }
    }
  };
}

async function readCurrent(ids: readonly string[]): Promise<LoadResult | { failed: GatewayError }> {
  try {
    return await loadTasks(ids);
  } catch (error) {
    if (error instanceof GatewayError) return { failed: error };
    throw error;
  }
}

/**
 * A `text/event-stream` of task changes: the current state of every watched id at once, then each
 * change the watcher (or a callback, or the library) publishes, a heartbeat comment, and `retry:`.
 * A reconnect misses nothing: the current state is sent again.
 */
export function openTaskStream(spec: StreamSpec): Response {
  const ids = new Set(spec.ids);
  const watcher = processWatcher();
  const cleanups: (() => void)[] = [];
  let closed = false;

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (bytes: Uint8Array) => {
        if (closed) return;
        try {
          controller.enqueue(bytes);
          spec.onActivity?.();
        } catch {
          close();
        }
      };
      const close = () => {
        if (closed) return;
        closed = true;
        for (const cleanup of cleanups.splice(0)) cleanup();
        try {
          controller.close();
        } catch {
          // already closed by the client going away
        }
      };
      spec.signal.addEventListener("abort", close, { once: true });

      // Subscribe before reading the current state, so a change during the read is not lost.
      const filter = filterFor(spec, ids);
      cleanups.push(subscribeLive((event) => {
        const mine = filter(event);
        if (mine) send(eventMessage(mine));
      }));
      cleanups.push(watcher.watch([...ids]));
      if (spec.library) cleanups.push(watcher.watchLibrary());
      const heartbeat = setInterval(() => send(encoder.encode(": heartbeat\n\n")), HEARTBEAT_MS);
      cleanups.push(() => clearInterval(heartbeat));

      // An event, not a comment: the browser sees it, and knows nothing between us buffers.
      // `at`: this server's clock, which the view hands back as `since` when it replaces this stream.
      send(encoder.encode(`retry: ${RETRY_MS}\nevent: hello\ndata: ${JSON.stringify({ at: Date.now() })}\n\n`));
      // What was added while the view was between two streams (it reopens when its cards change).
      if (spec.library && spec.since != null) {
        const added = recentlyAdded(spec.since);
        if (added.length > 0) send(eventMessage({ type: "added", ids: added }));
      }
      for (const slice of chunk([...ids], FIRST_STATE_SLICE)) {
        if (closed) return;
        const current = await readCurrent(slice);
        if ("failed" in current) {
          const { code, message } = gatewayApiError(current.failed);
          send(eventMessage({ type: "unavailable", ids: slice, error: { code, message } }));
          continue;
        }
        watcher.noteSent(current.tasks, current.notFound, { record: spec.library === true });
        for (const task of current.tasks) send(eventMessage({ type: "task", task }));
        if (current.notFound.length > 0) send(eventMessage({ type: "notFound", ids: current.notFound }));
        if (current.error) {
          // Finished tasks are final, so only unfinished ones shown as last known are out of date;
          // the watcher pushes those again once the upstream answers.
          const { code, message } = gatewayApiError(current.error);
          const stale = [...current.unavailable, ...current.tasks.filter((task) => !isFinished(task)).map((task) => task.id)];
          watcher.noteUnavailable(stale);
          if (stale.length > 0) send(eventMessage({ type: "unavailable", ids: stale, error: { code, message } }));
        }
      }
      // Tells the browser the first state is complete (and that nothing buffers the stream).
      send(message("ready", JSON.stringify({ ids: ids.size })));
    },
    cancel() {
      closed = true;
      for (const cleanup of cleanups.splice(0)) cleanup();
    },
  });

  return new Response(stream, { headers: SSE_HEADERS });
}
