"use client";

import { useTranslations } from "next-intl";
import dynamic from "next/dynamic";
import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useRef, useState } from "react";
import { TaskGrid } from "@/components/tasks/task-grid";
import { UpstreamAlert } from "@/components/tasks/upstream-alert";
import { BottomDock, BottomDockSpace } from "@/components/common/bottom-dock";
import { buttonSecondary } from "@/components/common/button-styles";
import { addToServerLibrary, allLibraryItems, MAX_KEEPALIVE_IDS } from "@/lib/client/library-api";
import { useRuntimeConfig } from "@/lib/client/runtime-config";
import { useDeferredRemoval } from "@/lib/client/use-deferred-removal";
import { useGridSelection } from "@/lib/client/use-grid-selection";
import { useHeldArrivals } from "@/lib/client/use-held-arrivals";
import { useLiveTasks } from "@/lib/client/use-live-tasks";
import { useServerLibrary } from "@/lib/client/use-server-library";
import { countsWithout, galleryFiltersSearch, parseGalleryFilters, type AccountSyncView, type CallbackInfoView, type GalleryFilters, type LibraryItemView } from "@/lib/shared/library-query";
import { AddIdsForm } from "./add-ids-form";
import { EmptyLibrary } from "./empty-library";
import { LibraryActions } from "./library-actions";
import { LibraryToolbar } from "./library-toolbar";
import { UndoNotice } from "./undo-notice";
import { V1MigrationCheck } from "./v1-migration-check";

// Not in the first load of `/`: Sync exists only with an official account, the callback address only
// behind the password, and the selection bar only once a card has been selected.
const AccountSync = dynamic(() => import("./account-sync").then((m) => m.AccountSync));
const CallbackInfo = dynamic(() => import("./callback-info").then((m) => m.CallbackInfo));
const LibrarySelectionBar = dynamic(() => import("./library-selection-bar").then((m) => m.LibrarySelectionBar));

/** Set when an official Luma account is listed into the library (LUMA_PROVIDER=official). */
export interface SyncInfo {
  last: AccountSyncView | null;
}

/** `/`: the server's library, paged from the database, live through the library stream. */
export function LibraryView({ callback, sync }: { callback: CallbackInfoView | null; sync: SyncInfo | null }) {
  const t = useTranslations("Gallery");
  const { demoIds } = useRuntimeConfig();
  const pathname = usePathname();
  const params = useSearchParams();
  const filters = useMemo(() => parseGalleryFilters(params), [params]);
  const library = useServerLibrary(filters);
  const { tasks, error, poller } = useLiveTasks(library.ids, { library: true });
  const selection = useGridSelection();
  // Once shown, the bar stays mounted: it keeps a shared collection's link after the selection is cleared.
  const [selectionBarWanted, setSelectionBarWanted] = useState(false);
  if (!selectionBarWanted && selection.selected.size > 0) setSelectionBarWanted(true);
  const [notice, setNotice] = useState("");
  const { removeNow } = library;
  const removal = useDeferredRemoval<LibraryItemView>(
    useCallback(
      async (ids: string[], options: { keepalive: boolean }) => {
        try {
          await removeNow(ids, options);
        } catch (e) {
          // Nothing was removed: the cards come back with the error beside them.
          setNotice((e as Error).message);
        }
      },
      [removeNow],
    ),
  );
  const gridTop = useRef<HTMLDivElement>(null);
  const scrolledPast = useCallback(() => (gridTop.current?.getBoundingClientRect().top ?? 0) < 0, []);
  const arrivals = useHeldArrivals(library.ids, scrolledPast);
  const shownIds = useMemo(() => (removal.hidden.size === 0 ? arrivals.shown : arrivals.shown.filter((id) => !removal.hidden.has(id))), [arrivals.shown, removal.hidden]);
  const counts = useMemo(() => (library.counts ? countsWithout(library.counts, removal.pending) : null), [library.counts, removal.pending]);

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

  const { items } = library;
  const { remove } = removal;
  const removeWithUndo = useCallback(
    (ids: readonly string[]) => {
      setNotice("");
      // More than a page being left could still carry out: asked first, then done at once.
      if (ids.length > MAX_KEEPALIVE_IDS) {
        if (window.confirm(t("removeConfirm", { count: ids.length }))) removeNow(ids).catch((e: Error) => setNotice(e.message));
        return;
      }
      remove(ids.flatMap((id) => items.get(id) ?? []));
    },
    [items, remove, removeNow, t],
  );

  // Every not-found item, loaded or not: the library may hold thousands from one paste.
  async function removeNotFound() {
    try {
      const missing = await allLibraryItems({ state: "not_found", q: "", sort: "newest", favorite: false });
      setNotice("");
      if (missing.length > MAX_KEEPALIVE_IDS) {
        if (window.confirm(t("removeConfirm", { count: missing.length }))) await removeNow(missing.map((item) => item.id));
        return;
      }
      remove(missing);
    } catch (e) {
      setNotice((e as Error).message);
    }
  }

  const favorites = useMemo(() => ({ isFavorite: library.isFavorite, toggle: library.toggleFavorite }), [library.isFavorite, library.toggleFavorite]);
  const filtered = filters.state !== null || filters.q !== "" || filters.favorite;
  const empty = library.loaded && counts?.all === 0 && !filtered;

  return (
    <section aria-labelledby="gallery-title" className="flex flex-col gap-4 py-6">
      {poller}
      <div className="flex flex-wrap items-center gap-3">
        <h1 id="gallery-title" className="text-xl font-semibold tracking-tight">
          {t("title")}
        </h1>
        <div className="ml-auto flex flex-wrap items-center gap-3">
          {sync && <AccountSync initial={sync.last} onSynced={library.refresh} />}
          {/* The demo's callbacks fill the gallery within a minute, and the empty state's offer goes with it. */}
          <LibraryActions onImported={library.refresh} demoIds={empty ? [] : demoIds} />
        </div>
      </div>
      <V1MigrationCheck onMoved={library.refresh} />
      {callback && <CallbackInfo {...callback} />}
      <AddIdsForm onAdded={library.refresh} />
      <UpstreamAlert error={error ?? library.error} />

      {!empty && <LibraryToolbar filters={filters} counts={counts} onChange={setFilters} />}
      {(counts?.notFound ?? 0) > 0 && !filters.favorite && !filters.q && (
        <p className="flex flex-wrap items-center gap-3 text-sm text-neutral-400">
          {t("notFoundHelp", { count: counts?.notFound ?? 0 })}
          <button type="button" className={buttonSecondary} onClick={() => void removeNotFound()}>
            {t("removeNotFound")}
          </button>
        </p>
      )}
      {empty && (
        <EmptyLibrary
          demoIds={demoIds}
          onAddDemo={() => void addToServerLibrary([...demoIds], "paste").then(library.refresh, (e: Error) => setNotice(e.message))}
        />
      )}
      {library.loaded && shownIds.length === 0 && filtered && (
        <div className="no-match">
          <p>{filters.favorite && !filters.q && !filters.state ? t("noFavorites") : t("noMatch")}</p>
          <button type="button" className={buttonSecondary} onClick={() => setFilters({ state: null, q: "", favorite: false })}>
            {t("clearFilters")}
          </button>
        </div>
      )}
      <div ref={gridTop} />
      <TaskGrid
        ids={shownIds}
        tasks={tasks}
        label={t("title")}
        onRemove={(id) => removeWithUndo([id])}
        favorites={favorites}
        selection={selection}
        onEndReached={library.hasMore ? library.loadMore : undefined}
      />
      {library.hasMore && (
        <button type="button" className="mx-auto text-sm text-neutral-400 underline underline-offset-4" onClick={library.loadMore}>
          {t("loadMore")}
        </button>
      )}
      {selectionBarWanted && <BottomDockSpace />}
      <BottomDock>
        {arrivals.held.length > 0 && (
          <button
            type="button"
            className={buttonSecondary}
            onClick={() => {
              arrivals.release();
              window.scrollTo({ top: 0 });
            }}
          >
            {t("newArrivals", { count: arrivals.held.length })}
          </button>
        )}
        <UndoNotice count={removal.pending.length} message={notice} onUndo={removal.undo} onHold={removal.hold} />
        {selectionBarWanted && <LibrarySelectionBar ids={shownIds} selection={selection} onRemove={removeWithUndo} />}
      </BottomDock>
    </section>
  );
}
