import { rmSync } from "node:fs";

/** Removes the run's folder (data folders, Caddy's state) that playwright.standalone.config.ts made. */
export default function teardown(): void {
  const runDir = process.env.LUMA_STANDALONE_RUN_DIR;
  if (runDir) rmSync(runDir, { recursive: true, force: true });
}
