// GET /api/health – liveness for process managers and the test harness; says nothing secret
import { json } from "@/lib/server/http/respond";
import { withApi } from "@/lib/server/http/with-api";

// Open (no password) and not rate limited, so it must reveal nothing: not even whether a gateway
// is configured. The pages say that to visitors who may see them.
export const GET = withApi(() => json({ ok: true }), { access: "open", rateLimit: false });
