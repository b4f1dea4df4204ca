// Entry point of the standalone output (copied to .next/standalone/start.mjs by the build).
// Next's standalone server.js listens on HOSTNAME, which Docker and Kubernetes set to the
// container's own name; the app's setting is HOST, as for `npm start`, with the same default, so a
// local run is not on the network by accident and the container image says HOST=0.0.0.0.
process.env.HOSTNAME = process.env.HOST?.trim() || "127.0.0.1";
await import("./server.js");
