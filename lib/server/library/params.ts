import "server-only";
import { LIBRARY_SOURCES, type LibrarySource } from "@/lib/server/db/schema";
import type { ListLibraryOptions } from "@/lib/server/db/library";
import { ApiError } from "@/lib/server/http/errors";
import { TASK_STATES } from "@/lib/shared/task";

// What the library and collection routes accept (SPEC §3), parsed into repository arguments.

export const MAX_LIBRARY_IDS = 5000;
export const DEFAULT_PAGE_SIZE = 60;
export const MAX_PAGE_SIZE = 200;
const MAX_QUERY_LENGTH = 200;
const MAX_TITLE_LENGTH = 200;

const STATE_FILTERS = [...TASK_STATES, "not_found"] as const;

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ApiError("bad_request", `"${name}" must be one of ${allowed.join(", ")}; got ${JSON.stringify(value.slice(0, 40))}.`);
}

/** `GET /api/library?limit=&cursor=&state=&q=&sort=&favorite=` */
export function parseLibraryQuery(params: URLSearchParams): ListLibraryOptions {
  const limitText = params.get("limit");
  let limit = DEFAULT_PAGE_SIZE;
  if (limitText !== null && limitText !== "") {
    limit = Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
      throw new ApiError("bad_request", `"limit" must be a whole number from 1 to ${MAX_PAGE_SIZE}.`);
    }
  }
  const state = params.get("state") || null;
  const sort = params.get("sort") || "newest";
  const q = (params.get("q") ?? "").trim();
  if (q.length > MAX_QUERY_LENGTH) throw new ApiError("bad_request", `The search is longer than ${MAX_QUERY_LENGTH} characters.`);
  const favorite = params.get("favorite");
  if (favorite !== null && !["", "0", "1", "true", "false"].includes(favorite)) {
    throw new ApiError("bad_request", '"favorite" must be 1 (favourites only) or 0.');
  }
  return {
    limit,
    cursor: params.get("cursor") || null,
    state: state === null ? null : oneOf("state", state, STATE_FILTERS),
    q: q || null,
    sort: oneOf("sort", sort, ["newest", "oldest"] as const),
    favorite: favorite === "1" || favorite === "true",
  };
}

export function parseSource(body: Record<string, unknown>): LibrarySource {
  const source = body.source;
  if (source === undefined || source === null) return "paste";
  if (typeof source !== "string") throw new ApiError("bad_request", `"source" must be one of ${LIBRARY_SOURCES.join(", ")}.`);
  return oneOf("source", source, LIBRARY_SOURCES);
}

/** `{favorite: boolean}` */
export function parseFavoriteBody(body: unknown): boolean {
  const favorite = (body as { favorite?: unknown } | null)?.favorite;
  if (typeof favorite !== "boolean") throw new ApiError("bad_request", 'Send {"favorite": true} or {"favorite": false}.');
  return favorite;
}

/** A collection's title: trimmed, at most 200 characters; blank or absent gets a plain default. */
export function parseTitle(body: Record<string, unknown>, count: number): string {
  const title = body.title;
  if (title !== undefined && title !== null && typeof title !== "string") throw new ApiError("bad_request", '"title" must be text.');
  const trimmed = (title ?? "").trim();
  if (trimmed.length > MAX_TITLE_LENGTH) throw new ApiError("bad_request", `"title" is longer than ${MAX_TITLE_LENGTH} characters.`);
  return trimmed || `${count} ${count === 1 ? "task" : "tasks"}`;
}

/** Slugs are ours (8 base64url characters); anything else cannot name a collection. */
export function isCollectionSlug(value: string): boolean {
  return /^[A-Za-z0-9_-]{1,32}$/.test(value);
}
