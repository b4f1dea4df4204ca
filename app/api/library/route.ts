// GET /api/library – one page of the library, filtered and searched in the database, with counts
// POST /api/library – add 1–5,000 task ids (read from the upstream in the background)
import { getDb } from "@/lib/server/db/client";
import { BadCursorError, listLibrary } from "@/lib/server/db/library";
import { ApiError } from "@/lib/server/http/errors";
import { bodyBytesFor, parseIdsBody, readJsonBody } from "@/lib/server/http/request";
import { json } from "@/lib/server/http/respond";
import { withApi } from "@/lib/server/http/with-api";
import { MAX_LIBRARY_IDS, parseLibraryQuery, parseSource } from "@/lib/server/library/params";
import { libraryReader } from "@/lib/server/library/reader";
import { addIdsToLibrary } from "@/lib/server/library/service";

export const dynamic = "force-dynamic";

export const GET = withApi(async (request: Request) => {
  const options = parseLibraryQuery(new URL(request.url).searchParams);
  const db = await getDb();
  // Made (and woken once) if the database was not open when the process started.
  libraryReader();
  try {
    return json(await listLibrary(db, options));
  } catch (error) {
    if (error instanceof BadCursorError) throw new ApiError("bad_request", error.message);
    throw error;
  }
});

export const POST = withApi(async (request: Request) => {
  const body = await readJsonBody(request, { maxBytes: bodyBytesFor(MAX_LIBRARY_IDS) });
  const ids = parseIdsBody(body, { max: MAX_LIBRARY_IDS });
  const source = parseSource(body as Record<string, unknown>);
  return json(await addIdsToLibrary(ids, source));
});
