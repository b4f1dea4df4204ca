import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { LOCALE_COOKIE, pickLocale } from "@/lib/shared/locale";

// No locale in the URL: a remembered choice (the switch's cookie), else Accept-Language, else English.
export default getRequestConfig(async () => {
  const locale = pickLocale((await cookies()).get(LOCALE_COOKIE)?.value, (await headers()).get("accept-language"));
  return {
    locale,
    messages: (await import(`../messages/${locale}.json`)).default,
    // One zone on the server and in the browser, so server HTML and hydration print the same times.
    timeZone: "UTC",
  };
});
