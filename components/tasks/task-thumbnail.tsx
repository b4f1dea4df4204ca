"use client";

import { useCallback, useState } from "react";
import { pickThumbnail, useMediaRefresh } from "@/lib/client/use-media-refresh";

type Phase = "loading" | "fade" | "instant";

/**
 * The thumbnail over the palette placeholder. It fades in when it arrives from the network, but
 * appears at once when the browser already had it (an always-on fade feels slow: Immich #20773).
 */
export function TaskThumbnail({ id, url }: { id: string; url: string }) {
  const [phase, setPhase] = useState<Phase>("loading");
  const { onError, failed } = useMediaRefresh(id, url, pickThumbnail);
  const measure = useCallback((img: HTMLImageElement | null) => {
    if (img?.complete && img.naturalWidth > 0) setPhase("instant");
  }, []);
  if (failed) return null;
  return (
     
    <img
      key={url}
      ref={measure}
      src={url}
      alt=""
      loading="lazy"
      decoding="async"
      onLoad={() => setPhase((p) => (p === "loading" ? "fade" : p))}
      onError={onError}
      className={`absolute inset-0 h-full w-full object-cover ${
        phase === "loading" ? "opacity-0" : phase === "fade" ? "opacity-100 transition-opacity duration-300" : "opacity-100"
      }`}
    />
  );
}
