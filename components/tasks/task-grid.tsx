"use client";

import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { TaskLookup } from "@/lib/client/task-queries";
import { columnCount, estimateRowHeight, GRID_GAP, rowCount, rowOf, rowRange } from "@/lib/client/grid-layout";
import { rowTileAspectRatio } from "@/lib/shared/format";
import { TaskCard } from "./task-card";
import { TaskPlayer } from "./task-player";

interface TaskGridProps {
  ids: readonly string[];
  tasks: TaskLookup;
  /** When given, each card offers "Remove from gallery". */
  onRemove?: (id: string) => void;
}

/**
 * Cards in virtualized rows: only the rows near the viewport exist in the DOM, so a thousand
 * tasks cost what a screenful costs. Columns follow the container's width; rows are measured
 * once rendered; every card of a row takes the row's tallest (clamped) ratio, so rows line up.
 */
export function TaskGrid({ ids, tasks, onRemove }: TaskGridProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [scrollMargin, setScrollMargin] = useState(0);
  const [openId, setOpenId] = useState<string | null>(null);

  useLayoutEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    const update = () => {
      setWidth(el.clientWidth);
      setScrollMargin(el.getBoundingClientRect().top + window.scrollY);
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    // Content above the grid (alerts, toolbars) can move it without resizing it.
    if (el.parentElement) observer.observe(el.parentElement);
    return () => observer.disconnect();
  }, []);

  const columns = columnCount(width);
  const virtualizer = useWindowVirtualizer({
    count: rowCount(ids.length, columns),
    estimateSize: () => estimateRowHeight(width, columns),
    overscan: 2,
    scrollMargin,
    // Row sizes measured at one column count mean nothing at another.
    getItemKey: (index) => `${columns}:${index}`,
  });

  const playable = useMemo(() => ids.filter((id) => tasks.get(id)?.state === "completed" && tasks.get(id)?.video), [ids, tasks]);
  const openIndex = openId ? playable.indexOf(openId) : -1;
  const openTask = openId ? tasks.get(openId) : undefined;

  const reveal = useCallback(
    (id: string) => {
      const index = ids.indexOf(id);
      if (index >= 0) virtualizer.scrollToIndex(rowOf(index, columns), { align: "auto" });
    },
    [ids, columns, virtualizer],
  );

  const close = useCallback(() => {
    const id = openId;
    setOpenId(null);
    if (!id) return;
    // The card may have been virtualized away while the player moved on: bring it back, then focus it.
    reveal(id);
    requestAnimationFrame(() =>
      requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-task-id="${CSS.escape(id)}"] [data-open]`)?.focus()),
    );
  }, [openId, reveal]);

  const move = (delta: number) => {
    const next = playable[openIndex + delta];
    if (!next) return undefined;
    return () => {
      setOpenId(next);
      reveal(next);
    };
  };

  return (
    <>
      <div ref={containerRef} className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((row) => {
          const [start, end] = rowRange(row.index, columns, ids.length);
          const rowIds = ids.slice(start, end);
          const boxRatio = rowTileAspectRatio(rowIds.map((id) => tasks.get(id)));
          return (
            <div
              key={row.key}
              data-index={row.index}
              ref={virtualizer.measureElement}
              className="absolute left-0 top-0 grid w-full items-start"
              style={{
                transform: `translateY(${row.start - scrollMargin}px)`,
                gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
                gap: GRID_GAP,
                paddingBottom: GRID_GAP,
              }}
            >
              {rowIds.map((id) => (
                <TaskCard key={id} id={id} task={tasks.get(id)} onOpen={setOpenId} onRemove={onRemove} boxRatio={boxRatio} />
              ))}
            </div>
          );
        })}
      </div>
      {openTask && openTask.video && (
        <TaskPlayer
          task={openTask}
          onClose={close}
          onPrev={move(-1)}
          onNext={move(1)}
          position={openIndex >= 0 ? `${openIndex + 1} / ${playable.length}` : undefined}
        />
      )}
    </>
  );
}
