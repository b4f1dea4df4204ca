// POST /api/library/sync – list the official Luma account into the library now (LUMA_PROVIDER=official)
// → {pages, listed, added, at}
import { ApiError } from "@/lib/server/http/errors";
import { json } from "@/lib/server/http/respond";
import { withApi } from "@/lib/server/http/with-api";
import { accountSyncer } from "@/lib/server/library/provider-sync";

export const dynamic = "force-dynamic";

export const POST = withApi(async () => {
  const syncer = accountSyncer();
  if (!syncer) {
    throw new ApiError("conflict", "There is no account to sync: it is listed only with LUMA_PROVIDER=official (Luma's own API). Gateways call back instead.");
  }
  const result = await syncer.syncNow();
  const last = syncer.lastResult();
  return json({ ...result, at: new Date(last?.at ?? Date.now()).toISOString() });
});
