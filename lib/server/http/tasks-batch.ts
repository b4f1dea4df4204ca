import "server-only";
import { loadTasks, type LoadResult } from "@/lib/server/gateway/loader";
import { taskJson } from "@/lib/shared/task-json";
import { gatewayApiError } from "./gateway-errors";
import { parseIdsBody } from "./request";

/**
 * The body of `POST /api/tasks`: JSON of { tasks, notFound } (plus unavailable and error while the
 * upstream fails for some ids), built from each task's memoised JSON.
 */
export function tasksBatchJson(result: LoadResult): string {
  const known = `{"tasks":[${result.tasks.map(taskJson).join(",")}],"notFound":${JSON.stringify(result.notFound)}`;
  if (!result.error) return `${known}}`;
  const { code, message } = gatewayApiError(result.error);
  return `${known},"unavailable":${JSON.stringify(result.unavailable)},"error":${JSON.stringify({ code, message })}}`;
}

/** `POST /api/tasks` after the guards and body checks: the parsed JSON body in, the answer's JSON out. */
export async function answerTasksBatch(body: unknown): Promise<string> {
  return tasksBatchJson(await loadTasks(parseIdsBody(body)));
}
