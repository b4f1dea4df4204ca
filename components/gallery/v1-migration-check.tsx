"use client";

import dynamic from "next/dynamic";
import { useEffect, useState } from "react";
import { LIBRARY_STORAGE_KEY, V1_OFFERED_STORAGE_KEY } from "@/lib/client/v1-storage-keys";

// Few browsers still hold a version 1 library: the offer's code loads only in those.
const V1Migration = dynamic(() => import("./v1-migration").then((m) => m.V1Migration));

export function readStorage(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

/**
 * Version 1 kept the gallery in this browser's localStorage: such a browser, not yet asked, is
 * offered to move it into the server library.
 */
export function V1MigrationCheck({ onMoved }: { onMoved: () => void }) {
  const [stored, setStored] = useState<string | null>(null);
  useEffect(() => {
    if (readStorage(V1_OFFERED_STORAGE_KEY)) return;
    // Reading storage is only possible after hydration: the offer appears a moment after the page.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setStored(readStorage(LIBRARY_STORAGE_KEY));
  }, []);
  // What is stored is read (and checked) by the offer's own code, which only such browsers load.
  return stored ? <V1Migration stored={stored} onMoved={onMoved} /> : null;
}
