import { getTranslations } from "next-intl/server";

// The sign-in form: plain HTML that posts to /api/session, so it works before (and without) any
// JavaScript. The root layout also renders it in place of any page a visitor may not see.

export async function SignInPanel({ next, error, signedOut }: { next: string; error?: string | null; signedOut?: boolean }) {
  const t = await getTranslations("SignIn");
  const message = error ? t(error === "locked" ? "locked" : "wrongPassword") : null;
  return (
    <section aria-labelledby="sign-in-title" className="mx-auto mt-16 w-full max-w-sm rounded-lg border border-white/10 bg-neutral-900 p-6">
      <h1 id="sign-in-title" className="text-lg font-semibold text-white">
        {t("title")}
      </h1>
      <p className="mt-1 text-sm text-neutral-400">{t("protected")}</p>
      {signedOut && !message && (
        <p role="status" className="mt-4 text-sm text-neutral-300">
          {t("signedOut")}
        </p>
      )}
      {message && (
        <p role="alert" className="mt-4 rounded bg-red-500/15 px-3 py-2 text-sm text-red-200">
          {message}
        </p>
      )}
      <form method="post" action="/api/session" className="mt-4 flex flex-col gap-3">
        <input type="hidden" name="next" value={next} />
        <label htmlFor="password" className="text-sm text-neutral-200">
          {t("password")}
        </label>
        <input
          id="password"
          name="password"
          type="password"
          required
          autoComplete="current-password"
          autoFocus
          className="rounded border border-white/20 bg-neutral-950 px-3 py-2 text-white"
        />
        <button type="submit" className="rounded bg-white px-3 py-2 font-medium text-neutral-950 hover:bg-neutral-200">
          {t("submit")}
        </button>
      </form>
    </section>
  );
}

export async function SignOutButton() {
  const t = await getTranslations("SignIn");
  return (
    <form method="post" action="/api/session">
      <input type="hidden" name="intent" value="sign-out" />
      <button type="submit" className="rounded border border-white/20 px-3 py-2 text-sm text-white hover:bg-white/10">
        {t("signOut")}
      </button>
    </form>
  );
}
