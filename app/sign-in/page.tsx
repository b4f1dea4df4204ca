import type { Metadata } from "next";
import Link from "next/link";
import { isGateEnabled } from "@/lib/server/auth/access";
import { safeNextPath } from "@/lib/server/auth/session";
import { SignOutButton } from "./sign-in-panel";

export const metadata: Metadata = { title: "Sign in" };

// Visitors without access never get here: the root layout renders the sign-in form in place of
// any page (this one included) for them. So this page only talks to people who may already see
// the dashboard: it offers to go on, or to sign out.
export default async function SignInPage({ searchParams }: PageProps<"/sign-in">) {
  const { next } = await searchParams;
  const target = safeNextPath(Array.isArray(next) ? next[0] : next);
  const gate = isGateEnabled();
  return (
    <section className="mx-auto mt-16 w-full max-w-sm rounded-lg border border-white/10 bg-neutral-900 p-6">
      <h1 className="text-lg font-semibold text-white">{gate ? "You are signed in" : "No password needed"}</h1>
      <p className="mt-1 text-sm text-neutral-400">
        {gate ? "This browser may see the dashboard for the next 7 days." : "DASHBOARD_PASSWORD is not set, so this dashboard is open to anyone who can reach it."}
      </p>
      <div className="mt-4 flex items-center gap-3">
        <Link href={target} className="rounded bg-white px-3 py-2 font-medium text-neutral-950 hover:bg-neutral-200">
          Continue
        </Link>
        {gate && <SignOutButton />}
      </div>
    </section>
  );
}
