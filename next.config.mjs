import createNextIntlPlugin from "next-intl/plugin";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { API_CSP, EVERYWHERE, STATIC_CSP } from "./lib/server/http/security-headers.mjs";

// Only non-secret values may ever go in `env` here: anything in it is inlined into the browser
// bundles.

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  experimental: { inlineCss: true },
  reactStrictMode: true,
  // `node .next/standalone/server.js` runs the app with only the files it needs (the container image).
  output: "standalone",
  // Pinned, so a lockfile in a parent folder cannot move server.js deeper into .next/standalone.
  outputFileTracingRoot: path.dirname(fileURLToPath(import.meta.url)),
  // PGlite loads its WASM and data files from its own package folder at run time: bundling it would
  // lose them, so Node loads it from node_modules (and the standalone output traces it there).
  serverExternalPackages: ["@electric-sql/pglite", "pg"],
  // Read from the working directory at start (the schema migrations), so no import leads the
  // tracer to them: listed for every route, they land once in .next/standalone/drizzle.
  outputFileTracingIncludes: { "/**": ["./drizzle/**/*"] },
  async headers() {
    return [
      { source: "/:path*", headers: EVERYWHERE },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_CSP }] },
      { source: "/_next/static/:path*", headers: [{ key: "Content-Security-Policy", value: STATIC_CSP }] },
    ];
  },
};

// next-intl reads its per-request configuration from ./i18n/request.ts. Messages are compiled at
// build time, so the browser gets no ICU message parser (about 10 KB gzip of first-load script).
const withNextIntl = createNextIntlPlugin({
  experimental: { messages: { path: "./messages", format: "json", locales: "infer", precompile: true } },
});

export default withNextIntl(nextConfig);
