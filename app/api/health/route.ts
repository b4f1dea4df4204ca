// GET /api/health – liveness for process managers and the test harness; says nothing secret
import { json } from "@/lib/api/respond";
import { gatewayConfig } from "@/lib/luma/env";

export function GET(): Response {
  return json({ ok: true, gatewayConfigured: gatewayConfig() !== null });
}
