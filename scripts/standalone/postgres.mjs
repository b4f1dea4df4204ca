// A throw-away PostgreSQL server in the foreground, for the standalone stack check
// (playwright.standalone.config.ts): a fresh cluster in a temp folder on PG_PORT (127.0.0.1 only,
// trust authentication, no durability), deleted when it stops. PostgreSQL refuses to run as root,
// so as root it runs as the `postgres` user. Debian's `postgresql` package, or PG_BIN_DIR.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const port = Number(process.env.PG_PORT);
if (!Number.isInteger(port) || port <= 0) {
  console.error("postgres: set PG_PORT");
  process.exit(1);
}

function binDir() {
  if (process.env.PG_BIN_DIR) return process.env.PG_BIN_DIR;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((version) => path.join(root, version, "bin")).find((dir) => existsSync(path.join(dir, "postgres")));
  if (!found) {
    console.error("postgres: PostgreSQL is not installed: `apt-get install postgresql` (Debian/Ubuntu), or set PG_BIN_DIR.");
    process.exit(1);
  }
  return found;
}

const bin = binDir();
const asRoot = process.getuid?.() === 0;
const owner = asRoot
  ? { uid: Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" })), gid: Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" })) }
  : {};
const root = mkdtempSync(path.join(os.tmpdir(), "luma-stack-pg-"));
if (asRoot) chownSync(root, owner.uid, owner.gid);
const dataDir = path.join(root, "data");

const init = spawnSync(path.join(bin, "initdb"), ["-D", dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--locale=C"], {
  ...owner,
  cwd: root,
  encoding: "utf8",
});
if (init.status !== 0) {
  console.error(`postgres: initdb failed:\n${init.stderr || init.stdout || init.error}`);
  rmSync(root, { recursive: true, force: true });
  process.exit(1);
}

const server = spawn(
  path.join(bin, "postgres"),
  ["-D", dataDir, "-p", String(port), "-k", root, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
  { ...owner, cwd: root, stdio: "inherit" },
);
// SIGINT is PostgreSQL's fast shutdown: it does not wait for the app instances to disconnect.
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill("SIGINT"));
server.on("exit", (code) => {
  rmSync(root, { recursive: true, force: true });
  process.exit(code ?? 0);
});
