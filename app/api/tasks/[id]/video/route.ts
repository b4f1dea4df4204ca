// GET /api/tasks/{id}/video – the task's video as a download with a readable file name;
// ?inline=1 serves it for playing (Range passed on), a link that outlives presigned media URLs
import { contentDisposition, videoFileName } from "@/lib/server/http/file-name";
import { parseIdParam } from "@/lib/server/http/request";
import { withApi } from "@/lib/server/http/with-api";
import { openTaskVideo } from "@/lib/server/gateway/video-source";

const PASSED_ON = ["content-length", "content-range", "accept-ranges"];

export const GET = withApi(async (request: Request, ctx: RouteContext<"/api/tasks/[id]/video">) => {
  const id = parseIdParam((await ctx.params).id);
  const inline = new URL(request.url).searchParams.get("inline") === "1";
  const { task, media } = await openTaskVideo(id, {
    purpose: inline ? "inline" : "download",
    range: inline ? request.headers.get("range") : null,
  });
  const type = media.headers.get("content-type");
  const fileName = videoFileName(task.prompt, task.id);
  const headers = new Headers({
    "Content-Type": type?.startsWith("video/") ? type : "video/mp4",
    "Content-Disposition": inline ? `inline; filename="${fileName}"` : contentDisposition(fileName),
    "Cache-Control": "private, no-store",
  });
  for (const name of PASSED_ON) {
    const value = media.headers.get(name);
    if (value) headers.set(name, value);
  }
  // 206 for a range, 416 for a range past the end (with the host's Content-Range), else 200.
  const status = inline && (media.status === 206 || media.status === 416) ? media.status : 200;
  return new Response(media.body, { status, headers });
});
