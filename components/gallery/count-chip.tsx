import { chipClass } from "@/components/common/button-styles";

/** A toggle of the state filter: its name and how many tasks it would show ("…" while unknown). */
export function CountChip({ label, count, pressed, onPress }: { label: string; count: number | null; pressed: boolean; onPress: () => void }) {
  return (
    <button type="button" aria-pressed={pressed} onClick={onPress} className={chipClass}>
      {label} <span className="tabular-nums opacity-70">{count ?? "…"}</span>
    </button>
  );
}
