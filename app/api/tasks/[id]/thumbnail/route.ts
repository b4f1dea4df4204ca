// GET /api/tasks/{id}/thumbnail – a link to the thumbnail that never expires: redirects to the current presigned URL;
// ?w=<width> serves it resized to that width as WebP (the gallery's cards)
import { ApiError } from "@/lib/server/http/errors";
import { parseIdParam } from "@/lib/server/http/request";
import { withApi } from "@/lib/server/http/with-api";
import { serverEnv } from "@/lib/server/env";
import { loadTask } from "@/lib/server/gateway/loader";
import { assertMediaUrlAllowed, currentMediaPolicy, MediaRefusedError } from "@/lib/server/gateway/media-fetch";
import { resizedThumbnail } from "@/lib/server/gateway/thumbnail-resize";
import { isThumbnailWidth, THUMBNAIL_WIDTHS } from "@/lib/shared/thumbnail-widths";

// Chats fetch og:image long after a link is shared; the gateway's own thumbnail URL may have
// expired by then. The loader refreshes finished tasks shortly before their media expire, so
// redirecting to what it holds now always lands on a working URL. The redirect speaks for this
// app, so it only points where the server itself would fetch media from.
async function redirectToCurrent(id: string): Promise<Response> {
  const task = await loadTask(id);
  if (!task) throw new ApiError("not_found", `No task ${id} at the gateway.`);
  if (!task.thumbnail) throw new ApiError("not_found", `Task ${id} has no thumbnail yet (it is ${task.state}).`);
  try {
    await assertMediaUrlAllowed(task.thumbnail.url, currentMediaPolicy());
  } catch (error) {
    if (error instanceof MediaRefusedError) throw new ApiError("bad_gateway", `The thumbnail is not offered: ${error.message}`);
    throw error;
  }
  return new Response(null, {
    status: 302,
    headers: { Location: task.thumbnail.url, "Cache-Control": "private, max-age=60" },
  });
}

export const GET = withApi(
  async (request: Request, ctx: RouteContext<"/api/tasks/[id]/thumbnail">) => {
    const id = parseIdParam((await ctx.params).id);
    const w = new URL(request.url).searchParams.get("w");
    if (w === null) return redirectToCurrent(id);
    const width = /^\d+$/.test(w) ? Number(w) : NaN;
    if (!isThumbnailWidth(width)) throw new ApiError("bad_request", `Width w must be one of ${THUMBNAIL_WIDTHS.join(", ")}.`);
    const bytes = await resizedThumbnail(id, width);
    return new Response(new Uint8Array(bytes), {
      status: 200,
      headers: {
        "Content-Type": "image/webp",
        "Content-Length": String(bytes.byteLength),
        // A task's thumbnail is fixed once it has one, and the URL names the width. Private: behind the password gate.
        "Cache-Control": "private, max-age=31536000, immutable",
      },
    });
  },
  // The grid asks for every visible card's thumbnail at once (30+ on a wide screen), so thumbnails
  // spend their own budget, five times the API's: a page load neither hits a 429 nor eats the
  // budget of the API calls it makes.
  { rateLimit: { bucket: "thumbnails", perMinute: () => serverEnv().RATE_LIMIT_PER_MINUTE * 5 } },
);
