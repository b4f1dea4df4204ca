import "server-only";
import { loadTasks } from "@/lib/server/gateway/loader";
import { taskJson } from "@/lib/shared/task-json";
import type { Task } from "@/lib/shared/task";
import { parseIdsBody } from "./request";

/**
 * The body of `POST /api/tasks`: byte for byte JSON.stringify({ tasks, notFound }), but built from
 * each task's memoised JSON, since serialising 20 tasks is most of the work of a cached read.
 */
export function tasksBatchJson(result: { tasks: readonly Task[]; notFound: readonly string[] }): string {
  return `{"tasks":[${result.tasks.map(taskJson).join(",")}],"notFound":${JSON.stringify(result.notFound)}}`;
}

/**
 * `POST /api/tasks` after the guards and body checks: the parsed JSON body in, the answer's JSON
 * out. The one implementation behind the route handler and the production server's direct route.
 */
export async function answerTasksBatch(body: unknown): Promise<string> {
  return tasksBatchJson(await loadTasks(parseIdsBody(body)));
}
