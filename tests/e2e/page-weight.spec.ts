import { expect, test } from "@playwright/test";
import { stylesheetCopies } from "./stylesheet-copies";

// The inlined stylesheet is the largest part of every page's HTML: once to paint with and once in
// the RSC payload (Next's documented cost of inlining), not a third time for the global-error boundary.
test("every page carries its stylesheet twice, not three times", async ({ request }) => {
  for (const path of ["/", "/lookup", "/no-such-page"]) {
    const html = await (await request.get(path)).text();
    expect(stylesheetCopies(html), path).toBe(2);
  }
});
