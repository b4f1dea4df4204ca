/**
 * How a clip's length is shown: seconds under a minute (one decimal under ten seconds), else m:ss.
 * Null for unknown or nonsense lengths. The caller words the seconds in the reader's language.
 */
export type DurationParts = { kind: "seconds"; seconds: number } | { kind: "clock"; text: string };

export function durationParts(seconds: number | null | undefined): DurationParts | null {
  if (seconds == null || !Number.isFinite(seconds) || seconds <= 0) return null;
  if (seconds < 60) return { kind: "seconds", seconds: seconds < 10 ? Math.round(seconds * 10) / 10 : Math.round(seconds) };
  const s = Math.round(seconds);
  return { kind: "clock", text: `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}` };
}
