"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { CopyLinkButton } from "@/components/common/copy-link-button";
import { buttonSecondary } from "@/components/common/button-styles";
import type { CallbackInfoView } from "@/lib/shared/library-query";

/** Where a gateway should send its callbacks, and when the last one came. Only rendered behind the gate. */
export function CallbackInfo({ path, last }: CallbackInfoView) {
  const t = useTranslations("Gallery");
  const [origin, setOrigin] = useState("");
  // The browser's own origin is the one a person would give the gateway; known only after hydration.
  // eslint-disable-next-line react-hooks/set-state-in-effect
  useEffect(() => setOrigin(window.location.origin), []);
  return (
    <details className="rounded-lg border border-white/10 px-3 py-2 text-sm" data-callback-info>
      <summary className="cursor-pointer text-neutral-300">
        {t("callbackSummary")} ·{" "}
        {last ? t.rich("callbackLast", { at: () => <time dateTime={last.at}>{last.text}</time> }) : t("callbackNever")}
      </summary>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code className="break-all rounded bg-black/30 px-2 py-1 text-xs" data-callback-url>
          {origin}
          {path}
        </code>
        <CopyLinkButton path={path} className={buttonSecondary} />
        <p className="w-full text-xs text-neutral-400">{t("callbackHelp")}</p>
      </div>
    </details>
  );
}
