import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/layout/site-header";
import { runtimeConfig } from "@/lib/luma/runtime-config";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Luma Gallery", template: "%s · Luma Gallery" },
  description: "Browse Luma video generations: thumbnails, live progress, inline playback, shareable links.",
};

export const viewport: Viewport = { themeColor: "#0a0a0a", colorScheme: "dark" };

export default async function RootLayout({ children }: { children: ReactNode }) {
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
