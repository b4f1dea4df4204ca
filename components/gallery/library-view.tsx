"use client";

import { useTranslations } from "next-intl";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { TaskGrid } from "@/components/tasks/task-grid";
import { UpstreamAlert } from "@/components/tasks/upstream-alert";
import { addToServerLibrary, setServerFavorite, type AddSource } from "@/lib/client/library-api";
import { useRuntimeConfig } from "@/lib/client/runtime-config";
import { useGridSelection } from "@/lib/client/use-grid-selection";
import { useLiveTasks } from "@/lib/client/use-live-tasks";
import { useServerLibrary } from "@/lib/client/use-server-library";
import { galleryFiltersSearch, parseGalleryFilters, type GalleryFilters, type LibraryItemView } from "@/lib/shared/library-query";
import { AddIdsForm } from "./add-ids-form";
import { CallbackInfo, type CallbackInfoProps } from "./callback-info";
import { EmptyLibrary } from "./empty-library";
import { LibraryActions } from "./library-actions";
import { LibrarySelectionBar } from "./library-selection-bar";
import { LibraryToolbar } from "./library-toolbar";
import { V1Migration } from "./v1-migration";

/** `/`: the server's library, paged from the database, live through the library stream. */
export function LibraryView({ callback }: { callback: CallbackInfoProps | null }) {
  const t = useTranslations("Gallery");
  const { demoIds } = useRuntimeConfig();
  const pathname = usePathname();
  const params = useSearchParams();
  const filters = useMemo(() => parseGalleryFilters(params), [params]);
  const library = useServerLibrary(filters);
  const { tasks, error } = useLiveTasks(library.ids, { library: true });
  const selection = useGridSelection();
  const [undo, setUndo] = useState<LibraryItemView[]>([]);
  const [notice, setNotice] = useState("");

  // Filters live in the address: a filter or sort is a step Back undoes; typing a search is not.
  const setFilters = useCallback(
    (next: Partial<GalleryFilters>, options: { replace?: boolean } = {}) => {
      const current = parseGalleryFilters(new URLSearchParams(window.location.search));
      const url = `${pathname}${galleryFiltersSearch({ ...current, ...next }, new URLSearchParams(window.location.search))}`;
      if (options.replace) window.history.replaceState(null, "", url);
      else window.history.pushState(null, "", url);
    },
    [pathname],
  );

  const removeWithUndo = useCallback(
    async (ids: readonly string[]) => {
      try {
        setUndo(await library.remove(ids));
        setNotice("");
      } catch (e) {
        setNotice((e as Error).message);
      }
    },
    [library],
  );

  async function restore() {
    const items = undo;
    setUndo([]);
    const bySource = new Map<string, string[]>();
    for (const item of items) bySource.set(item.source, [...(bySource.get(item.source) ?? []), item.id]);
    try {
      for (const [source, ids] of bySource) await addToServerLibrary(ids, source as AddSource);
      for (const item of items) if (item.favorite) await setServerFavorite(item.id, true);
    } catch (e) {
      setNotice((e as Error).message);
    }
    library.refresh();
  }

  const favorites = useMemo(() => ({ isFavorite: library.isFavorite, toggle: library.toggleFavorite }), [library.isFavorite, library.toggleFavorite]);
  const filtered = filters.state !== null || filters.q !== "" || filters.favorite;
  const empty = library.loaded && library.counts?.all === 0 && !filtered;

  return (
    <section aria-labelledby="gallery-title" className="flex flex-col gap-4 py-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 id="gallery-title" className="text-xl font-semibold tracking-tight">
          {t("title")}
        </h1>
        <div className="ml-auto">
          <LibraryActions onImported={library.refresh} />
        </div>
      </div>
      <V1Migration onMoved={library.refresh} />
      {callback && <CallbackInfo {...callback} />}
      <AddIdsForm onAdded={library.refresh} />
      <UpstreamAlert error={error ?? library.error} />
      {(undo.length > 0 || notice) && (
        <p role="status" className="flex items-center gap-3 text-sm">
          {notice || t("removed", { count: undo.length })}
          {undo.length > 0 && (
            <button type="button" className="underline underline-offset-4" onClick={restore}>
              {t("undo")}
            </button>
          )}
        </p>
      )}

      {!empty && <LibraryToolbar filters={filters} counts={library.counts} onChange={setFilters} />}
      {empty && (
        <EmptyLibrary
          demoIds={demoIds}
          onAddDemo={() => void addToServerLibrary([...demoIds], "paste").then(library.refresh, (e: Error) => setNotice(e.message))}
        />
      )}
      {library.loaded && library.ids.length === 0 && filtered && <p className="py-10 text-center text-sm text-neutral-400">{t("noMatch")}</p>}
      <LibrarySelectionBar ids={library.ids} selection={selection} onRemove={removeWithUndo} />
      <TaskGrid
        ids={library.ids}
        tasks={tasks}
        label={t("title")}
        onRemove={(id) => void removeWithUndo([id])}
        favorites={favorites}
        selection={selection}
        onEndReached={library.hasMore ? library.loadMore : undefined}
      />
      {library.hasMore && (
        <button type="button" className="mx-auto text-sm text-neutral-400 underline underline-offset-4" onClick={library.loadMore}>
          {t("loadMore")}
        </button>
      )}
    </section>
  );
}
