import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { gzip as gzipCallback } from "node:zlib";
import Negotiator from "negotiator";
import { bodyTooLarge, checkJsonBodyHeaders, MAX_BODY_BYTES, parseJsonBodyText } from "@/lib/api/request";
import { errorResponse, JSON_TEXT_HEADERS } from "@/lib/api/respond";
import { API_HEADERS } from "@/lib/api/security-headers.mjs";
import { answerTasksBatch } from "@/lib/api/tasks-batch";
import { guardApiRequest } from "@/lib/api/with-api";

// `POST /api/tasks` is what every open tab polls, so it is the one route the custom server answers
// itself, in the same steps as app/api/tasks/route.ts (guardApiRequest, the body checks,
// answerTasksBatch, errorResponse) but on Node's own request and response. Next's router costs about 3 ms of CPU per request on a small machine, and web
// Request/Response objects another 0.3 ms: ten times the work of answering from the cache.
// Anything else, this path's 405s and odd spellings included, is left to Next.

export const DIRECT_ROUTE_PATH = "/api/tasks";

const gzip = promisify(gzipCallback);
/** Like Next's compression: smaller answers are not worth a gzip header. */
const GZIP_THRESHOLD_BYTES = 1024;

export function isDirectTasksRequest(req: Pick<IncomingMessage, "method" | "url">): boolean {
  if (req.method !== "POST" || req.url === undefined) return false;
  const query = req.url.indexOf("?");
  return (query === -1 ? req.url : req.url.slice(0, query)) === DIRECT_ROUTE_PATH;
}

/** Whether an Accept-Encoding header takes gzip, read as Next's compression reads it (negotiator). */
export function acceptsGzip(acceptEncoding: string | undefined): boolean {
  return new Negotiator({ headers: { "accept-encoding": acceptEncoding } }).encoding(["gzip"]) === "gzip";
}

/** The client went away mid-request: nobody to answer, nothing to log. */
class ClientGone extends Error {}

function requestHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  // As Next does: the client is the socket's peer unless a proxy in front already said who it is.
  if (!headers.has("x-forwarded-for") && req.socket.remoteAddress) headers.set("x-forwarded-for", req.socket.remoteAddress);
  return headers;
}

/** The body as text; `complete: false` once it passed `limit` bytes (reading stops there). */
function readCappedBody(req: IncomingMessage, limit: number): Promise<{ text: string; complete: boolean }> {
  return new Promise((resolve, reject) => {
    // Gone already (while the request was being checked): its close will not come again.
    if (req.destroyed) {
      reject(new ClientGone());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size > limit) {
        req.off("data", onData);
        req.pause();
        resolve({ text: "", complete: false });
      }
    };
    req.on("data", onData);
    req.once("end", () => resolve({ text: Buffer.concat(chunks).toString("utf8"), complete: true }));
    req.once("error", () => reject(new ClientGone()));
    // A client that hangs up mid-body never sends the end: give up rather than wait forever.
    req.once("close", () => {
      if (!req.complete) reject(new ClientGone());
    });
  });
}

async function sendBody(req: IncomingMessage, res: ServerResponse, status: number, headers: Headers, body: Buffer, closeAfter: boolean) {
  res.statusCode = status;
  for (const { key, value } of API_HEADERS) res.setHeader(key, value);
  headers.forEach((value, key) => res.setHeader(key, value));
  let payload = body;
  if (body.length >= GZIP_THRESHOLD_BYTES) {
    res.setHeader("Vary", "Accept-Encoding");
    if (acceptsGzip(req.headers["accept-encoding"])) {
      payload = await gzip(body);
      res.setHeader("Content-Encoding", "gzip");
    }
  }
  res.setHeader("Content-Length", payload.length);
  // A body left unread (too large) is not drained: the connection ends with this answer.
  if (closeAfter) res.setHeader("Connection", "close");
  res.end(payload);
}

/** Answers one `POST /api/tasks` (see isDirectTasksRequest) as the route handler would. */
export async function serveDirectTasksRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const headers = requestHeaders(req);
    let response: Response;
    try {
      await guardApiRequest(headers);
      checkJsonBodyHeaders(headers);
      const { text, complete } = await readCappedBody(req, MAX_BODY_BYTES);
      if (!complete) throw bodyTooLarge();
      const json = await answerTasksBatch(parseJsonBodyText(text));
      await sendBody(req, res, 200, new Headers(JSON_TEXT_HEADERS), Buffer.from(json), false);
      return;
    } catch (error) {
      if (error instanceof ClientGone) throw error;
      response = errorResponse(error);
    }
    // A body too large to read is not drained either: the connection ends with the 413.
    await sendBody(req, res, response.status, response.headers, Buffer.from(await response.arrayBuffer()), response.status === 413);
  } catch {
    // Only a broken connection gets here: a client that went away, or a socket that failed.
    res.destroy();
  }
}
