// Stands in for the `server-only` package where server modules are loaded outside Next's server
// bundles: the custom server's bundle (scripts/build-server.ts), which is server code by definition,
// and the unit tests (vitest.config.mts). The package throws there; Next's bundles keep the real one.
export {};
