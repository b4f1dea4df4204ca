"use client";

import { useTranslations } from "next-intl";

/** Shown while the upstream fails for tasks of this view; the cards underneath stay as they were. */
export function UpstreamAlert({ error }: { error: Error | null }) {
  const t = useTranslations("Errors");
  if (!error) return null;
  return (
    <div role="alert" className="my-4 rounded-lg border border-red-500/40 bg-red-500/10 px-4 py-3 text-sm text-red-200">
      {error.message} {t("upstreamKept")}
    </div>
  );
}
