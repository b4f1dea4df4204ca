"use client";

import { RotateCcw } from "lucide-react";
import { AppLink } from "@/components/common/app-link";
import { useTranslations } from "next-intl";
import { buttonPrimary, buttonSecondary } from "@/components/common/button-styles";

// A page that throws while rendering: say so in the reader's language and offer a retry.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("Errors");
  return (
    <section role="alert" className="mx-auto max-w-xl py-16">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-4 text-neutral-300">{t("body")}</p>
      <div className="mt-8 flex gap-3">
        <button type="button" onClick={reset} className={buttonPrimary}>
          <RotateCcw aria-hidden className="h-4 w-4" />
          {t("retry")}
        </button>
        <AppLink href="/" className={buttonSecondary}>
          {t("home")}
        </AppLink>
      </div>
    </section>
  );
}
