"use client";

import { CircleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import type { CSSProperties } from "react";
import { useElapsed } from "@/lib/client/use-elapsed";
import { useTaskFormat } from "@/lib/client/use-task-format";
import { paletteToDataUrl } from "@/lib/shared/palette";
import { aspectRatioOf, aspectRatioValue } from "@/lib/shared/format";
import { isFinished, type Task } from "@/lib/shared/task";

/** A box of the task's shape (as the gallery's player sizes it), at most 75% of the screen tall. */
function boxStyle(task: Task | null | undefined): CSSProperties {
  return { aspectRatio: aspectRatioOf(task), width: `min(100%, calc(75vh * ${aspectRatioValue(task).toFixed(4)}))` };
}

interface Props {
  task: Task | null | undefined;
  /** The media failed to load even after fresh URLs were fetched. */
  broken: boolean;
  onMediaError: () => void;
  inPlayer?: boolean;
}

/** The player once there is a video; before that the thumbnail or palette with the progress. */
export function TaskMedia({ task, broken, onMediaError, inPlayer = false }: Props) {
  const t = useTranslations("TaskPage");
  const fmt = useTaskFormat();
  const box = boxStyle(task);
  // A running task has no picture yet: how long it has run says the box is not simply empty.
  const elapsed = useElapsed(task?.createdAt, task != null && !isFinished(task));
  const palette = task?.palette ? paletteToDataUrl(task.palette) : null;
  if (palette) box.backgroundImage = `url("${palette}")`;

  if (task?.state === "completed" && task.video) {
    return (
      <div className="space-y-2">
        <div style={box} className="mx-auto overflow-hidden rounded-lg bg-neutral-900 bg-cover">
          <video
            // A new URL (after a refresh) must reload the element, not just change an attribute.
            key={task.video.url}
            src={task.video.url}
            poster={task.thumbnail?.url}
            controls
            playsInline
            preload="metadata"
            onError={onMediaError}
            className="h-full w-full bg-transparent object-contain"
          />
        </div>
        {broken && (
          <p role="status" className="text-sm text-amber-200">
            {t("cannotPlay")}
          </p>
        )}
      </div>
    );
  }

  // A failure has no picture: a line that says so, not a screen-sized empty box (the reason is in
  // the details); in the player, a panel where the video would be.
  if (task?.state === "failed" && !task.thumbnail) {
    return (
      <p
        data-failed-media
        className={`flex items-center gap-2 rounded-lg border border-red-500/30 bg-red-500/10 px-4 py-3 text-sm text-red-200 ${inPlayer ? "min-h-40 w-full flex-col justify-center" : ""}`}
      >
        <CircleAlert aria-hidden className={inPlayer ? "size-8" : "size-4 shrink-0"} />
        {t("failedNoVideo")}
      </p>
    );
  }

  const progress = task?.progress;
  const label =
    task === undefined
      ? t("waiting")
      : task === null
        ? fmt.state("not_found")
        : task.state === "failed"
          ? t("failedNoVideo")
          : fmt.stateWithProgress(task);
  return (
    <div style={box} className="relative mx-auto overflow-hidden rounded-lg border border-white/10 bg-neutral-900 bg-cover">
      {task?.thumbnail && (
        // Gateway media may live on a private/local host next/image refuses; a plain img is honest here.
         
        <img src={task.thumbnail.url} alt="" decoding="async" onError={onMediaError} className="absolute inset-0 h-full w-full object-cover" />
      )}
      <div className="absolute inset-0 flex flex-col items-center justify-center gap-3 bg-black/40 text-sm text-neutral-100">
        {task && !isFinished(task) && (
          <span aria-hidden className="h-6 w-6 animate-spin rounded-full border-2 border-white/30 border-t-white" />
        )}
        <span>{label}</span>
        {elapsed && <span className="tabular-nums text-neutral-300">{elapsed}</span>}
        {progress != null && task?.state === "processing" && (
          <div className="h-1 w-1/2 overflow-hidden rounded bg-white/20">
            <div className="h-full bg-white" style={{ width: `${Math.max(0, Math.min(100, progress))}%` }} />
          </div>
        )}
      </div>
    </div>
  );
}
