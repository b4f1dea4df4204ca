// CLI: `tsx simulator/main.ts`. Env: SIM_PORT, SIM_HOST, SIM_KEY, SIM_SHAPE, SIM_VIDEO_EXT,
// SIM_PUBLIC_URL, SIM_NO_BATCH=1, SIM_DEMO=0, SIM_VERBOSE=1, SIM_ACCOUNT_SIZE, SIM_CALLBACK_URL,
// SIM_CALLBACK_EVERY_MS ("20000-40000").
import { startSimulator, type Shape } from "./server";

const shapes: Shape[] = ["array", "envelope", "official"];

async function main() {
  const env = process.env;
  const shape = (env.SIM_SHAPE || "array") as Shape;
  if (!shapes.includes(shape)) throw new Error(`SIM_SHAPE must be one of ${shapes.join(", ")}`);
  const port = Number(env.SIM_PORT || 4010);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error("SIM_PORT must be a port number");
  const videoExt = env.SIM_VIDEO_EXT === "webm" ? "webm" : "mp4";
  const accountSize = env.SIM_ACCOUNT_SIZE ? Number(env.SIM_ACCOUNT_SIZE) : undefined;
  if (accountSize !== undefined && !(Number.isInteger(accountSize) && accountSize >= 0)) throw new Error("SIM_ACCOUNT_SIZE must be a whole number");
  const every = /^(\d+)(?:-(\d+))?$/.exec(env.SIM_CALLBACK_EVERY_MS ?? "");
  if (env.SIM_CALLBACK_EVERY_MS && !every) throw new Error('SIM_CALLBACK_EVERY_MS must be milliseconds, or a range like "20000-40000"');
  const everyMs: [number, number] | undefined = every ? [Number(every[1]), Number(every[2] ?? every[1])] : undefined;

  const sim = await startSimulator({
    port,
    host: env.SIM_HOST || "127.0.0.1",
    key: env.SIM_KEY || "sim-key",
    shape,
    videoExt,
    publicUrl: env.SIM_PUBLIC_URL || undefined,
    demo: env.SIM_DEMO !== "0",
    noBatchRoute: env.SIM_NO_BATCH === "1",
    verbose: env.SIM_VERBOSE === "1",
    accountSize,
    callbackUrl: env.SIM_CALLBACK_URL || undefined,
    callbacks: { everyMs },
  });
  // The path holds the app's webhook secret: show only where it goes.
  const callbacks = env.SIM_CALLBACK_URL ? `, calling back ${new URL(env.SIM_CALLBACK_URL).origin}` : "";
  process.stdout.write(`simulator listening on ${sim.url} (shape=${shape}${callbacks})\n`);

  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    void sim.close().then(() => process.exit(0));
    // A stuck close must not keep a test runner or `npm run demo` waiting.
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((e: unknown) => {
  process.stderr.write(`simulator failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
