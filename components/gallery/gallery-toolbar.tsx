"use client";

import { useTranslations } from "next-intl";
import { searchFieldClass, selectClass } from "@/components/common/button-styles";
import type { CardState } from "@/lib/shared/card-state";
import type { SortOrder, StateFilter } from "@/lib/shared/gallery-query";
import { CountChip } from "./count-chip";

// In the library toolbar's order: a task's life, then what the gateway could not answer.
const FILTERS: Array<{ value: StateFilter; always?: boolean }> = [
  { value: "all", always: true },
  { value: "pending", always: true },
  { value: "processing", always: true },
  { value: "completed", always: true },
  { value: "failed", always: true },
  { value: "loading" },
  { value: "not_found" },
];

interface GalleryToolbarProps {
  counts: Record<CardState | "all", number>;
  state: StateFilter;
  onState: (state: StateFilter) => void;
  query: string;
  onQuery: (query: string) => void;
  sort: SortOrder | "given";
  onSort: (sort: SortOrder | "given") => void;
}

export function GalleryToolbar({ counts, state, onState, query, onQuery, sort, onSort }: GalleryToolbarProps) {
  const t = useTranslations("Toolbar");
  const tState = useTranslations("State");
  return (
    <div className="flex flex-wrap items-center gap-3">
      <div role="group" aria-label={t("filter")} className="flex flex-wrap gap-1.5">
        {FILTERS.filter((f) => f.always || counts[f.value] > 0 || state === f.value).map((f) => (
          <CountChip
            key={f.value}
            label={f.value === "all" ? t("all") : tState(f.value)}
            count={counts[f.value]}
            pressed={state === f.value}
            onPress={() => onState(f.value)}
          />
        ))}
      </div>
      <div className="search-sort">
        <input
          type="search"
          value={query}
          onChange={(e) => onQuery(e.target.value)}
          placeholder={t("search")}
          aria-label={t("search")}
          className={searchFieldClass}
        />
        <label className="flex items-center gap-2 text-sm text-neutral-400">
          {t("sort")}
          <select
            value={sort}
            onChange={(e) => onSort(e.target.value as SortOrder | "given")}
            className={selectClass}
          >
            <option value="given">{t("given")}</option>
            <option value="newest">{t("newest")}</option>
            <option value="oldest">{t("oldest")}</option>
          </select>
        </label>
      </div>
    </div>
  );
}
