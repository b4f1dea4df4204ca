// POST /api/tasks – look up to 100 tasks
import { errorResponse, json } from "@/lib/api/respond";
import { parseIdsBody, readJsonBody } from "@/lib/api/request";
import { loadTasks } from "@/lib/luma/loader";

export async function POST(request: Request): Promise<Response> {
  try {
    const ids = parseIdsBody(await readJsonBody(request));
    const { tasks, notFound } = await loadTasks(ids);
    return json({ tasks, notFound });
  } catch (error) {
    return errorResponse(error);
  }
}
