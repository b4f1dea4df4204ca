// POST /api/tasks – look up to 100 tasks
import { parseIdsBody, readJsonBody } from "@/lib/api/request";
import { json } from "@/lib/api/respond";
import { withApi } from "@/lib/api/with-api";
import { loadTasks } from "@/lib/luma/loader";

export const POST = withApi(async (request: Request) => {
  const ids = parseIdsBody(await readJsonBody(request));
  const { tasks, notFound } = await loadTasks(ids);
  return json({ tasks, notFound });
});
