"use client";

import { buttonPrimary } from "@/components/common/button-styles";

export function EmptyLibrary({ demoIds, onAdd }: { demoIds: readonly string[]; onAdd: (ids: string[]) => number }) {
  return (
    <div className="grid place-items-center gap-3 rounded-2xl border border-dashed border-white/15 px-6 py-16 text-center">
      <p className="text-lg font-medium">Your gallery is empty</p>
      <p className="max-w-md text-sm text-neutral-400">
        Paste task ids above (links and log lines work too), or open a shared link. Ids are kept in this browser only.
      </p>
      {demoIds.length > 0 && (
        <button type="button" className={buttonPrimary} onClick={() => onAdd([...demoIds])}>
          Add the {demoIds.length} demo tasks to my gallery
        </button>
      )}
    </div>
  );
}
