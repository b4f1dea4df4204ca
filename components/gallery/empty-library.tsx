"use client";

import { useTranslations } from "next-intl";
import { buttonPrimary } from "@/components/common/button-styles";

export function EmptyLibrary({ demoIds, onAddDemo }: { demoIds: readonly string[]; onAddDemo: () => void }) {
  const t = useTranslations("Gallery");
  return (
    <div className="empty-panel">
      <p className="text-lg font-medium">{t("emptyTitle")}</p>
      <p className="max-w-md text-sm text-neutral-400">{t("emptyHelp")}</p>
      {demoIds.length > 0 && (
        <button type="button" className={buttonPrimary} onClick={onAddDemo}>
          {t("addDemo", { count: demoIds.length })}
        </button>
      )}
    </div>
  );
}
