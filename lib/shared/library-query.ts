import { TASK_STATES, type Task, type TaskState } from "./task";

// The gallery's view of the server library (SPEC §3 "The library"): what `GET /api/library`
// answers, and the filters a gallery address carries (`/?state=&q=&sort=&fav=1`).

export type LibraryStateFilter = TaskState | "not_found";
export type LibrarySortOrder = "newest" | "oldest";
export type LibraryItemStatus = "unread" | "found" | "not_found";

export interface LibraryItemView {
  id: string;
  addedAt: string;
  source: string;
  favorite: boolean;
  status: LibraryItemStatus;
  task: Task | null;
}

export interface LibraryCountsView {
  all: number;
  pending: number;
  processing: number;
  completed: number;
  failed: number;
  unread: number;
  notFound: number;
}

export interface LibraryPageView {
  items: LibraryItemView[];
  nextCursor: string | null;
  counts: LibraryCountsView;
}

/** The counts as they will be once these items are gone (a removal still waiting for its Undo). */
export function countsWithout(counts: LibraryCountsView, items: readonly LibraryItemView[]): LibraryCountsView {
  const next = { ...counts };
  for (const item of items) {
    next.all -= 1;
    if (item.status === "unread") next.unread -= 1;
    else if (item.status === "not_found") next.notFound -= 1;
    else if (item.task) next[item.task.state] -= 1;
  }
  for (const key of Object.keys(next) as (keyof LibraryCountsView)[]) next[key] = Math.max(0, next[key]);
  return next;
}

/** The last sync of an official Luma account (LUMA_PROVIDER=official), as the gallery shows it. */
export interface AccountSyncView {
  /** When it ended (ISO). */
  at: string;
  /** How many generations it brought in; `null` when it failed. */
  added: number | null;
  error: string | null;
}

/** Where a gateway sends its callbacks, and when the last one came, as the gallery shows it. */
export interface CallbackInfoView {
  /** `/api/hooks/luma/<secret>`; shown as an absolute URL. */
  path: string;
  /**
   * When the last callback came, worded by the server in the page's language (in UTC): worded in
   * the browser, it would build its first date formatter while the page hydrates, in the
   * browser's language rather than the page's.
   */
  last: { at: string; text: string } | null;
}

export interface GalleryFilters {
  state: LibraryStateFilter | null;
  q: string;
  sort: LibrarySortOrder;
  favorite: boolean;
}

export const LIBRARY_PAGE_SIZE = 60;
const STATE_FILTERS: readonly string[] = [...TASK_STATES, "not_found"];

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

function get(params: Params, name: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(name) ?? undefined;
  const value = params[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A gallery address's filters; anything unknown falls back to the default rather than failing the page. */
export function parseGalleryFilters(params: Params): GalleryFilters {
  const state = get(params, "state") ?? "";
  const q = (get(params, "q") ?? "").trim().slice(0, 200);
  return {
    state: STATE_FILTERS.includes(state) ? (state as LibraryStateFilter) : null,
    q,
    sort: get(params, "sort") === "oldest" ? "oldest" : "newest",
    favorite: get(params, "fav") === "1",
  };
}

/** The address bar's query for these filters (defaults left out), keeping other parameters. */
export function galleryFiltersSearch(filters: GalleryFilters, base: URLSearchParams = new URLSearchParams()): string {
  const params = new URLSearchParams(base);
  const set = (name: string, value: string | null) => (value ? params.set(name, value) : params.delete(name));
  set("state", filters.state);
  set("q", filters.q);
  set("sort", filters.sort === "oldest" ? "oldest" : null);
  set("fav", filters.favorite ? "1" : null);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** `GET /api/library`'s query for one page. */
export function libraryApiPath(filters: GalleryFilters, cursor: string | null, limit = LIBRARY_PAGE_SIZE): string {
  const params = new URLSearchParams({ limit: String(limit) });
  if (cursor) params.set("cursor", cursor);
  if (filters.state) params.set("state", filters.state);
  if (filters.q) params.set("q", filters.q);
  if (filters.sort === "oldest") params.set("sort", "oldest");
  if (filters.favorite) params.set("favorite", "1");
  return `/api/library?${params.toString()}`;
}

export const libraryKeys = {
  all: ["library"] as const,
  list: (filters: GalleryFilters) => ["library", filters.state ?? "", filters.q, filters.sort, filters.favorite] as const,
  /** Which of a view's ids the library holds (the server render seeds it for shared sets). */
  contains: (ids: readonly string[]) => ["library-contains", ids.join(",")] as const,
};
