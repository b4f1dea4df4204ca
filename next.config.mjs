import { API_CSP, EVERYWHERE, STATIC_CSP } from "./lib/api/security-headers.mjs";

// Only non-secret values may ever go in `env` here: anything in it is inlined into the browser
// bundles. The security headers are shared with the custom server (lib/api/security-headers.mjs).

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  async headers() {
    return [
      { source: "/:path*", headers: EVERYWHERE },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_CSP }] },
      { source: "/_next/static/:path*", headers: [{ key: "Content-Security-Policy", value: STATIC_CSP }] },
    ];
  },
};

export default nextConfig;
