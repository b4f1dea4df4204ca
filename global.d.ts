import type messages from "./messages/en.json";
import type { Locale } from "./lib/shared/locale";

// Typed keys: a missing or misspelled message is a type error, not a blank on the page.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof messages;
  }
}
