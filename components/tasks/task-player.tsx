"use client";

import { useEffect, useId, useRef } from "react";
import { CopyLinkButton } from "@/components/common/copy-link-button";
import { buttonPrimary, buttonSecondary } from "@/components/common/button-styles";
import { videoDownloadHref } from "@/lib/client/api";
import { taskPath } from "@/lib/shared/links";
import { pickVideo, useMediaRefresh } from "@/lib/client/use-media-refresh";
import { aspectRatioOf, formatDuration, formatResolution } from "@/lib/shared/format";
import type { Task } from "@/lib/shared/task";

interface TaskPlayerProps {
  task: Task;
  onClose: () => void;
  onPrev?: () => void;
  onNext?: () => void;
  position?: string;
}

/**
 * The lightbox. A native modal <dialog> gives the top layer, an inert page behind it and a focus
 * trap for free; React still owns whether it is open, so Esc goes through `onClose`.
 */
export function TaskPlayer({ task, onClose, onPrev, onNext, position }: TaskPlayerProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const video = task.video!;
  const title = task.prompt?.trim() || "Untitled task";

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  function onKeyDown(event: React.KeyboardEvent) {
    const target = event.target as HTMLElement;
    if (target.tagName === "INPUT" || target.tagName === "TEXTAREA") return;
    // Arrows would otherwise seek a focused <video>; in a gallery lightbox they move between videos.
    if (event.key === "ArrowLeft" && onPrev) {
      event.preventDefault();
      onPrev();
    } else if (event.key === "ArrowRight" && onNext) {
      event.preventDefault();
      onNext();
    }
  }

  const meta = [formatResolution(video.width, video.height), formatDuration(video.duration)].filter(Boolean).join(" · ");

  return (
    <dialog
      ref={ref}
      aria-modal="true"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClose={onClose}
      onKeyDown={onKeyDown}
      onClick={(e) => {
        // A click on the backdrop lands on the <dialog> itself.
        if (e.target === e.currentTarget) onClose();
      }}
      className="m-auto max-h-[100dvh] w-[min(100vw,72rem)] max-w-none overflow-auto bg-transparent p-2 text-neutral-100 backdrop:bg-black/85 backdrop:backdrop-blur-sm sm:p-4"
    >
      <div className="flex flex-col gap-3 rounded-2xl bg-neutral-900 p-3 ring-1 ring-white/10 sm:p-4">
        <div className="flex items-start gap-3">
          <h2 id={titleId} className="line-clamp-3 flex-1 text-base font-medium leading-snug">
            {title}
          </h2>
          <button type="button" onClick={onClose} aria-label="Close player" className={buttonSecondary}>
            ✕
          </button>
        </div>
        <div className="relative grid place-items-center overflow-hidden rounded-lg bg-black">
          <PlayerVideo key={task.id} task={task} />
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <a href={videoDownloadHref(task.id)} download className={buttonPrimary}>
            Download
          </a>
          <CopyLinkButton path={taskPath(task.id)} label="Copy link" className={buttonSecondary} />
          <a href={taskPath(task.id)} className={buttonSecondary}>
            Open task page
          </a>
          <span className="ml-auto flex items-center gap-2 text-xs text-neutral-400">
            {meta}
            {position && <span>{position}</span>}
            <button type="button" onClick={onPrev} disabled={!onPrev} aria-label="Previous video" className={buttonSecondary}>
              ←
            </button>
            <button type="button" onClick={onNext} disabled={!onNext} aria-label="Next video" className={buttonSecondary}>
              →
            </button>
          </span>
        </div>
      </div>
    </dialog>
  );
}

/** Keyed by task so each video gets its own single refresh attempt. */
function PlayerVideo({ task }: { task: Task }) {
  const video = task.video!;
  const { onError, failed } = useMediaRefresh(task.id, video.url, pickVideo);
  if (failed) {
    return (
      <p role="alert" className="p-10 text-center text-sm text-red-200">
        This video could not be loaded: its link may have expired and the gateway gave no fresh one. Try the task page or Download.
      </p>
    );
  }
  return (
    <video
      key={video.url}
      src={video.url}
      poster={task.thumbnail?.url}
      controls
      autoPlay
      playsInline
      onError={onError}
      className="max-h-[70dvh] w-full bg-black object-contain"
      style={{ aspectRatio: aspectRatioOf(task) }}
    />
  );
}
