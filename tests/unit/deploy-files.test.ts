import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { load } from "js-yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// No Docker engine runs here, so the Dockerfile, compose.yaml and Caddyfile are checked as files:
// parsed, and their health-check commands run for real against a server that answers as told.

const root = path.resolve(__dirname, "../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

interface Instruction {
  keyword: string;
  args: string;
}

/** Dockerfile instructions with continuation lines joined and comments dropped. */
function dockerInstructions(text: string): Instruction[] {
  const joined = text
    .split("\n")
    .filter((line) => !line.trim().startsWith("#"))
    .join("\n")
    .replace(/\\\n/g, " ");
  return joined
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [keyword = "", ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(" ") };
    });
}

/** The instructions of the last stage (after the last FROM). */
function finalStage(instructions: Instruction[]): Instruction[] {
  const lastFrom = instructions.map((i) => i.keyword).lastIndexOf("FROM");
  return instructions.slice(lastFrom);
}

function execForm(args: string): string[] {
  const parsed = JSON.parse(args) as unknown;
  if (!Array.isArray(parsed) || !parsed.every((part) => typeof part === "string")) throw new Error(`not an exec form: ${args}`);
  return parsed;
}

/** A server whose /api/health and /api/ready answer with `status.code`. */
let status = { code: 200 };
let server: Server;
let port = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    res.writeHead(req.url === "/api/health" || req.url === "/api/ready" ? status.code : 404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Runs a health-check command (exec form, `node -e …`) as Docker would; its exit code. */
function runCheck(command: string[], env: Record<string, string> = {}): Promise<number | null> {
  const [binary, ...args] = command;
  expect(binary).toBe("node");
  // Not spawnSync: the server answering the check lives in this process's event loop.
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, timeout: 15_000, stdio: "ignore" });
  return new Promise((resolve) => child.on("exit", (code) => resolve(code)));
}

describe("Dockerfile", () => {
  const instructions = dockerInstructions(read("Dockerfile"));
  const runner = finalStage(instructions);
  const env = runner.filter((i) => i.keyword === "ENV").map((i) => i.args).join(" ");

  it("builds in stages and ships only the standalone output in the last one", () => {
    expect(instructions.filter((i) => i.keyword === "FROM").length).toBeGreaterThanOrEqual(3);
    expect(instructions.some((i) => i.keyword === "RUN" && /npm ci\b/.test(i.args))).toBe(true);
    expect(instructions.some((i) => i.keyword === "RUN" && i.args.includes("npm run build"))).toBe(true);
    const copies = runner.filter((i) => i.keyword === "COPY").map((i) => i.args);
    expect(copies).toEqual([expect.stringMatching(/^--from=build \/app\/\.next\/standalone \.\/$/)]);
  });

  it("runs as a non-root user, listening on every interface, with telemetry off and a volume for DATA_DIR", () => {
    const users = runner.filter((i) => i.keyword === "USER").map((i) => i.args);
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
    expect(runner.findIndex((i) => i.keyword === "USER")).toBeLessThan(runner.findIndex((i) => i.keyword === "CMD"));
    expect(env).toMatch(/\bHOST=0\.0\.0\.0\b/);
    expect(env).toMatch(/\bNEXT_TELEMETRY_DISABLED=1\b/);
    expect(env).toMatch(/\bNODE_ENV=production\b/);
    const dataDir = /\bDATA_DIR=(\S+)/.exec(env)?.[1];
    expect(dataDir).toBeDefined();
    const volumes = runner.filter((i) => i.keyword === "VOLUME").flatMap((i) => execForm(i.args));
    expect(volumes).toContain(dataDir);
  });

  it("starts the standalone entry point that the build puts there", () => {
    const cmd = execForm(runner.find((i) => i.keyword === "CMD")!.args);
    expect(cmd).toEqual(["node", "start.mjs"]);
    expect(read("scripts/standalone/postbuild.mjs")).toContain('"start.mjs"');
    expect(JSON.parse(read("package.json")).scripts.build).toContain("scripts/standalone/postbuild.mjs");
  });

  it("has a HEALTHCHECK on /api/health that needs no curl and fails when the app does", async () => {
    const healthcheck = runner.find((i) => i.keyword === "HEALTHCHECK")!;
    const command = execForm(healthcheck.args.replace(/^.*?\bCMD\s+/, ""));
    expect(command.join(" ")).toContain("/api/health");
    expect(command.join(" ")).not.toMatch(/\b(curl|wget)\b/);
    status = { code: 200 };
    expect(await runCheck(command, { PORT: String(port) })).toBe(0);
    status = { code: 503 };
    expect(await runCheck(command, { PORT: String(port) })).toBe(1);
  });
});

describe(".dockerignore", () => {
  it("keeps local state and secrets out of the build context", () => {
    const lines = read(".dockerignore").split("\n").map((line) => line.trim());
    for (const entry of ["node_modules", ".next", ".data", ".git", ".env", ".env.*"]) expect(lines).toContain(entry);
  });
});

describe("compose.yaml", () => {
  type Service = {
    image?: string;
    build?: unknown;
    user?: string;
    ports?: string[];
    environment?: Record<string, string>;
    healthcheck?: { test: string[] };
    depends_on?: Record<string, { condition: string }>;
    volumes?: string[];
  };
  const compose = load(read("compose.yaml")) as { services: Record<string, Service> };
  const { services } = compose;

  it("runs a reverse proxy, the app, PostgreSQL and Redis, each with a health check", () => {
    expect(Object.keys(services).sort()).toEqual(["app", "db", "proxy", "redis"]);
    for (const [name, service] of Object.entries(services)) expect(service.healthcheck?.test, name).toBeDefined();
    expect(services.proxy!.image).toMatch(/^caddy:/);
    expect(services.db!.image).toMatch(/^postgres:/);
    expect(services.redis!.image).toMatch(/^redis:/);
  });

  it("points the app at PostgreSQL and Redis, trusts exactly one proxy, and starts it after them", () => {
    const app = services.app!;
    expect(app.build).toBe(".");
    expect(app.user ?? "").not.toMatch(/^(root|0)(:|$)/);
    expect(app.environment?.TRUST_PROXY).toBe("1");
    expect(app.environment?.DATABASE_URL).toMatch(/^postgres:\/\/luma:\$\{POSTGRES_PASSWORD:\?[^}]+\}@db:5432\/luma$/);
    expect(app.environment?.REDIS_URL).toBe("redis://redis:6379");
    expect(app.ports).toBeUndefined();
    expect(app.depends_on).toEqual({ db: { condition: "service_healthy" }, redis: { condition: "service_healthy" } });
    expect(services.proxy!.depends_on).toEqual({ app: { condition: "service_healthy" } });
  });

  it("mounts the Caddyfile into the proxy and sends it to the app", () => {
    const proxy = services.proxy!;
    expect(proxy.volumes).toContain("./Caddyfile:/etc/caddy/Caddyfile:ro");
    expect(proxy.environment?.APP_UPSTREAMS).toBe("app:3000");
  });

  it("marks the app healthy only once /api/ready answers", async () => {
    const command = services.app!.healthcheck!.test.slice(1);
    expect(services.app!.healthcheck!.test[0]).toBe("CMD");
    expect(command.join(" ")).toContain("/api/ready");
    const local = command.map((part) => part.replace("127.0.0.1:3000", `127.0.0.1:${port}`));
    status = { code: 200 };
    expect(await runCheck(local)).toBe(0);
    status = { code: 503 };
    expect(await runCheck(local)).toBe(1);
  });
});

describe("Caddyfile", () => {
  /** The JSON config Caddy makes of the Caddyfile (needs Debian's caddy, which .ci/run installs). */
  function adapt(env: Record<string, string>) {
    const result = spawnSync("caddy", ["adapt", "--config", path.join(root, "Caddyfile"), "--adapter", "caddyfile"], {
      env: { PATH: process.env.PATH, NODE_ENV: "test", ...env },
      encoding: "utf8",
    });
    if (result.error) throw new Error("caddy is not installed: `apt-get install caddy` (Debian/Ubuntu)");
    expect(result.status, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as {
      admin?: { disabled?: boolean };
      apps: { http: { servers: Record<string, { listen: string[]; read_header_timeout?: number; read_timeout?: number; write_timeout?: number; routes: { handle: { handler: string; upstreams?: { dial: string }[]; flush_interval?: number }[] }[] }> } };
    };
  }

  it("bounds header and body reads, streams events unbuffered, and proxies to the app on :80 by default", () => {
    const config = adapt({});
    expect(config.admin?.disabled).toBe(true);
    const [server] = Object.values(config.apps.http.servers);
    expect(server!.listen).toEqual([":80"]);
    expect(server!.read_header_timeout).toBe(10e9);
    expect(server!.read_timeout).toBe(30e9);
    expect(server!.write_timeout).toBeUndefined();
    const proxy = server!.routes.flatMap((route) => route.handle).find((handle) => handle.handler === "reverse_proxy")!;
    expect(proxy.upstreams).toEqual([{ dial: "app:3000" }]);
    expect(proxy.flush_interval).toBe(-1);
  });

  it("takes the site address and several upstreams from the environment", () => {
    const config = adapt({ SITE_ADDRESS: ":8080", APP_UPSTREAMS: "10.0.0.1:3000 10.0.0.2:3000" });
    const [server] = Object.values(config.apps.http.servers);
    expect(server!.listen).toEqual([":8080"]);
    const proxy = server!.routes.flatMap((route) => route.handle).find((handle) => handle.handler === "reverse_proxy")!;
    expect(proxy.upstreams).toEqual([{ dial: "10.0.0.1:3000" }, { dial: "10.0.0.2:3000" }]);
  });
});
