// POST /api/archive – a zip of up to 500 finished tasks' videos, streamed as it is made
// ({"ids": [...]} as JSON, or a form field `ids` with the ids separated by commas or spaces)
import { ApiError } from "@/lib/server/http/errors";
import { contentDisposition } from "@/lib/server/http/file-name";
import { bodyBytesFor, parseIdsBody, readCappedText, readJsonBody, bodyTooLarge } from "@/lib/server/http/request";
import { withApi } from "@/lib/server/http/with-api";
import { MAX_ARCHIVE_IDS, zipTaskVideos } from "@/lib/server/library/archive";

export const dynamic = "force-dynamic";

const MAX_BYTES = bodyBytesFor(MAX_ARCHIVE_IDS);

async function idsFromForm(request: Request): Promise<unknown> {
  const text = await readCappedText(request, MAX_BYTES, () => bodyTooLarge(MAX_BYTES));
  const field = new URLSearchParams(text).get("ids");
  if (field === null) throw new ApiError("bad_request", 'The form has no "ids" field.');
  return { ids: field.split(/[\s,]+/).filter(Boolean) };
}

export const POST = withApi(async (request: Request) => {
  const type = request.headers.get("content-type") ?? "";
  const body = /^application\/x-www-form-urlencoded\b/i.test(type) ? await idsFromForm(request) : await readJsonBody(request, { maxBytes: MAX_BYTES });
  const ids = parseIdsBody(body, { max: MAX_ARCHIVE_IDS });
  return new Response(zipTaskVideos(ids, request.signal), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": contentDisposition(`luma-videos-${ids.length}.zip`),
      "Cache-Control": "no-store",
    },
  });
});
