"use client";

import { useTranslations } from "next-intl";
import { ChevronLeft, ChevronRight, Star, X } from "lucide-react";
import { useEffect, useId, useRef, type PointerEvent } from "react";
import { CopyLinkButton } from "@/components/common/copy-link-button";
import { buttonPrimary, buttonSecondary, favoriteStarClass } from "@/components/common/button-styles";
import { TaskMedia } from "./task-media";
import { videoDownloadHref } from "@/lib/client/api";
import { pickThumbnail, pickVideo, useMediaRefresh } from "@/lib/client/use-media-refresh";
import { taskPath } from "@/lib/shared/links";
import { aspectRatioOf } from "@/lib/shared/format";
import type { Task } from "@/lib/shared/task";
import { TaskDetails } from "./task-details";


/** A horizontal swipe at least this long (and mostly sideways) moves to the neighbouring video. */
const SWIPE_PX = 50;

interface TaskPlayerProps {
  task: Task;
  onClose: () => void;
  onPrev?: () => void;
  onNext?: () => void;
  position?: string;
  /** In the gallery: the task's favourite, toggled here as on its tile (where a tile under 80 px has no button). */
  favorite?: boolean;
  onFavorite?: () => void;
}

/**
 * The lightbox. A native modal <dialog> gives the top layer, an inert page behind it and a focus
 * trap for free; React still owns whether it is open, so Esc goes through `onClose`.
 */
export function TaskPlayer({ task, onClose, onPrev, onNext, position, favorite, onFavorite }: TaskPlayerProps) {
  const t = useTranslations("Player");
  const ref = useRef<HTMLDialogElement>(null);
  const swipe = useRef<{ x: number; y: number; id: number } | null>(null);
  const titleId = useId();
  const title = task.prompt?.trim() || t("untitled");

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  function onKeyDown(event: React.KeyboardEvent) {
    const target = event.target as HTMLElement;
    if (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SUMMARY") return;
    // Arrows would otherwise seek a focused <video>; in a gallery lightbox they move between videos.
    if (event.key === "ArrowLeft" && onPrev) {
      event.preventDefault();
      onPrev();
    } else if (event.key === "ArrowRight" && onNext) {
      event.preventDefault();
      onNext();
    } else if (event.key === "f" && onFavorite && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      onFavorite();
    }
  }

  // Touch only: a mouse dragging the video's scrubber must not change videos.
  function onPointerDown(event: PointerEvent) {
    if (event.pointerType === "mouse") return;
    swipe.current = { x: event.clientX, y: event.clientY, id: event.pointerId };
  }
  function onPointerUp(event: PointerEvent) {
    const start = swipe.current;
    swipe.current = null;
    if (!start || start.id !== event.pointerId) return;
    const dx = event.clientX - start.x;
    const dy = event.clientY - start.y;
    if (Math.abs(dx) < SWIPE_PX || Math.abs(dx) < 2 * Math.abs(dy)) return;
    if (dx < 0) onNext?.();
    else onPrev?.();
  }

  return (
    <dialog
      ref={ref}
      aria-modal="true"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onKeyDown={onKeyDown}
      onClick={(e) => {
        // A click on the backdrop lands on the <dialog> itself.
        if (e.target === e.currentTarget) onClose();
      }}
      className="m-auto max-h-[100dvh] w-[min(100vw,72rem)] max-w-none overflow-auto bg-transparent p-2 text-neutral-100 backdrop:bg-black/85 backdrop:backdrop-blur-sm sm:p-4"
    >
      <div className="flex flex-col gap-3 rounded-2xl bg-neutral-900 p-3 ring-1 ring-white/10 sm:p-4">
        <div className="flex items-start gap-3">
          <h2 id={titleId} className="line-clamp-2 flex-1 text-base font-medium leading-snug">
            {title}
          </h2>
          <button type="button" onClick={onClose} aria-label={t("close")} className={buttonSecondary}>
            <X aria-hidden className="size-4" />
          </button>
        </div>
        <div
          data-swipe-area
          // Dark in both themes, as a tile's picture is: a video's box reads as a screen.
          className="tile-dark relative grid touch-pan-y place-items-center overflow-hidden rounded-lg bg-black"
          onPointerDown={onPointerDown}
          onPointerUp={onPointerUp}
          onPointerCancel={() => (swipe.current = null)}
        >
          {task.video ? <PlayerVideo key={task.id} task={task} /> : <PlayerStill key={task.id} task={task} />}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {task.video && (
            <a href={videoDownloadHref(task.id)} download className={buttonPrimary}>
              {t("download")}
            </a>
          )}
          {onFavorite && (
            <button type="button" onClick={onFavorite} aria-pressed={favorite ?? false} className={buttonSecondary}>
              <Star aria-hidden className={favoriteStarClass(favorite ?? false)} />
              {t("favorite")}
            </button>
          )}
          <CopyLinkButton path={taskPath(task.id)} label={t("copyLink")} className={buttonSecondary} />
          <a href={taskPath(task.id)} className={buttonSecondary}>
            {t("openPage")}
          </a>
          <span className="ml-auto flex items-center gap-2 text-xs text-neutral-400">
            {position && <span className="tabular-nums">{position}</span>}
            <button type="button" onClick={onPrev} disabled={!onPrev} aria-label={t("previous")} className={buttonSecondary}>
              <ChevronLeft aria-hidden className="size-4" />
            </button>
            <button type="button" onClick={onNext} disabled={!onNext} aria-label={t("next")} className={buttonSecondary}>
              <ChevronRight aria-hidden className="size-4" />
            </button>
          </span>
        </div>
        <TaskDetails task={task} />
      </div>
    </dialog>
  );
}

/** Keyed by task so each video gets its own single refresh attempt. */
function PlayerVideo({ task }: { task: Task }) {
  const video = task.video!;
  const { onError, failed } = useMediaRefresh(task.id, video.url, pickVideo);
  const t = useTranslations("Player");
  if (failed) {
    return (
      <p role="alert" className="p-10 text-center text-sm text-red-200">
        {t("broken")}
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

/** A task without a video yet (or ever): its thumbnail or palette, with the state and progress. */
function PlayerStill({ task }: { task: Task }) {
  const { onError, failed } = useMediaRefresh(task.id, task.thumbnail?.url, pickThumbnail);
  return <TaskMedia task={task} broken={failed} onMediaError={onError} inPlayer />;
}
