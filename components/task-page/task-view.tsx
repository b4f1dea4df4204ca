"use client";

import { Check, Download, Plus } from "lucide-react";
import { AppLink } from "@/components/common/app-link";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { buttonPrimary, buttonSecondary } from "@/components/common/button-styles";
import { StateBadge } from "@/components/tasks/state-badge";
import { UpstreamAlert } from "@/components/tasks/upstream-alert";
import { useLibraryMembership } from "@/lib/client/use-library-membership";
import { addToServerLibrary } from "@/lib/client/library-api";
import { useMediaRefresh } from "@/lib/client/use-media-refresh";
import { videoDownloadHref } from "@/lib/client/api";
import { CopyLinkButton } from "@/components/common/copy-link-button";
import { useLiveTasks } from "@/lib/client/use-live-tasks";
import { taskPath } from "@/lib/shared/links";
import type { Task } from "@/lib/shared/task";
import { TaskDetails } from "@/components/tasks/task-details";
import { TaskMedia } from "@/components/tasks/task-media";

interface Props {
  id: string;
  /** Set when the gateway failed during the server render (the task cache was not seeded then). */
  serverError: string | null;
}

const pickMedia = (task: Task) => task.video?.url ?? task.thumbnail?.url;

/** One task, kept live: the server render seeds the task cache (hydration), then the stream takes over. */
export function TaskView({ id, serverError }: Props) {
  const t = useTranslations("TaskPage");
  const ids = useMemo(() => [id], [id]);
  const { tasks, error, poller } = useLiveTasks(ids);
  const task = tasks.get(id);
  const state = task === undefined ? "loading" : task === null ? "not_found" : task.state;

  // Presigned media URLs expire: the shared hook asks once for fresh ones before giving up.
  const { onError: onMediaError, failed: mediaBroken } = useMediaRefresh(id, task?.video?.url ?? task?.thumbnail?.url, pickMedia);
  const [notice, setNotice] = useState<string | null>(null);
  // A failure without any picture has nothing for a media column: one column, the notice on top.
  const failedBare = task?.state === "failed" && !task.thumbnail;
  const [added, setAdded] = useState<ReadonlySet<string>>(new Set());
  const inGallery = useLibraryMembership(ids, added).has(id);

  async function addToGallery() {
    try {
      const { added } = await addToServerLibrary([id], "share");
      setAdded(new Set(ids));
      setNotice(t(added > 0 ? "added" : "alreadyAdded"));
    } catch (error) {
      setNotice((error as Error).message);
    }
  }

  return (
    <article data-task-id={id} data-state={state} className="py-6">
      {poller}
      <nav aria-label={t("breadcrumb")} className="mb-4 text-sm text-neutral-400">
        <AppLink href="/" className="hover:text-white">
          {t("gallery")}
        </AppLink>{" "}
        / <span className="font-mono">{id}</span>
      </nav>

      {serverError && task === undefined && !error && (
        <div role="alert" className="mb-4 rounded-md border border-red-500/40 bg-red-500/10 px-4 py-3 text-sm text-red-200">
          <strong className="font-semibold">{t("loadFailed")}</strong> {serverError}
          {/try again/i.test(serverError) ? "" : ` ${t("keepsTrying")}`}
        </div>
      )}
      <UpstreamAlert error={error} />

      <div className={failedBare ? "grid max-w-3xl gap-5" : "grid gap-8 lg:grid-cols-[minmax(0,2fr)_minmax(18rem,1fr)]"}>
        <TaskMedia task={task} broken={mediaBroken} onMediaError={onMediaError} />

        <div className="space-y-5">
          <div className="flex items-center gap-2">
            <StateBadge state={state} progress={task?.progress} />
          </div>

          {task === null && (
            <p className="text-neutral-300">
              {t("goneBody")}{" "}
              <AppLink href="/lookup" className="underline">
                {t("lookupOthers")}
              </AppLink>
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
              <a href={videoDownloadHref(id)} download className={buttonPrimary}>
                <Download aria-hidden className="h-4 w-4" />
                {t("download")}
              </a>
            )}
            <CopyLinkButton path={taskPath(id)} className={buttonSecondary} />
            {task !== null &&
              (inGallery ? (
                <span data-in-gallery className="inline-flex items-center gap-1.5 px-3 py-1.5 text-sm text-emerald-300">
                  <Check aria-hidden className="h-4 w-4" />
                  {t("inGallery")}
                </span>
              ) : (
                <button type="button" onClick={addToGallery} className={buttonSecondary}>
                  <Plus aria-hidden className="h-4 w-4" />
                  {t("addToGallery")}
                </button>
              ))}
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
