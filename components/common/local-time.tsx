"use client";

import { useFormatter } from "next-intl";
import { useSyncExternalStore } from "react";
import { viewerTimeZone } from "@/lib/client/viewer-time-zone";
import { MOMENT_FORMAT } from "@/lib/shared/moment-format";

const noSubscription = () => () => {};

/**
 * A moment in UTC (labelled) as the server renders it, switched to the viewer's own zone once the
 * page is hydrated. One line, tabular digits: the switch changes the text, never the layout.
 */
export function LocalTime({ iso }: { iso: string | null | undefined }) {
  const format = useFormatter();
  const zone = useSyncExternalStore(noSubscription, viewerTimeZone, () => null);
  const at = iso ? new Date(iso) : null;
  if (!iso || !at || Number.isNaN(at.getTime())) return null;
  const text = (timeZone: string) =>
    format.dateTime(at, { ...MOMENT_FORMAT, timeZone });
  return (
    <time dateTime={iso} title={text("UTC")} data-local={zone ? "" : undefined} className="whitespace-nowrap tabular-nums">
      {text(zone ?? "UTC")}
    </time>
  );
}
