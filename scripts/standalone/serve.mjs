// Runs the standalone server (`.next/standalone/start.mjs`) the way the container image does: as
// an unprivileged user. Run as root (CI, this machine), it drops to APP_USER (default `nobody`)
// through runuser, gives that user DATA_DIR, and runs a readable copy of the standalone output
// when the checkout itself is not readable by that user. Signals are passed on, and the exit code
// comes back. Used by the standalone e2e config and the stack check; env as for the app.
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const built = process.env.STANDALONE_DIR ?? path.join(root, ".next/standalone");
const asRoot = process.getuid?.() === 0;
const user = process.env.APP_USER || "nobody";

if (!existsSync(path.join(built, "start.mjs"))) {
  console.error(`serve: ${built}/start.mjs is missing: run \`npm run build\` first.`);
  process.exit(1);
}

const canRead = (dir) => spawnSync("runuser", ["-u", user, "--", "test", "-r", path.join(dir, "server.js")]).status === 0;

/** Makes every file readable (and folders enterable) by others: the copy's only reader is `user`. */
function openUp(dir) {
  chmodSync(dir, statSync(dir).mode | 0o055);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) openUp(full);
    else if (entry.isFile()) chmodSync(full, statSync(full).mode | 0o044);
  }
}

function readableStandalone() {
  if (!asRoot || canRead(built)) return built;
  const copy = mkdtempSync(path.join(os.tmpdir(), "luma-standalone-"));
  cpSync(built, copy, { recursive: true });
  openUp(copy);
  return copy;
}

const dataDir = process.env.DATA_DIR || mkdtempSync(path.join(os.tmpdir(), "luma-data-"));
mkdirSync(dataDir, { recursive: true });
if (asRoot) spawnSync("chown", ["-R", `${user}:`, dataDir], { stdio: "inherit" });

const dir = readableStandalone();
const env = { ...process.env, DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1" };
const [command, args] = asRoot
  ? ["runuser", ["-u", user, "--", process.execPath, path.join(dir, "start.mjs")]]
  : [process.execPath, [path.join(dir, "start.mjs")]];
const child = spawn(command, args, { env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
