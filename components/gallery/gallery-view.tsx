"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useDeferredValue, useMemo, useState } from "react";
import { CopyLinkButton } from "@/components/common/copy-link-button";
import { buttonPrimary, buttonSecondary } from "@/components/common/button-styles";
import { TaskGrid } from "@/components/tasks/task-grid";
import { UpstreamAlert } from "@/components/tasks/upstream-alert";
import { MAX_LINK_IDS, sharePath } from "@/lib/shared/links";
import { useRuntimeConfig } from "@/lib/client/runtime-config";
import { NOT_SAVED, useLibrary } from "@/lib/client/use-library";
import { useFavorites } from "@/lib/client/use-favorites";
import { useGridSelection } from "@/lib/client/use-grid-selection";
import { useLiveTasks } from "@/lib/client/use-live-tasks";
import { countStates, filterIds, sortIds, type SortOrder, type StateFilter } from "@/lib/shared/gallery-query";
import { AddIdsForm } from "./add-ids-form";
import { EmptyLibrary } from "./empty-library";
import { GalleryToolbar } from "./gallery-toolbar";
import { LibraryActions } from "./library-actions";
import { SelectionBar } from "./selection-bar";

const NO_IDS: string[] = [];

/** `/`: the browser's library, or a shared set (`/?ids=`) shown without touching the library. */
export function GalleryView({ sharedIds }: { sharedIds: string[] }) {
  const t = useTranslations("Gallery");
  const { demoIds } = useRuntimeConfig();
  const library = useLibrary();
  const shared = sharedIds.length > 0;
  const ids = shared ? sharedIds : (library.ids ?? NO_IDS);
  const { tasks, error } = useLiveTasks(ids);
  const selection = useGridSelection();
  const favorites = useFavorites();

  const [state, setState] = useState<StateFilter>("all");
  const [query, setQuery] = useState("");
  const [sort, setSort] = useState<SortOrder>("newest");
  // Typing stays responsive with a thousand cards: the grid catches up a frame later.
  const deferredQuery = useDeferredValue(query);

  const counts = useMemo(() => countStates(ids, tasks), [ids, tasks]);
  const visible = useMemo(
    () => sortIds(filterIds(ids, tasks, { state, query: deferredQuery }), tasks, sort),
    [ids, tasks, state, deferredQuery, sort],
  );

  const inLibrary = useMemo(() => new Set(library.ids ?? []), [library.ids]);
  const missing = shared ? sharedIds.filter((id) => !inLibrary.has(id)) : [];

  return (
    <section aria-labelledby="gallery-title" className="flex flex-col gap-4 py-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 id="gallery-title" className="text-xl font-semibold tracking-tight">
          {shared ? t("shared", { count: sharedIds.length }) : t("title")}
        </h1>
        <div className="ml-auto flex flex-wrap items-center gap-2">
          {shared && library.ids !== null && (
            <>
              <button type="button" className={buttonPrimary} disabled={missing.length === 0} onClick={() => library.add(sharedIds)}>
                {missing.length === 0 ? t("allAdded") : t("addAll", { count: missing.length })}
              </button>
              <Link href="/" className={buttonSecondary}>
                {t("mine")}
              </Link>
            </>
          )}
          {visible.length > 0 && (
            <CopyLinkButton
              path={sharePath(visible)}
              label={visible.length > MAX_LINK_IDS ? t("shareFirst", { count: MAX_LINK_IDS }) : t("share")}
              className={buttonSecondary}
            />
          )}
          {!shared && library.ids !== null && <LibraryActions ids={library.ids} onImport={library.add} onClear={library.clear} />}
        </div>
      </div>

      {!library.saved && (
        <p role="status" className="text-sm text-amber-300">
          {NOT_SAVED}
        </p>
      )}
      {!shared && <AddIdsForm onAdd={library.add} />}
      <UpstreamAlert error={error} />

      {ids.length > 0 && (
        <GalleryToolbar counts={counts} state={state} onState={setState} query={query} onQuery={setQuery} sort={sort} onSort={setSort} />
      )}

      {!shared && library.ids?.length === 0 && <EmptyLibrary demoIds={demoIds} onAdd={library.add} />}
      {ids.length > 0 && visible.length === 0 && <p className="py-10 text-center text-sm text-neutral-400">{t("noMatch")}</p>}
      <SelectionBar
        ids={visible}
        selection={selection}
        onRemove={
          shared
            ? undefined
            : (chosen) => {
                for (const id of chosen) library.remove(id);
                selection.clear();
              }
        }
      />
      <TaskGrid
        ids={visible}
        tasks={tasks}
        label={shared ? t("sharedLabel") : t("title")}
        onRemove={shared ? undefined : library.remove}
        favorites={shared ? undefined : favorites}
        selection={selection}
      />
    </section>
  );
}
