import "server-only";
import Redis from "ioredis";
import { processSingleton } from "@/lib/server/process-singleton";
import type { ReadinessCheck } from "./run";

// One connection per process for all probes, whoever sends them: /api/ready is open, and a
// connection per request would let anyone make the app open connections to Redis.
const clients = processSingleton("readiness-redis", () => new Map<string, Redis>());

function clientFor(url: string): Redis {
  let client = clients.get(url);
  if (!client) {
    client = new Redis(url, {
      lazyConnect: true,
      // A probe fails fast and the next one tries again; reconnecting goes on in the background.
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    });
    // Connection trouble arrives as events; unheard, they would crash the process. The probe's
    // answer is what reports it.
    client.on("error", () => {});
    clients.set(url, client);
  }
  return client;
}

/** Ready when Redis at `url` answers PING. */
export function redisReadinessCheck(url: string): ReadinessCheck {
  return {
    name: "redis",
    async probe() {
      const client = clientFor(url);
      if (client.status === "wait") client.connect().catch(() => {});
      const answer = await client.ping();
      if (answer !== "PONG") throw new Error(`unexpected answer to PING: ${answer}`);
    },
  };
}

/** Test hook: close the probes' connections. */
export async function closeRedisReadinessClients(): Promise<void> {
  const open = [...clients.values()];
  clients.clear();
  await Promise.all(open.map((client) => client.quit().catch(() => client.disconnect())));
}
