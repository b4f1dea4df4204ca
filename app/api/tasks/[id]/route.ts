// GET /api/tasks/{id} – one task; ?refresh=1 skips the cache for fresh media URLs
import { ApiError } from "@/lib/api/errors";
import { errorResponse, json } from "@/lib/api/respond";
import { parseIdParam } from "@/lib/api/request";
import { loadTask } from "@/lib/luma/loader";

export async function GET(request: Request, ctx: RouteContext<"/api/tasks/[id]">): Promise<Response> {
  try {
    const id = parseIdParam((await ctx.params).id);
    const refresh = new URL(request.url).searchParams.get("refresh") === "1";
    const task = await loadTask(id, { refresh });
    if (!task) throw new ApiError("not_found", `No task ${id} at the gateway. Check the id, or the gateway it was made with.`);
    return json(task);
  } catch (error) {
    return errorResponse(error);
  }
}
