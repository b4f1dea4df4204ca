// Writes app/theme-palette.css (see scripts/lib/theme-palette-css.ts).
// Run after changing lib/shared/theme-palette.ts or Tailwind: npx tsx scripts/generate-theme-palette.ts
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { themePaletteCss } from "./lib/theme-palette-css";

writeFileSync(join(__dirname, "..", "app", "theme-palette.css"), themePaletteCss());
