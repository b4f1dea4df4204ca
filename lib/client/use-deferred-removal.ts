"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";

/** How long the Undo notice stays (while neither hovered nor focused). */
export const UNDO_MS = 6000;

export interface DeferredRemoval<T extends { id: string }> {
  /** Removed but not carried out yet: the notice's subject, brought back by `undo`. */
  pending: readonly T[];
  /** Ids the view leaves out: pending, or being carried out. */
  hidden: ReadonlySet<string>;
  /** Takes items out of the view now and carries the removal out when the notice ends. A removal still pending is carried out first. */
  remove: (items: readonly T[]) => void;
  undo: () => void;
  /** Carries the pending removal out now. */
  commit: () => void;
  /** While the notice is hovered or focused its time stands still. */
  hold: (held: boolean) => void;
}

/**
 * A removal that can be undone without loss: nothing is sent until the notice ends, so Undo
 * simply shows the items again, with their added time and favourite untouched. It is carried out
 * when the notice ends, when another removal starts, when the view goes away, and when the page is
 * hidden or left (`keepalive`, so the request outlives the page: nothing is left half-done).
 */
export function useDeferredRemoval<T extends { id: string }>(
  carryOut: (ids: string[], options: { keepalive: boolean }) => Promise<void>,
): DeferredRemoval<T> {
  const [pending, setPending] = useState<readonly T[]>([]);
  const [inFlight, setInFlight] = useState<ReadonlySet<string>>(new Set());
  const [held, setHeld] = useState(false);
  // Event listeners and the unmount read the latest pending set, not the one of their render.
  const pendingRef = useRef<readonly T[]>([]);
  const carryOutRef = useRef(carryOut);
  useEffect(() => {
    carryOutRef.current = carryOut;
  });

  const commitNow = useCallback((keepalive: boolean) => {
    const items = pendingRef.current;
    if (items.length === 0) return;
    pendingRef.current = [];
    setPending([]);
    const ids = items.map((item) => item.id);
    // Still hidden while the request is out: the cards must not flash back before the list is read again.
    setInFlight((current) => new Set([...current, ...ids]));
    void carryOutRef.current(ids, { keepalive }).finally(() =>
      setInFlight((current) => {
        const next = new Set(current);
        for (const id of ids) next.delete(id);
        return next;
      }),
    );
  }, []);

  const remove = useCallback(
    (items: readonly T[]) => {
      if (items.length === 0) return;
      commitNow(false);
      pendingRef.current = items;
      setPending(items);
      setHeld(false);
    },
    [commitNow],
  );

  const undo = useCallback(() => {
    pendingRef.current = [];
    setPending([]);
  }, []);

  useEffect(() => {
    if (pending.length === 0 || held) return;
    const timer = setTimeout(() => commitNow(false), UNDO_MS);
    return () => clearTimeout(timer);
  }, [pending, held, commitNow]);

  useEffect(() => {
    // `visibilitychange` to hidden is the last event a phone reliably fires before it discards a page.
    const onHidden = () => {
      if (document.visibilityState === "hidden") commitNow(true);
    };
    const onPageHide = () => commitNow(true);
    document.addEventListener("visibilitychange", onHidden);
    window.addEventListener("pagehide", onPageHide);
    return () => {
      document.removeEventListener("visibilitychange", onHidden);
      window.removeEventListener("pagehide", onPageHide);
      // The view goes away (a link within the app): the page lives on, the request with it.
      commitNow(false);
    };
  }, [commitNow]);

  const hidden = useMemo(() => new Set([...pending.map((item) => item.id), ...inFlight]), [pending, inFlight]);
  const commit = useCallback(() => commitNow(false), [commitNow]);
  return { pending, hidden, remove, undo, commit, hold: setHeld };
}
