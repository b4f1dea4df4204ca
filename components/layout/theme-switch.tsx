"use client";

import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { focusRing } from "@/components/common/button-styles";
import { rememberTheme } from "@/lib/client/preferences";
import { THEMES, type Theme } from "@/lib/shared/theme-palette";

/**
 * System / light / dark. The cookie lets the server render the chosen theme, so nothing flashes.
 * The icons come rendered from the server, so their code is not in the page's script.
 */
export function ThemeSwitch({ initial, icons }: { initial: Theme; icons: Record<Theme, ReactNode> }) {
  const t = useTranslations("Theme");
  const [theme, setTheme] = useState(initial);

  function choose(next: Theme) {
    setTheme(next);
    rememberTheme(next);
  }

  return (
    <div role="group" aria-label={t("label")} className="inline-flex rounded-md border border-white/15 p-0.5">
      {THEMES.map((option) => (
        <button
          key={option}
          type="button"
          aria-pressed={theme === option}
          aria-label={t(option)}
          title={t(option)}
          onClick={() => choose(option)}
          className={`theme-option ${focusRing}`}
        >
          {icons[option]}
        </button>
      ))}
    </div>
  );
}
