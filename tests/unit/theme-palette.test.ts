import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { durationParts } from "@/lib/shared/duration";
import { lightPartner, parseTheme, THEMED_FAMILIES } from "@/lib/shared/theme-palette";
import { themePaletteCss } from "@/scripts/lib/theme-palette-css";

describe("the light palette", () => {
  it("mirrors the shade scale so dark-on-dark becomes light-on-light", () => {
    expect(lightPartner("neutral", 950)).toBe(50);
    expect(lightPartner("neutral", 50)).toBe(950);
    expect(lightPartner("red", 200)).toBe(800);
    expect(lightPartner("sky", 400)).toBe(600);
  });

  it("darkens accent button faces so their near-white text keeps contrast", () => {
    expect(lightPartner("sky", 500)).toBe(700);
    expect(lightPartner("neutral", 500)).toBe(600);
  });

  it("app/theme-palette.css is what the generator writes (run scripts/generate-theme-palette.ts)", () => {
    const committed = readFileSync(new URL("../../app/theme-palette.css", import.meta.url), "utf8");
    expect(committed).toBe(themePaletteCss());
    for (const family of THEMED_FAMILIES) expect(committed).toContain(`--color-${family}-950: light-dark(`);
    expect(committed).toContain("--color-white: light-dark(");
  });

  it("reads only the two explicit choices from the cookie", () => {
    expect(parseTheme("light")).toBe("light");
    expect(parseTheme("dark")).toBe("dark");
    expect(parseTheme("system")).toBe("system");
    expect(parseTheme("<script>")).toBe("system");
    expect(parseTheme(undefined)).toBe("system");
  });
});

describe("durationParts", () => {
  it.each([
    [5, { kind: "seconds", seconds: 5 }],
    [5.04, { kind: "seconds", seconds: 5 }],
    [9.26, { kind: "seconds", seconds: 9.3 }],
    [12.6, { kind: "seconds", seconds: 13 }],
    [65, { kind: "clock", text: "1:05" }],
    [600, { kind: "clock", text: "10:00" }],
  ])("%s s", (seconds, expected) => {
    expect(durationParts(seconds)).toEqual(expected);
  });

  it("is null for unknown or nonsense lengths", () => {
    for (const s of [null, undefined, 0, -3, NaN, Infinity]) expect(durationParts(s)).toBeNull();
  });
});
