import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { pacedLoad, pacedLoadInChild, ResponseFramer } from "../../scripts/lib/paced-load";

// The benchmark's open-loop load generator: its figures are only as good as its framing of answers.

const fixed = (status: number, body: string) => `HTTP/1.1 ${status} X\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: keep-alive\r\n\r\n${body}`;
const chunked = (status: number, chunks: string[]) =>
  `HTTP/1.1 ${status} X\r\nTransfer-Encoding: chunked\r\n\r\n${chunks.map((c) => `${Buffer.byteLength(c).toString(16)}\r\n${c}\r\n`).join("")}0\r\n\r\n`;

describe("ResponseFramer", () => {
  it("frames Content-Length, chunked and empty answers, however the bytes are split", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ kind: fc.constant("fixed" as const), status: fc.constantFrom(200, 404, 500), body: fc.string({ maxLength: 300 }) }),
            fc.record({ kind: fc.constant("chunked" as const), status: fc.constantFrom(200, 502), chunks: fc.array(fc.string({ minLength: 1, maxLength: 50 }), { maxLength: 5 }) }),
          ),
          { minLength: 1, maxLength: 6 },
        ),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 40 }),
        (responses, cuts) => {
          const bytes = Buffer.from(responses.map((r) => (r.kind === "fixed" ? fixed(r.status, r.body) : chunked(r.status, r.chunks))).join(""));
          const framer = new ResponseFramer();
          const statuses: number[] = [];
          let at = 0;
          for (let i = 0; at < bytes.length; i++) {
            const size = cuts[i % cuts.length]!;
            statuses.push(...framer.push(bytes.subarray(at, at + size)).map((r) => r.status));
            at += size;
          }
          expect(statuses).toEqual(responses.map((r) => r.status));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("waits for the rest of a body", () => {
    const framer = new ResponseFramer();
    expect(framer.push(Buffer.from("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nab"))).toEqual([]);
    expect(framer.push(Buffer.from("cd"))).toEqual([{ status: 200 }]);
  });
});

describe("pacedLoad", () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  async function serve(handler: (n: number) => { status: number; body: string }): Promise<number> {
    let n = 0;
    server = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        const { status, body } = handler(++n);
        res.writeHead(status, { "content-type": "application/json" }).end(body);
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    return (server.address() as AddressInfo).port;
  }

  it("sends rate × seconds requests, spaced out, and measures every answer", async () => {
    const port = await serve(() => ({ status: 200, body: JSON.stringify({ tasks: [] }) }));
    const started = performance.now();
    const result = await pacedLoad({ host: "127.0.0.1", port, path: "/api/tasks", body: "{}", rate: 200, seconds: 0.5 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(450);
    expect(result.failures).toBe(0);
    expect(result.p50).toBeGreaterThan(0);
    expect(result.p99).toBeGreaterThanOrEqual(result.p50);
    expect(result.max).toBeGreaterThanOrEqual(result.p99);
    expect(result.connections).toBeGreaterThanOrEqual(1);
  });

  it("counts answers other than 200 as failures", async () => {
    const port = await serve((n) => (n % 4 === 0 ? { status: 503, body: "{}" } : { status: 200, body: "{}" }));
    const result = await pacedLoad({ host: "127.0.0.1", port, path: "/", body: "{}", rate: 100, seconds: 0.4 });
    expect(result.failures).toBe(10);
  });

  it("counts a refused connection as a failure instead of hanging", async () => {
    const port = await serve(() => ({ status: 200, body: "{}" }));
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    const result = await pacedLoad({ host: "127.0.0.1", port, path: "/", body: "{}", rate: 50, seconds: 0.1 });
    expect(result.failures).toBe(5);
  });
});

describe("pacedLoadInChild", () => {
  it("runs the same load from its own process and reports the same figures", async () => {
    let answered = 0;
    const server = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        answered++;
        res.end("{}");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const result = await pacedLoadInChild({ host: "127.0.0.1", port, path: "/", body: "{}", rate: 50, seconds: 0.2 });
      expect(answered).toBe(10);
      expect(result.failures).toBe(0);
      expect(result.p99).toBeGreaterThan(0);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
