"use client";

import dynamic from "next/dynamic";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from "react";
import { afterLoad } from "@/lib/client/after-load";
import type { TaskLookup } from "@/lib/client/task-queries";
import { useContainerGeometry } from "@/lib/client/use-container-geometry";
import { useEscapeClearsSelection, type GridSelection } from "@/lib/client/use-grid-selection";
import { usePlayParam } from "@/lib/client/use-play-param";
import { useScrollRestore } from "@/lib/client/use-scroll-restore";
import { tileRatio } from "@/lib/shared/format";
import { baseRowHeightFor, BASE_ROW_HEIGHT_CSS, justifiedLayout, moveInLayout, rowIndexOf, type GridMove, type JustifiedLayout } from "@/lib/shared/justified-layout";
import type { Task } from "@/lib/shared/task";
import { TaskCard } from "./task-card";
import type { VirtualRows as VirtualRowsComponent, VirtualRowsHandle } from "./virtual-rows";

// The player's code (details, raw JSON, swipes) loads when a video opens, not with the first screen.
const TaskPlayer = dynamic(() => import("./task-player").then((m) => m.TaskPlayer));

// The virtualizer loads after the page (the first screen is the flex-wrap of the first cards), once for every grid.
let virtualRows: typeof VirtualRowsComponent | null = null;
let virtualRowsLoading: Promise<typeof VirtualRowsComponent> | null = null;
function loadVirtualRows(): Promise<typeof VirtualRowsComponent> {
  virtualRowsLoading ??= afterLoad()
    .then(() => import("./virtual-rows"))
    .then((m) => (virtualRows = m.VirtualRows));
  return virtualRowsLoading;
}
if (typeof window !== "undefined") void loadVirtualRows();

export const GRID_GAP = 4;
/** Cards the grid renders before it knows its width (the server's HTML): more than any first screen shows. */
const FLOW_CARDS = 30;
/** Cards whose thumbnails load first: the largest paints of a first screen, often a wide card below the first row. */
const PRIORITY_CARDS = 8;
/** Cards whose thumbnails are asked for with the HTML (a lazy one waits for layout, behind the page's script): a phone's first screen. */
const EAGER_CARDS = 12;

const KEY_MOVES: Record<string, GridMove> = {
  ArrowLeft: "left",
  ArrowRight: "right",
  ArrowUp: "up",
  ArrowDown: "down",
  Home: "home",
  End: "end",
};

/** The layout's leading rows made only of the flex-wrap's cards: those the flex-wrap already shows as the layout does. */
function heldRowCount(layout: JustifiedLayout): number {
  let count = 0;
  while (count < layout.rows.length && layout.rows[count]!.end <= FLOW_CARDS) count++;
  return count;
}

export interface GridFavorites {
  isFavorite: (id: string) => boolean;
  toggle: (id: string) => void;
}

export interface TaskGridProps {
  ids: readonly string[];
  tasks: TaskLookup;
  /** Accessible name of the grid. */
  label: string;
  onRemove?: (id: string) => void;
  favorites?: GridFavorites;
  selection?: GridSelection;
  /** Per-card actions, in a strip of `actionsHeight` px under each card; `tabIndex` follows the roving focus. */
  renderActions?: (id: string, task: Task | null | undefined, tabIndex: 0 | -1) => ReactNode;
  actionsHeight?: number;
  /** Called when the rows near the end are rendered: a paged view loads its next page then. */
  onEndReached?: () => void;
}

/**
 * The one grid of every view: justified rows (sizes from the tasks' aspect ratios, never from
 * loaded images), virtualized by row, one tab stop with arrow keys inside, selection, and the
 * player, whose state is in the URL (`?play=`). Until it has measured its width and loaded the
 * virtualizer (on the server, in the render that hydrates that HTML, until the page has loaded) it
 * is a flex-wrap of the first cards, whose rows the measured layout reproduces: the first screen is
 * in the HTML, and when the virtualized rows take over, the flex-wrap's whole rows stay (the same
 * elements) until they are scrolled past, so nothing moves and nothing is painted twice.
 */
export function TaskGrid({ ids, tasks, label, onRemove, favorites, selection, renderActions, actionsHeight = 0, onEndReached }: TaskGridProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const { width, top: scrollMargin } = useContainerGeometry(containerRef);
  const [VirtualRows, setVirtualRows] = useState(() => virtualRows);
  const virtual = width > 0 && VirtualRows !== null;
  const rows = useRef<VirtualRowsHandle>(null);
  const refocus = useRef<number | null>(null);
  const [range, setRange] = useState<[number, number]>([-1, -1]);
  const scrollToRow = useCallback((row: number) => rows.current?.scrollToRow(row), []);
  const onRange = useCallback((first: number, last: number) => setRange((r) => (r[0] === first && r[1] === last ? r : [first, last])), []);
  const [activeIndex, setActiveIndex] = useState(0);
  const anchor = useRef<number | null>(null);
  const play = usePlayParam();
  const caption = renderActions ? actionsHeight : 0;

  // The ratios as text: polls hand over new task objects every few seconds, but the layout only
  // changes when a ratio does.
  const ratioKey = useMemo(() => ids.map((id) => tileRatio(tasks.get(id))).join(","), [ids, tasks]);
  const layout = useMemo(
    () =>
      justifiedLayout(ratioKey === "" ? [] : ratioKey.split(",").map(Number), {
        containerWidth: width,
        baseRowHeight: baseRowHeightFor(width),
        gap: GRID_GAP,
        captionHeight: caption,
      }),
    [ratioKey, width, caption],
  );

  useEffect(() => {
    if (VirtualRows) return;
    let gone = false;
    void loadVirtualRows().then((component) => {
      if (gone) return;
      // The rows replace the flex-wrap's cards: a card that had focus gets it back in its new element.
      const focused = document.activeElement?.closest<HTMLElement>("[data-grid-index]");
      if (focused && containerRef.current?.contains(focused)) refocus.current = Number(focused.dataset.gridIndex);
      setVirtualRows(() => component);
    });
    return () => {
      gone = true;
    };
  }, [VirtualRows]);

  useLayoutEffect(() => {
    const index = refocus.current;
    refocus.current = null;
    if (virtual && index !== null) containerRef.current?.querySelector<HTMLElement>(`[data-grid-index="${index}"]`)?.focus({ preventScroll: true });
  }, [virtual]);

  const settled = useMemo(() => ids.every((id) => tasks.get(id) !== undefined), [ids, tasks]);
  useScrollRestore(virtual ? layout.height : 0, settled);

  const endReached = useRef(onEndReached);
  useEffect(() => {
    endReached.current = onEndReached;
  });
  const [firstRenderedRow, lastRenderedRow] = range;
  useEffect(() => {
    if (layout.rows.length > 0 && lastRenderedRow >= layout.rows.length - 3) endReached.current?.();
  }, [lastRenderedRow, layout.rows.length]);

  // The flex-wrap's whole rows stay where the server put them when the virtualized rows take over:
  // new elements for the first screen's thumbnails would be painted again after the scripts ran,
  // and the browser would take that late paint for the page's largest one. Once scrolled past,
  // they make way for virtualized rows like every other.
  const [headHeld, setHeadHeld] = useState(true);
  let headRows = virtual && headHeld ? heldRowCount(layout) : 0;
  if (headRows > 0 && firstRenderedRow >= headRows) {
    setHeadHeld(false);
    headRows = 0;
  }
  const headCards = headRows > 0 ? layout.rows[headRows - 1]!.end : 0;
  const headIsWholeGrid = headRows > 0 && headRows === layout.rows.length;

  const active = Math.min(activeIndex, Math.max(0, ids.length - 1));
  const activeRow = rowIndexOf(layout, active);
  const activeRendered = virtual ? active < headCards || (activeRow >= firstRenderedRow && activeRow <= lastRenderedRow) : active < FLOW_CARDS;
  // The grid is one tab stop: the active card, or the first card on screen when it scrolled away.
  const tabStop = activeRendered ? active : (layout.rows[Math.max(0, firstRenderedRow)]?.start ?? 0);

  const focusCard = useCallback(
    (index: number) => {
      const row = rowIndexOf(layout, index);
      if (row < 0) return;
      scrollToRow(row);
      let tries = 0;
      const attempt = () => {
        const el = containerRef.current?.querySelector<HTMLElement>(`[data-grid-index="${index}"]`);
        if (el) el.focus({ preventScroll: true });
        else if (++tries < 20) requestAnimationFrame(attempt);
      };
      requestAnimationFrame(attempt);
    },
    [layout, scrollToRow],
  );

  // A card removed from the keyboard (or its menu) takes focus with it: the next card gets it, so
  // the reader stays in the grid where they were. One function for the grid's life (it reads the
  // current ids and layout when called), so the memoized cards do not all render again each time
  // the grid's width or ids change.
  const latest = useRef({ ids, onRemove, focusCard });
  useLayoutEffect(() => {
    latest.current = { ids, onRemove, focusCard };
  });
  const removeCard = useCallback((id: string) => {
    const { ids, onRemove, focusCard } = latest.current;
    const index = ids.indexOf(id);
    const hadFocus = containerRef.current?.querySelector(`[data-task-id="${id}"]`)?.contains(document.activeElement) ?? false;
    onRemove?.(id);
    if (!hadFocus || index < 0 || ids.length < 2) return;
    const next = Math.min(index, ids.length - 2);
    setActiveIndex(next);
    focusCard(next);
  }, []);

  // Player: ←/→ walk the grid's order over every task the gateway answered for.
  const openable = useMemo(() => ids.filter((id) => tasks.get(id) != null), [ids, tasks]);
  const openTask = play.playId ? tasks.get(play.playId) : undefined;
  const openIndex = play.playId ? openable.indexOf(play.playId) : -1;
  const lastOpen = useRef<string | null>(null);
  useEffect(() => {
    if (play.playId && openIndex >= 0) {
      lastOpen.current = play.playId;
      return;
    }
    // Closed (button, Esc or Back): focus goes back to the card that was showing.
    const closed = lastOpen.current;
    lastOpen.current = null;
    if (!play.playId && closed) {
      const index = ids.indexOf(closed);
      if (index >= 0) {
        setActiveIndex(index);
        focusCard(index);
      }
    }
  }, [play.playId, openIndex, ids, focusCard]);

  useEscapeClearsSelection(selection);

  const open = (index: number) => {
    const id = ids[index];
    if (id && tasks.get(id) != null) play.open(id);
  };
  const step = (delta: number) => {
    const next = openable[openIndex + delta];
    if (!next) return undefined;
    return () => {
      play.show(next);
      const index = ids.indexOf(next);
      setActiveIndex(index);
      scrollToRow(rowIndexOf(layout, index));
    };
  };

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const target = event.target as HTMLElement;
    // Keys belong to the card itself; its buttons and links keep their own.
    if (target.dataset.gridIndex === undefined) return;
    const index = Number(target.dataset.gridIndex);
    const id = ids[index];
    if (!id || event.altKey || event.ctrlKey || event.metaKey) return;
    const move = KEY_MOVES[event.key];
    if (move) {
      event.preventDefault();
      const next = moveInLayout(layout, index, move);
      if (next >= 0 && next !== index) {
        setActiveIndex(next);
        focusCard(next);
      }
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      open(index);
    } else if (event.key === "f" && favorites) {
      favorites.toggle(id);
    } else if (event.key === "x" && selection) {
      selection.toggle(id);
      anchor.current = index;
    } else if (event.key === "Escape" && selection && selection.selected.size > 0) {
      event.preventDefault();
      selection.clear();
    }
  }

  function onClick(event: MouseEvent<HTMLDivElement>) {
    const target = event.target as HTMLElement;
    if (target.closest("button, a, input, select, textarea")) return;
    const cell = target.closest<HTMLElement>("[data-grid-index]");
    if (!cell) return;
    const index = Number(cell.dataset.gridIndex);
    const id = ids[index];
    if (!id) return;
    setActiveIndex(index);
    // The check is the one way to start a selection without a keyboard (a phone).
    if (selection && (event.ctrlKey || event.metaKey || target.closest("[data-selection-check]"))) {
      selection.toggle(id);
      anchor.current = index;
    } else if (selection && event.shiftKey) {
      // Shift+click: a range from the last card picked, else this card alone.
      const from = anchor.current;
      if (from !== null && from !== index && selection.selected.size > 0) {
        selection.set(ids.slice(Math.min(from, index), Math.max(from, index) + 1), true);
      } else {
        selection.toggle(id);
      }
      anchor.current = index;
    } else if (selection && selection.selected.size > 0) {
      selection.toggle(id);
      anchor.current = index;
    } else {
      open(index);
    }
  }

  function renderCard(id: string, index: number, place: { left: number; width: number; height: number } | { flowRatio: number }) {
    const task = tasks.get(id);
    const focusable = index === tabStop;
    return (
      <TaskCard
        key={id}
        id={id}
        task={task}
        index={index}
        {...("flowRatio" in place ? { left: 0, width: 0, height: 0, flowRatio: place.flowRatio } : place)}
        thumbnailLoad={index < PRIORITY_CARDS ? "priority" : index < EAGER_CARDS ? "eager" : "lazy"}
        captionHeight={caption}
        focusable={focusable}
        selected={selection ? selection.selected.has(id) : undefined}
        favorite={favorites?.isFavorite(id)}
        onFavorite={favorites?.toggle}
        onRemove={onRemove ? removeCard : undefined}
        actions={renderActions?.(id, task, focusable ? 0 : -1)}
        preview={!play.playId}
      />
    );
  }

  return (
    <>
      <div
        ref={containerRef}
        role="grid"
        aria-label={label}
        aria-rowcount={layout.rows.length}
        aria-multiselectable={selection ? true : undefined}
        // "flow" until the virtualized rows take over (keys and scrolling past the first cards need them).
        data-layout={virtual ? "rows" : "flow"}
        className="relative w-full select-none [container-type:inline-size]"
        style={virtual ? { height: layout.height } : undefined}
        onKeyDown={onKeyDown}
        onClick={onClick}
        onFocus={(event) => {
          const index = (event.target as HTMLElement).dataset.gridIndex;
          if (index !== undefined) setActiveIndex(Number(index));
        }}
      >
        {(!virtual || headCards > 0) && ids.length > 0 && (
          <div role="row" aria-rowindex={1} className="flex flex-wrap items-start" style={{ gap: GRID_GAP, ["--row" as string]: BASE_ROW_HEIGHT_CSS }}>
            {ids.slice(0, virtual ? headCards : FLOW_CARDS).map((id, index) => renderCard(id, index, { flowRatio: tileRatio(tasks.get(id)) }))}
            {/* Takes the last line's spare width, so that line stays at the base height as the layout's last row does. */}
            {(!virtual || headIsWholeGrid) && <span aria-hidden className="h-0" style={{ flex: "1000000 1 0px" }} />}
          </div>
        )}
        {virtual && (
          <VirtualRows
            handle={rows}
            layout={layout}
            caption={caption}
            gap={GRID_GAP}
            scrollMargin={scrollMargin}
            onRange={onRange}
            renderRow={(r) => {
              const row = layout.rows[r];
              if (!row || r < headRows) return null;
              return (
                <div
                  role="row"
                  aria-rowindex={r + 1}
                  className="absolute inset-x-0 top-0"
                  style={{ transform: `translateY(${row.top}px)`, height: row.height + caption }}
                >
                  {row.boxes.map((box, k) => renderCard(ids[row.start + k]!, row.start + k, { left: box.left, width: box.width, height: row.height }))}
                </div>
              );
            }}
          />
        )}
      </div>
      {openTask && openIndex >= 0 && (
        <TaskPlayer
          task={openTask}
          onClose={play.close}
          onPrev={step(-1)}
          onNext={step(1)}
          position={`${openIndex + 1} / ${openable.length}`}
          favorite={favorites?.isFavorite(openTask.id)}
          onFavorite={favorites ? () => favorites.toggle(openTask.id) : undefined}
        />
      )}
    </>
  );
}
