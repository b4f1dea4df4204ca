"use client";

import { focusRing } from "@/components/common/button-styles";
import type { CardState } from "@/lib/shared/card-state";
import type { SortOrder, StateFilter } from "@/lib/shared/gallery-query";

const FILTERS: Array<{ value: StateFilter; label: string; always?: boolean }> = [
  { value: "all", label: "All", always: true },
  { value: "processing", label: "Processing", always: true },
  { value: "pending", label: "Pending", always: true },
  { value: "completed", label: "Completed", always: true },
  { value: "failed", label: "Failed", always: true },
  { value: "loading", label: "Loading" },
  { value: "not_found", label: "Not found" },
];

interface GalleryToolbarProps {
  counts: Record<CardState | "all", number>;
  state: StateFilter;
  onState: (state: StateFilter) => void;
  query: string;
  onQuery: (query: string) => void;
  sort: SortOrder;
  onSort: (sort: SortOrder) => void;
}

export function GalleryToolbar({ counts, state, onState, query, onQuery, sort, onSort }: GalleryToolbarProps) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      <div role="group" aria-label="Filter by state" className="flex flex-wrap gap-1.5">
        {FILTERS.filter((f) => f.always || counts[f.value] > 0 || state === f.value).map((f) => (
          <button
            key={f.value}
            type="button"
            aria-pressed={state === f.value}
            onClick={() => onState(f.value)}
            className={`rounded-full px-3 py-1 text-xs font-medium transition-colors ${focusRing} ${
              state === f.value ? "bg-neutral-100 text-neutral-950" : "bg-white/5 text-neutral-300 hover:bg-white/10"
            }`}
          >
            {f.label} <span className="tabular-nums opacity-70">{counts[f.value]}</span>
          </button>
        ))}
      </div>
      <div className="ml-auto flex flex-wrap items-center gap-2">
        <input
          type="search"
          value={query}
          onChange={(e) => onQuery(e.target.value)}
          placeholder="Search prompts"
          aria-label="Search prompts"
          className={`w-full rounded-md border sm:w-56 border-white/15 bg-neutral-900 px-3 py-1.5 text-sm placeholder:text-neutral-500 ${focusRing}`}
        />
        <label className="flex items-center gap-2 text-sm text-neutral-400">
          Sort
          <select
            value={sort}
            onChange={(e) => onSort(e.target.value as SortOrder)}
            className={`rounded-md border border-white/15 bg-neutral-900 px-2 py-1.5 text-sm text-neutral-100 ${focusRing}`}
          >
            <option value="newest">Newest first</option>
            <option value="oldest">Oldest first</option>
          </select>
        </label>
      </div>
    </div>
  );
}
