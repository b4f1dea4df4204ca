// The light theme mirrors the dark palette's shade scale: what is dark on dark (backgrounds) becomes
// light on light and the reverse, so contrast between any two shades is about the same in both.

export const THEMED_FAMILIES = ["neutral", "red", "amber", "emerald", "sky"] as const;
export type ThemedFamily = (typeof THEMED_FAMILIES)[number];

/**
 * The shade a dark-theme shade stands for in the light theme: 50↔950, 100↔900 … 400↔600.
 * Accent 500s are button faces under dark text; in light that text turns near-white, so the face
 * darkens to 700 to keep AA contrast. Neutral 500 is muted body text: 600 keeps it readable.
 */
export function lightPartner(family: ThemedFamily, shade: number): number {
  if (shade === 500) return family === "neutral" ? 600 : 700;
  if (shade === 50) return 950;
  if (shade === 950) return 50;
  return 1000 - shade;
}

export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];
export const THEME_COOKIE = "theme";

/** The remembered choice from the cookie; anything else follows the system. */
export function parseTheme(value: string | undefined | null): Theme {
  return value === "light" || value === "dark" ? value : "system";
}
