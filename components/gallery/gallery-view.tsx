"use client";

import { useTranslations } from "next-intl";
import type { CallbackInfoProps } from "./callback-info";
import { LibraryView, type SyncInfo } from "./library-view";
import { SharedSetView } from "./shared-set-view";

/** `/`: the server library, or a shared set (`/?ids=`) shown without touching the library. */
export function GalleryView({ sharedIds, callback, sync }: { sharedIds: string[]; callback: CallbackInfoProps | null; sync: SyncInfo | null }) {
  const t = useTranslations("Gallery");
  if (sharedIds.length > 0) return <SharedSetView ids={sharedIds} title={t("sharedTitle", { count: sharedIds.length })} />;
  return <LibraryView callback={callback} sync={sync} />;
}
