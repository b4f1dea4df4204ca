import { NextIntlClientProvider } from "next-intl";
import { createElement, type ComponentProps, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { UpstreamAlert } from "@/components/tasks/upstream-alert";
import en from "@/messages/en.json";
import zh from "@/messages/zh.json";

type ProviderProps = ComponentProps<typeof NextIntlClientProvider>;

function inLocale(locale: "en" | "zh", element: ReactElement): string {
  const props = { locale, messages: locale === "en" ? en : zh, timeZone: "UTC" } as ProviderProps;
  return renderToStaticMarkup(createElement(NextIntlClientProvider, props, element));
}

function render(locale: "en" | "zh", code: unknown, message = "upstream said no") {
  return inLocale(locale, createElement(UpstreamAlert, { error: Object.assign(new Error(message), { code }) }));
}

describe("UpstreamAlert", () => {
  it("words a code the messages know in the reader's language, then quotes the server", () => {
    const html = render("zh", "gateway_timeout");
    expect(html).toContain(zh.Errors.upstream.gateway_timeout);
    expect(html).toContain('<span lang="en" class="text-red-200/70">(upstream said no)</span>');
  });

  it("falls back to the 'other' wording for a code the messages do not know, or none", () => {
    for (const code of ["teapot", undefined, 418]) {
      const html = render("zh", code);
      expect(html).toContain(zh.Errors.upstream.other);
      expect(html).not.toContain("upstream.");
    }
  });

  it("in English the server's own sentence is the notice", () => {
    const html = render("en", "teapot");
    expect(html).toContain("upstream said no");
    expect(html).toContain(en.Errors.upstreamKept);
    expect(html).not.toContain(en.Errors.upstream.other);
  });

  it("shows nothing without an error", () => {
    expect(inLocale("en", createElement(UpstreamAlert, { error: null }))).toBe("");
  });
});
