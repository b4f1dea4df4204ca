import "server-only";
import { hostname } from "node:os";
import Redis from "ioredis";
import type { LiveEvent } from "./events";
import type { RemoteWants } from "./watcher";

// Several instances behind one proxy: one of them (the holder of a renewable lease in Redis)
// reads the upstream for the streams of all of them; every instance shares what its streams watch
// through Redis, and events reach every instance's streams through Redis pub/sub.

export interface FleetOptions {
  url: string;
  intervalMs: number;
  /** What this instance's streams watch now. */
  localWants: () => RemoteWants;
  /** Delivers an event (from any instance) to this instance's streams. */
  deliver: (event: LiveEvent) => void;
  prefix?: string;
  instanceId?: string;
  warn?: (message: string) => void;
}

export interface Fleet {
  readonly instanceId: string;
  isLeader(): boolean;
  remote(): Promise<RemoteWants>;
  publish(event: LiveEvent): void;
  /** `release: false` leaves the lease to expire, as a crash would. */
  close(options?: { release?: boolean }): Promise<void>;
}

// Renews the lease only while this instance still holds it; takes it when it is free.
const LEASE_SCRIPT = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if not holder then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
`;

export function startFleet(options: FleetOptions): Fleet {
  const prefix = options.prefix ?? "luma-gallery:live:";
  const instanceId = options.instanceId ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const leaseKey = `${prefix}leader`;
  const instancesKey = `${prefix}instances`;
  const wantsKey = (id: string) => `${prefix}wants:${id}`;
  const channel = `${prefix}events`;
  // The lease outlives a missed renewal but not two intervals: a dead leader is replaced within two.
  const leaseMs = Math.round(options.intervalMs * 1.5);
  const beatMs = Math.max(100, Math.round(options.intervalMs / 2));
  const wantsTtlMs = options.intervalMs * 3;

  const redisOptions = { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false } as const;
  const commands = new Redis(options.url, redisOptions);
  const subscriber = new Redis(options.url, { ...redisOptions, enableOfflineQueue: true, maxRetriesPerRequest: null });
  let leader = false;
  /** Since when Redis has failed; past two intervals every instance reads for itself. */
  let failingSince: number | null = null;
  let warned = false;

  const failed = (error: unknown) => {
    failingSince ??= Date.now();
    if (!warned) {
      warned = true;
      warn(`Live updates: Redis is not answering (${error instanceof Error ? error.message : "unknown error"}); each instance reads the upstream for its own streams until it does.`);
    }
  };
  const ok = () => {
    failingSince = null;
    warned = false;
  };
  const redisDown = () => failingSince !== null && Date.now() - failingSince > options.intervalMs * 2;

  commands.on("error", () => {});
  subscriber.on("error", () => {});
  void subscriber.subscribe(channel).catch(failed);
  subscriber.on("message", (_channel: string, text: string) => {
    try {
      options.deliver(JSON.parse(text) as LiveEvent);
    } catch {
      // A message this version cannot read is not this instance's to act on.
    }
  });

  const joinedAt = Date.now();
  commands.once("ready", () => void beat());

  async function beat(): Promise<void> {
    // The connection is still being made at start: only past an interval is that an outage.
    if (commands.status !== "ready" && Date.now() - joinedAt < options.intervalMs) return;
    try {
      const now = Date.now();
      const wants = options.localWants();
      const pipeline = commands.multi();
      pipeline.eval(LEASE_SCRIPT, 1, leaseKey, instanceId, String(leaseMs));
      pipeline.zadd(instancesKey, now, instanceId);
      pipeline.zremrangebyscore(instancesKey, "-inf", now - wantsTtlMs);
      pipeline.del(wantsKey(instanceId));
      if (wants.ids.length > 0) pipeline.sadd(wantsKey(instanceId), ...wants.ids);
      if (wants.library) pipeline.sadd(wantsKey(instanceId), "library");
      pipeline.pexpire(wantsKey(instanceId), wantsTtlMs);
      const results = await pipeline.exec();
      leader = results?.[0]?.[1] === 1;
      ok();
    } catch (error) {
      leader = false;
      failed(error);
    }
  }

  const timer = setInterval(() => void beat(), beatMs);
  timer.unref?.();

  return {
    instanceId,
    isLeader: () => leader || redisDown(),
    async remote() {
      try {
        const now = Date.now();
        const instances = await commands.zrangebyscore(instancesKey, now - wantsTtlMs, "+inf");
        const others = instances.filter((id) => id !== instanceId);
        if (others.length === 0) return { ids: [], library: false };
        const members = await commands.sunion(...others.map(wantsKey));
        return { ids: members.filter((m) => m !== "library").sort(), library: members.includes("library") };
      } catch (error) {
        failed(error);
        return { ids: [], library: false };
      }
    },
    publish(event) {
      commands.publish(channel, JSON.stringify(event)).catch((error: unknown) => {
        failed(error);
        // Without Redis, this instance's own streams still get the event.
        options.deliver(event);
      });
    },
    async close({ release = true } = {}) {
      clearInterval(timer);
      try {
        if (leader && release) await commands.eval("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0", 1, leaseKey, instanceId);
      } catch {
        // the lease expires by itself
      }
      commands.disconnect();
      subscriber.disconnect();
    },
  };
}
