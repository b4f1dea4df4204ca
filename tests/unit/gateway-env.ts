import { afterAll, beforeAll, beforeEach } from "vitest";
import { startSimulator, type Simulator } from "../../simulator/server";

/**
 * A simulator on a free port with the server's env pointed at it, as the app runs against a
 * real gateway. Set before the server modules under test are imported or called.
 */
export async function startGatewayForServer(options: { key: string; pollIntervalMs?: number; timeoutMs?: number }): Promise<Simulator> {
  const sim = await startSimulator({ port: 0, key: options.key, demo: false });
  process.env.LUMA_API_BASE_URL = sim.url;
  process.env.LUMA_API_KEY = sim.key;
  if (options.pollIntervalMs !== undefined) process.env.LUMA_POLL_INTERVAL_MS = String(options.pollIntervalMs);
  if (options.timeoutMs !== undefined) process.env.LUMA_TIMEOUT_MS = String(options.timeoutMs);
  return sim;
}

export interface GatewayForServer {
  sim: Simulator;
  loader: typeof import("@/lib/server/gateway/loader");
}

/**
 * A file's gateway: the simulator started (and the env set) before its tests, stopped after them,
 * and before each test the simulator's tasks and the loader's cache emptied, so no test reads
 * another's answers. Fields are filled once the suite starts.
 */
export function gatewayForServerTests(options: { key: string; pollIntervalMs?: number; timeoutMs?: number }): GatewayForServer {
  const gateway = {} as GatewayForServer;
  beforeAll(async () => {
    gateway.sim = await startGatewayForServer(options);
    gateway.loader = await import("@/lib/server/gateway/loader");
  });
  afterAll(async () => {
    await gateway.sim?.close();
  });
  beforeEach(() => {
    gateway.sim.reset();
    gateway.loader.resetLoader();
  });
  return gateway;
}
