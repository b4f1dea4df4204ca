import { mediaUrls, phaseAt, renderEnvelopeItem, renderOfficial, type RenderContext, type SimTask, type TaskSpec } from "./tasks";

// The bodies gateways and Luma POST to a callback_url (SPEC §1c). Each new generation speaks one
// of them for all its callbacks, in turn, so a run of the demo exercises every shape.

export const CALLBACK_SHAPES = ["official", "envelope", "flat", "wrapped"] as const;
export type CallbackShape = (typeof CALLBACK_SHAPES)[number];

export function renderCallback(shape: CallbackShape, t: SimTask, ctx: RenderContext): Record<string, unknown> {
  switch (shape) {
    case "official":
      return renderOfficial(t, ctx);
    case "envelope":
      return renderEnvelopeItem(t, ctx);
    case "flat":
      return { success: true, ...flatFields(t, ctx) };
    case "wrapped":
      return { timestamp: Math.floor(ctx.now / 1000), data: flatFields(t, ctx) };
  }
}

function flatFields(t: SimTask, ctx: RenderContext): Record<string, unknown> {
  const phase = phaseAt(t, ctx.now);
  const urls = phase.state === "completed" ? mediaUrls(t, ctx) : null;
  return {
    task_id: t.id,
    state: phase.state,
    progress: phase.progress,
    prompt: t.prompt,
    video_url: urls?.video ?? null,
    thumbnail_url: urls?.thumb ?? null,
    failure_reason: phase.state === "failed" ? t.failureReason : null,
    created_at: new Date(t.createdAt).toISOString(),
  };
}

const PROMPTS = [
  "a hummingbird hovering at a red flower, slow motion",
  "tiny astronauts building a sandcastle on a kitchen table",
  "a city skyline folding like a pop-up book",
  "waves crashing on black sand, long exposure",
  "a lantern festival over a river at night",
  "a chameleon walking across a tartan blanket, changing colour",
  "a train window view of fields at dusk",
  "ink drops blooming in water, macro",
];
const RATIOS = ["16:9", "9:16", "1:1", "4:3", "21:9", "3:4"];

/** The n-th generation the simulator makes by itself: running for a while, mostly a success. */
export function newGenerationSpec(n: number, timing: { pendingMs: number; processingMs: number }): TaskSpec {
  const failed = n % 7 === 6;
  return {
    prompt: PROMPTS[n % PROMPTS.length],
    aspectRatio: RATIOS[n % RATIOS.length],
    pendingMs: timing.pendingMs,
    processingMs: timing.processingMs,
    outcome: failed ? "failed" : "completed",
    failureReason: failed ? "Generation failed: upstream capacity" : undefined,
  };
}

export interface Delivery {
  id: string;
  shape: CallbackShape;
  state: string;
  attempt: number;
  /** HTTP status, or 0 when the app could not be reached. */
  status: number;
  at: number;
}

/** POSTs `body`, retrying quickly (as Luma does, three times) until the app answers 2xx. */
export async function deliver(
  url: string,
  body: unknown,
  retryDelaysMs: readonly number[],
  record: (attempt: number, status: number) => void,
  wait: (ms: number) => Promise<void>,
): Promise<boolean> {
  for (let attempt = 0; ; attempt++) {
    let status = 0;
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", "User-Agent": "luma-gallery-simulator" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(5000),
        redirect: "manual",
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch {
      status = 0;
    }
    record(attempt, status);
    if (status >= 200 && status < 300) return true;
    const delay = retryDelaysMs[attempt];
    if (delay === undefined) return false;
    await wait(delay);
  }
}
