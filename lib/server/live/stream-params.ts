import "server-only";
import { ApiError } from "@/lib/server/http/errors";
import { notATaskId } from "@/lib/server/http/request";
import { isTaskId, MAX_IDS_PER_REQUEST } from "@/lib/shared/ids";
import { getWatch } from "./watches";

export interface StreamParams {
  ids: string[];
  library: boolean;
  watch: string | null;
  /** Server time (ms) of the last event heard on the stream this one replaces. */
  since: number | null;
}

/** `?ids=a,b` (≤ 100), `?watch=<id>` and/or `?library=1` (with `since=`); any malformed id is a 400 naming it. */
export function parseStreamParams(search: URLSearchParams): StreamParams {
  const raw = search.getAll("ids").flatMap((value) => value.split(",")).map((id) => id.trim()).filter(Boolean);
  if (raw.length > MAX_IDS_PER_REQUEST) {
    throw new ApiError("bad_request", `"ids" has ${raw.length} entries; a stream takes at most ${MAX_IDS_PER_REQUEST}. Register larger sets with POST /api/watches and stream ?watch=.`);
  }
  const bad = raw.find((id) => !isTaskId(id));
  if (bad !== undefined) throw notATaskId(bad);
  const ids = new Set(raw.map((id) => id.toLowerCase()));

  const watch = search.get("watch");
  if (watch !== null) {
    const watched = getWatch(watch);
    if (!watched) throw new ApiError("not_found", "That watch is unknown or expired. Register the ids again with POST /api/watches.");
    for (const id of watched) ids.add(id);
  }
  const library = search.get("library") === "1";
  if (ids.size === 0 && !library) {
    throw new ApiError("bad_request", "Say what to stream: ?ids=<id>,<id> (up to 100), ?watch=<id> from POST /api/watches, or ?library=1.");
  }
  const sinceText = search.get("since");
  let since: number | null = null;
  if (sinceText !== null) {
    since = Number(sinceText);
    if (!/^\d{1,15}$/.test(sinceText) || !Number.isSafeInteger(since)) {
      throw new ApiError("bad_request", `"since" must be a time in milliseconds since 1970, as the stream's events give it; got ${JSON.stringify(sinceText.slice(0, 40))}.`);
    }
  }
  return { ids: [...ids], library, watch, since };
}
