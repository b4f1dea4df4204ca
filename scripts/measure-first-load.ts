// Prints the first-load JavaScript of each page (gzip), which `next build` no longer reports.
// Builds first when the build is stale; starts the simulator and the production server on free ports itself.
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { DEMO_IDS } from "../simulator/demo-set";
import { startSimulator } from "../simulator/server";
import { ensureBuild, freePort, root, spawnProductionServer, waitForOk } from "./lib/app-process";


async function main() {
  ensureBuild("measure");
  const key = "measure-key";
  const sim = await startSimulator({ port: 0, key });
  const port = await freePort();
  const app = spawnProductionServer(
    { ...process.env, LUMA_API_BASE_URL: sim.url, LUMA_API_KEY: key, LUMA_DEMO_IDS: DEMO_IDS.join(",") },
    { port, hostname: "127.0.0.1", stdio: "ignore" },
  );
  try {
    const origin = `http://127.0.0.1:${port}`;
    await waitForOk(`${origin}/api/health`, 30_000);
    const pages = ["/", "/lookup", `/tasks/${DEMO_IDS[4]}`];
    console.log("page                                              scripts   raw KB   gzip KB");
    for (const page of pages) {
      const html = await (await fetch(origin + page)).text();
      const srcs = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map((m) => m[1]!))].filter((s) => s.startsWith("/_next/static/"));
      let raw = 0;
      let gz = 0;
      for (const src of srcs) {
        const file = readFileSync(path.join(root, ".next", decodeURIComponent(src.replace(/^\/_next\//, "").split("?")[0]!)));
        raw += file.length;
        gz += gzipSync(file, { level: 9 }).length;
      }
      console.log(`${page.padEnd(50)}${String(srcs.length).padStart(7)}${(raw / 1024).toFixed(1).padStart(9)}${(gz / 1024).toFixed(1).padStart(10)}`);
    }
  } finally {
    app.kill("SIGTERM");
    await sim.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
