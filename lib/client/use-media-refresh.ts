"use client";

import { useCallback, useRef, useState } from "react";
import type { Task } from "@/lib/shared/task";
import { getTask } from "./api";
import { useQueryClient } from "@tanstack/react-query";
import { writeTasks } from "./task-queries";

/**
 * Presigned media URLs expire (an hour is common). The first load error asks the server for the
 * task again with `?refresh=1` and writes the fresh URLs into the task cache, which re-renders the
 * media with them; only if that does not help does the view show an error.
 */
export function useMediaRefresh(id: string, url: string | null | undefined, pick: (task: Task) => string | null | undefined) {
  const queryClient = useQueryClient();
  // One refresh per URL, not per mount: a page left open past two expiries asks again, and a
  // failed thumbnail does not use up the video's refresh. The server allows one a minute per task.
  const refreshedFor = useRef<string | null>(null);
  const [failedUrl, setFailedUrl] = useState<string | null>(null);

  const onError = useCallback(() => {
    if (!url) return;
    if (refreshedFor.current === url) {
      setFailedUrl(url);
      return;
    }
    refreshedFor.current = url;
    getTask(id, { refresh: true })
      .then((fresh) => {
        if (fresh) writeTasks(queryClient, [fresh]);
        if (!fresh || pick(fresh) === url) setFailedUrl(url);
      })
      .catch(() => setFailedUrl(url));
  }, [id, url, pick, queryClient]);

  return { onError, failed: url != null && failedUrl === url };
}

export const pickThumbnail = (task: Task) => task.thumbnail?.url;
export const pickVideo = (task: Task) => task.video?.url;
