// POST /api/hooks/luma/{secret} – a gateway's callback: the task ids it names join the library
// and are read from the upstream in the background; answers 202 at once
import { serverEnv } from "@/lib/server/env";
import { ApiError } from "@/lib/server/http/errors";
import { parseJsonBodyText, readCappedText } from "@/lib/server/http/request";
import { json } from "@/lib/server/http/respond";
import { withApi } from "@/lib/server/http/with-api";
import { CALLBACKS_PER_MINUTE } from "@/lib/server/library/callback-budget";
import { callbackTaskIds } from "@/lib/server/library/callback-ids";
import { acceptCallback } from "@/lib/server/library/service";
import { webhookSecretMatches } from "@/lib/server/library/webhook-secret";

const MAX_CALLBACK_BYTES = 256 * 1024;
/** Storing the ids usually takes a few ms; past this the answer does not wait (the store goes on). */
const STORE_WAIT_MS = 50;

const tooLarge = () => new ApiError("payload_too_large", `A callback body may be at most ${MAX_CALLBACK_BYTES / 1024} KB.`);

export const POST = withApi(
  async (request: Request, ctx: RouteContext<"/api/hooks/luma/[secret]">) => {
    // Before a byte of the body is read: a wrong secret learns nothing, not even that the route exists.
    if (!webhookSecretMatches(serverEnv().LUMA_WEBHOOK_SECRET, (await ctx.params).secret)) {
      throw new ApiError("not_found", "Not found.");
    }
    if (Number(request.headers.get("content-length") ?? "0") > MAX_CALLBACK_BYTES) throw tooLarge();
    const ids = callbackTaskIds(parseJsonBodyText(await readCappedText(request, MAX_CALLBACK_BYTES, tooLarge)));
    if (ids.length === 0) {
      throw new ApiError("bad_request", 'The callback names no task id (looked for "id", "task_id", "taskId", "generation_id" and "video_id", at the top level and in "data").');
    }
    const stored = acceptCallback(ids).catch((error: unknown) => {
      console.error("Callback not stored:", error instanceof Error ? error.message : "unknown error");
    });
    await Promise.race([stored, new Promise((resolve) => setTimeout(resolve, STORE_WAIT_MS))]);
    return json({ accepted: ids }, { status: 202 });
  },
  // Outside the password gate, with a budget of its own, and server to server (no Origin to check).
  { access: "open", rateLimit: { bucket: "callbacks", perMinute: () => CALLBACKS_PER_MINUTE }, sameOrigin: false },
);
