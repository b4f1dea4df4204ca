import { AppLink } from "@/components/common/app-link";
import { getTranslations } from "next-intl/server";

export default async function TaskNotFound() {
  const t = await getTranslations("TaskNotFound");
  return (
    <section className="mx-auto max-w-xl py-16">
      <p className="text-sm font-medium uppercase tracking-wide text-neutral-400">{t("kicker")}</p>
      <h1 className="mt-2 text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-4 text-neutral-300">{t("body")}</p>
      <p className="mt-2 font-mono text-sm text-neutral-200">4665a07c-7641-4809-a133-10786201bb56</p>
      <ul className="mt-4 list-disc space-y-1 pl-5 text-sm text-neutral-400">
        <li>{t("tipLength")}</li>
        <li>{t("tipGateway")}</li>
      </ul>
      <div className="mt-8 flex gap-4 text-sm">
        <AppLink href="/lookup" className="rounded-md bg-white px-4 py-2 font-medium text-neutral-950 hover:bg-neutral-200">
          {t("lookup")}
        </AppLink>
        <AppLink href="/" className="rounded-md border border-white/15 px-4 py-2 hover:bg-white/10">
          {t("back")}
        </AppLink>
      </div>
    </section>
  );
}
