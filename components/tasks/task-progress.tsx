"use client";

import { useTranslations } from "next-intl";

/** The gateway's progress; without a number the whole track pulses faintly rather than showing a made-up figure. */
export function TaskProgress({ value, pending }: { value: number | null; pending: boolean }) {
  const known = value != null && Number.isFinite(value);
  const t = useTranslations("Progress");
  const percent = known ? Math.min(100, Math.max(0, value)) : null;
  return (
    <div
      role="progressbar"
      aria-label={t(pending ? "waiting" : "progress")}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
      className="h-1 w-full overflow-hidden bg-black/40"
    >
      <div
        className={`h-full transition-[width] duration-700 ${pending ? "bg-amber-300/70" : "bg-sky-400"} ${percent == null ? "w-full animate-pulse opacity-40" : ""}`}
        style={percent == null ? undefined : { width: `${percent}%` }}
      />
    </div>
  );
}
