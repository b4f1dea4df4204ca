// `npm run demo`: the whole app on the built-in gateway simulator, with no configuration.
// Builds when the build is missing or older than the sources, then runs the production server
// (`npm start`; `--dev`: `next dev`) on $PORT. Once the app answers, the simulator makes a new
// generation every 20–40 s and calls the app's webhook about it, so the gallery fills itself.
// `LUMA_PROVIDER=official npm run demo` runs the app against the simulator's official API instead.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DEMO_IDS } from "../simulator/demo-set";
import { startSimulator, type Shape } from "../simulator/server";
import { ensureBuild, nextBin, root, spawnProductionServer, waitForOk } from "./lib/app-process";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT || 3000);
const simPort = Number(process.env.SIM_PORT || port + 1010);
const official = process.env.LUMA_PROVIDER === "official";
// The demo key only opens the local simulator; it is not a secret.
const DEMO_KEY = "demo-key";
// A fresh secret per run unless one is given: the callback URL is the only thing guarding the route.
const webhookSecret = process.env.LUMA_WEBHOOK_SECRET || randomBytes(18).toString("base64url");
// The simulator's tasks live in memory, so a library kept from an earlier run would point at ids it no longer knows.
const dataDir = mkdtempSync(path.join(tmpdir(), "luma-gallery-demo-"));

function everyMs(): [number, number] | undefined {
  const m = /^(\d+)(?:-(\d+))?$/.exec(process.env.SIM_CALLBACK_EVERY_MS ?? "");
  return m ? [Number(m[1]), Number(m[2] ?? m[1])] : undefined;
}

async function main() {
  const sim = await startSimulator({
    port: simPort,
    key: DEMO_KEY,
    shape: (process.env.SIM_SHAPE as Shape) || "array",
    callbacks: { everyMs: everyMs() },
  });
  console.log(`demo: gateway simulator on ${sim.url} (${DEMO_IDS.length} demo tasks, some finishing over the next minute and a half)`);

  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    LUMA_PROVIDER: official ? "official" : "gateway",
    LUMA_API_BASE_URL: official ? `${sim.url}/dream-machine/v1` : sim.url,
    LUMA_API_KEY: DEMO_KEY,
    LUMA_DEMO_IDS: DEMO_IDS.join(","),
    LUMA_WEBHOOK_SECRET: webhookSecret,
    DATA_DIR: dataDir,
    PORT: String(port),
  };

  if (!dev) ensureBuild("demo", env);

  const app: ChildProcess = dev
    ? spawn(nextBin, ["dev", "-p", String(port)], { cwd: root, env, stdio: "inherit" })
    : spawnProductionServer(env, { port });
  console.log(`demo: open http://localhost:${port}`);

  let stopping = false;
  const cleanUp = () => rmSync(dataDir, { recursive: true, force: true });
  // The data folder goes only after the app has exited: it writes there until its last moment.
  const stop = () => {
    if (stopping) return;
    stopping = true;
    app.kill("SIGTERM");
    // A server that does not stop within 5 s (open streams) must not outlive the demo.
    setTimeout(() => {
      app.kill("SIGKILL");
      cleanUp();
      process.exit(0);
    }, 5000).unref();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  app.on("exit", (code) => {
    void sim.close().finally(() => { cleanUp(); process.exit(stopping ? 0 : (code ?? 0)); });
  });

  // Callbacks start only once the app and its database answer (/api/ready), so none is spent on a
  // server still starting.
  try {
    await waitForOk(`http://127.0.0.1:${port}/api/ready`, 180_000);
  } catch {
    console.warn("demo: the app did not answer within 3 minutes; the simulator will not call it back");
    return;
  }
  if (stopping) return;
  sim.setCallbackUrl(`http://127.0.0.1:${port}/api/hooks/luma/${webhookSecret}`);
  const [min, max] = everyMs() ?? [20_000, 40_000];
  const every = min === max ? `${min / 1000} s` : `${min / 1000}–${max / 1000} s`;
  console.log(`demo: the simulator now makes a new generation every ${every} and calls the app back about it`);
}

main().catch((error: unknown) => {
  console.error("demo:", error instanceof Error ? error.message : error);
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(1);
});
