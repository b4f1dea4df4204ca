import "server-only";
import { z } from "zod";
import { serverEnv } from "@/lib/server/env";
import { isTaskId, MAX_IDS_PER_REQUEST } from "@/lib/shared/ids";
import { bodyTimedOut, drainWithin } from "./body-deadline";
import { ApiError } from "./errors";

/** 100 UUIDs in JSON take ~4 KB; 64 KB leaves room for whitespace and pretty-printing, not for abuse. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * The body as text, refusing (and no longer reading) anything past `maxBytes`, or anything still
 * arriving after BODY_TIMEOUT_MS (408): `next start` exposes no request timeout of Node's, so a
 * client trickling a byte now and then would otherwise hold the handler for minutes.
 */
export async function readCappedText(request: Request, maxBytes: number, tooLargeError: () => Error, timeoutMs = serverEnv().BODY_TIMEOUT_MS): Promise<string> {
  if (!request.body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  const inTime = await drainWithin(request.body, timeoutMs, (chunk) => {
    size += chunk.byteLength;
    if (size > maxBytes) throw tooLargeError();
    chunks.push(chunk);
  });
  if (!inTime) throw bodyTimedOut(timeoutMs);
  return Buffer.concat(chunks).toString("utf8");
}

/** Checks what the headers say about a JSON body before any of it is read (415, 413). */
export function checkJsonBodyHeaders(requestHeaders: Headers, maxBytes = MAX_BODY_BYTES): void {
  const type = requestHeaders.get("content-type");
  if (type && !/^application\/(.+\+)?json\b/i.test(type) && !/^text\/plain\b/i.test(type)) {
    throw new ApiError("unsupported_media_type", `Send the body as JSON (Content-Type: application/json), not ${type.slice(0, 60)}.`);
  }
  const declared = Number(requestHeaders.get("content-length") ?? "0");
  if (declared > maxBytes) throw bodyTooLarge(maxBytes);
}

export function parseJsonBodyText(text: string): unknown {
  if (text.trim() === "") throw new ApiError("bad_request", 'The body is empty. Send JSON like {"ids": ["<task id>"]}.');
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError("bad_request", 'The body is not valid JSON. Send JSON like {"ids": ["<task id>"]}.');
  }
}

export async function readJsonBody(request: Request, options: { maxBytes?: number } = {}): Promise<unknown> {
  const maxBytes = options.maxBytes ?? MAX_BODY_BYTES;
  checkJsonBodyHeaders(request.headers, maxBytes);
  return parseJsonBodyText(await readCappedText(request, maxBytes, () => bodyTooLarge(maxBytes)));
}

export function bodyTooLarge(maxBytes = MAX_BODY_BYTES): ApiError {
  return new ApiError("payload_too_large", `The body is larger than ${Math.round(maxBytes / 1024)} KB. Send fewer ids per request.`);
}

const idsBodySchema = z.object({
  ids: z.array(z.unknown(), { error: 'Send "ids" as an array of task ids.' }),
});

function quote(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

/** The 400 for a value that is not a task id, quoting (a bounded part of) what was sent. */
export function notATaskId(value: unknown): ApiError {
  return new ApiError("bad_request", `${quote(value)} is not a task id. Task ids are UUIDs like 4665a07c-7641-4809-a133-10786201bb56.`);
}

/** Bytes a body of `maxIds` ids may take: room for whitespace and pretty-printing, not for abuse. */
export const bodyBytesFor = (maxIds: number): number => Math.max(MAX_BODY_BYTES, maxIds * 64);

/**
 * `{"ids": [...]}` → distinct lower-case ids; the limit (`max`, 100 by default) counts ids as sent,
 * before dedup.
 */
export function parseIdsBody(body: unknown, options: { max?: number } = {}): string[] {
  const max = options.max ?? MAX_IDS_PER_REQUEST;
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ApiError("bad_request", 'Send a JSON object like {"ids": ["<task id>"]}.');
  }
  const parsed = idsBodySchema.safeParse(body);
  if (!parsed.success) throw new ApiError("bad_request", 'Send "ids" as an array of task ids, like {"ids": ["<task id>"]}.');
  const { ids } = parsed.data;
  if (ids.length === 0) throw new ApiError("bad_request", `"ids" is empty. Send between 1 and ${max} task ids.`);
  if (ids.length > max) {
    throw new ApiError("bad_request", `"ids" has ${ids.length} entries; send at most ${max} per request.`);
  }
  const out = new Set<string>();
  for (const id of ids) {
    if (typeof id !== "string" || !isTaskId(id.trim())) {
      throw notATaskId(id);
    }
    out.add(id.trim().toLowerCase());
  }
  return [...out];
}

export function parseIdParam(raw: string): string {
  let value = raw;
  try {
    value = decodeURIComponent(raw);
  } catch {
    // keep the raw text for the message
  }
  if (!isTaskId(value)) throw notATaskId(value);
  return value.toLowerCase();
}
