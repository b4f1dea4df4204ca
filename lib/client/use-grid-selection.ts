"use client";

import { useCallback, useEffect, useMemo, useState } from "react";

/** Which cards of a grid are selected; owned by the view so its actions (share, remove…) can use it. */
export interface GridSelection {
  selected: ReadonlySet<string>;
  toggle: (id: string) => void;
  /** Adds every id of `ids` (a Shift+click range), or removes them all when `on` is false. */
  set: (ids: readonly string[], on: boolean) => void;
  clear: () => void;
}

const NONE: ReadonlySet<string> = new Set();

export function useGridSelection(): GridSelection {
  const [selected, setSelected] = useState<ReadonlySet<string>>(NONE);
  const toggle = useCallback((id: string) => {
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);
  const set = useCallback((ids: readonly string[], on: boolean) => {
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }, []);
  const clear = useCallback(() => setSelected(NONE), []);
  return useMemo(() => ({ selected, toggle, set, clear }), [selected, toggle, set, clear]);
}

/** Esc clears a selection wherever focus is (a toolbar, the page), unless a dialog or a field has it. */
export function useEscapeClearsSelection(selection: GridSelection | undefined): void {
  const active = (selection?.selected.size ?? 0) > 0;
  const clear = selection?.clear;
  useEffect(() => {
    if (!active || !clear) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || event.defaultPrevented || document.querySelector("dialog[open]")) return;
      if ((event.target as HTMLElement | null)?.closest("input, textarea, select")) return;
      clear();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [active, clear]);
}
