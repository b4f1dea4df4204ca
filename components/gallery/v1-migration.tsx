"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { buttonPrimary, buttonSecondary } from "@/components/common/button-styles";
import { parseLibrary } from "@/lib/client/library";
import { LIBRARY_STORAGE_KEY, V1_FAVORITES_STORAGE_KEY, V1_OFFERED_STORAGE_KEY } from "@/lib/client/v1-storage-keys";
import { addToServerLibrary, setServerFavorite } from "@/lib/client/library-api";
import { readStorage } from "./v1-migration-check";

function writeStorage(key: string, value: string | null): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    // Storage refused: the offer may come again, which loses nothing.
  }
}

type Phase = { kind: "hidden" } | { kind: "offer"; ids: string[] } | { kind: "moving" } | { kind: "done"; count: number } | { kind: "error"; ids: string[]; message: string };

/**
 * The offer to move a version 1 library (`stored`, as this browser's storage holds it) into the
 * server's; nothing when it holds no valid id. The local copy is cleared only after the server has every id.
 */
export function V1Migration({ stored, onMoved }: { stored: string; onMoved: () => void }) {
  const t = useTranslations("Gallery");
  const [phase, setPhase] = useState<Phase>(() => {
    const ids = parseLibrary(stored);
    return ids.length > 0 ? { kind: "offer", ids } : { kind: "hidden" };
  });

  async function move(ids: string[]) {
    setPhase({ kind: "moving" });
    try {
      await addToServerLibrary(ids, "import");
      const favorites = new Set(parseLibrary(readStorage(V1_FAVORITES_STORAGE_KEY)));
      for (const id of ids) if (favorites.has(id)) await setServerFavorite(id, true);
      writeStorage(V1_OFFERED_STORAGE_KEY, JSON.stringify({ moved: ids.length, at: new Date().toISOString() }));
      writeStorage(LIBRARY_STORAGE_KEY, null);
      writeStorage(V1_FAVORITES_STORAGE_KEY, null);
      setPhase({ kind: "done", count: ids.length });
      onMoved();
    } catch (error) {
      setPhase({ kind: "error", ids, message: (error as Error).message });
    }
  }

  if (phase.kind === "hidden") return null;
  return (
    <div role="region" aria-label={t("v1Title")} className="flex flex-wrap items-center gap-3 rounded-lg border border-sky-400/30 bg-sky-500/10 px-4 py-3 text-sm">
      {phase.kind === "offer" || phase.kind === "error" ? (
        <>
          <p className="flex-1">{t("v1Offer", { count: phase.ids.length })}</p>
          {phase.kind === "error" && <p role="alert" className="w-full text-red-300">{phase.message}</p>}
          <button type="button" className={buttonPrimary} onClick={() => move(phase.ids)}>
            {t("v1Move", { count: phase.ids.length })}
          </button>
          <button
            type="button"
            className={buttonSecondary}
            onClick={() => {
              // Declined: the local copy stays as it is, nothing is lost; the offer does not come back.
              writeStorage(V1_OFFERED_STORAGE_KEY, JSON.stringify({ declined: true, at: new Date().toISOString() }));
              setPhase({ kind: "hidden" });
            }}
          >
            {t("v1Keep")}
          </button>
        </>
      ) : (
        <p role="status" className="flex-1">
          {phase.kind === "moving" ? t("v1Moving") : t("v1Done", { count: phase.count })}
        </p>
      )}
    </div>
  );
}
