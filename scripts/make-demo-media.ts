// `npx tsx scripts/make-demo-media.ts`: renders the simulator's demo clips with ffmpeg's own
// generators (no footage can be fetched here), then takes each clip's real first and last frames
// as JPEG thumbnails and computes the 5×5 palette from the first frame, as a gateway would.
// Writes simulator/media/<name>.{mp4,webm,thumb.jpg,last.jpg} and simulator/media/clips.json.
// Needs ffmpeg with libx264 and libvpx-vp9 on PATH. Outputs are committed; rerun only to change them
// (one encoder thread, so a rerun with the same ffmpeg gives the same bytes).
import { execFileSync } from "node:child_process";
import { statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const OUT = join(__dirname, "..", "simulator", "media");
const SECONDS = 3;
const FPS = 24;

interface ClipSource {
  name: string;
  aspectRatio: string;
  width: number;
  height: number;
  /** An ffmpeg lavfi graph producing `width`×`height` frames. */
  graph: string;
}

// Cellular automata run on a coarse grid and are scaled up with hard edges, so each cell stays a
// crisp block; the first frames (mostly random noise) are skipped.
function blocky(width: number, height: number): string {
  return `fps=24,scale=${width}:${height}:flags=neighbor`;
}

function life(o: { cells: string; width: number; height: number; seed: number; ratio: number; mold: number; colors: [string, string, string]; skip: number }): string {
  const [live, dead, mold] = o.colors;
  return `life=s=${o.cells}:r=8:seed=${o.seed}:ratio=${o.ratio}:mold=${o.mold}:life_color=${live}:death_color=${dead}:mold_color=${mold},trim=start_frame=${o.skip},setpts=PTS-STARTPTS,${blocky(o.width, o.height)}`;
}

function cellauto(o: { cells: string; width: number; height: number; rule: number; fill: string; tint: string }): string {
  return `cellauto=s=${o.cells}:r=12:rule=${o.rule}:full=1:${o.fill},${blocky(o.width, o.height)},format=rgb24,lutrgb=${o.tint}`;
}

const clip = (name: string, aspectRatio: string, size: string, graph: (width: number, height: number) => string): ClipSource => {
  const [width = 0, height = 0] = size.split("x").map(Number);
  return { name, aspectRatio, width, height, graph: graph(width, height) };
};

// Long side 384 px (448 for 21:9), slow automata and capped bit rates keep every clip under ~100 KB per format.
const CLIPS: ClipSource[] = [
  clip("mandelbrot-zoom", "16:9", "384x216", () =>
    "mandelbrot=s=384x216:r=24:start_scale=2.2:end_scale=0.12:end_pts=400:outer=normalized_iteration_count:inner=period"),
  clip("seahorse-valley", "21:9", "448x192", () =>
    "mandelbrot=s=448x192:r=24:start_x=-0.743643887037151:start_y=0.131825904205330:start_scale=0.02:end_scale=0.0005:end_pts=300:outer=normalized_iteration_count:inner=convergence"),
  clip("life-neon", "9:16", "216x384", (width, height) =>
    life({ cells: "72x128", width, height, seed: 7, ratio: 0.35, mold: 12, colors: ["#39ff88", "#1a0a3a", "#ff4fa0"], skip: 60 })),
  clip("life-ember", "3:4", "288x384", (width, height) =>
    life({ cells: "72x96", width, height, seed: 42, ratio: 0.3, mold: 20, colors: ["#ffd24a", "#140404", "#b02a10"], skip: 30 })),
  clip("rule-110", "1:1", "320x320", (width, height) =>
    cellauto({ cells: "80x80", width, height, rule: 110, fill: "random_fill_ratio=0.5:seed=3", tint: "r=val*0.35+20:g=val*0.75+30:b=val*0.95+60" })),
  clip("life-tide", "16:9", "384x216", (width, height) =>
    life({ cells: "128x72", width, height, seed: 19, ratio: 0.3, mold: 16, colors: ["#9be7ff", "#04142c", "#2a6fdb"], skip: 40 })),
  clip("rule-30", "16:9", "384x216", (width, height) =>
    cellauto({ cells: "128x72", width, height, rule: 30, fill: "seed=9", tint: "r=val*0.85+35:g=val*0.5+25:b=val*0.2+30" })),
  clip("gradient-aurora", "9:16", "216x384", () => "gradients=s=216x384:r=24:n=3:seed=23:speed=0.02:c0=#0b3d2e:c1=#3ee08f:c2=#6a2c91"),
  clip("test-pattern", "4:3", "384x288", () => "testsrc2=s=384x288:r=24"),
  clip("gradient-dusk", "3:2", "384x256", () => "gradients=s=384x256:r=24:n=4:seed=11:speed=0.03:c0=#1b1f5e:c1=#e2543a:c2=#f6c453:c3=#3a8fb7"),
  clip("sierpinski", "2:3", "256x384", () => "sierpinski=s=256x384:r=24:seed=5:jump=60:type=carpet,format=rgb24,lutrgb=r=val*0.9:g=val*0.55+40:b=val*0.3+90"),
];

const ffmpeg = (args: string[]) => execFileSync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", ...args], { stdio: ["ignore", "pipe", "inherit"] });

function render(clip: ClipSource): Record<string, unknown> {
  const base = join(OUT, clip.name);
  const source = ["-f", "lavfi", "-i", `${clip.graph},format=yuv420p`, "-t", String(SECONDS), "-r", String(FPS), "-an"];
  ffmpeg([...source, "-threads", "1", "-c:v", "libx264", "-preset", "veryslow", "-crf", "30", "-maxrate", "150k", "-bufsize", "300k", "-movflags", "+faststart", `${base}.mp4`]);
  ffmpeg([...source, "-threads", "1", "-c:v", "libvpx-vp9", "-b:v", "120k", "-crf", "44", "-deadline", "good", "-cpu-used", "2", `${base}.webm`]);
  // Frames are taken from the encoded file, so they are exactly what a viewer sees.
  ffmpeg(["-i", `${base}.mp4`, "-frames:v", "1", "-q:v", "6", `${base}.thumb.jpg`]);
  ffmpeg(["-sseof", "-0.3", "-i", `${base}.mp4`, "-update", "1", "-q:v", "6", `${base}.last.jpg`]);
  const palette = ffmpeg(["-i", `${base}.thumb.jpg`, "-vf", "scale=5:5:flags=area", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"]);
  if (palette.length !== 75) throw new Error(`${clip.name}: palette has ${palette.length} bytes, not 75`);
  return {
    name: clip.name,
    aspectRatio: clip.aspectRatio,
    width: clip.width,
    height: clip.height,
    durationSeconds: SECONDS,
    palette: palette.toString("base64"),
  };
}

function main() {
  const manifest = CLIPS.map(render);
  writeFileSync(join(OUT, "clips.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  let total = 0;
  for (const clip of CLIPS) {
    const sizes = ["mp4", "webm", "thumb.jpg", "last.jpg"].map((ext) => statSync(join(OUT, `${clip.name}.${ext}`)).size);
    total += sizes.reduce((a, b) => a + b, 0);
    console.log(`${clip.name.padEnd(18)} ${clip.aspectRatio.padEnd(5)} ${sizes.map((s) => `${(s / 1024).toFixed(1)} KB`).join("  ")}`);
  }
  console.log(`total ${(total / 1024).toFixed(0)} KB`);
}

main();
