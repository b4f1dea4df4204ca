// The framework's floor: an empty Next.js App Router page built from this project's own installed
// next and react, so the budget compares like with like on the same machine. It lives in
// .perf/empty-app (ignored by git, lint and tsc) so that module resolution walks up to this
// project's node_modules; it is rebuilt when the installed Next version changes.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { nextBin, root } from "./app-process";

export const emptyAppDir = path.join(root, ".perf", "empty-app");

const FILES: Record<string, string> = {
  "package.json": JSON.stringify({ name: "empty-next-floor", private: true }, null, 2),
  "next.config.mjs": "export default {};\n",
  "app/layout.jsx": `export const metadata = { title: "Empty" };
export default function RootLayout({ children }) {
  return (<html lang="en"><body>{children}</body></html>);
}
`,
  // Some text, so the page has a largest contentful paint as any real page does. Dynamic like every
  // page of the app (they read cookies), so both are rendered per request.
  "app/page.jsx": `import { connection } from "next/server";
export default async function Page() {
  await connection();
  return (<main><h1>Empty page</h1><p>The floor of a Next.js App Router page.</p></main>);
}
`,
};

function nextVersion(): string {
  return (JSON.parse(readFileSync(path.join(root, "node_modules", "next", "package.json"), "utf8")) as { version: string }).version;
}

/** Writes and builds the empty app unless a build for the installed Next version is there. */
export function ensureEmptyAppBuilt(): void {
  const stamp = path.join(emptyAppDir, ".next", "built-with");
  const version = nextVersion();
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === version) return;
  for (const [file, text] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(emptyAppDir, file)), { recursive: true });
    writeFileSync(path.join(emptyAppDir, file), text);
  }
  console.log(`perf: building the empty Next ${version} page (once)…`);
  const result = spawnSync(nextBin, ["build", emptyAppDir], { cwd: emptyAppDir, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" }, stdio: "inherit" });
  if (result.status !== 0) throw new Error("building the empty Next app failed");
  writeFileSync(stamp, version);
}

export function spawnEmptyApp(port: number): ChildProcess {
  return spawn(nextBin, ["start", emptyAppDir, "-p", String(port), "-H", "127.0.0.1"], {
    cwd: emptyAppDir,
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
  });
}
