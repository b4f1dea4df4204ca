// POST /api/session – sign in (form or JSON `{password, next}`), or sign out with `intent=sign-out`
// DELETE /api/session – sign out
import { withApi } from "@/lib/server/http/with-api";
import { assertSameOrigin, readSignInForm, signIn, signOut } from "@/lib/server/auth/sign-in";

export const POST = withApi(
  async (request: Request) => {
    assertSameOrigin(request);
    const form = await readSignInForm(request);
    return form.intent === "sign-out" ? signOut(request, form.wantsJson) : signIn(request, form);
  },
  { access: "open" },
);

export const DELETE = withApi(
  (request: Request) => {
    assertSameOrigin(request);
    return signOut(request, true);
  },
  { access: "open" },
);
