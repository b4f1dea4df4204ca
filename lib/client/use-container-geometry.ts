"use client";

import { useLayoutEffect, useState, type RefObject } from "react";

/**
 * The element's width and its top in document coordinates (a window virtualizer's scroll
 * margin), kept current as it or the content above it changes size.
 *
 * Measured only when the ResizeObserver reports (its first report comes with the first layout
 * after it starts observing): measuring in the effect itself would force a layout inside the
 * commit that hydrates the page, and re-render the grid in that same long task.
 */
export function useContainerGeometry(ref: RefObject<HTMLElement | null>): { width: number; top: number } {
  const [geometry, setGeometry] = useState({ width: 0, top: 0 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => {
      const width = el.clientWidth;
      const top = el.getBoundingClientRect().top + window.scrollY;
      setGeometry((g) => (g.width === width && g.top === top ? g : { width, top }));
    };
    const observer = new ResizeObserver(update);
    observer.observe(el);
    // Content above (alerts, toolbars) can move the element without resizing it.
    if (el.parentElement) observer.observe(el.parentElement);
    return () => observer.disconnect();
  }, [ref]);
  return geometry;
}
