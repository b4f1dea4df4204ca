import { Languages, Monitor, Moon, Sun } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { AppLink } from "@/components/common/app-link";
import type { Theme } from "@/lib/shared/theme-palette";
import { LocaleSwitch } from "./locale-switch";
import { NavLinks } from "./nav-links";
import { ThemeSwitch } from "./theme-switch";

export async function SiteHeader({ configured, demo, theme }: { configured: boolean; demo: boolean; theme: Theme }) {
  const t = await getTranslations("Header");
  const tMeta = await getTranslations("Metadata");
  return (
    <header className="top-0 z-20 border-b sm:sticky border-white/10 bg-neutral-950/90 backdrop-blur">
      <nav aria-label={t("nav")} className="mx-auto flex w-full max-w-screen-2xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <AppLink href="/" className="inline-flex items-center gap-2 font-semibold tracking-tight text-white">
          <img src="/icon.svg" alt="" width={24} height={24} className="h-6 w-6" />
          {tMeta("siteName")}
        </AppLink>
        <NavLinks
          links={[
            { href: "/", label: t("gallery") },
            { href: "/lookup", label: t("lookup") },
          ]}
        />
        <div className="ml-auto flex items-center gap-3">
          <LocaleSwitch icon={<Languages aria-hidden className="h-4 w-4" />} />
          <ThemeSwitch
            initial={theme}
            icons={{
              system: <Monitor aria-hidden className="h-4 w-4" />,
              light: <Sun aria-hidden className="h-4 w-4" />,
              dark: <Moon aria-hidden className="h-4 w-4" />,
            }}
          />
        </div>
      </nav>
      {demo && (
        <p data-demo-banner className="bg-sky-500/15 px-4 py-1.5 text-center text-xs text-sky-200 sm:text-sm">
          {t("demo")}
        </p>
      )}
      {!configured && (
        <p role="status" className="bg-amber-500/15 px-4 py-2 text-center text-sm text-amber-200">
          {t.rich("notConfigured", { code: (chunks) => <code>{chunks}</code> })}
        </p>
      )}
    </header>
  );
}
