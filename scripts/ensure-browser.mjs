#!/usr/bin/env node
// Makes sure the end-to-end tests have a Chromium: $CHROMIUM_PATH, Playwright's own browser,
// or a system Chromium; otherwise tries `npx playwright install chromium`, then apt (as root).
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const SYSTEM = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

function found() {
  if (process.env.CHROMIUM_PATH) return existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : null;
  const system = SYSTEM.find((p) => existsSync(p));
  if (system) return system;
  try {
    const bundled = require("playwright-core").chromium.executablePath();
    if (bundled && existsSync(bundled)) return bundled;
  } catch {
    // no bundled browser
  }
  return null;
}

function attempt(label, command) {
  console.log(`ensure-browser: no Chromium found; trying ${label}…`);
  try {
    execSync(command, { stdio: "inherit", timeout: 10 * 60_000 });
  } catch {
    console.log(`ensure-browser: ${label} did not work.`);
  }
  return found();
}

let browser = found();
if (!browser) browser = attempt("npx playwright install chromium", "npx playwright install chromium");
if (!browser && process.getuid?.() === 0) {
  browser = attempt("apt-get install chromium", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium");
}
if (!browser) {
  console.error(
    "ensure-browser: no Chromium available. Install one (Debian/Ubuntu: `sudo apt-get install chromium`; elsewhere: `npx playwright install chromium`), or set CHROMIUM_PATH to a Chrome/Chromium binary.",
  );
  process.exit(1);
}
console.log(`ensure-browser: using ${browser}`);
