"use client";

import { useTranslations } from "next-intl";
import { progressSuffix, type CardState } from "@/lib/shared/card-state";

/**
 * The one look (app/panels.css) and the one word (messages' `State`) of a task's state, on cards
 * and the task page alike. `wordClassName` lets a tile too narrow for the word keep only the dot on screen.
 */
export function StateBadge({ state, progress, wordClassName }: { state: CardState; progress?: number | null; wordClassName?: string }) {
  const t = useTranslations("State");
  const percent = progressSuffix(state, progress);
  return (
    <span data-state-badge={state}>
      <span aria-hidden />
      <span className={wordClassName}>
        {t(state)}
        {percent}
      </span>
    </span>
  );
}
