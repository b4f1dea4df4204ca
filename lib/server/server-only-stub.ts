// Stands in for the `server-only` package where server modules are loaded outside Next's server
// bundles (the unit tests, see vitest.config.mts): the package throws there.
export {};
