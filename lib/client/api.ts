import type { Task, TaskBatch } from "@/lib/shared/task";

// zod is fetched alongside the first answer rather than with the page: no part of the first load.
const loadSchemas = () => import("@/lib/shared/task-schema");

/** An error answer from our own API, with the message the server wrote for people. */
export class ClientApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
    this.name = "ClientApiError";
  }
}

async function parse<T>(response: Response, schema: { parse(value: unknown): T }): Promise<T> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // fall through with body = null
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    const message = typeof error?.message === "string" ? error.message : `The server answered HTTP ${response.status}.`;
    throw new ClientApiError(message, response.status, typeof error?.code === "string" ? error.code : "unknown");
  }
  try {
    return schema.parse(body);
  } catch {
    // A proxy's HTML page or a wrong build answering 200: say so, not the schema's complaint.
    throw new ClientApiError(
      `The dashboard server answered HTTP ${response.status} with something this page does not understand. Reload the page; if it persists, check the server.`,
      response.status,
      "bad_response",
    );
  }
}

async function request(input: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(input, { ...init, cache: "no-store" });
  } catch {
    throw new ClientApiError("The dashboard server could not be reached. Check your connection.", 0, "network");
  }
}

export async function postTasks(ids: readonly string[], signal?: AbortSignal): Promise<TaskBatch> {
  const schemas = loadSchemas();
  const response = await request("/api/tasks", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ ids }),
    signal,
  });
  return parse(response, (await schemas).taskBatchSchema);
}

export async function getTask(id: string, options: { refresh?: boolean } = {}): Promise<Task | null> {
  const schemas = loadSchemas();
  const response = await request(`/api/tasks/${encodeURIComponent(id)}${options.refresh ? "?refresh=1" : ""}`);
  if (response.status === 404) return null;
  return parse(response, (await schemas).taskSchema);
}

export function videoDownloadHref(id: string): string {
  return `/api/tasks/${encodeURIComponent(id)}/video`;
}
