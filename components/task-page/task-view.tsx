"use client";

import { Download, Plus } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { UpstreamAlert } from "@/components/tasks/upstream-alert";
import { addToServerLibrary } from "@/lib/client/library-api";
import { useMediaRefresh } from "@/lib/client/use-media-refresh";
import { videoDownloadHref } from "@/lib/client/api";
import { CopyLinkButton } from "@/components/common/copy-link-button";
import { useLiveTasks } from "@/lib/client/use-live-tasks";
import { useTaskFormat } from "@/lib/client/use-task-format";
import { taskPath } from "@/lib/shared/links";
import type { Task } from "@/lib/shared/task";
import { TaskDetails } from "@/components/tasks/task-details";
import { TaskMedia } from "@/components/tasks/task-media";

interface Props {
  id: string;
  /** Set when the gateway failed during the server render (the task cache was not seeded then). */
  serverError: string | null;
}

const STATE_STYLE: Record<Task["state"], string> = {
  pending: "bg-neutral-700 text-neutral-100",
  processing: "bg-sky-500/20 text-sky-200",
  completed: "bg-emerald-500/20 text-emerald-200",
  failed: "bg-red-500/20 text-red-200",
};

const pickMedia = (task: Task) => task.video?.url ?? task.thumbnail?.url;

const button = "rounded-md border border-white/15 px-3 py-1.5 text-sm hover:bg-white/10";

/** One task, kept live: the server render seeds the task cache (hydration), then the stream takes over. */
export function TaskView({ id, serverError }: Props) {
  const t = useTranslations("TaskPage");
  const fmt = useTaskFormat();
  const ids = useMemo(() => [id], [id]);
  const { tasks, error } = useLiveTasks(ids);
  const task = tasks.get(id);
  const state = task === undefined ? "loading" : task === null ? "not_found" : task.state;

  // Presigned media URLs expire: the shared hook asks once for fresh ones before giving up.
  const { onError: onMediaError, failed: mediaBroken } = useMediaRefresh(id, task?.video?.url ?? task?.thumbnail?.url, pickMedia);
  const [notice, setNotice] = useState<string | null>(null);

  async function addToGallery() {
    try {
      const { added } = await addToServerLibrary([id], "share");
      setNotice(t(added > 0 ? "added" : "alreadyAdded"));
    } catch (error) {
      setNotice((error as Error).message);
    }
  }

  return (
    <article data-task-id={id} data-state={state} className="py-6">
      <nav aria-label={t("breadcrumb")} className="mb-4 text-sm text-neutral-400">
        <Link href="/" className="hover:text-white">
          {t("gallery")}
        </Link>{" "}
        / <span className="font-mono">{id}</span>
      </nav>

      {serverError && task === undefined && !error && (
        <div role="alert" className="mb-4 rounded-md border border-red-500/40 bg-red-500/10 px-4 py-3 text-sm text-red-200">
          <strong className="font-semibold">{t("loadFailed")}</strong> {serverError}
          {/try again/i.test(serverError) ? "" : ` ${t("keepsTrying")}`}
        </div>
      )}
      <UpstreamAlert error={error} />

      <div className="grid gap-8 lg:grid-cols-[minmax(0,2fr)_minmax(18rem,1fr)]">
        <TaskMedia task={task} broken={mediaBroken} onMediaError={onMediaError} />

        <div className="space-y-5">
          <div className="flex items-center gap-2">
            {task ? (
              <span className={`rounded px-2 py-0.5 text-xs font-medium uppercase tracking-wide ${STATE_STYLE[task.state]}`}>
                {fmt.stateWithProgress(task)}
              </span>
            ) : (
              <span className="rounded bg-neutral-800 px-2 py-0.5 text-xs uppercase tracking-wide text-neutral-300">
                {fmt.state(task === null ? "not_found" : "loading")}
              </span>
            )}
          </div>

          {task === null && (
            <p className="text-neutral-300">
              {t("goneBody")}{" "}
              <Link href="/lookup" className="underline">
                {t("lookupOthers")}
              </Link>
            </p>
          )}

          {task && (
            <>
              <h1 className="sr-only">{t("prompt")}</h1>
              <TaskDetails task={task} />
            </>
          )}

          <div className="flex flex-wrap items-center gap-2">
            {task?.state === "completed" && task.video && (
              <a
                href={videoDownloadHref(id)}
                download
                className="inline-flex items-center gap-1.5 rounded-md bg-white px-3 py-1.5 text-sm font-medium text-neutral-950 hover:bg-neutral-200"
              >
                <Download aria-hidden className="h-4 w-4" />
                {t("download")}
              </a>
            )}
            <CopyLinkButton path={taskPath(id)} className={button} />
            {task !== null && (
              <button type="button" onClick={addToGallery} className={`inline-flex items-center gap-1.5 ${button}`}>
                <Plus aria-hidden className="h-4 w-4" />
                {t("addToGallery")}
              </button>
            )}
          </div>
          {notice && (
            <p role="status" className="text-sm text-neutral-300">
              {notice}
            </p>
          )}
        </div>
      </div>
    </article>
  );
}
