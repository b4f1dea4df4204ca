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
