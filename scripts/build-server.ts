// Part of `npm run build`: bundles server.ts (and the lib code it shares with the app) into
// .next/luma-server.cjs, which `npm start` runs with plain node. Packages stay external: node loads
// them from node_modules, the same copies Next uses.
import path from "node:path";
import { build } from "esbuild";
import { root, serverBundle } from "./lib/app-process";

async function main(): Promise<void> {
  await build({
    entryPoints: [path.join(root, "server.ts")],
    outfile: serverBundle,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    packages: "external",
    tsconfig: path.join(root, "tsconfig.json"),
    // `server-only` guards modules against a client bundle; this bundle is the server itself.
    alias: { "server-only": path.join(root, "lib", "server", "server-only-stub.ts") },
    logLevel: "warning",
  });
  console.log(`build-server: wrote ${path.relative(root, serverBundle)}`);
}

main().catch((error: unknown) => {
  console.error("build-server:", error instanceof Error ? error.message : error);
  process.exit(1);
});
