import type { CardState } from "@/lib/shared/card-state";

const LOOK: Record<CardState, { label: string; className: string; dot: string }> = {
  loading: { label: "Loading", className: "bg-neutral-800/90 text-neutral-300", dot: "bg-neutral-400 animate-pulse" },
  // Pending is a hollow ring (waiting in a queue), processing a live pulsing dot: told apart without colour too.
  pending: { label: "Pending", className: "bg-amber-950/90 text-amber-200", dot: "border border-amber-300 bg-transparent" },
  processing: { label: "Processing", className: "bg-sky-950/90 text-sky-200", dot: "bg-sky-300 animate-pulse" },
  completed: { label: "Completed", className: "bg-emerald-950/90 text-emerald-200", dot: "bg-emerald-300" },
  failed: { label: "Failed", className: "bg-red-950/90 text-red-200", dot: "bg-red-400" },
  not_found: { label: "Not found", className: "bg-neutral-800/90 text-neutral-300", dot: "bg-neutral-500" },
};

export function StateBadge({ state, progress }: { state: CardState; progress?: number | null }) {
  const look = LOOK[state];
  const percent = state === "processing" && progress != null ? ` ${Math.round(progress)}%` : "";
  return (
    <span className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium backdrop-blur ${look.className}`}>
      <span aria-hidden className={`size-2 rounded-full ${look.dot}`} />
      {look.label}
      {percent}
    </span>
  );
}
