"use client";

import { useLocale, useTranslations } from "next-intl";

const TRANSLATED_CODES = ["bad_gateway", "gateway_timeout", "unavailable", "rate_limited", "not_configured", "unauthorized", "network"] as const;
type TranslatedCode = (typeof TRANSLATED_CODES)[number];

function translatedCode(error: Error): TranslatedCode | "other" {
  const code = (error as { code?: unknown }).code;
  return TRANSLATED_CODES.find((known) => known === code) ?? "other";
}

/**
 * Shown while the upstream fails for tasks of this view; the cards underneath stay as they were.
 * The server's sentence is English and the most precise: in English it is the notice; in another
 * language the notice says what kind of failure it is, and quotes the server's sentence after it.
 */
export function UpstreamAlert({ error }: { error: Error | null }) {
  const t = useTranslations("Errors");
  const locale = useLocale();
  if (!error) return null;
  return (
    <div role="alert" className="my-4 rounded-lg border border-red-500/40 bg-red-500/10 px-4 py-3 text-sm text-red-200">
      {locale === "en" ? (
        <>
          {error.message} {t("upstreamKept")}
        </>
      ) : (
        <>
          {t(`upstream.${translatedCode(error)}`)} {t("upstreamKept")}{" "}
          <span lang="en" className="text-red-200/70">
            ({error.message})
          </span>
        </>
      )}
    </div>
  );
}
