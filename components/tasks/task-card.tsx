"use client";

import { Check, Play, Star, X } from "lucide-react";
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { memo, useState, type ReactNode } from "react";
import { favoriteStarClass, focusRing } from "@/components/common/button-styles";
import { useElapsed } from "@/lib/client/use-elapsed";
import { useTaskFormat } from "@/lib/client/use-task-format";
import { cardState, progressSuffix } from "@/lib/shared/card-state";
import { flowImageSizes, flowItemStyle } from "@/lib/shared/justified-layout";
import { paletteToDataUrl } from "@/lib/shared/palette";
import type { Task } from "@/lib/shared/task";
import { CardMenu } from "./card-menu";
import { StateBadge } from "./state-badge";
import { TaskProgress } from "./task-progress";
import { TaskThumbnail, type ThumbnailLoad } from "./task-thumbnail";

// Mounted only while a card is hovered or focused: its code comes with the first hover.
const HoverPreview = dynamic(() => import("./hover-preview").then((m) => m.HoverPreview), { ssr: false });

// The tile-* classes: what a tile shows by its own width (a container query), and its dark media, in app/tiles.css.

export interface TaskCardProps {
  id: string;
  /** undefined = not answered yet, null = unknown to the gateway. */
  task: Task | null | undefined;
  /** Position in the grid's order, for the grid's keyboard and click handling. */
  index: number;
  /** The card's box in the grid's layout (ignored when `flowRatio` is given). */
  left: number;
  width: number;
  /** Height of the media box; `captionHeight` more holds the actions. */
  height: number;
  /**
   * Before the grid knows its width (the server's HTML, the first render): a flex-wrap item of this
   * aspect ratio instead, which lands where the measured layout will put it.
   */
  flowRatio?: number;
  /** How the thumbnail loads: first and at once ("priority"), with the page ("eager"), or when scrolled near ("lazy"). */
  thumbnailLoad?: ThumbnailLoad;
  captionHeight: number;
  /** The grid's one tab stop (roving focus); the card's own controls are tabbable only then. */
  focusable: boolean;
  /** undefined when the view has no selection. */
  selected?: boolean;
  favorite?: boolean;
  onFavorite?: (id: string) => void;
  onRemove?: (id: string) => void;
  actions?: ReactNode;
  /** False while the player is open: a preview playing under it would only cost a decoder. */
  preview?: boolean;
}

/**
 * One tile of the justified grid. Its box is sized by the grid from the task's aspect ratio, so
 * nothing moves when the thumbnail arrives; details sit over the media so rows stay dense.
 */
export const TaskCard = memo(function TaskCard(props: TaskCardProps) {
  const t = useTranslations("Card");
  const fmt = useTaskFormat();
  const { id, task, index, left, width, height, captionHeight, flowRatio, thumbnailLoad = "lazy", focusable, selected, favorite, onFavorite, onRemove, actions, preview = true } = props;
  const flow = flowRatio !== undefined;
  const state = cardState(task);
  // Hovered and focused apart: leaving with the mouse must stop a preview that a click's focus
  // would otherwise keep alive. Only keyboard focus (:focus-visible) plays one.
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const active = hovered || focused;
  const playable = state === "completed" && task?.video != null;
  const palette = task?.palette ? paletteToDataUrl(task.palette) : null;
  const prompt = task?.prompt?.trim() || null;
  const title = prompt ?? (state === "not_found" ? t("notFoundTitle") : t("untitled"));
  const running = state === "pending" || state === "processing";
  const elapsed = useElapsed(task?.createdAt, running);
  const percent = progressSuffix(state, task?.progress);
  const duration = fmt.duration(task?.video?.duration);
  const inner = focusable ? 0 : -1;
  // The menu comes with removal; it also offers the favourite, so only then may the star give way.
  const hasMenu = onRemove !== undefined;

  return (
    <div
      role="gridcell"
      data-task-id={id}
      data-state={state}
      data-grid-index={index}
      tabIndex={focusable ? 0 : -1}
      aria-selected={selected}
      className={`group @container/card ${flow ? "relative" : "absolute top-0"} flex flex-col ${focusRing}`}
      style={flow ? flowItemStyle(flowRatio) : { left, width, height: height + captionHeight }}
      // A real mouse movement, not pointerenter: a card laid out under a resting pointer (cards
      // added above it) gets boundary events without anyone hovering it. A touch is a tap, not a hover.
      onPointerMove={(e) => e.pointerType === "mouse" && !hovered && setHovered(true)}
      onPointerLeave={() => setHovered(false)}
      onFocus={(e) => setFocused(e.target === e.currentTarget && e.currentTarget.matches(":focus-visible"))}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocused(false);
      }}
    >
      <div
        className="tile-dark tile-media"
        style={flow ? { aspectRatio: flowRatio } : { height }}
      >
        {palette ? (
          <div
            data-placeholder="palette"
            aria-hidden
            className="absolute inset-0"
            style={{ backgroundImage: `url("${palette}")`, backgroundSize: "100% 100%" }}
          />
        ) : (
          <div aria-hidden className={`tile-blank ${state === "loading" ? "animate-pulse" : ""}`} />
        )}
        {task?.thumbnail && <TaskThumbnail id={id} url={task.thumbnail.url} sizes={flow ? flowImageSizes(flowRatio) : `${Math.round(width)}px`} load={thumbnailLoad} />}
        {playable && active && preview && task?.video && <HoverPreview src={task.video.url} />}

        {running && (
          <p aria-hidden className="tile-running">
            <span className="tile-pill">
              <span className={`${state === "processing" ? "animate-pulse" : ""} tile-word ${elapsed ? "tile-by-badge" : ""}`}>{fmt.state(state)}</span>
              {percent && <span className="tile-percent tabular-nums">{percent}</span>}
              {elapsed && (
                <>
                  <span className="tile-sep tile-by-badge"> · </span>
                  <span data-elapsed className="tile-elapsed tabular-nums">
                    {elapsed}
                  </span>
                </>
              )}
            </span>
          </p>
        )}
        {state === "not_found" && <p className="tile-line">{t("notFound")}</p>}
        {state === "failed" && (
          <p data-failure-reason className="tile-reason">
            {task?.failureReason?.trim() || t("failedNoReason")}
          </p>
        )}

        <div className="tile-foot">
          <p
            className={`line-clamp-2 flex-1 text-xs leading-snug text-neutral-50 ${prompt ? "" : "italic text-neutral-300"} tile-prompt transition-opacity`}
            title={prompt ?? undefined}
          >
            {title}
          </p>
          {playable && (
            <span className="tile-duration">
              <Play aria-hidden className="size-3 fill-current" />
              {duration}
            </span>
          )}
        </div>
        {running && (
          <div className="absolute inset-x-0 bottom-0">
            <TaskProgress value={task?.progress ?? null} pending={state === "pending"} />
          </div>
        )}

        {state !== "completed" && (
          <div className={running ? "tile-badge-running" : "tile-badge-other"}>
            <StateBadge state={state} progress={task?.progress} wordClassName={running ? undefined : "tile-badge-word"} />
          </div>
        )}
        {selected !== undefined && (
          // A tap or click on the check selects (the grid's click handler); the pseudo-element
          // gives a finger 32 px without drawing it larger or taking a tiny tile's face.
          <span
            aria-hidden
            data-selection-check
            className="tile-check tile-reveal"
          >
            <Check className="size-4" strokeWidth={3} />
          </span>
        )}
        {favorite && onFavorite && hasMenu && (
          <Star aria-hidden data-favorite-mark className={`${favoriteStarClass(true)} tile-mark`} />
        )}
      </div>

      {(onFavorite || onRemove) && (
        <div className="tile-dark absolute right-1 top-1 z-[1] flex gap-1">
          {onFavorite && (
            <button
              type="button"
              tabIndex={inner}
              aria-label={t("favorite")}
              aria-pressed={favorite ?? false}
              onClick={() => onFavorite(id)}
              className={`tile-button ${focusRing} ${favorite ? "" : "tile-reveal"} ${hasMenu ? "tile-star" : ""}`}
            >
              <Star aria-hidden className={favoriteStarClass(favorite ?? false)} />
            </button>
          )}
          {onRemove && (
            <>
              <button
                type="button"
                tabIndex={inner}
                aria-label={t("remove", { title: title })}
                onClick={() => onRemove(id)}
                className={`tile-button tile-remove ${focusRing} tile-reveal`}
              >
                <X aria-hidden className="size-4" />
              </button>
              {/* On a touch screen removal sits in the menu (a tap on the card's face must not remove it), and so it does on a tile too narrow for its buttons. */}
              <CardMenu id={id} title={title} tabIndex={inner} onRemove={onRemove} favorite={favorite} onFavorite={onFavorite} className="tile-menu tile-reveal" />
            </>
          )}
        </div>
      )}
      {captionHeight > 0 && (
        <div className="flex min-w-0 shrink-0 items-center gap-2 overflow-hidden px-0.5 text-xs" style={{ height: captionHeight }}>
          {actions}
        </div>
      )}
    </div>
  );
});
