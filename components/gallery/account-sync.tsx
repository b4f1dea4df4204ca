"use client";

import { RefreshCw } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { buttonSecondary } from "@/components/common/button-styles";
import { LocalTime } from "@/components/common/local-time";
import { syncAccountNow } from "@/lib/client/library-api";
import type { AccountSyncView } from "@/lib/shared/library-query";

/**
 * LUMA_PROVIDER=official: the account is listed into the library every few minutes; "Sync" does it
 * now and says when it last happened and what it brought.
 */
export function AccountSync({ initial, onSynced }: { initial: AccountSyncView | null; onSynced: () => void }) {
  const t = useTranslations("Gallery");
  const [last, setLast] = useState(initial);
  const [syncing, setSyncing] = useState(false);

  async function sync() {
    setSyncing(true);
    try {
      const result = await syncAccountNow();
      setLast({ at: result.at, added: result.added, error: null });
      onSynced();
    } catch (error) {
      setLast({ at: new Date().toISOString(), added: null, error: (error as Error).message });
    } finally {
      setSyncing(false);
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" data-account-sync>
      <button type="button" onClick={sync} disabled={syncing} aria-busy={syncing} className={buttonSecondary}>
        <RefreshCw aria-hidden className={`size-3.5 ${syncing ? "animate-spin motion-reduce:animate-none" : ""}`} />
        {t("sync")}
      </button>
      <p role="status" className="text-xs text-neutral-400" data-sync-status>
        {syncing ? (
          t("syncing")
        ) : last ? (
          <>
            {t.rich("syncLast", { at: () => <LocalTime iso={last.at} /> })}
            {last.error === null && last.added !== null && <> · {t("syncAdded", { count: last.added })}</>}
          </>
        ) : (
          t("syncNever")
        )}
      </p>
      {!syncing && last?.error && (
        <p role="alert" className="w-full text-xs text-red-300">
          {t("syncFailed", { message: last.error })}
        </p>
      )}
    </div>
  );
}
