// Starts a real, throw-away PostgreSQL server for tests (Debian's `postgresql` package): a fresh
// cluster in a temp folder on a free port, stopped and deleted afterwards. PostgreSQL refuses to
// run as root, so as root it runs as the `postgres` user.
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";
import { freePort } from "./app-process";

export interface PostgresServer {
  url: string;
  /** A URL for another database on the same server. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

function binDir(): string {
  if (process.env.PG_BIN_DIR) return process.env.PG_BIN_DIR;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const dir = path.join(root, version, "bin");
    if (existsSync(path.join(dir, "pg_ctl"))) return dir;
  }
  throw new Error(
    "PostgreSQL is not installed: these tests need a real server. Install it with `apt-get install postgresql` (Debian/Ubuntu), or point PG_BIN_DIR at its bin folder.",
  );
}

function postgresUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
  return { uid, gid };
}

function run(user: { uid: number } | null, command: string, args: string[]): void {
  const [file, argv] = user ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
  const result = spawnSync(file, argv, { encoding: "utf8", cwd: tmpdir() });
  if (result.status !== 0) throw new Error(`${path.basename(command)} failed:\n${(result.stderr || result.stdout || String(result.error)).slice(-2000)}`);
}

async function waitUntilReady(url: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const client = new Client({ connectionString: url });
    try {
      await client.connect();
      await client.query("select 1");
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      await client.end().catch(() => {});
    }
  }
}

export async function startPostgresServer(): Promise<PostgresServer> {
  const bin = binDir();
  const user = postgresUser();
  const root = mkdtempSync(path.join(tmpdir(), "luma-pg-"));
  if (user) chownSync(root, user.uid, user.gid);
  const dataDir = path.join(root, "data");
  const port = await freePort();
  run(user, path.join(bin, "initdb"), ["-D", dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--locale=C"]);
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  run(user, path.join(bin, "pg_ctl"), ["-D", dataDir, "-o", options, "-l", path.join(root, "log"), "-w", "-t", "30", "start"]);
  const urlFor = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const url = urlFor("postgres");
  await waitUntilReady(url);
  let stopped = false;
  return {
    url,
    urlFor,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      try {
        run(user, path.join(bin, "pg_ctl"), ["-D", dataDir, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
