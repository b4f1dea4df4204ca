"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition, type ReactNode } from "react";
import { focusRing } from "@/components/common/button-styles";
import { rememberLocale } from "@/lib/client/preferences";
import { HTML_LANG, isLocale, LOCALES, type Locale } from "@/lib/shared/locale";

// Each language named in itself, so a reader finds theirs whatever the page is in.
const NAMES: Record<Locale, string> = { en: "English", zh: "简体中文" };

/** Remembers the language in a cookie and renders the page again on the server in it; `icon` comes rendered from the server. */
export function LocaleSwitch({ icon }: { icon: ReactNode }) {
  const t = useTranslations("Language");
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  function choose(value: string) {
    if (!isLocale(value)) return;
    rememberLocale(value);
    startTransition(() => router.refresh());
  }

  return (
    <label className="inline-flex items-center gap-1.5 text-sm text-neutral-300">
      {icon}
      <span className="sr-only">{t("label")}</span>
      <select
        value={locale}
        disabled={pending}
        onChange={(e) => choose(e.target.value)}
        className={`header-select ${focusRing}`}
      >
        {LOCALES.map((option) => (
          <option key={option} value={option} lang={HTML_LANG[option]}>
            {NAMES[option]}
          </option>
        ))}
      </select>
    </label>
  );
}
