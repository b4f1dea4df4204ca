"use client";

import { useFormatter, useTranslations } from "next-intl";
import { durationParts } from "@/lib/shared/duration";
import type { CardState } from "@/lib/shared/card-state";
import { formatResolution } from "@/lib/shared/format";
import type { Task } from "@/lib/shared/task";

/** Every task-related text in the reader's language: states, lengths, sizes, dates, relative times. */
export function useTaskFormat() {
  const t = useTranslations("Format");
  const tState = useTranslations("State");
  const format = useFormatter();
  return {
    state: (state: CardState) => tState(state),
    stateWithProgress(task: Pick<Task, "state" | "progress">): string {
      const label = tState(task.state);
      return task.progress != null && task.state === "processing" ? t("percent", { state: label, percent: Math.round(task.progress) }) : label;
    },
    duration(seconds: number | null | undefined): string | null {
      const parts = durationParts(seconds);
      if (!parts) return null;
      if (parts.kind === "clock") return parts.text;
      // Whole seconds go in a plain argument, printed as digits like the m:ss clock: the first ICU
      // number formatter a page builds is a long task on a slow phone, and every card's duration
      // would build it during hydration (bench-results.md). Tenths need the reader's decimal
      // separator, so they take ICU's number format.
      return t(Number.isInteger(parts.seconds) ? "durationWhole" : "duration", { seconds: parts.seconds });
    },
    resolution: (width: number | null | undefined, height: number | null | undefined) => formatResolution(width, height),
    dateTime(iso: string | null | undefined): string | null {
      const at = iso ? new Date(iso) : null;
      if (!at || Number.isNaN(at.getTime())) return null;
      return format.dateTime(at, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" });
    },
    /** "3 minutes ago"; `now` comes from useNow() so every card ticks together. */
    relative(iso: string | null | undefined, now: number): string | null {
      const at = iso ? Date.parse(iso) : NaN;
      if (!Number.isFinite(at) || !now) return null;
      if (Math.abs(at - now) < 60_000) return t("justNow");
      return format.relativeTime(at, now);
    },
  };
}
