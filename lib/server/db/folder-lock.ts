import "server-only";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import lockfile from "proper-lockfile";

// PGlite is one process's database: a second process opening the same folder corrupted it when
// tried. proper-lockfile gives an exclusive lock that other processes see (a lock directory whose
// mtime is kept fresh); the owner's pid beside it lets a start right after a crash (kill -9) take
// over at once instead of waiting for the lock to go stale.

const LOCK_NAME = "luma-gallery.lock";
const STALE_MS = 30_000;

export class DataDirLockedError extends Error {
  constructor(dataDir: string, pid: number | null) {
    super(
      `The embedded database in ${dataDir} is in use by another process${pid ? ` (pid ${pid})` : ""}. ` +
        "Only one process may open it: stop the other one, give this one its own DATA_DIR, " +
        "or set DATABASE_URL to share a PostgreSQL server between instances.",
    );
    this.name = "DataDirLockedError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function ownerPid(pidPath: string): Promise<number | null> {
  const text = await readFile(pidPath, "utf8").catch(() => "");
  const pid = Number.parseInt(text, 10);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** Takes the folder for this process; resolves to the function that gives it back. */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, LOCK_NAME);
  const pidPath = `${lockPath}.pid`;
  const options = {
    lockfilePath: lockPath,
    stale: STALE_MS,
    // Losing the lock means another process may be writing the same files: stop rather than corrupt.
    onCompromised: (error: Error) => {
      console.error(`Lost the lock on the embedded database in ${dataDir}: ${error.message}. Stopping.`);
      process.exit(1);
    },
  };
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dataDir, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ELOCKED") throw error;
    const pid = await ownerPid(pidPath);
    if (pid === null || pid === process.pid || isAlive(pid)) throw new DataDirLockedError(dataDir, pid);
    // The owner died without unlocking (a crash): its lock protects nothing any more.
    await rm(lockPath, { recursive: true, force: true });
    try {
      release = await lockfile.lock(dataDir, options);
    } catch (retryError) {
      if ((retryError as NodeJS.ErrnoException).code === "ELOCKED") throw new DataDirLockedError(dataDir, await ownerPid(pidPath));
      throw retryError;
    }
  }
  await writeFile(pidPath, String(process.pid));
  return async () => {
    await rm(pidPath, { force: true });
    await release();
  };
}
