// Completes `next build`'s standalone output so `node .next/standalone/start.mjs` runs on its own:
// Next leaves the browser assets (.next/static) and public/ for the deployer to copy.
import { cpSync, existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { dropGlobalErrorCssUnder } from "./drop-global-error-css.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const standalone = path.join(root, ".next/standalone");

/** Files PGlite opens beside its own code at run time; the build fails rather than ship without them. */
const PGLITE_RUNTIME_FILES = ["pglite.wasm", "pglite.data", "initdb.wasm", "pg_trgm.tar.gz"];

function copyDir(from, to) {
  rmSync(to, { recursive: true, force: true });
  if (existsSync(from)) cpSync(from, to, { recursive: true });
}

if (!existsSync(path.join(standalone, "server.js"))) {
  console.error(`postbuild: ${path.relative(root, standalone)}/server.js is missing; is output: "standalone" still set in next.config.mjs?`);
  process.exit(1);
}
copyDir(path.join(root, ".next/static"), path.join(standalone, ".next/static"));
copyDir(path.join(root, "public"), path.join(standalone, "public"));
cpSync(path.join(root, "scripts/standalone/start.mjs"), path.join(standalone, "start.mjs"));

const pgliteDist = path.join(standalone, "node_modules/@electric-sql/pglite/dist");
if (existsSync(pgliteDist)) {
  const missing = PGLITE_RUNTIME_FILES.filter((file) => !existsSync(path.join(pgliteDist, file)));
  if (missing.length) {
    console.error(`postbuild: the standalone output lacks PGlite's ${missing.join(", ")}: list them in outputFileTracingIncludes (next.config.mjs).`);
    process.exit(1);
  }
}
// The schema migrations, read from the working directory at start (outputFileTracingIncludes).
const migrations = path.join(root, "drizzle");
if (existsSync(migrations)) {
  const missing = readdirSync(migrations, { recursive: true })
    .map(String)
    .filter((file) => !existsSync(path.join(standalone, "drizzle", file)));
  if (missing.length) {
    console.error(`postbuild: the standalone output lacks the migrations ${missing.join(", ")}: check outputFileTracingIncludes (next.config.mjs).`);
    process.exit(1);
  }
}

const manifests = [".next/server/app", ".next/standalone/.next/server/app"].map((dir) => dropGlobalErrorCssUnder(path.join(root, dir)));
console.log(`postbuild: the global-error's copy of the stylesheet dropped from ${manifests.join(" + ")} manifests`);
console.log("postbuild: .next/standalone is complete (static assets, public/, start.mjs)");
