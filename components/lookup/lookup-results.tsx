"use client";

import { useTranslations } from "next-intl";
import { AppLink } from "@/components/common/app-link";
import { focusRing } from "@/components/common/button-styles";
import { TaskGrid } from "@/components/tasks/task-grid";
import type { TaskLookup } from "@/lib/client/task-queries";
import { taskPath } from "@/lib/shared/links";


/** Height of the strip of per-card actions under each lookup card. */
const ACTIONS_HEIGHT = 32;

interface Props {
  ids: readonly string[];
  tasks: TaskLookup;
  added: ReadonlySet<string>;
  onAdd: (id: string) => void;
}

/** The lookup's cards: the gallery's grid, with this page's actions under each card. */
export function LookupResults({ ids, tasks, added, onAdd }: Props) {
  const t = useTranslations("LookupResults");
  return (
    <TaskGrid
      ids={ids}
      tasks={tasks}
      label={t("label")}
      actionsHeight={ACTIONS_HEIGHT}
      renderActions={(id, task, tabIndex) =>
        task === null ? (
          <span className="truncate text-neutral-400">{t("unknown")}</span>
        ) : (
          <>
            <AppLink
              href={taskPath(id)}
              tabIndex={tabIndex}
              className={`truncate text-neutral-300 underline-offset-4 hover:text-white hover:underline ${focusRing}`}
            >
              {t("openPage")}
            </AppLink>
            <button
              type="button"
              tabIndex={tabIndex}
              onClick={() => onAdd(id)}
              disabled={added.has(id)}
              className={`ml-auto shrink-0 truncate rounded-md border border-white/15 px-2 py-0.5 text-neutral-100 hover:bg-white/10 disabled:cursor-default disabled:border-transparent disabled:text-emerald-300 disabled:hover:bg-transparent ${focusRing}`}
            >
              {added.has(id) ? t("added") : t("add")}
            </button>
          </>
        )
      }
    />
  );
}
