"use client";

import { useTranslations } from "next-intl";
import { useCallback, useState, useSyncExternalStore } from "react";
import { pickThumbnail, useMediaRefresh } from "@/lib/client/use-media-refresh";
import { resizedThumbnailSrcSet, resizedThumbnailUrl } from "@/lib/shared/thumbnail-widths";

type Phase = "loading" | "fade" | "instant";
export type ThumbnailLoad = "priority" | "eager" | "lazy";

const subscribeToNothing = () => () => {};

/** True while React renders the server's HTML or hydrates it; false for what mounts afterwards. */
function useInServerHtml(): boolean {
  return useSyncExternalStore(
    subscribeToNothing,
    () => false,
    () => true,
  );
}

/**
 * The thumbnail over the palette placeholder. One mounted while the page runs fades in when it
 * arrives from the network, but appears at once when the browser already had it (an always-on fade
 * feels slow: Immich #20773). One in the server's HTML shows as soon as it arrives: the fade needs
 * the page's script, and the first screen must not wait for that. A "priority" one is also
 * fetched first, ahead of the page's script: the first screen's largest paint is among them.
 *
 * It loads from the server resized to the card's width (`sizes`), a few KB of WebP instead of the
 * media host's full-size original. If that fails, it falls back to the original URL, whose own
 * failure refreshes the task's presigned URLs.
 */
export function TaskThumbnail({ id, url, sizes, load }: { id: string; url: string; sizes: string; load: ThumbnailLoad }) {
  const t = useTranslations("Card");
  const inServerHtml = useInServerHtml();
  const [phase, setPhase] = useState<Phase>(load === "priority" || inServerHtml ? "instant" : "loading");
  const { onError: onOriginalError, failed } = useMediaRefresh(id, url, pickThumbnail);
  const [resizedFailed, setResizedFailed] = useState(false);
  const resized = !resizedFailed;
  const onError = useCallback(() => (resized ? setResizedFailed(true) : onOriginalError()), [resized, onOriginalError]);
  const measure = useCallback(
    (img: HTMLImageElement | null) => {
      if (!img?.complete) return;
      if (img.naturalWidth > 0) setPhase("instant");
      // Broken before the page's script ran (an image in the server's HTML): React never saw its error event.
      else if (img.currentSrc) onError();
    },
    [onError],
  );
  // Still broken after a refresh: say so quietly rather than pass the palette off as the picture.
  if (failed) {
    return (
      <span data-thumbnail="unavailable" className="absolute left-2 top-2 rounded bg-black/50 px-1.5 py-0.5 text-[11px] text-white/80">
        {t("thumbnailUnavailable")}
      </span>
    );
  }
  return (
    <img
      key={resized ? "resized" : url}
      ref={measure}
      src={resized ? resizedThumbnailUrl(id, 384) : url}
      srcSet={resized ? resizedThumbnailSrcSet(id) : undefined}
      sizes={resized ? sizes : undefined}
      alt=""
      loading={load === "lazy" ? "lazy" : "eager"}
      fetchPriority={load === "priority" ? "high" : undefined}
      decoding="async"
      onLoad={() => setPhase((p) => (p === "loading" ? "fade" : p))}
      onError={onError}
      className={`absolute inset-0 h-full w-full object-cover ${
        phase === "loading" ? "opacity-0" : phase === "fade" ? "opacity-100 transition-opacity duration-300" : "opacity-100"
      }`}
    />
  );
}
