"use client";

import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { Fragment, useCallback, useEffect, useImperativeHandle, type ReactNode, type Ref } from "react";
import type { JustifiedLayout } from "@/lib/shared/justified-layout";

export interface VirtualRowsHandle {
  scrollToRow: (row: number) => void;
}

interface Props {
  layout: JustifiedLayout;
  /** Added under every row: the actions strip, then the gap. */
  caption: number;
  gap: number;
  /** The grid's top in document coordinates. */
  scrollMargin: number;
  renderRow: (row: number) => ReactNode;
  /** The first and last rows in the DOM, whenever they change. */
  onRange: (first: number, last: number) => void;
  handle: Ref<VirtualRowsHandle>;
}

/**
 * Only the grid's rows near the viewport are in the DOM. Loaded by the grid after the page: the
 * first screen is a plain flex-wrap of the first cards that these rows then replace in place.
 */
export function VirtualRows({ layout, caption, gap, scrollMargin, renderRow, onRange, handle }: Props) {
  const virtualizer = useWindowVirtualizer({
    count: layout.rows.length,
    estimateSize: (i) => (layout.rows[i]?.height ?? 0) + caption + gap,
    overscan: 3,
    scrollMargin,
    // A new function per layout makes the virtualizer take the new row sizes.
    getItemKey: useCallback((i: number) => layout.rows[i]?.start ?? i, [layout]),
  });
  useImperativeHandle(handle, () => ({ scrollToRow: (row) => virtualizer.scrollToIndex(row, { align: "auto" }) }), [virtualizer]);
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? -1;
  const last = items.at(-1)?.index ?? -1;
  useEffect(() => onRange(first, last), [first, last, onRange]);
  return items.map((item) => <Fragment key={item.key}>{renderRow(item.index)}</Fragment>);
}
