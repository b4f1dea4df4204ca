"use client";

import { useCallback, useEffect, useMemo, useState } from "react";

// New tasks arriving at the top of a newest-first grid while someone is scrolled down it would push
// every card they look at (and the one under their pointer) along. They wait instead, behind a
// "N new" button, until that button or a scroll back to the top lets them in.

export interface Arrivals {
  ids: readonly string[];
  /** Ids the view has shown (or let in). */
  seen: ReadonlySet<string>;
  /** New ids above the first seen one, waiting. */
  held: readonly string[];
}

/**
 * The view's ids changed. Ids that end the list (its next page) or make a new one (another filter)
 * come in at once; new ids above every seen one wait while `scrolledPast` the grid's top.
 */
export function nextArrivals({ seen }: Arrivals, ids: readonly string[], scrolledPast: boolean): Arrivals {
  const first = ids.findIndex((id) => seen.has(id));
  const held = first > 0 && scrolledPast ? ids.slice(0, first) : [];
  return { ids, seen: first < 0 ? new Set(ids) : new Set([...seen, ...ids.slice(held.length)]), held };
}

/** Lets every held id in. */
export const releaseArrivals = (a: Arrivals): Arrivals => ({ ...a, seen: new Set([...a.seen, ...a.held]), held: [] });

/** The ids a newest-first grid shows; `release` lets the held ones in, and so does scrolling back up. */
export function useHeldArrivals(ids: readonly string[], scrolledPast: () => boolean) {
  const [state, setState] = useState<Arrivals>(() => ({ ids, seen: new Set(ids), held: [] }));
  let current = state;
  if (state.ids !== ids) {
    // Decided in the render that brings them, so a held card is never painted.
    current = nextArrivals(state, ids, scrolledPast());
    setState(current);
  }
  const { held } = current;
  const release = useCallback(() => setState(releaseArrivals), []);
  useEffect(() => {
    if (held.length === 0) return;
    const onScroll = () => scrolledPast() || release();
    window.addEventListener("scroll", onScroll, { passive: true });
    return () => window.removeEventListener("scroll", onScroll);
  }, [held, scrolledPast, release]);
  const shown = useMemo(() => (held.length === 0 ? ids : ids.filter((id) => !held.includes(id))), [ids, held]);
  return { shown, held, release };
}
