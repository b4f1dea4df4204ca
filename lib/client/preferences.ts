// Remembered display choices: cookies, so the server renders the next page in them from the start.
import { HTML_LANG, LOCALE_COOKIE, type Locale } from "@/lib/shared/locale";
import { THEME_COOKIE, type Theme } from "@/lib/shared/theme-palette";

const YEAR_S = 365 * 24 * 3600;

function setCookie(name: string, value: string): void {
  document.cookie = `${name}=${value}; path=/; max-age=${YEAR_S}; samesite=lax`;
}

/** Applies the theme at once (the CSS reads <html data-theme>) and remembers it. */
export function rememberTheme(theme: Theme): void {
  setCookie(THEME_COOKIE, theme);
  const root = document.documentElement;
  if (theme === "system") delete root.dataset.theme;
  else root.dataset.theme = theme;
}

/** Remembers the language; the caller renders the page again on the server to apply it. */
export function rememberLocale(locale: Locale): void {
  setCookie(LOCALE_COOKIE, locale);
  document.documentElement.lang = HTML_LANG[locale];
}
