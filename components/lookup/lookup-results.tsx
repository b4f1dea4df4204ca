"use client";

import { Check, FileText, Plus } from "lucide-react";
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
  /** In the library already: no offer to add them. */
  held: ReadonlySet<string>;
  onAdd: (id: string) => void;
}

/** The lookup's cards: the gallery's grid, with this page's actions under each card. */
export function LookupResults({ ids, tasks, held, onAdd }: Props) {
  const t = useTranslations("LookupResults");
  return (
    <TaskGrid
      ids={ids}
      tasks={tasks}
      label={t("label")}
      actionsHeight={ACTIONS_HEIGHT}
      renderActions={(id, task, tabIndex) =>
        task === null ? null : (
          <>
            <AppLink
              href={taskPath(id)}
              tabIndex={tabIndex}
              className={`flex min-w-0 items-center gap-1 rounded text-neutral-300 underline-offset-4 hover:text-white hover:underline @max-[72px]/card:hidden ${focusRing}`}
            >
              <FileText aria-hidden className="size-4 shrink-0" />
              {/* A narrow card keeps the icons: the words go to screen readers, not under the next card.
                  The narrowest keeps the button alone; a click opens the player, which links the page. */}
              <span className="truncate @max-[250px]/card:sr-only">{t("openPage")}</span>
            </AppLink>
            <button
              type="button"
              tabIndex={tabIndex}
              onClick={() => onAdd(id)}
              disabled={held.has(id)}
              className={`ml-auto flex shrink-0 items-center gap-1 rounded-md border border-white/15 px-1.5 py-0.5 text-neutral-100 hover:bg-white/10 disabled:cursor-default disabled:border-transparent disabled:text-emerald-300 disabled:hover:bg-transparent ${focusRing}`}
            >
              {held.has(id) ? <Check aria-hidden className="size-4" /> : <Plus aria-hidden className="size-4" />}
              <span className="@max-[150px]/card:sr-only">{held.has(id) ? t("added") : t("add")}</span>
            </button>
          </>
        )
      }
    />
  );
}
