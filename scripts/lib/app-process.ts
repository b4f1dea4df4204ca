// What the scripts that run the app (demo, benchmarks, measurements) share: a build that is never
// older than the sources, and waiting for a server to answer.
import { spawn, spawnSync, type ChildProcess, type StdioOptions } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

export const root = path.resolve(__dirname, "..", "..");
export const nextBin = path.join(root, "node_modules", ".bin", "next");

function newestIn(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** True when `.next` (or the server bundle) is missing or older than anything that goes into it. */
export function buildIsStale(): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const dirs = ["app", "components", "lib", "public", "i18n", "messages"].map((d) => path.join(root, d)).filter(existsSync);
  const files = ["next.config.mjs", "tailwind.config.ts", "proxy.ts", "package.json"].map((f) => path.join(root, f)).filter(existsSync);
  const newest = Math.max(...dirs.map(newestIn), ...files.map((f) => statSync(f).mtimeMs));
  return newest > statSync(buildId).mtimeMs;
}

/** Runs `npm run build` when the build is stale; exits the process if the build fails. */
export function ensureBuild(who: string, env: NodeJS.ProcessEnv = process.env): void {
  if (!buildIsStale()) return;
  console.log(`${who}: building the app (about 30 s, once)…`);
  const result = spawnSync("npm", ["run", "build"], { cwd: root, env: { ...env, NEXT_TELEMETRY_DISABLED: "1" }, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`${who}: the build failed`);
    process.exit(result.status ?? 1);
  }
}

/** The production server as `npm start` runs it (`next start`), on `port` and `hostname` (default loopback). */
export function spawnProductionServer(
  env: NodeJS.ProcessEnv,
  options: { port: number; hostname?: string; stdio?: StdioOptions },
): ChildProcess {
  const { port, hostname, stdio = "inherit" } = options;
  return spawn(nextBin, ["start", "-p", String(port), "-H", hostname ?? "127.0.0.1"], {
    cwd: root,
    env: { ...env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", PORT: String(port) },
    stdio,
  });
}

/** Resolves once `url` answers 2xx; throws after `timeoutMs`. */
export async function waitForOk(url: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export interface RunningApp {
  url: string;
  child: ChildProcess;
}

/**
 * `next start` of the build on a free port with `env`, resolved once `/api/ready` answers (a fresh
 * embedded database takes seconds to open). A start that fails is killed and says what it printed.
 */
export async function startReadyApp(env: NodeJS.ProcessEnv, readyTimeoutMs = 60_000): Promise<RunningApp> {
  const port = await freePort();
  const child = spawnProductionServer(env, { port, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForOk(`${url}/api/ready`, readyTimeoutMs);
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(`${(error as Error).message}\n${stderr}`);
  }
  return { url, child };
}
