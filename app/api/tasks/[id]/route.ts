// GET /api/tasks/{id} – one task; ?refresh=1 skips the cache for fresh media URLs
import { ApiError } from "@/lib/server/http/errors";
import { parseIdParam } from "@/lib/server/http/request";
import { json } from "@/lib/server/http/respond";
import { withApi } from "@/lib/server/http/with-api";
import { loadTask } from "@/lib/server/gateway/loader";

export const GET = withApi(async (request: Request, ctx: RouteContext<"/api/tasks/[id]">) => {
  const id = parseIdParam((await ctx.params).id);
  const refresh = new URL(request.url).searchParams.get("refresh") === "1";
  const task = await loadTask(id, { refresh });
  if (!task) throw new ApiError("not_found", `No task ${id} at the gateway. Check the id, or the gateway it was made with.`);
  return json(task);
});
