import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import Redis from "ioredis";
import { startReadyApp, type RunningApp } from "../../scripts/lib/app-process";
import { startRedisServer, type RedisServer } from "../unit/redis-server";
import { E2E_KEY, SIM_URL } from "./env";
import { createTasks, resetCalls, resetSim, simCalls } from "./sim";

// Two instances of the production build share one Redis (SPEC §7): one reads the upstream for both,
// events reach the streams of both, and the fleet survives the death of its reader.

const INTERVAL_MS = 1_000;
const card = (page: Page, id: string) => page.locator(`[data-task-id="${id}"]`);

type Instance = RunningApp;

function startInstance(redisUrl: string): Promise<Instance> {
  return startReadyApp(
    {
      ...process.env,
      LUMA_API_BASE_URL: SIM_URL,
      LUMA_API_KEY: E2E_KEY,
      LUMA_POLL_INTERVAL_MS: String(INTERVAL_MS),
      REDIS_URL: redisUrl,
      RATE_LIMIT_PER_MINUTE: "0",
      DATA_DIR: mkdtempSync(path.join(tmpdir(), "luma-fleet-")),
    },
    90_000,
  );
}

async function leaseHolder(): Promise<string> {
  const client = new Redis(redis.url);
  try {
    return (await client.get("luma-gallery:live:leader")) ?? "";
  } finally {
    client.disconnect();
  }
}

let redis: RedisServer;
let instances: Instance[] = [];

test.beforeAll(async () => {
  test.setTimeout(120_000);
  redis = await startRedisServer();
  instances = await Promise.all([startInstance(redis.url), startInstance(redis.url)]);
});

test.afterAll(async () => {
  for (const { child } of instances) child.kill("SIGKILL");
  await redis.stop();
});

test.afterEach(async () => {
  await resetSim();
});

// First in this file: the instances have just started, and no stream has ever opened on the leader.
test("a stream on the instance that does not lead gets its task's change, though the leader has no stream of its own", async () => {
  test.setTimeout(60_000);
  let holder = "";
  for (const started = Date.now(); !holder && Date.now() - started < 10_000; await new Promise((r) => setTimeout(r, 100))) holder = await leaseHolder();
  const leader = instances.findIndex(({ child }) => holder.split(":")[1] === String(child.pid));
  expect(leader, `lease held by ${holder}`).toBeGreaterThanOrEqual(0);
  const follower = instances[1 - leader]!;
  const [id] = await createTasks([{ pendingMs: 0, processingMs: 3_000, prompt: "watched on the follower only" }]);
  const response = await fetch(`${follower.url}/api/events?ids=${id}`, { signal: AbortSignal.timeout(3_000 + 5 * INTERVAL_MS) });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const states: string[] = [];
  try {
    while (!states.includes("completed")) {
      const { value, done } = await reader.read();
      if (done) break;
      for (const match of value.matchAll(/"state":"(\w+)"/g)) states.push(match[1]!);
    }
  } catch {
    // the timeout: judged below
  } finally {
    await reader.cancel().catch(() => {});
  }
  expect(states.at(-1), states.join(" → ")).toBe("completed");
});

test("two instances with Redis: one upstream read per interval for both, and the leader's death is survived", async ({ browser }) => {
  test.setTimeout(120_000);
  const [running] = await createTasks([{ pendingMs: 0, processingMs: 60_000, prompt: "watched on two instances" }]);
  const pages = await Promise.all(instances.map(async ({ url }) => (await browser.newContext()).newPage().then(async (page) => {
    await page.goto(`${url}/?ids=${running}`);
    await expect(card(page, running!)).toHaveAttribute("data-state", "processing");
    return page;
  })));

  // Both instances have a stream on the same running task; count what the gateway sees for it.
  await resetCalls();
  const seconds = 6;
  await pages[0]!.waitForTimeout(seconds * 1000);
  const reads = (await simCalls()).log.filter((call) => call.ids.includes(running!)).length;
  console.log(`fleet of 2: ${reads} upstream reads of the watched task in ${seconds} s (interval ${INTERVAL_MS} ms)`);
  expect(reads).toBeGreaterThanOrEqual(seconds - 2);
  expect(reads).toBeLessThanOrEqual(seconds + 1);

  // Kill the leader outright; a task that changes afterwards still reaches the other instance's
  // view, within its run time plus two intervals for the takeover.
  const holder = await leaseHolder();
  const leader = instances.findIndex(({ child }) => holder.split(":")[1] === String(child.pid));
  expect(leader, `lease held by ${holder}`).toBeGreaterThanOrEqual(0);
  const survivor = 1 - leader;
  const [quick] = await createTasks([{ pendingMs: 0, processingMs: 8_000, prompt: "finishes after a death" }]);
  await pages[survivor]!.goto(`${instances[survivor]!.url}/?ids=${quick}`);
  await expect(card(pages[survivor]!, quick!)).toHaveAttribute("data-state", "processing");
  instances[leader]!.child.kill("SIGKILL");
  await expect(card(pages[survivor]!, quick!)).toHaveAttribute("data-state", "completed", { timeout: 8_000 + 3 * INTERVAL_MS + 2_000 });
  expect((await leaseHolder()).split(":")[1]).toBe(String(instances[survivor]!.child.pid));
});
