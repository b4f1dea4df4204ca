"use client";

import { useLocale, useTranslations } from "next-intl";
import type messages from "@/messages/en.json";
import type { Locale } from "@/lib/shared/locale";

type UpstreamKey = `upstream.${keyof (typeof messages)["Errors"]["upstream"]}`;

/** The language the server writes its error sentences in. */
const SERVER_LANGUAGE: Locale = "en";

/**
 * Shown while the upstream fails for tasks of this view; the cards underneath stay as they were.
 * The server's sentence is English and the most precise: in English it is the notice; in another
 * language the notice says what kind of failure it is (the messages word each code they know, the
 * rest as "other"), and quotes the server's sentence after it.
 */
export function UpstreamAlert({ error }: { error: Error | null }) {
  const t = useTranslations("Errors");
  const locale = useLocale();
  if (!error) return null;
  const key = `upstream.${String((error as { code?: unknown }).code)}` as UpstreamKey;
  return (
    <div role="alert" className="upstream-alert">
      {locale === SERVER_LANGUAGE ? (
        <>
          {error.message} {t("upstreamKept")}
        </>
      ) : (
        <>
          {t(t.has(key) ? key : "upstream.other")} {t("upstreamKept")}{" "}
          <span lang="en" className="text-red-200/70">
            ({error.message})
          </span>
        </>
      )}
    </div>
  );
}
