// Runs once when a server process starts (Next's instrumentation hook), before any request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startLive } = await import("@/lib/server/live/runtime");
  startLive();
  // Opening the database takes seconds (a fresh embedded folder ~5 s): start now rather than on
  // the first request, and pick up ids a previous run left unread. Not awaited: /api/health
  // answers meanwhile, and /api/ready says 503 until the database answers.
  const { startLibrary } = await import("./lib/server/library/start");
  startLibrary();
}
