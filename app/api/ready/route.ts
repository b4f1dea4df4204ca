// GET /api/ready – 200 once the database answers (open, not rate limited, says nothing secret)
import { sql } from "drizzle-orm";
import { getDb } from "@/lib/server/db/client";
import { ApiError } from "@/lib/server/http/errors";
import { json } from "@/lib/server/http/respond";
import { withApi } from "@/lib/server/http/with-api";

export const dynamic = "force-dynamic";

const CHECK_TIMEOUT_MS = 2000;

async function databaseAnswers(): Promise<boolean> {
  const check = getDb().then((db) => db.execute(sql`select 1`)).then(
    () => true,
    () => false,
  );
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), CHECK_TIMEOUT_MS).unref());
  return Promise.race([check, timeout]);
}

export const GET = withApi(
  async () => {
    if (!(await databaseAnswers())) throw new ApiError("unavailable", "Not ready: the database does not answer yet.", { retryAfterSeconds: 1 });
    return json({ ok: true });
  },
  { access: "open", rateLimit: false },
);
