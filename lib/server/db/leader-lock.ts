import "server-only";
import { Client } from "pg";

// Several instances on one PostgreSQL server: background work that must run once per deployment
// (reading the library's unread ids, listing the official account) runs on the instance that holds
// a session-level advisory lock. The lock lives on a connection of its own, so it goes away with
// that connection: an instance that dies (even kill -9) frees it, and the next one to try takes over.

export interface LeaderLock {
  /** Whether this process holds the lock now; tries to take it when it does not. */
  held(): Promise<boolean>;
  /** Gives the lock up and closes its connection. */
  release(): Promise<void>;
}

/** The one process of an embedded database always leads. */
export const ALWAYS_LEADER: LeaderLock = { held: async () => true, release: async () => {} };

export function postgresLeaderLock(url: string, key: number, options: { warn?: (message: string) => void } = {}): LeaderLock {
  const warn = options.warn ?? ((message: string) => console.warn(message));
  let client: Client | null = null;
  let holding = false;
  let released = false;
  let trying: Promise<boolean> | null = null;

  const forget = (lost: Client) => {
    if (client !== lost) return;
    if (holding) warn("Lost the connection that held the library's leader lock; another instance may take over.");
    client = null;
    holding = false;
    lost.end().catch(() => {});
  };

  async function tryTake(): Promise<boolean> {
    if (!client) {
      const fresh = new Client({ connectionString: url });
      fresh.on("error", () => forget(fresh));
      fresh.on("end", () => forget(fresh));
      try {
        await fresh.connect();
      } catch {
        await fresh.end().catch(() => {});
        return false;
      }
      client = fresh;
    }
    const current = client;
    try {
      const { rows } = await current.query<{ taken: boolean }>("select pg_try_advisory_lock($1) as taken", [key]);
      if (client === current) holding = rows[0]?.taken === true;
    } catch {
      forget(current);
    }
    return holding;
  }

  return {
    held() {
      if (released) return Promise.resolve(false);
      if (holding && client) return Promise.resolve(true);
      trying ??= tryTake().finally(() => {
        trying = null;
      });
      return trying;
    },
    async release() {
      released = true;
      const current = client;
      client = null;
      holding = false;
      // Closing the session frees the lock with it.
      if (current) await current.end().catch(() => {});
    },
  };
}
