// POST /api/session – sign in (form or JSON `{password, next}`), or sign out with `intent=sign-out`
// DELETE /api/session – sign out
// Both refuse cross-site requests (withApi's same-origin check): a page elsewhere must not sign
// anyone in or out.
import { withApi } from "@/lib/server/http/with-api";
import { readSignInForm, signIn, signOut } from "@/lib/server/auth/sign-in";

export const POST = withApi(
  async (request: Request) => {
    const form = await readSignInForm(request);
    return form.intent === "sign-out" ? signOut(request, form.wantsJson) : signIn(request, form);
  },
  { access: "open" },
);

export const DELETE = withApi((request: Request) => signOut(request, true), { access: "open" });
