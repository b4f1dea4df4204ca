// GET /api/ready – 200 when the services this instance needs answer (the database, Redis where set), else 503
import { json } from "@/lib/server/http/respond";
import { withApi } from "@/lib/server/http/with-api";
import { checkReadiness } from "@/lib/server/readiness/checks";

// Open and not rate limited, like /api/health (load balancers and orchestrators poll it); it names
// the services it checks and nothing else: no addresses, no error messages.
export const GET = withApi(
  async () => {
    const report = await checkReadiness();
    if (report.ready) return json(report);
    const failing = report.checks.filter((check) => !check.ok).map((check) => check.name);
    return json(
      { ...report, error: { code: "unavailable", message: `Not ready: ${failing.join(", ")} not answering.` } },
      { status: 503, headers: { "Retry-After": "5" } },
    );
  },
  { access: "open", rateLimit: false },
);
