// GET /api/events – a Server-Sent Events stream of task changes (?ids=, ?watch=, ?library=1)
import { withApi } from "@/lib/server/http/with-api";
import { parseStreamParams } from "@/lib/server/live/stream-params";
import { openTaskStream } from "@/lib/server/live/task-stream";
import { touchWatch } from "@/lib/server/live/watches";

export const dynamic = "force-dynamic";

export const GET = withApi(async (request: Request) => {
  const { ids, library, watch, since } = parseStreamParams(new URL(request.url).searchParams);
  return openTaskStream({ ids, library, since, signal: request.signal, onActivity: watch ? () => touchWatch(watch) : undefined });
});
