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

/** How long a task has been running, as a clock ("0:42", "12:05", "1:02:03"); null before it started. */
export function formatElapsed(ms: number): string | null {
  if (!Number.isFinite(ms) || ms < 0) return null;
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}
