"use client";

import type { QueryClient } from "@tanstack/react-query";
import { afterLoad } from "../after-load";
import { writeTasks } from "../task-queries";
import type { LiveClient } from "./live-client";
import { LiveStatusStore } from "./live-status";

// The tab's one live connection (shared with the browser's other tabs) and its status. The
// connection and its code wait for the page's load event: the first screen is server-rendered
// fresh, and the stream is no part of it.

type AddedListener = (ids: string[]) => void;

export const liveStatus = new LiveStatusStore();
const addedListeners = new Set<AddedListener>();
let client: Promise<LiveClient> | null = null;

/** Ids that joined the library (by callback, sync, another tab…), for the gallery to show. */
export function onLibraryAdded(listener: AddedListener): () => void {
  addedListeners.add(listener);
  return () => addedListeners.delete(listener);
}

export function browserLiveClient(queryClient: QueryClient): Promise<LiveClient> {
  client ??= afterLoad().then(async () => {
    const [{ LiveClient }, { createTaskBatcher }] = await Promise.all([import("./live-client"), import("./task-batcher")]);
    const batch = createTaskBatcher((tasks, notFound) => {
      writeTasks(queryClient, tasks, notFound);
      liveStatus.markAnswered([...tasks.map((t) => t.id), ...notFound]);
    });
    // Whatever the stream says next comes after the tasks gathered so far.
    const live = new LiveClient(
      {
        tasks: (tasks, notFound) => batch.push(tasks, notFound),
        unavailable: (ids, error) => {
          batch.flush();
          liveStatus.markUnavailable(ids, error);
        },
        added: (ids) => {
          batch.flush();
          addedListeners.forEach((listener) => listener(ids));
        },
        mode: (mode) => {
          batch.flush();
          liveStatus.setMode(mode);
        },
      },
      {
        EventSource: typeof EventSource === "undefined" ? undefined : EventSource,
        BroadcastChannel: typeof BroadcastChannel === "undefined" ? undefined : BroadcastChannel,
        locks: typeof navigator !== "undefined" && "locks" in navigator ? navigator.locks : undefined,
        fetch: (input, init) => fetch(input, init),
        isVisible: () => document.visibilityState === "visible",
      },
    );
    document.addEventListener("visibilitychange", () => live.visibilityChanged());
    window.addEventListener("pagehide", () => live.leave());
    return live;
  });
  return client;
}
