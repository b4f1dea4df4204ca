"use client";

import { Star } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { chipClass, searchFieldClass, selectClass } from "@/components/common/button-styles";
import { useEarlyInput } from "@/lib/client/use-early-input";
import type { GalleryFilters, LibraryCountsView, LibraryStateFilter } from "@/lib/shared/library-query";
import { CountChip } from "./count-chip";

const FILTERS: Array<{ value: LibraryStateFilter | null; count: keyof LibraryCountsView }> = [
  { value: null, count: "all" },
  { value: "pending", count: "pending" },
  { value: "processing", count: "processing" },
  { value: "completed", count: "completed" },
  { value: "failed", count: "failed" },
  { value: "not_found", count: "notFound" },
];

interface Props {
  filters: GalleryFilters;
  counts: LibraryCountsView | null;
  onChange: (next: Partial<GalleryFilters>, options?: { replace?: boolean }) => void;
}

const SEARCH_DELAY_MS = 250;

/** State filter with the database's counts, prompt search, favourites and sort: all kept in the address. */
export function LibraryToolbar({ filters, counts, onChange }: Props) {
  const t = useTranslations("Gallery");
  const tState = useTranslations("State");
  const [text, setText] = useState(filters.q);
  const field = useEarlyInput<HTMLInputElement>(setText);
  // Back/forward changes the address: the box follows it (adjusted during render, not in an effect).
  const [shownQ, setShownQ] = useState(filters.q);
  if (shownQ !== filters.q) {
    setShownQ(filters.q);
    setText(filters.q);
  }
  useEffect(() => {
    if (text.trim() === filters.q) return;
    const timer = setTimeout(() => onChange({ q: text.trim() }, { replace: true }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, filters.q, onChange]);

  return (
    <div className="flex flex-wrap items-center gap-3">
      <div role="group" aria-label={t("filterByState")} className="flex flex-wrap gap-1.5">
        {FILTERS.filter((f) => f.value !== "not_found" || (counts?.notFound ?? 0) > 0 || filters.state === "not_found").map((f) => (
          <CountChip
            key={f.count}
            label={f.value === null ? t("all") : tState(f.value)}
            count={counts ? counts[f.count] : null}
            pressed={filters.state === f.value}
            onPress={() => onChange({ state: f.value })}
          />
        ))}
        <button type="button" aria-pressed={filters.favorite} onClick={() => onChange({ favorite: !filters.favorite })} className={chipClass}>
          <Star aria-hidden className="size-3" />
          {t("favorites")}
        </button>
      </div>
      <div className="search-sort">
        <input
          ref={field}
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") onChange({ q: text.trim() }, { replace: true });
          }}
          placeholder={t("search")}
          aria-label={t("search")}
          maxLength={200}
          className={searchFieldClass}
        />
        <label className="flex items-center gap-2 text-sm text-neutral-400">
          {t("sort")}
          <select
            value={filters.sort}
            onChange={(e) => onChange({ sort: e.target.value === "oldest" ? "oldest" : "newest" })}
            className={selectClass}
          >
            <option value="newest">{t("newest")}</option>
            <option value="oldest">{t("oldest")}</option>
          </select>
        </label>
      </div>
    </div>
  );
}
