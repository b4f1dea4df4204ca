import { AppLink } from "@/components/common/app-link";
import { getTranslations } from "next-intl/server";
import { buttonSecondary } from "@/components/common/button-styles";

export default async function NotFound() {
  const t = await getTranslations("Errors");
  return (
    <section className="mx-auto max-w-xl py-16">
      <p className="text-sm font-medium uppercase tracking-wide text-neutral-400">404</p>
      <h1 className="mt-2 text-2xl font-semibold">{t("notFoundTitle")}</h1>
      <p className="mt-4 text-neutral-300">{t("notFoundBody")}</p>
      <AppLink href="/" className={`mt-8 ${buttonSecondary}`}>
        {t("home")}
      </AppLink>
    </section>
  );
}
