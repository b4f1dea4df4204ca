// GET /api/tasks/{id}/thumbnail – a link to the thumbnail that never expires: redirects to the current presigned URL
import { ApiError } from "@/lib/server/http/errors";
import { parseIdParam } from "@/lib/server/http/request";
import { withApi } from "@/lib/server/http/with-api";
import { loadTask } from "@/lib/server/gateway/loader";
import { assertMediaUrlAllowed, currentMediaPolicy, MediaRefusedError } from "@/lib/server/gateway/media-fetch";

// Chats fetch og:image long after a link is shared; the gateway's own thumbnail URL may have
// expired by then. The loader refreshes finished tasks shortly before their media expire, so
// redirecting to what it holds now always lands on a working URL. The redirect speaks for this
// app, so it only points where the server itself would fetch media from.
export const GET = withApi(async (_request: Request, ctx: RouteContext<"/api/tasks/[id]/thumbnail">) => {
  const id = parseIdParam((await ctx.params).id);
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
});
