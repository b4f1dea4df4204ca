import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";

// The demo clips rendered by scripts/make-demo-media.ts: real video, real frames, and the palette
// computed from the first frame, so a card's placeholder, thumbnail and video agree.

export const MEDIA_DIR = join(__dirname, "media");

export interface Clip {
  name: string;
  aspectRatio: string;
  width: number;
  height: number;
  durationSeconds: number;
  /** base64 of 75 bytes: the first frame averaged down to 5×5 RGB cells. */
  palette: string;
}

export interface ClipFiles {
  mp4: Buffer;
  webm: Buffer;
  thumb: Buffer;
  lastFrame: Buffer;
}

export const CLIPS: readonly Clip[] = JSON.parse(readFileSync(join(MEDIA_DIR, "clips.json"), "utf8")) as Clip[];

const ratioOf = (aspectRatio: string): number => {
  const [w, h] = aspectRatio.split(":").map(Number);
  return w && h ? w / h : 1;
};

/** A clip of the task's aspect ratio (the nearest one otherwise), chosen by id so it is stable. */
export function clipFor(aspectRatio: string, id: string): Clip {
  const want = ratioOf(aspectRatio);
  const distance = (c: Clip) => Math.abs(Math.log(ratioOf(c.aspectRatio) / want));
  const best = Math.min(...CLIPS.map(distance));
  const candidates = CLIPS.filter((c) => distance(c) === best);
  const pick = createHash("sha256").update(id).digest().readUInt32BE(0) % candidates.length;
  return candidates[pick]!;
}

/** Reads every clip's files once; the simulator serves them from memory. */
export function loadClipFiles(): Map<string, ClipFiles> {
  const read = (name: string, ext: string) => readFileSync(join(MEDIA_DIR, `${name}.${ext}`));
  return new Map(
    CLIPS.map((c) => [c.name, { mp4: read(c.name, "mp4"), webm: read(c.name, "webm"), thumb: read(c.name, "thumb.jpg"), lastFrame: read(c.name, "last.jpg") }]),
  );
}
