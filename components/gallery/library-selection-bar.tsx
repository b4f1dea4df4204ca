"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { buttonDanger, buttonSecondary } from "@/components/common/button-styles";
import { copyText } from "@/lib/client/clipboard";
import { createCollection } from "@/lib/client/library-api";
import { viewerTimeZone } from "@/lib/client/viewer-time-zone";
import type { GridSelection } from "@/lib/client/use-grid-selection";

/** The archive route's limit (SPEC §3 "Archives"). */
const MAX_ARCHIVE_IDS = 500;

interface Props {
  /** The grid's order: selected ids are acted on in it. */
  ids: readonly string[];
  selection: GridSelection;
  /** Takes them out at once, with an Undo notice (the view's). */
  onRemove: (ids: string[]) => void;
}

type Shared = { url: string; copied: boolean } | { error: string } | null;

/** What can be done with the selected cards of the library: a collection, a zip, removal. In the view's BottomDock, so it stays at hand while scrolling. */
export function LibrarySelectionBar({ ids, selection, onRemove }: Props) {
  const t = useTranslations("Gallery");
  const format = useFormatter();
  const [busy, setBusy] = useState(false);
  const [shared, setShared] = useState<Shared>(null);
  const chosen = ids.filter((id) => selection.selected.has(id));
  if (chosen.length === 0 && !shared) return null;

  async function share() {
    setBusy(true);
    try {
      const today = format.dateTime(new Date(), { dateStyle: "medium", timeZone: viewerTimeZone() });
      const { url } = await createCollection(t("collectionTitle", { count: chosen.length, date: today }), chosen);
      const absolute = new URL(url, window.location.origin).toString();
      setShared({ url: absolute, copied: await copyText(absolute) });
    } catch (error) {
      setShared({ error: (error as Error).message });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div
      role="region"
      aria-label={t("selection")}
      className="flex max-w-full flex-wrap items-center gap-2 rounded-lg bg-neutral-900/95 px-3 py-2 shadow-lg ring-1 ring-sky-400/40 backdrop-blur"
    >
      {chosen.length > 0 && (
        <>
          <span className="text-sm font-medium tabular-nums" aria-live="polite">
            {t("selected", { count: chosen.length })}
          </span>
          <button type="button" className={buttonSecondary} disabled={busy} onClick={share}>
            {t("shareCollection")}
          </button>
          {/* A real form post: the browser itself downloads the streamed zip. */}
          <form method="post" action="/api/archive" className="contents">
            <input type="hidden" name="ids" value={chosen.slice(0, MAX_ARCHIVE_IDS).join(",")} />
            <button type="submit" className={buttonSecondary} disabled={busy}>
              {chosen.length > MAX_ARCHIVE_IDS ? t("downloadFirst", { count: MAX_ARCHIVE_IDS }) : t("download")}
            </button>
          </form>
          <button
            type="button"
            className={buttonDanger}
            onClick={() => {
              onRemove(chosen);
              selection.clear();
            }}
          >
            {t("removeSelected")}
          </button>
          <button type="button" className={buttonSecondary} onClick={selection.clear}>
            {t("clearSelection")}
          </button>
        </>
      )}
      {shared && (
        <p role="status" className="flex w-full flex-wrap items-center gap-2 text-sm">
          {"error" in shared ? (
            <span className="text-red-300">{shared.error}</span>
          ) : (
            <>
              <span className="text-neutral-300">{shared.copied ? t("collectionCopied") : t("collectionMade")}</span>
              <a href={shared.url} data-collection-link className="break-all font-mono underline underline-offset-4">
                {shared.url}
              </a>
            </>
          )}
          <button type="button" className="text-xs text-neutral-400 underline" onClick={() => setShared(null)}>
            {t("dismiss")}
          </button>
        </p>
      )}
    </div>
  );
}
