import { afterEach, describe, expect, it, vi } from "vitest";
import { ClientApiError, getTask, postTasks } from "@/lib/client/api";

// The browser's calls to our own API: every failure becomes a ClientApiError with a message a
// person can act on (the views show it as is).

const answer = (status: number, body: string, type = "application/json") =>
  vi.stubGlobal("fetch", vi.fn(async () => new Response(body, { status, headers: { "content-type": type } })));

afterEach(() => {
  vi.unstubAllGlobals();
});

async function failure(call: Promise<unknown>): Promise<ClientApiError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ClientApiError);
  return error as ClientApiError;
}

describe("client API", () => {
  it("passes the server's own error message on", async () => {
    answer(429, JSON.stringify({ error: { code: "rate_limited", message: "Slow down." } }));
    expect(await failure(postTasks(["x"]))).toMatchObject({ status: 429, code: "rate_limited", message: "Slow down." });
  });

  it("says what happened when an error answer is not ours (a proxy's HTML page)", async () => {
    answer(502, "<html>Bad Gateway</html>", "text/html");
    expect((await failure(postTasks(["x"]))).message).toBe("The server answered HTTP 502.");
  });

  it("turns a 200 it cannot read into a plain sentence, not the schema's complaint", async () => {
    answer(200, "<html>captive portal</html>", "text/html");
    const error = await failure(postTasks(["x"]));
    expect(error.code).toBe("bad_response");
    expect(error.message).toMatch(/^The dashboard server answered HTTP 200 with something this page does not understand/);
    answer(200, JSON.stringify({ tasks: "nope" }));
    expect((await failure(getTask("4665a07c-7641-4809-a133-10786201bb56"))).code).toBe("bad_response");
  });

  it("says the server could not be reached when fetch itself fails", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("fetch failed"))));
    expect(await failure(postTasks(["x"]))).toMatchObject({ status: 0, code: "network" });
  });

  it("reads a 404 for one task as not found, not as an error", async () => {
    answer(404, JSON.stringify({ error: { code: "not_found", message: "No such task." } }));
    expect(await getTask("4665a07c-7641-4809-a133-10786201bb56")).toBeNull();
  });
});
