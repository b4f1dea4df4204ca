// `npm run demo`: the whole app on the built-in gateway simulator, with no configuration.
// Builds when the build is missing or older than the sources, then runs the production server
// (`npm start`; `--dev`: `next dev`) on $PORT.
import { spawn, type ChildProcess } from "node:child_process";
import { DEMO_IDS } from "../simulator/demo-set";
import { startSimulator } from "../simulator/server";
import { ensureBuild, nextBin, root, spawnProductionServer } from "./lib/app-process";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT || 3000);
const simPort = Number(process.env.SIM_PORT || port + 1010);
// The demo key only opens the local simulator; it is not a secret.
const DEMO_KEY = "demo-key";

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

  if (!dev) ensureBuild("demo", env);

  const app: ChildProcess = dev
    ? spawn(nextBin, ["dev", "-p", String(port)], { cwd: root, env, stdio: "inherit" })
    : spawnProductionServer(env, { port });
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
