import type { Metadata, Viewport } from "next";
import { cookies } from "next/headers";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/layout/site-header";
import { SkipLink } from "@/components/layout/skip-link";
import { hasPageAccess } from "@/lib/server/auth/page-access";
import { signInContext } from "@/lib/server/auth/page-gate";
import { runtimeConfig } from "@/lib/server/gateway/runtime-config";
import { HTML_LANG } from "@/lib/shared/locale";
import { parseTheme, THEME_COOKIE, type Theme } from "@/lib/shared/theme-palette";
import { Providers } from "./providers";
import { SignInPanel } from "./sign-in/sign-in-panel";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Metadata");
  return {
    title: { default: t("siteName"), template: `%s · ${t("siteName")}` },
    description: t("description"),
    applicationName: t("siteName"),
    manifest: "/manifest.webmanifest",
    icons: {
      icon: [{ url: "/favicon.ico", sizes: "48x48" }, { url: "/icon.svg", type: "image/svg+xml" }],
      apple: "/apple-touch-icon.png",
    },
  };
}

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fafafa" },
    { media: "(prefers-color-scheme: dark)", color: "#0a0a0a" },
  ],
  colorScheme: "light dark",
};

/** The last element of `<main>`: rendering is blocked until the parser has reached it. */
const CONTENT_END_ID = "content-end";

// The messages client components read; the rest stays on the server (smaller payload, and pages do
// not carry texts such as the sign-in form's that they never show).
const CLIENT_NAMESPACES = [
  ...["Theme", "Language", "State", "Format", "CopyLink", "TaskPage", "Errors", "Card", "Player", "Details", "Progress", "Copy"],
  ...["Selection", "LookupResults", "Toolbar", "Gallery", "Lookup", "AddUnknown"],
] as const;

/** `<html>` in the reader's language, with the remembered theme already set for the first paint. */
async function Document({ theme, children }: { theme: Theme; children: ReactNode }) {
  const locale = await getLocale();
  const messages = await getMessages();
  const clientMessages = Object.fromEntries(CLIENT_NAMESPACES.map((namespace) => [namespace, messages[namespace]]));
  return (
    <html lang={HTML_LANG[locale]} data-theme={theme === "system" ? undefined : theme}>
      <head>
        {/* The first paint waits until the page's content is parsed: over a slow link the HTML arrives
            in pieces, and a paint of half a grid (or half the header) would move when the rest came. */}
        <link rel="expect" href={`#${CONTENT_END_ID}`} blocking="render" />
      </head>
      <body className="min-h-screen font-sans">
        <NextIntlClientProvider messages={clientMessages}>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  // DASHBOARD_PASSWORD: without access, the sign-in form takes the place of every page (proxy.ts
  // normally redirects first; this holds even when the proxy is bypassed). Pages still check too.
  if (!(await hasPageAccess())) {
    return (
      <Document theme={theme}>
        <main className="mx-auto w-full max-w-screen-2xl px-4 pb-16 sm:px-6">
          <SignInPanel {...await signInContext()} />
          <span id={CONTENT_END_ID} hidden />
        </main>
      </Document>
    );
  }
  const config = await runtimeConfig();
  const t = await getTranslations("Header");
  return (
    <Document theme={theme}>
      <Providers config={config}>
        <SkipLink label={t("skip")} />
        <SiteHeader configured={config.configured} demo={config.demoIds.length > 0} theme={theme} />
        <main id="content" tabIndex={-1} className="mx-auto w-full max-w-screen-2xl px-4 pb-16 outline-none sm:px-6">
          {children}
          <span id={CONTENT_END_ID} hidden />
        </main>
      </Providers>
    </Document>
  );
}
