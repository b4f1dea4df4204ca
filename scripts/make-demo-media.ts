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

// Long side 384 px (448 for 21:9), slow automata and capped bit rates keep every clip under ~100 KB per format.
const CLIPS: ClipSource[] = [
  {
    name: "mandelbrot-zoom", aspectRatio: "16:9", width: 384, height: 216,
    graph: "mandelbrot=s=384x216:r=24:start_scale=2.2:end_scale=0.12:end_pts=400:outer=normalized_iteration_count:inner=period",
  },
  {
    name: "seahorse-valley", aspectRatio: "21:9", width: 448, height: 192,
    graph: "mandelbrot=s=448x192:r=24:start_x=-0.743643887037151:start_y=0.131825904205330:start_scale=0.02:end_scale=0.0005:end_pts=300:outer=normalized_iteration_count:inner=convergence",
  },
  {
    name: "life-neon", aspectRatio: "9:16", width: 216, height: 384,
    graph: "life=s=72x128:r=8:seed=7:ratio=0.35:mold=12:life_color=#39ff88:death_color=#1a0a3a:mold_color=#ff4fa0,trim=start_frame=60,setpts=PTS-STARTPTS,fps=24,scale=216:384:flags=neighbor",
  },
  {
    name: "life-ember", aspectRatio: "3:4", width: 288, height: 384,
    graph: "life=s=72x96:r=8:seed=42:ratio=0.3:mold=20:life_color=#ffd24a:death_color=#140404:mold_color=#b02a10,trim=start_frame=30,setpts=PTS-STARTPTS,fps=24,scale=288:384:flags=neighbor",
  },
  {
    name: "rule-110", aspectRatio: "1:1", width: 320, height: 320,
    graph: "cellauto=s=80x80:r=12:rule=110:full=1:random_fill_ratio=0.5:seed=3,fps=24,scale=320:320:flags=neighbor,format=rgb24,lutrgb=r=val*0.35+20:g=val*0.75+30:b=val*0.95+60",
  },
  {
    name: "life-tide", aspectRatio: "16:9", width: 384, height: 216,
    graph: "life=s=128x72:r=8:seed=19:ratio=0.3:mold=16:life_color=#9be7ff:death_color=#04142c:mold_color=#2a6fdb,trim=start_frame=40,setpts=PTS-STARTPTS,fps=24,scale=384:216:flags=neighbor",
  },
  {
    name: "rule-30", aspectRatio: "16:9", width: 384, height: 216,
    graph: "cellauto=s=128x72:r=12:rule=30:full=1:seed=9,fps=24,scale=384:216:flags=neighbor,format=rgb24,lutrgb=r=val*0.85+35:g=val*0.5+25:b=val*0.2+30",
  },
  {
    name: "gradient-aurora", aspectRatio: "9:16", width: 216, height: 384,
    graph: "gradients=s=216x384:r=24:n=3:seed=23:speed=0.02:c0=#0b3d2e:c1=#3ee08f:c2=#6a2c91",
  },
  {
    name: "test-pattern", aspectRatio: "4:3", width: 384, height: 288,
    graph: "testsrc2=s=384x288:r=24",
  },
  {
    name: "gradient-dusk", aspectRatio: "3:2", width: 384, height: 256,
    graph: "gradients=s=384x256:r=24:n=4:seed=11:speed=0.03:c0=#1b1f5e:c1=#e2543a:c2=#f6c453:c3=#3a8fb7",
  },
  {
    name: "sierpinski", aspectRatio: "2:3", width: 256, height: 384,
    graph: "sierpinski=s=256x384:r=24:seed=5:jump=60:type=carpet,format=rgb24,lutrgb=r=val*0.9:g=val*0.55+40:b=val*0.3+90",
  },
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
