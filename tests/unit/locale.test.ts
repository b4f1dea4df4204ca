import { describe, expect, it } from "vitest";
import { HTML_LANG, localeFromAcceptLanguage, pickLocale } from "@/lib/shared/locale";
import en from "@/messages/en.json";
import zh from "@/messages/zh.json";

describe("pickLocale", () => {
  it("prefers the remembered choice over the browser's languages", () => {
    expect(pickLocale("en", "zh-CN,zh;q=0.9")).toBe("en");
    expect(pickLocale("zh", "en-US")).toBe("zh");
  });

  it("ignores a cookie naming an unsupported language", () => {
    expect(pickLocale("fr", "zh-TW")).toBe("zh");
    expect(pickLocale("../../etc/passwd", null)).toBe("en");
  });

  it("defaults to English", () => {
    expect(pickLocale(undefined, undefined)).toBe("en");
    expect(pickLocale(undefined, "fr-FR,de;q=0.8")).toBe("en");
  });
});

describe("localeFromAcceptLanguage", () => {
  it.each([
    ["zh-CN,zh;q=0.9,en;q=0.8", "zh"],
    ["zh-Hans-CN", "zh"],
    ["ZH-tw", "zh"],
    ["en-GB,en;q=0.9", "en"],
    ["fr-FR,zh;q=0.5,en;q=0.7", "en"],
    ["en;q=0.2, zh;q=0.8", "zh"],
    ["zh;q=0, en", "en"],
    ["de, fr;q=0.9", null],
    ["", null],
    [";;;,q=,", null],
  ])("%s → %s", (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });

  it("keeps header order between equal q-values", () => {
    expect(localeFromAcceptLanguage("zh, en")).toBe("zh");
    expect(localeFromAcceptLanguage("en, zh")).toBe("en");
  });
});

describe("messages", () => {
  function keys(value: unknown, prefix = ""): string[] {
    if (typeof value !== "object" || value === null) return [prefix];
    return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
  }

  it("Chinese has exactly the English keys", () => {
    expect(keys(zh).sort()).toEqual(keys(en).sort());
  });

  it("no message is empty, and Chinese ones are translated", () => {
    const flat = (m: unknown) => keys(m).map((k) => k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], m) as string);
    expect(flat(en).every((s) => s.trim().length > 0)).toBe(true);
    // Placeholders and markup aside, a Chinese message that equals the English one was forgotten.
    const same = keys(en).filter((k, i) => flat(en)[i] === flat(zh)[keys(zh).indexOf(k)] && /[a-z]{3}/i.test(flat(en)[i]!.replace(/\{[^}]*\}|<[^>]*>/g, "")));
    expect(same).toEqual([]);
  });

  it("<html lang> names Simplified Chinese for the zh messages", () => {
    expect(HTML_LANG).toEqual({ en: "en", zh: "zh-CN" });
  });
});
