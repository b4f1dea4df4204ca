// GET /api/tasks/{id}/video – the task's video as a download with a readable file name
import { contentDisposition, videoFileName } from "@/lib/api/file-name";
import { parseIdParam } from "@/lib/api/request";
import { withApi } from "@/lib/api/with-api";
import { openTaskVideo } from "@/lib/luma/video-source";

export const GET = withApi(async (_request: Request, ctx: RouteContext<"/api/tasks/[id]/video">) => {
  const id = parseIdParam((await ctx.params).id);
  const { task, media } = await openTaskVideo(id);
  const headers = new Headers({
    "Content-Type": media.headers.get("content-type")?.startsWith("video/") ? media.headers.get("content-type")! : "video/mp4",
    "Content-Disposition": contentDisposition(videoFileName(task.prompt, task.id)),
    "Cache-Control": "private, no-store",
  });
  const length = media.headers.get("content-length");
  if (length) headers.set("Content-Length", length);
  return new Response(media.body, { status: 200, headers });
});
