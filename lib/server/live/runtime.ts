import "server-only";
import { serverEnv } from "@/lib/server/env";
import { processSingleton } from "@/lib/server/process-singleton";
import { startFleet, type Fleet } from "./fleet";
import { deliverLocal, setLivePublisher } from "./hub";
import { extendWatcher, processWatcher } from "./process-watcher";

/**
 * Wires live updates for this process at start: with REDIS_URL, joins the fleet (one leader reads
 * the upstream, events fan out through Redis); without it, everything stays in-process.
 */
export function startLive(): Fleet | null {
  return processSingleton("live-runtime", () => {
    const env = serverEnv();
    if (!env.REDIS_URL) return null;
    // The watcher must know it is in a fleet before anything creates it (the fleet's first beat does).
    let fleet: Fleet | null = null;
    extendWatcher({ isLeader: () => fleet?.isLeader() ?? false, remote: async () => (await fleet?.remote()) ?? { ids: [], library: false } });
    fleet = startFleet({
      url: env.REDIS_URL,
      intervalMs: env.LUMA_POLL_INTERVAL_MS,
      localWants: () => processWatcher().localWants(),
      deliver: deliverLocal,
    });
    const started = fleet;
    setLivePublisher((event) => started.publish(event));
    return started;
  });
}
