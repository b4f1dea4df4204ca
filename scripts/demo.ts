// `npm run demo`: the whole app on the built-in gateway simulator, with no configuration.
// Builds when the build is missing or older than the sources, then runs `next start` on $PORT.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { DEMO_IDS } from "../tests/simulator/demo-set";
import { startSimulator } from "../tests/simulator/server";

const root = path.resolve(__dirname, "..");
const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT || 3000);
const simPort = Number(process.env.SIM_PORT || port + 1010);
// The demo key only opens the local simulator; it is not a secret.
const DEMO_KEY = "demo-key";

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function buildIsStale(): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  const sources = ["app", "components", "lib", "public"].map((d) => path.join(root, d)).filter(existsSync);
  const configs = ["next.config.mjs", "tailwind.config.ts", "package.json"].map((f) => path.join(root, f)).filter(existsSync);
  return Math.max(...sources.map(newestSource), ...configs.map((f) => statSync(f).mtimeMs)) > built;
}

async function main() {
  const sim = await startSimulator({ port: simPort, key: DEMO_KEY, shape: (process.env.SIM_SHAPE as "array") || "array" });
  console.log(`demo: gateway simulator on ${sim.url} (${DEMO_IDS.length} demo tasks, some finishing over the next minute and a half)`);

  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    LUMA_API_BASE_URL: sim.url,
    LUMA_API_KEY: DEMO_KEY,
    LUMA_DEMO_IDS: DEMO_IDS.join(","),
    PORT: String(port),
  };
  const nextBin = path.join(root, "node_modules", ".bin", "next");

  if (!dev && buildIsStale()) {
    console.log("demo: building the app (about 30 s, once)…");
    const build = spawnSync(nextBin, ["build"], { cwd: root, env, stdio: "inherit" });
    if (build.status !== 0) {
      await sim.close();
      process.exit(build.status ?? 1);
    }
  }

  const app: ChildProcess = spawn(nextBin, [dev ? "dev" : "start", "-p", String(port)], { cwd: root, env, stdio: "inherit" });
  console.log(`demo: open http://localhost:${port}`);

  const stop = () => {
    app.kill("SIGTERM");
    void sim.close().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  app.on("exit", (code) => {
    void sim.close().finally(() => process.exit(code ?? 0));
  });
}

main().catch((error: unknown) => {
  console.error("demo:", error instanceof Error ? error.message : error);
  process.exit(1);
});
