"use client";

import { useTranslations } from "next-intl";
import { progressSuffix, type CardState } from "@/lib/shared/card-state";

const LOOK: Record<CardState, { className: string; dot: string }> = {
  loading: { className: "bg-neutral-800/90 text-neutral-300", dot: "bg-neutral-400 animate-pulse" },
  // Pending is a hollow ring (waiting in a queue), processing a live pulsing dot: told apart without colour too.
  pending: { className: "bg-amber-950/90 text-amber-200", dot: "border border-amber-300 bg-transparent" },
  processing: { className: "bg-sky-950/90 text-sky-200", dot: "bg-sky-300 animate-pulse" },
  completed: { className: "bg-emerald-950/90 text-emerald-200", dot: "bg-emerald-300" },
  failed: { className: "bg-red-950/90 text-red-200", dot: "bg-red-400" },
  not_found: { className: "bg-neutral-800/90 text-neutral-300", dot: "bg-neutral-500" },
};

/**
 * The one look and the one word (messages' `State`) of a task's state, on cards and the task page
 * alike. `wordClassName` lets a tile too narrow for the word keep only the dot on screen.
 */
export function StateBadge({ state, progress, wordClassName }: { state: CardState; progress?: number | null; wordClassName?: string }) {
  const t = useTranslations("State");
  const look = LOOK[state];
  const percent = progressSuffix(state, progress);
  return (
    <span data-state-badge className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ${look.className}`}>
      <span aria-hidden className={`size-2 rounded-full ${look.dot}`} />
      <span className={wordClassName}>
        {t(state)}
        {percent}
      </span>
    </span>
  );
}
