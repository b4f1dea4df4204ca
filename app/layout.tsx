import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/layout/site-header";
import { hasPageAccess } from "@/lib/server/auth/page-access";
import { signInContext } from "@/lib/server/auth/page-gate";
import { runtimeConfig } from "@/lib/server/gateway/runtime-config";
import { Providers } from "./providers";
import { SignInPanel } from "./sign-in/sign-in-panel";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Luma Gallery", template: "%s · Luma Gallery" },
  description: "Browse Luma video generations: thumbnails, live progress, inline playback, shareable links.",
};

export const viewport: Viewport = { themeColor: "#0a0a0a", colorScheme: "dark" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // DASHBOARD_PASSWORD: without access, the sign-in form takes the place of every page (proxy.ts
  // normally redirects first; this holds even when the proxy is bypassed). Pages still check too.
  if (!(await hasPageAccess())) {
    return (
      <html lang="en">
        <body className="min-h-screen font-sans">
          <main className="mx-auto w-full max-w-screen-2xl px-4 pb-16 sm:px-6">
            <SignInPanel {...await signInContext()} />
          </main>
        </body>
      </html>
    );
  }
  const config = await runtimeConfig();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <Providers config={config}>
          <SiteHeader configured={config.configured} />
          <main className="mx-auto w-full max-w-screen-2xl px-4 pb-16 sm:px-6">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
