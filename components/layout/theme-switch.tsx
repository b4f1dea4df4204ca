"use client";

import { Monitor, Moon, Sun, type LucideIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { focusRing } from "@/components/common/button-styles";
import { rememberTheme } from "@/lib/client/preferences";
import { THEMES, type Theme } from "@/lib/shared/theme-palette";

const ICONS: Record<Theme, LucideIcon> = { system: Monitor, light: Sun, dark: Moon };

/** System / light / dark. The cookie lets the server render the chosen theme, so nothing flashes. */
export function ThemeSwitch({ initial }: { initial: Theme }) {
  const t = useTranslations("Theme");
  const [theme, setTheme] = useState(initial);

  function choose(next: Theme) {
    setTheme(next);
    rememberTheme(next);
  }

  return (
    <div role="group" aria-label={t("label")} className="inline-flex rounded-md border border-white/15 p-0.5">
      {THEMES.map((option) => {
        const Icon = ICONS[option];
        return (
          <button
            key={option}
            type="button"
            aria-pressed={theme === option}
            aria-label={t(option)}
            title={t(option)}
            onClick={() => choose(option)}
            className={`rounded p-1.5 text-neutral-400 hover:text-white aria-pressed:bg-white/10 aria-pressed:text-white ${focusRing}`}
          >
            <Icon aria-hidden className="h-4 w-4" />
          </button>
        );
      })}
    </div>
  );
}
