// Runs once when a server process starts (Next's instrumentation hook), before any request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startLive } = await import("@/lib/server/live/runtime");
  startLive();
}
