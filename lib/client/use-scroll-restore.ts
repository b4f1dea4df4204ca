"use client";

import { useEffect, useRef } from "react";

// Back to a grid lands where the reader was. The browser's own restoration runs before the grid
// has its height (widths are measured, tasks may still be loading), so it lands at the top; the
// position is kept per address in sessionStorage and put back once the page is tall enough.

const KEY_PREFIX = "luma-gallery:scroll:";
const GIVE_UP_MS = 10_000;

let poppedAt = 0;
if (typeof window !== "undefined") window.addEventListener("popstate", () => (poppedAt = Date.now()));
let firstMount = true;

/** Per address, less the open player (`play=`): closing it or coming back to it is the same place. */
function keyOf(): string {
  const params = new URLSearchParams(window.location.search);
  params.delete("play");
  return `${KEY_PREFIX}${window.location.pathname}?${params}`;
}

function arrivedByHistory(): boolean {
  if (Date.now() - poppedAt < 2_000) return true;
  if (!firstMount) return false;
  const entry = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
  return entry?.type === "back_forward" || entry?.type === "reload";
}

function savedPosition(): number {
  try {
    return Number(window.sessionStorage.getItem(keyOf())) || 0;
  } catch {
    return 0;
  }
}

/**
 * `height`: the grid's laid-out height; `settled`: every task in it has answered, so its layout
 * (sized from the tasks' aspect ratios) is final. Restoring waits for both: scrolled back while
 * cards still have placeholder sizes, the reader would land on other cards once the sizes arrive.
 */
export function useScrollRestore(height: number, settled: boolean): void {
  const pending = useRef<{ y: number; until: number } | null>(null);

  useEffect(() => {
    const y = arrivedByHistory() ? savedPosition() : 0;
    firstMount = false;
    pending.current = y > 0 ? { y, until: Date.now() + GIVE_UP_MS } : null;
    const pathname = window.location.pathname;
    let frame = 0;
    const onScroll = () => {
      if (pending.current || frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        // Leaving for another page scrolls it to the top: that is not this grid's position.
        if (window.location.pathname !== pathname) return;
        try {
          window.sessionStorage.setItem(keyOf(), String(Math.round(window.scrollY)));
        } catch {
          // storage refused: Back simply starts at the top
        }
      });
    };
    window.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      window.removeEventListener("scroll", onScroll);
      cancelAnimationFrame(frame);
    };
  }, []);

  useEffect(() => {
    const target = pending.current;
    if (!target || height <= 0) return;
    const late = Date.now() > target.until;
    // Tasks that never answer (an outage) must not hold the page at the top for good.
    if (!settled && !late) {
      const timer = setTimeout(() => restoreWhenTall(pending), target.until - Date.now());
      return () => clearTimeout(timer);
    }
    restoreWhenTall(pending);
    if (late) pending.current = null;
  }, [height, settled]);
}

function restoreWhenTall(pending: { current: { y: number; until: number } | null }): void {
  const target = pending.current;
  if (!target) return;
  if (document.documentElement.scrollHeight - window.innerHeight >= target.y) {
    window.scrollTo(0, target.y);
    pending.current = null;
  }
}
