import type { TaskSpec } from "./tasks";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** A finished task made `ago` ms before the simulator started, with a realistic timeline. */
function past(id: string, ago: number, prompt: string, aspectRatio: string, extra: Partial<TaskSpec> = {}) {
  return (start: number): TaskSpec => ({
    id, prompt, aspectRatio,
    createdAt: start - ago,
    pendingMs: 12_000,
    processingMs: 95_000,
    ...extra,
  });
}

/** A task still running when the simulator starts; it finishes `finishIn` ms after start. */
function live(id: string, startedBefore: number, pendingMs: number, finishIn: number, prompt: string, aspectRatio: string, clip?: string) {
  return (start: number): TaskSpec => ({
    id, prompt, aspectRatio, clip,
    createdAt: start - startedBefore,
    pendingMs,
    processingMs: startedBefore + finishIn - pendingMs,
  });
}

// Fixed ids keep demo links and bookmarks stable across restarts; clips are named where several
// tasks share a ratio, so the demo's cards all look different.
const DEMO: Array<(start: number) => TaskSpec> = [
  live("3f2a9c4e-8b1d-4e6f-9a07-5c3d2b1e0f41", 30_000, 5_000, 25_000,
    "a paper boat drifting down a rain-soaked street at dusk, reflections of shop lights", "16:9", "life-tide"),
  live("7b6e1d2c-4a5f-4c8b-8e3d-2f1a0b9c8d72", 5_000, 15_000, 40_000,
    "slow dolly shot through a sunflower field, bees in the foreground, golden hour", "9:16", "gradient-aurora"),
  live("c41d8e7f-2b3a-4d5c-9f6e-1a0b2c3d4e53", 60_000, 10_000, 65_000,
    "timelapse of fog pouring over a mountain ridge at sunrise", "21:9", "seahorse-valley"),
  live("e8f7a6b5-c4d3-4e2f-8a1b-0c9d8e7f6a64", 0, 20_000, 90_000,
    "a corgi in a yellow raincoat splashing through puddles, slow motion", "1:1", "rule-110"),

  past("4665a07c-7641-4809-a133-10786201bb56", 2 * HOUR, "cat dance", "16:9", { clip: "mandelbrot-zoom" }),
  past("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c05", 5 * HOUR,
    "<img src=x onerror=alert(1)> neon <b>sign</b> flickering above a ramen shop in the rain", "16:9", { clip: "rule-30" }),
  past("b5c6d7e8-f9a0-4b1c-9d2e-3f4a5b6c7d86", 9 * HOUR,
    "an astronaut tending a tiny greenhouse on the moon, earthrise in the window", "4:3", { emptyDownloadUrl: true }),
  past("0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b97", 1 * DAY, "東京の夜、雨に濡れた交差点とネオンの反射", "9:16", { clip: "life-neon" }),
  past("5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2ca8", 1 * DAY + 3 * HOUR,
    "macro shot of a dew drop falling from a fern leaf", "1:1"),
  past("9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7cb9", 2 * DAY,
    "a lighthouse keeper climbing spiral stairs with a lantern, storm outside, cinematic", "2:3"),
  past("2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5eca", 2 * DAY + 6 * HOUR,
    "aerial view of a turquoise river winding through autumn forest", "21:9", { emptyDownloadUrl: true }),
  past("6f7e8d9c-0b1a-4f2e-8d3c-4b5a6f7e8ddb", 3 * DAY,
    "a steam locomotive crossing a snowy viaduct, smoke trailing, drone shot", "3:2"),
  past("d8c7b6a5-9f0e-4d1c-ab2a-3f4e5d6c7bec", 4 * DAY,
    "jellyfish glowing in a dark aquarium, children silhouettes pressed to the glass", "3:4"),
  past("1e2d3c4b-5a6f-4e7d-9c8b-a0f1e2d3c4fd", 5 * DAY,
    "a street musician playing violin under a bridge, autumn leaves falling, handheld camera, shallow depth of field, warm grade, people walking past in soft focus while a tram passes in the background", "16:9", { clip: "life-tide" }),
  past("8b9a0f1e-2d3c-4b5a-8f6e-7d8c9b0a1f0e", 6 * HOUR,
    "a dragon made of origami unfolding its wings on a desk", "16:9",
    { outcome: "failed", failureReason: "Prompt flagged by content moderation" }),
  past("f0e1d2c3-b4a5-4968-b7c6-d5e4f3a2b11f", 3 * DAY + 2 * HOUR,
    "underwater city with bioluminescent towers, camera gliding between them", "16:9",
    { outcome: "failed", failureReason: "Generation timed out upstream" }),
];

export function demoTasks(start: number): TaskSpec[] {
  return DEMO.map((make) => make(start));
}

export const DEMO_IDS: readonly string[] = demoTasks(0).map((t) => t.id ?? "");

/** The demo tasks still running at simulator start, and when (ms after start) each finishes. */
export const DEMO_LIVE: ReadonlyArray<{ id: string; finishesAfterMs: number }> = demoTasks(0)
  .map((t) => ({ id: t.id ?? "", finishesAfterMs: Number(t.createdAt) + (t.pendingMs ?? 0) + (t.processingMs ?? 0) }))
  .filter((t) => t.finishesAfterMs > 0);
