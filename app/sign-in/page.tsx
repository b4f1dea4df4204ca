import type { Metadata } from "next";
import { AppLink } from "@/components/common/app-link";
import { getTranslations } from "next-intl/server";
import { isGateEnabled } from "@/lib/server/auth/access";
import { safeNextPath } from "@/lib/server/auth/session";
import { SignOutButton } from "./sign-in-panel";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("Metadata"))("signInTitle") };
}

// Visitors without access never get here: the root layout renders the sign-in form in place of
// any page (this one included) for them. So this page only talks to people who may already see
// the dashboard: it offers to go on, or to sign out.
export default async function SignInPage({ searchParams }: PageProps<"/sign-in">) {
  const { next } = await searchParams;
  const target = safeNextPath(Array.isArray(next) ? next[0] : next);
  const gate = isGateEnabled();
  const t = await getTranslations("SignIn");
  return (
    <section className="mx-auto mt-16 w-full max-w-sm rounded-lg border border-white/10 bg-neutral-900 p-6">
      <h1 className="text-lg font-semibold text-white">{t(gate ? "signedInTitle" : "openTitle")}</h1>
      <p className="mt-1 text-sm text-neutral-400">{t(gate ? "signedInBody" : "openBody")}</p>
      <div className="mt-4 flex items-center gap-3">
        <AppLink href={target} className="rounded bg-white px-3 py-2 font-medium text-neutral-950 hover:bg-neutral-200">
          {t("continue")}
        </AppLink>
        {gate && <SignOutButton />}
      </div>
    </section>
  );
}
