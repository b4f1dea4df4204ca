// Open-loop HTTP load for the benchmark's latency rows: one request every 1/rate s, evenly spaced,
// whatever the answers do. autocannon cannot do this (its rate option sends each second's quota
// in one burst), and node:http's client costs so much per request that at 1,500 req/s on two cores
// it measured 70–140 ms p99 against a server that only returns a static buffer. This client writes
// ready-made request bytes to kept-alive sockets and only frames the answers (Content-Length or
// chunked), which keeps its own p99 at a few milliseconds.
import { spawn } from "node:child_process";
import { connect, type Socket } from "node:net";

export interface FramedResponse {
  status: number;
}

type State =
  | { kind: "head" }
  | { kind: "body"; left: number }
  | { kind: "chunk-size" }
  | { kind: "chunk-data"; left: number }
  | { kind: "trailers" };

const CRLF = Buffer.from("\r\n");
const HEAD_END = Buffer.from("\r\n\r\n");

/**
 * Splits a stream of HTTP/1.1 responses (as it arrives, in any pieces) into whole responses.
 * Knows Content-Length and chunked bodies, which is all a keep-alive server sends.
 */
export class ResponseFramer {
  private pending: Buffer = Buffer.alloc(0);
  private state: State = { kind: "head" };
  private status = 0;

  /** Feeds bytes; returns the responses they completed. */
  push(data: Buffer): FramedResponse[] {
    this.pending = this.pending.length === 0 ? data : Buffer.concat([this.pending, data]);
    const done: FramedResponse[] = [];
    for (;;) {
      const state = this.state;
      if (state.kind === "head") {
        const end = this.pending.indexOf(HEAD_END);
        if (end === -1) break;
        const head = this.pending.subarray(0, end).toString("latin1");
        this.pending = this.pending.subarray(end + HEAD_END.length);
        this.status = Number(head.slice(9, 12));
        const length = /\r\ncontent-length:[ \t]*(\d+)/i.exec(head);
        if (/\r\ntransfer-encoding:[^\r]*chunked/i.test(head)) this.state = { kind: "chunk-size" };
        else this.state = { kind: "body", left: length ? Number(length[1]) : 0 };
      } else if (state.kind === "body" || state.kind === "chunk-data") {
        const take = Math.min(state.left, this.pending.length);
        this.pending = this.pending.subarray(take);
        state.left -= take;
        if (state.left > 0) break;
        this.state = state.kind === "body" ? { kind: "head" } : { kind: "chunk-size" };
        if (state.kind === "body") done.push({ status: this.status });
      } else {
        const end = this.pending.indexOf(CRLF);
        if (end === -1) break;
        const line = this.pending.subarray(0, end).toString("latin1");
        this.pending = this.pending.subarray(end + CRLF.length);
        if (state.kind === "trailers") {
          if (line === "") {
            this.state = { kind: "head" };
            done.push({ status: this.status });
          }
        } else {
          const size = Number.parseInt(line, 16);
          // Each chunk's data is followed by its own CRLF; the last (size 0) by trailers.
          this.state = size === 0 ? { kind: "trailers" } : { kind: "chunk-data", left: size + CRLF.length };
        }
      }
    }
    return done;
  }
}

export interface PacedLoadOptions {
  host: string;
  port: number;
  path: string;
  body: string;
  /** Requests per second, evenly spaced. */
  rate: number;
  seconds: number;
}

export interface PacedLoadResult {
  p50: number;
  p99: number;
  max: number;
  /** Answers other than 200, and requests whose connection closed before an answer. */
  failures: number;
  /** Connections the load needed (each carries one request at a time). */
  connections: number;
}

interface Connection {
  socket: Socket;
  framer: ResponseFramer;
  onAnswer: ((status: number) => void) | null;
}

const percentile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

export async function pacedLoad(options: PacedLoadOptions): Promise<PacedLoadResult> {
  const body = Buffer.from(options.body);
  const request = Buffer.concat([
    Buffer.from(
      `POST ${options.path} HTTP/1.1\r\nHost: ${options.host}:${options.port}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
    ),
    body,
  ]);
  const idle: Connection[] = [];
  const latencies: number[] = [];
  let failures = 0;
  let connections = 0;

  const open = (): Promise<Connection> =>
    new Promise((resolve, reject) => {
      const conn: Connection = { socket: connect(options.port, options.host), framer: new ResponseFramer(), onAnswer: null };
      connections++;
      conn.socket.setNoDelay(true);
      conn.socket.once("connect", () => resolve(conn));
      conn.socket.on("error", reject);
      conn.socket.on("data", (data: Buffer) => {
        for (const response of conn.framer.push(data)) {
          const answer = conn.onAnswer;
          conn.onAnswer = null;
          answer?.(response.status);
        }
      });
      // A server may close an idle kept-alive connection; a request still on it counts as failed.
      conn.socket.on("close", () => {
        const at = idle.indexOf(conn);
        if (at !== -1) idle.splice(at, 1);
        conn.onAnswer?.(0);
        conn.onAnswer = null;
      });
    });

  const send = async (): Promise<void> => {
    const sent = performance.now();
    let conn: Connection;
    try {
      conn = idle.pop() ?? (await open());
    } catch {
      failures++;
      return;
    }
    await new Promise<void>((resolve) => {
      conn.onAnswer = (status) => {
        latencies.push(performance.now() - sent);
        if (status !== 200) failures++;
        if (status !== 0) idle.push(conn);
        resolve();
      };
      conn.socket.write(request);
    });
  };

  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  const total = Math.round(options.rate * options.seconds);
  for (let i = 0; i < total; i++) {
    const wait = start + (i * 1000) / options.rate - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(send());
  }
  await Promise.all(inFlight);
  for (const conn of idle) conn.socket.destroy();
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), max: latencies.at(-1) ?? Number.NaN, failures, connections };
}

/**
 * The same load from a fresh child process: the caller's own garbage collection (a benchmark that
 * has just run autocannon, or hosts the simulator) then cannot stall the clock that measures.
 */
export function pacedLoadInChild(options: PacedLoadOptions): Promise<PacedLoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", __filename, JSON.stringify(options)], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (data: Buffer) => (out += data.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code === 0) resolve(JSON.parse(out) as PacedLoadResult);
      else reject(new Error(`the paced load process exited with code ${code}`));
    });
  });
}

if (require.main === module) {
  void pacedLoad(JSON.parse(process.argv[2] ?? "{}") as PacedLoadOptions).then((result) => process.stdout.write(JSON.stringify(result)));
}
