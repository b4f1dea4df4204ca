"use client";

import Link from "next/link";
import { useState } from "react";
import { TaskCard } from "@/components/tasks/task-card";
import type { TaskLookup } from "@/lib/client/task-queries";
import { taskPath } from "@/lib/shared/links";

/** Cards rendered per step: a paste of thousands is polled in full but drawn a page at a time. */
const PAGE_SIZE = 120;

interface Props {
  ids: readonly string[];
  tasks: TaskLookup;
  added: ReadonlySet<string>;
  onAdd: (id: string) => void;
}

/**
 * The gallery's own cards, each with a footer for this page's per-task actions. (TaskGrid has no
 * slot for actions yet; when it grows one this can become `<TaskGrid>` again.)
 */
export function LookupResults({ ids, tasks, added, onAdd }: Props) {
  const [shown, setShown] = useState(PAGE_SIZE);
  const visible = ids.slice(0, shown);
  const rest = ids.length - visible.length;
  return (
    <>
      <ul aria-label="Lookup results" className="grid grid-cols-[repeat(auto-fill,minmax(16rem,1fr))] gap-4">
        {visible.map((id) => {
          const task = tasks.get(id);
          const inGallery = added.has(id);
          return (
            <li key={id} className="flex flex-col gap-2 [contain-intrinsic-size:auto_20rem] [content-visibility:auto]">
              <TaskCard id={id} task={task} />
              <div className="mt-auto flex items-center justify-between gap-2 px-1 text-sm">
                {task === null ? (
                  <span className="text-neutral-400">Unknown to the gateway</span>
                ) : (
                  <>
                    <Link href={taskPath(id)} className="text-neutral-300 underline-offset-4 hover:text-white hover:underline">
                      Open task page
                    </Link>
                    <button
                      type="button"
                      onClick={() => onAdd(id)}
                      disabled={inGallery}
                      className="rounded-md border border-white/15 px-2.5 py-1 text-neutral-100 hover:bg-white/10 disabled:cursor-default disabled:border-transparent disabled:text-emerald-300 disabled:hover:bg-transparent"
                    >
                      {inGallery ? "Added to gallery ✓" : "Add to gallery"}
                    </button>
                  </>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      {rest > 0 && (
        <div className="mt-6 flex justify-center">
          <button
            type="button"
            onClick={() => setShown((n) => n + PAGE_SIZE)}
            className="rounded-md border border-white/15 px-4 py-2 text-sm hover:bg-white/10"
          >
            Show {Math.min(PAGE_SIZE, rest).toLocaleString("en-US")} more ({rest.toLocaleString("en-US")} not shown yet)
          </button>
        </div>
      )}
    </>
  );
}
