import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Simulator } from "../simulator/server";
import { startGatewayForServer } from "./gateway-env";

// `npm start` answers POST /api/tasks in the custom server (lib/server/direct-tasks-route.ts), not
// through Next's router. Every request below goes both ways: to the route handler Next calls
// (app/api/tasks/route.ts) and over HTTP to a server running the direct route, and the answers
// must agree: status, body and the handler's headers. State is one per process whichever way a
// request comes: cache, rate limit, wrong-password lock-out.

type RouteModule = typeof import("@/app/api/tasks/route");
type DirectModule = typeof import("@/lib/server/direct-tasks-route");

let sim: Simulator;
let route: RouteModule;
let direct: DirectModule;
let server: Server;
let port: number;
let client = 0;
/** Requests the direct route has not finished with (settled or given up on). */
let unfinished = 0;
const saved = { ...process.env };

interface Answer {
  status: number;
  headers: Record<string, string | undefined>;
  body: string;
}

/** Each test speaks as its own client (X-Forwarded-For), so rate limits do not leak between tests. */
const me = () => `198.51.100.${++client}`;

async function viaHandler(body: string | Buffer, headers: Record<string, string>): Promise<Answer> {
  const response = await route.POST(new Request("http://app.test/api/tasks", { method: "POST", headers, body: new Uint8Array(Buffer.from(body)) }), undefined);
  const out: Answer["headers"] = {};
  response.headers.forEach((value, key) => (out[key] = value));
  return { status: response.status, headers: out, body: await response.text() };
}

function viaDirect(body: string | Buffer, headers: Record<string, string>, path = "/api/tasks"): Promise<Answer & { raw: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path, method: "POST", headers: { "content-length": Buffer.byteLength(body), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const raw = Buffer.concat(chunks);
        const text = res.headers["content-encoding"] === "gzip" ? gunzipSync(raw).toString() : raw.toString();
        resolve({ status: res.statusCode ?? 0, headers: res.headers as Answer["headers"], body: text, raw });
      });
    });
    // The server may answer (413) and close before it read everything: that is not a failure here.
    req.on("error", (error: NodeJS.ErrnoException) => (error.code === "EPIPE" || error.code === "ECONNRESET" ? undefined : reject(error)));
    req.end(body);
  });
}

/** Sends the same request both ways and checks that the answers agree. */
async function both(body: string | Buffer, headers: Record<string, string> = {}): Promise<Answer> {
  const sent = { "content-type": "application/json", "x-forwarded-for": me(), ...headers };
  const fromHandler = await viaHandler(body, sent);
  const fromDirect = await viaDirect(body, sent);
  expect(fromDirect.status).toBe(fromHandler.status);
  expect(fromDirect.body).toBe(fromHandler.body);
  for (const name of ["content-type", "cache-control", "retry-after", "www-authenticate"]) {
    expect(fromDirect.headers[name], name).toBe(fromHandler.headers[name]);
  }
  return fromHandler;
}

beforeAll(async () => {
  sim = await startGatewayForServer({ key: "direct-route-key", pollIntervalMs: 2_000, timeoutMs: 500 });
  process.env.RATE_LIMIT_PER_MINUTE = "0";
  route = await import("@/app/api/tasks/route");
  direct = await import("@/lib/server/direct-tasks-route");
  server = createServer((req, res) => {
    if (direct.isDirectTasksRequest(req)) {
      unfinished++;
      void direct.serveDirectTasksRequest(req, res).finally(() => unfinished--);
    }
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  process.env = { ...saved };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await sim.close();
});

beforeEach(async () => {
  sim.reset();
  delete process.env.DASHBOARD_PASSWORD;
  process.env.RATE_LIMIT_PER_MINUTE = "0";
  (await import("@/lib/luma/loader")).resetLoader();
  (await import("@/lib/auth/access")).resetFailedAttempts();
});

describe("direct POST /api/tasks answers as the route handler does", () => {
  it("for found, unknown, upper-case and repeated ids", async () => {
    const ids = sim.addTasks([{ pendingMs: 0, processingMs: 0 }, { pendingMs: 0, processingMs: 3_600_000 }]);
    const unknown = "00000000-0000-4000-8000-000000000000";
    const answer = await both(JSON.stringify({ ids: [ids[0]!.toUpperCase(), ids[1], ids[0], unknown] }));
    expect(answer.status).toBe(200);
    const parsed = JSON.parse(answer.body) as { tasks: { id: string; state: string }[]; notFound: string[] };
    expect(parsed.tasks.map((t) => [t.id, t.state])).toEqual([
      [ids[0], "completed"],
      [ids[1], "processing"],
    ]);
    expect(parsed.notFound).toEqual([unknown]);
  });

  it.each([
    ["broken JSON", "{ids:", 400],
    ["an empty body", "", 400],
    ["ids that are not an array", JSON.stringify({ ids: "x" }), 400],
    ["a malformed id", JSON.stringify({ ids: ["not-a-uuid"] }), 400],
    ["101 ids", JSON.stringify({ ids: Array.from({ length: 101 }, () => "4665a07c-7641-4809-a133-10786201bb56") }), 400],
    ["a body over 64 KB", JSON.stringify({ ids: [], pad: "x".repeat(70_000) }), 413],
  ])("for %s (%#)", async (_name, body, status) => {
    const answer = await both(body);
    expect(answer.status).toBe(status);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  });

  it("for a body that is not JSON (415)", async () => {
    expect((await both("ids=1", { "content-type": "application/x-www-form-urlencoded" })).status).toBe(415);
  });

  it("when the gateway fails, and again once it recovers", async () => {
    const [id] = sim.addTasks([{ pendingMs: 0, processingMs: 0 }]);
    sim.setFault({ mode: "malformed" });
    expect((await both(JSON.stringify({ ids: [id] }))).status).toBe(502);
    sim.setFault({ mode: "none" });
    expect((await both(JSON.stringify({ ids: [id] }))).status).toBe(200);
  });

  it("behind DASHBOARD_PASSWORD: 401 without it, 200 with HTTP Basic", async () => {
    process.env.DASHBOARD_PASSWORD = "pw";
    const [id] = sim.addTasks([{ pendingMs: 0, processingMs: 0 }]);
    const body = JSON.stringify({ ids: [id] });
    expect((await both(body)).status).toBe(401);
    expect((await both(body, { authorization: `Basic ${Buffer.from("any:pw").toString("base64")}` })).status).toBe(200);
  });
});

describe("direct POST /api/tasks shares the process's state", () => {
  it("one cache: a task the handler fetched costs the direct route no upstream call", async () => {
    const [id] = sim.addTasks([{ pendingMs: 0, processingMs: 0 }]);
    const body = JSON.stringify({ ids: [id] });
    await viaHandler(body, { "content-type": "application/json" });
    expect((await viaDirect(body, { "content-type": "application/json" })).status).toBe(200);
    expect(sim.calls.batch + sim.calls.single).toBe(1);
  });

  it("one rate limit per client across both ways in", async () => {
    process.env.RATE_LIMIT_PER_MINUTE = "3";
    const [id] = sim.addTasks([{ pendingMs: 0, processingMs: 0 }]);
    const headers = { "content-type": "application/json", "x-forwarded-for": "203.0.113.77" };
    const body = JSON.stringify({ ids: [id] });
    const statuses = [
      (await viaHandler(body, headers)).status,
      (await viaDirect(body, headers)).status,
      (await viaHandler(body, headers)).status,
      (await viaDirect(body, headers)).status,
    ];
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it("one wrong-password lock-out across both ways in", async () => {
    process.env.DASHBOARD_PASSWORD = "pw";
    const headers = { "content-type": "application/json", "x-forwarded-for": "203.0.113.78", authorization: `Basic ${Buffer.from("me:wrong").toString("base64")}` };
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await viaHandler("{}", headers)).status, (await viaDirect("{}", headers)).status);
    statuses.push((await viaDirect("{}", headers)).status);
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
  });
});

describe("direct POST /api/tasks on the wire", () => {
  it("carries the API's security headers, as next.config.mjs gives Next's answers", async () => {
    const { API_HEADERS } = await import("@/lib/api/security-headers.mjs");
    const answer = await viaDirect("{}", { "content-type": "application/json" });
    for (const { key, value } of API_HEADERS) expect(answer.headers[key.toLowerCase()], key).toBe(value);
    expect(answer.headers["x-powered-by"]).toBeUndefined();
  });

  it("gzips larger answers for clients that take gzip, as Next does", async () => {
    const ids = sim.addTasks(Array.from({ length: 10 }, () => ({ pendingMs: 0, processingMs: 0 })));
    const body = JSON.stringify({ ids });
    const plain = await viaDirect(body, { "content-type": "application/json" });
    const zipped = await viaDirect(body, { "content-type": "application/json", "accept-encoding": "gzip, deflate, br" });
    const refused = await viaDirect(body, { "content-type": "application/json", "accept-encoding": "gzip;q=0, identity" });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.raw.length).toBeLessThan(plain.raw.length / 2);
    expect(zipped.body).toBe(plain.body);
    expect(refused.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers.vary).toBe("Accept-Encoding");
  });

  it("ends the connection after refusing a body too large to read", async () => {
    const answer = await viaDirect(Buffer.alloc(200_000, 32), { "content-type": "application/json" });
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe("close");
  });

  it("takes only POST /api/tasks, with or without a query", () => {
    expect(direct.isDirectTasksRequest({ method: "POST", url: "/api/tasks" })).toBe(true);
    expect(direct.isDirectTasksRequest({ method: "POST", url: "/api/tasks?x=1" })).toBe(true);
    for (const [method, url] of [
      ["GET", "/api/tasks"],
      ["POST", "/api/tasks/"],
      ["POST", "/api/tasks/4665a07c-7641-4809-a133-10786201bb56"],
      ["POST", "/API/tasks"],
      ["POST", "//api/tasks"],
      ["POST", "/api/tasksx"],
    ] as const) {
      expect(direct.isDirectTasksRequest({ method, url }), `${method} ${url}`).toBe(false);
    }
  });
});

describe("acceptsGzip", () => {
  it.each([
    [undefined, false],
    ["", false],
    ["gzip", true],
    ["deflate, gzip;q=1.0, *;q=0.5", true],
    ["GZIP", true],
    ["x-gzip", false],
    ["br", false],
    ["gzip;q=0", false],
    ["gzip;q=0, *", false],
    ["*", true],
    ["*;q=0", false],
    ["identity", false],
  ])("%j → %s", (header, expected) => {
    expect(direct.acceptsGzip(header)).toBe(expected);
  });
});

describe("direct POST /api/tasks when the client hangs up", () => {
  it("gives up on a request whose body never arrives, quietly, and keeps serving others", async () => {
    const { connect } = await import("node:net");
    const logged = vi.spyOn(console, "error");
    const socket = connect(port, "127.0.0.1");
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    socket.write("POST /api/tasks HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"ids\":");
    await expect.poll(() => unfinished).toBe(1);
    const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    socket.destroy();
    await closed;
    await expect.poll(() => unfinished, { timeout: 2_000 }).toBe(0);
    expect(logged).not.toHaveBeenCalled();
    logged.mockRestore();
    const [id] = sim.addTasks([{ pendingMs: 0, processingMs: 0 }]);
    expect((await viaDirect(JSON.stringify({ ids: [id] }), { "content-type": "application/json" })).status).toBe(200);
  });
});
