"use client";

import { useInfiniteQuery, useQueryClient, type InfiniteData, type QueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { libraryKeys, type GalleryFilters, type LibraryCountsView, type LibraryItemView, type LibraryPageView } from "@/lib/shared/library-query";
import { onLibraryAdded } from "./live/browser-live";
import { fetchLibraryPage, removeManyFromServerLibrary, setServerFavorite } from "./library-api";
import { seedTasksFromItems } from "./library-seed";
import { taskKeys } from "./task-keys";
import type { Task } from "@/lib/shared/task";

type Pages = InfiniteData<LibraryPageView, string | null>;

/** Applies `change` to every loaded page of every library list in the cache. */
function editItems(client: QueryClient, change: (items: LibraryItemView[]) => LibraryItemView[]): void {
  client.setQueriesData<Pages>({ queryKey: libraryKeys.all }, (data) =>
    data ? { ...data, pages: data.pages.map((page) => ({ ...page, items: change(page.items) })) } : data,
  );
}

function prependUnread(data: Pages | undefined, ids: readonly string[]): Pages | undefined {
  const first = data?.pages[0];
  if (!data || !first) return data;
  const known = new Set(data.pages.flatMap((page) => page.items.map((item) => item.id)));
  const now = new Date().toISOString();
  const fresh = ids
    .filter((id) => !known.has(id))
    .map((id): LibraryItemView => ({ id, addedAt: now, source: "webhook", favorite: false, status: "unread", task: null }));
  if (fresh.length === 0) return data;
  return { ...data, pages: [{ ...first, items: [...fresh, ...first.items] }, ...data.pages.slice(1)] };
}

/** How many items the view's list holds in all, by the counts (favourites are not counted apart). */
function listedCount(counts: LibraryCountsView, filters: GalleryFilters): number {
  if (filters.state === null) return counts.all;
  return filters.state === "not_found" ? counts.notFound : counts[filters.state];
}

/** What an item says of its task's state, as the counts group it. */
function countedState(item: LibraryItemView): string {
  return item.status === "found" ? (item.task?.state ?? "found") : item.status;
}

function withCounts(data: Pages | undefined, counts: LibraryCountsView): Pages | undefined {
  const first = data?.pages[0];
  if (!data || !first) return data;
  return { ...data, pages: [{ ...first, counts }, ...data.pages.slice(1)] };
}

export interface ServerLibrary {
  ids: string[];
  /** The loaded items by id. */
  items: ReadonlyMap<string, LibraryItemView>;
  counts: LibraryCountsView | null;
  loaded: boolean;
  error: Error | null;
  hasMore: boolean;
  loadMore: () => void;
  isFavorite: (id: string) => boolean;
  toggleFavorite: (id: string) => void;
  /** Removes ids on the server now (an undo is the caller's: see useDeferredRemoval). */
  removeNow: (ids: readonly string[], options?: { keepalive?: boolean }) => Promise<void>;
  refresh: () => void;
}

/**
 * The server library as the gallery shows it: pages from the database in the order and filters of
 * the address, more pages as the grid nears its end, refreshed whenever ids join the library.
 */
export function useServerLibrary(filters: GalleryFilters): ServerLibrary {
  const client = useQueryClient();
  // The state the counts last counted each task in: a pushed task in another state moves a count.
  const counted = useRef(new Map<string, string>());
  const query = useInfiniteQuery({
    queryKey: libraryKeys.list(filters),
    queryFn: async ({ pageParam, signal }) => {
      const page = await fetchLibraryPage(filters, pageParam, signal);
      for (const item of page.items) counted.current.set(item.id, countedState(item));
      seedTasksFromItems(client, page.items);
      return page;
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // Changes arrive pushed (task events, `added`); the server render's page is fresh already.
    staleTime: 60_000,
  });

  const refresh = useCallback(() => void client.invalidateQueries({ queryKey: libraryKeys.all }), [client]);

  // Only the counts, read again (one row of the list): for a task that changed state, the list
  // itself can stay as it is.
  // But when the number of items the view lists changed, the list did too (an item the list was
  // read too early for, say: a callback's task not yet read then), so it is read again.
  const refreshCounts = useCallback(async () => {
    try {
      const { counts } = await fetchLibraryPage(filters, null, undefined, 1);
      const shown = client.getQueryData<Pages>(libraryKeys.list(filters))?.pages[0]?.counts;
      if (shown && listedCount(shown, filters) !== listedCount(counts, filters)) refresh();
      else client.setQueryData<Pages>(libraryKeys.list(filters), (data) => withCounts(data, counts));
    } catch {
      // The next change or read brings them.
    }
  }, [client, filters, refresh]);

  // New ids show at once (as loading cards where the view is unfiltered). Once the server has read
  // one (its task arrives over the library stream), the list is read again: the task may now match
  // the view's state or search, and its place in the order is fixed by then.
  const awaiting = useRef(new Set<string>());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let countsTimer: ReturnType<typeof setTimeout> | undefined;
    const soon = () => {
      clearTimeout(timer);
      timer = setTimeout(refresh, 150);
    };
    const countsSoon = () => {
      clearTimeout(countsTimer);
      countsTimer = setTimeout(() => void refreshCounts(), 300);
    };
    const stopAdded = onLibraryAdded((ids) => {
      for (const id of ids) awaiting.current.add(id);
      // Newest first and unfiltered, new ids belong on top: shown there at once, before the list is read again.
      if (!filters.state && !filters.q && !filters.favorite && filters.sort === "newest") {
        client.setQueryData<Pages>(libraryKeys.list(filters), (data) => prependUnread(data, ids));
      }
      refresh();
    });
    const stopCache = client.getQueryCache().subscribe((event) => {
      const [prefix, id] = event.query.queryKey;
      if (prefix !== taskKeys.prefix || typeof id !== "string") return;
      if ((event.type !== "added" && event.type !== "updated") || event.query.state.data === undefined) return;
      const task = event.query.state.data as Task | null;
      const state = task === null ? "not_found" : task.state;
      if (counted.current.get(id) !== state) {
        counted.current.set(id, state);
        countsSoon();
      }
      if (!awaiting.current.has(id)) return;
      awaiting.current.delete(id);
      soon();
    });
    return () => {
      clearTimeout(timer);
      clearTimeout(countsTimer);
      stopAdded();
      stopCache();
    };
  }, [client, refresh, refreshCounts, filters]);

  const pages = query.data?.pages;
  // Pages the server rendered (or read again) say how their items were counted.
  useEffect(() => {
    for (const page of pages ?? []) for (const item of page.items) counted.current.set(item.id, countedState(item));
  }, [pages]);
  const items = useMemo(() => {
    const seen = new Map<string, LibraryItemView>();
    for (const page of pages ?? []) for (const item of page.items) if (!seen.has(item.id)) seen.set(item.id, item);
    return seen;
  }, [pages]);
  const ids = useMemo(() => [...items.keys()], [items]);

  // A star shows at once; the server's answer (or a failure) settles it.
  const [pending, setPending] = useState<ReadonlyMap<string, boolean>>(new Map());
  const isFavorite = useCallback((id: string) => pending.get(id) ?? items.get(id)?.favorite ?? false, [pending, items]);
  const toggleFavorite = useCallback(
    (id: string) => {
      const next = !isFavorite(id);
      setPending((current) => new Map(current).set(id, next));
      const settle = () =>
        setPending((current) => {
          const copy = new Map(current);
          copy.delete(id);
          return copy;
        });
      setServerFavorite(id, next)
        .then((item) => editItems(client, (list) => list.map((it) => (it.id === id ? { ...it, favorite: item.favorite } : it))))
        .finally(settle);
    },
    [client, isFavorite],
  );

  const removeNow = useCallback(
    async (chosen: readonly string[], options: { keepalive?: boolean } = {}) => {
      await removeManyFromServerLibrary(chosen, options);
      const gone = new Set(chosen);
      editItems(client, (list) => list.filter((item) => !gone.has(item.id)));
      // The counts come from the server.
      refresh();
    },
    [client, refresh],
  );

  const first = pages?.[0];
  return {
    ids,
    items,
    counts: first?.counts ?? null,
    loaded: first !== undefined,
    error: query.error,
    hasMore: query.hasNextPage,
    loadMore: () => {
      if (query.hasNextPage && !query.isFetchingNextPage) void query.fetchNextPage();
    },
    isFavorite,
    toggleFavorite,
    removeNow,
    refresh,
  };
}
