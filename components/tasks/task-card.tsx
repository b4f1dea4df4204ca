"use client";

import { useState } from "react";
import { focusRing } from "@/components/common/button-styles";
import { cardState } from "@/lib/shared/card-state";
import { tileAspectRatio } from "@/lib/shared/format";
import { taskPath } from "@/lib/shared/links";
import { paletteToDataUrl } from "@/lib/shared/palette";
import type { Task } from "@/lib/shared/task";
import { HoverPreview } from "./hover-preview";
import { StateBadge } from "./state-badge";
import { TaskMeta } from "./task-meta";
import { TaskProgress } from "./task-progress";
import { TaskThumbnail } from "./task-thumbnail";

interface TaskCardProps {
  id: string;
  /** undefined = not answered yet, null = unknown to the gateway. */
  task: Task | null | undefined;
  /** Opens the player; without it a completed card links to its task page. */
  onOpen?: (id: string) => void;
  onRemove?: (id: string) => void;
  /** CSS aspect-ratio of the media box when a grid row sets one for all its cards. */
  boxRatio?: string;
}

/** One task tile; its box has the task's aspect ratio from the first paint, so nothing shifts. */
export function TaskCard({ id, task, onOpen, onRemove, boxRatio }: TaskCardProps) {
  const state = cardState(task);
  const [active, setActive] = useState(false);
  const playable = state === "completed" && task?.video != null;
  const palette = task?.palette ? paletteToDataUrl(task.palette) : null;
  const prompt = task?.prompt?.trim() || null;
  const title = prompt ?? (state === "not_found" ? "Task not found" : "Untitled task");

  return (
    <article
      data-task-id={id}
      data-state={state}
      className="group relative flex min-w-0 flex-col overflow-hidden rounded-xl bg-neutral-900 ring-1 ring-white/10 transition hover:ring-white/25 has-focus-visible:ring-2 has-focus-visible:ring-sky-400"
      onPointerEnter={() => setActive(true)}
      onPointerLeave={() => setActive(false)}
      onFocus={() => setActive(true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setActive(false);
      }}
    >
      <div className="relative w-full overflow-hidden bg-neutral-800" style={{ aspectRatio: boxRatio ?? tileAspectRatio(task) }}>
        {palette ? (
          <div
            data-placeholder="palette"
            aria-hidden
            className="absolute inset-0"
            style={{ backgroundImage: `url("${palette}")`, backgroundSize: "100% 100%" }}
          />
        ) : (
          <div aria-hidden className={`absolute inset-0 bg-gradient-to-br from-neutral-800 to-neutral-900 ${state === "loading" ? "animate-pulse" : ""}`} />
        )}
        {(state === "pending" || state === "processing") && (
          <p aria-hidden className="absolute inset-0 grid place-items-center text-sm text-neutral-400">
            <span className={state === "processing" ? "animate-pulse" : ""}>{state === "pending" ? "Waiting in queue" : "Generating…"}</span>
          </p>
        )}
        {task?.thumbnail && <TaskThumbnail id={id} url={task.thumbnail.url} />}
        {playable && active && task?.video && <HoverPreview src={task.video.url} />}
        {state === "not_found" && (
          <p className="absolute inset-0 grid place-items-center p-4 text-center text-sm text-neutral-400">No task with this id on the gateway</p>
        )}
        {(state === "pending" || state === "processing") && (
          // On the media's bottom edge, so the card keeps its height when the bar goes away.
          <div className="absolute inset-x-0 bottom-0">
            <TaskProgress value={task?.progress ?? null} pending={state === "pending"} />
          </div>
        )}
        <div className="pointer-events-none absolute left-2 top-2">
          <StateBadge state={state} progress={task?.progress} />
        </div>
        {playable && (
          <span aria-hidden className="pointer-events-none absolute inset-0 grid place-items-center opacity-0 transition group-hover:opacity-100">
            <span className="grid size-12 place-items-center rounded-full bg-black/50 text-xl text-white backdrop-blur">▶</span>
          </span>
        )}
      </div>

      <div className="flex flex-1 flex-col gap-2 p-3">
        <p className={`line-clamp-2 min-h-[2lh] text-sm leading-snug ${prompt ? "text-neutral-100" : "italic text-neutral-400"}`} title={prompt ?? undefined}>
          {title}
        </p>
        {state === "failed" && (
          <p className="line-clamp-3 text-xs text-red-300">{task?.failureReason?.trim() || "The gateway reported a failure without a reason."}</p>
        )}
        <TaskMeta id={id} task={task} />
      </div>

      {playable &&
        (onOpen ? (
          // Stretched over the whole card so a click anywhere plays; Enter and Space work as on any button.
          <button
            type="button"
            data-open
            aria-label={`Play: ${title}`}
            aria-haspopup="dialog"
            onClick={() => onOpen(id)}
            className={`absolute inset-0 z-[1] rounded-xl ${focusRing}`}
          />
        ) : (
          <a href={taskPath(id)} data-open aria-label={`Open: ${title}`} className={`absolute inset-0 z-[1] rounded-xl ${focusRing}`} />
        ))}
      {onRemove && (
        <button
          type="button"
          aria-label={`Remove from gallery: ${title}`}
          onClick={() => onRemove(id)}
          className={`absolute right-2 top-2 z-[2] grid size-7 place-items-center rounded-full bg-black/60 text-sm text-neutral-200 opacity-0 backdrop-blur transition hover:bg-black/80 focus-visible:opacity-100 group-hover:opacity-100 [@media(hover:none)]:opacity-100 ${focusRing}`}
        >
          ✕
        </button>
      )}
    </article>
  );
}
