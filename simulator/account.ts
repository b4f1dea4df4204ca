import { createHash } from "node:crypto";
import type { TaskSpec } from "./tasks";

// An official Luma account's history: a few hundred finished generations, the same ids, prompts
// and order on every start (times count back from the start), so paging can be tested.

const SUBJECTS = [
  "a fox", "a lighthouse", "an old tram", "a paper crane", "a glass whale", "a desert caravan",
  "a robot gardener", "a koi pond", "a snow leopard", "a night market", "a hot-air balloon", "a violinist",
];
const ACTIONS = [
  "drifting through fog", "under neon rain", "at golden hour", "in slow motion", "seen from a drone",
  "in a snow globe", "made of origami", "during a thunderstorm", "reflected in a puddle", "at dawn",
];
const STYLES = ["cinematic", "35mm film", "watercolor", "claymation", "macro lens", "anime style", "long exposure"];
const RATIOS = ["16:9", "16:9", "9:16", "1:1", "4:3", "3:4", "21:9", "3:2", "2:3"];
const FAILURES = ["Prompt flagged by content moderation", "Generation timed out upstream", "Insufficient credits"];

const MIN = 60_000;

/** A v4-shaped UUID derived from `seed`, so account ids are stable across restarts. */
export function stableUuid(seed: string): string {
  const h = createHash("sha256").update(seed).digest("hex");
  const variant = "89ab"[Number.parseInt(h[16]!, 16) % 4];
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function accountTasks(size: number, start: number): TaskSpec[] {
  return Array.from({ length: size }, (_, i): TaskSpec => {
    const id = stableUuid(`luma-sim-account-${i}`);
    const n = Number.parseInt(id.slice(0, 8), 16);
    const failed = n % 17 === 0;
    return {
      id,
      prompt: `${SUBJECTS[n % SUBJECTS.length]} ${ACTIONS[(n >>> 4) % ACTIONS.length]}, ${STYLES[(n >>> 8) % STYLES.length]}`,
      aspectRatio: RATIOS[(n >>> 12) % RATIOS.length],
      // Newest first: generation i was made about i × 47 minutes before the start.
      createdAt: start - (i + 1) * 47 * MIN - (n % 20) * MIN,
      pendingMs: 8_000,
      processingMs: 70_000 + (n % 60) * 1000,
      outcome: failed ? "failed" : "completed",
      failureReason: failed ? FAILURES[n % FAILURES.length] : undefined,
    };
  });
}
