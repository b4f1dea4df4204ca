import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { DEMO_IDS } from "../../simulator/demo-set";
import { E2E_KEY, PAGES_TO_WALK as PAGES } from "./env";
import { createTasks, resetSim, setFault } from "./sim";

// The app runs with the known key E2E_KEY. It must appear nowhere a client can see: not in the
// build's client files, not in any page (HTML or RSC payload), not in any API or error answer,
// whatever the gateway does. `npm test` builds with LUMA_API_KEY=<E2E_KEY> set (package.json), so
// the build scan bites: a key read at build time would be inlined there, and must still be absent.

const NEEDLES = [E2E_KEY, Buffer.from(E2E_KEY).toString("base64"), encodeURIComponent(E2E_KEY)];

function files(dir: string): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    out = statSync(full).isDirectory() ? out.concat(files(full)) : out.concat(full);
  }
  return out;
}

async function expectClean(response: APIResponse, where: string) {
  const body = (await response.body()).toString("utf8");
  const headers = JSON.stringify(response.headers());
  for (const needle of NEEDLES) {
    expect(body.includes(needle), `key in body of ${where}`).toBe(false);
    expect(headers.includes(needle), `key in headers of ${where}`).toBe(false);
  }
}


test.afterEach(async () => {
  await resetSim();
});

test("the built client files (.next/static) never contain the key", () => {
  const dir = path.join(process.cwd(), ".next", "static");
  const all = files(dir);
  expect(all.length).toBeGreaterThan(0);
  for (const file of all) {
    const text = readFileSync(file).toString("latin1");
    for (const needle of NEEDLES) expect(text.includes(needle), file).toBe(false);
  }
});

test("no page leaks the key, in HTML or in its RSC payload", async ({ request }) => {
  for (const page of PAGES) {
    await expectClean(await request.get(page), `${page} (HTML)`);
    await expectClean(await request.get(page, { headers: { RSC: "1" } }), `${page} (RSC)`);
    await expectClean(await request.get(page, { headers: { RSC: "1", "Next-Router-Prefetch": "1" } }), `${page} (RSC prefetch)`);
  }
});

const API = (ids: string[]) => [
  { what: "POST /api/tasks", go: (r: APIRequestContext) => r.post("/api/tasks", { data: { ids } }) },
  { what: "GET /api/tasks/{id}", go: (r: APIRequestContext) => r.get(`/api/tasks/${ids[0]}`) },
  { what: "GET /api/tasks/{id}?refresh=1", go: (r: APIRequestContext) => r.get(`/api/tasks/${ids[0]}?refresh=1`) },
  { what: "GET /api/tasks/{id}/video", go: (r: APIRequestContext) => r.get(`/api/tasks/${ids[0]}/video`, { headers: { Range: "bytes=0-1023" } }) },
];

test("no API answer leaks the key: success, bad input, unknown ids", async ({ request }) => {
  for (const { what, go } of API([...DEMO_IDS.slice(0, 6)])) await expectClean(await go(request), what);
  for (const { what, go } of API(["00000000-0000-4000-8000-000000000000"])) await expectClean(await go(request), `${what} (unknown)`);
  await expectClean(await request.post("/api/tasks", { data: "{not json" }), "bad JSON");
  await expectClean(await request.post("/api/tasks", { data: { ids: ["nope"] } }), "bad id");
  await expectClean(await request.get("/api/tasks/nope"), "bad id param");
  await expectClean(await request.get("/api/health"), "health");
  await expectClean(await request.get("/api/nothing-here"), "api 404");
});

for (const mode of ["429", "500", "malformed", "html", "hang", "unexpected", "401"] as const) {
  test(`no answer leaks the key while the gateway fails with ${mode}`, async ({ request }) => {
    test.setTimeout(90_000);
    const ids = await createTasks([{ prompt: "leak probe" }]);
    await setFault({ mode, retryAfter: 1 });
    for (const { what, go } of API(ids)) await expectClean(await go(request), `${what} during ${mode}`);
    await expectClean(await request.get(`/tasks/${ids[0]}`), `/tasks page during ${mode}`);
    await expectClean(await request.get(`/tasks/${ids[0]}`, { headers: { RSC: "1" } }), `/tasks RSC during ${mode}`);
  });
}
