import "server-only";
import { ALWAYS_LEADER, postgresLeaderLock, type LeaderLock } from "@/lib/server/db/leader-lock";
import { serverEnv } from "@/lib/server/env";
import { processSingleton } from "@/lib/server/process-singleton";

// Any constant shared by every instance of the app; it names "the library's background reader" lock.
const LIBRARY_LEADER_KEY = 7_215_042_912;

/** How often an instance that does not lead tries again (and a leader looks for ids others added). */
export const LEADER_RETRY_MS = 3000;

/** Whether this instance runs the library's once-per-deployment background work (SPEC §2 DATABASE_URL). */
export function libraryLeadership(): LeaderLock {
  return processSingleton("library-leadership", () => {
    const url = serverEnv().DATABASE_URL;
    return url ? postgresLeaderLock(url, LIBRARY_LEADER_KEY) : ALWAYS_LEADER;
  });
}

/** Several instances may share the database: followers must keep trying to take over. */
export function sharedDatabase(): boolean {
  return serverEnv().DATABASE_URL !== undefined;
}
