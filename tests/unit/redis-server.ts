// Starts a real, throw-away redis-server for tests: random free port, no persistence.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { Socket } from "node:net";
import { freePort } from "../../scripts/lib/app-process";

export interface RedisServer {
  port: number;
  url: string;
  stop(): Promise<void>;
}

const BINARY = process.env.REDIS_SERVER_BIN ?? "redis-server";

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(300, () => done(false));
    socket.once("error", () => done(false));
    socket.connect(port, "127.0.0.1", () => socket.write("PING\r\n"));
    socket.once("data", (data) => done(data.toString().startsWith("+PONG")));
  });
}

export async function startRedisServer(fixedPort?: number): Promise<RedisServer> {
  const probe = spawnSync(BINARY, ["--version"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      `redis-server is not installed (tried "${BINARY}"): these tests need a real Redis. Install it with \`apt-get install redis-server\` (Debian/Ubuntu), or point REDIS_SERVER_BIN at the binary.`,
    );
  }
  const port = fixedPort ?? (await freePort());
  const child: ChildProcess = spawn(BINARY, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 10_000;
  while (!(await answersPing(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`redis-server did not start on port ${port}:\n${output.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGKILL");
      }),
  };
}
