"use client";

import { useEffect, useRef } from "react";

/**
 * A muted looping preview, mounted only while the card is hovered or focused. On unmount the
 * decoder is released explicitly (pause, drop src, load), as Immich does: merely removing the
 * element leaves Chrome holding the media pipeline until garbage collection.
 */
export function HoverPreview({ src }: { src: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = ref.current;
    return () => {
      if (!video) return;
      video.pause();
      video.removeAttribute("src");
      video.load();
    };
  }, []);
  return (
    <video
      ref={ref}
      src={src}
      muted
      loop
      playsInline
      autoPlay
      preload="auto"
      aria-hidden
      tabIndex={-1}
      className="pointer-events-none absolute inset-0 h-full w-full object-cover"
    />
  );
}
