import { expect, test } from "@playwright/test";
import fc from "fast-check";
import { E2E_KEY } from "./env";

// Arbitrary bodies to POST /api/tasks over real HTTP never give a 5xx: anything a client sends is
// a 2xx or a 4xx with a JSON {"error": {code, message}}. Bounded to keep the run short.

const NUM_RUNS = 300;
const uuid = fc.uuid();

const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 });

const contentType = fc.oneof(
  fc.constantFrom(
    "application/json",
    "application/json; charset=utf-8",
    "application/vnd.api+json",
    "text/plain",
    "text/html",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "application/octet-stream",
    "",
  ),
  printable,
);

const idish = fc.oneof(
  uuid,
  uuid.map((u) => u.toUpperCase()),
  uuid.map((u) => ` ${u}\n`),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom("４６６５a07c-7641-4809-a133-10786201bb56", "4665a07c-7641-4809-a133-10786201bb5６", "💥", "\u0000", "../../etc/passwd"),
  fc.jsonValue({ maxDepth: 2 }),
);

const body: fc.Arbitrary<{ label: string; data: string | Buffer }> = fc.oneof(
  fc.json({ maxDepth: 3 }).map((data) => ({ label: "random json", data })),
  fc.uint8Array({ maxLength: 2000 }).map((bytes) => ({ label: "random bytes", data: Buffer.from(bytes) })),
  fc.array(idish, { maxLength: 20 }).map((ids) => ({ label: "ids of random kinds", data: JSON.stringify({ ids }) })),
  fc.array(uuid, { minLength: 99, maxLength: 103 }).map((ids) => ({ label: `${ids.length} ids`, data: JSON.stringify({ ids }) })),
  fc.integer({ min: 60_000, max: 300_000 }).map((n) => ({ label: `huge body ${n} B`, data: JSON.stringify({ ids: ["x".repeat(n)] }) })),
  fc.string({ unit: "binary", maxLength: 500 }).map((s) => ({ label: "unicode text", data: s })),
  fc.jsonValue().map((v) => ({ label: "nested value", data: JSON.stringify({ ids: v }) })),
);

test("POST /api/tasks – arbitrary bodies and content types never give a 5xx", async ({ request }) => {
  test.setTimeout(180_000);
  const seen = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(body, fc.option(contentType, { nil: undefined }), async ({ label, data }, type) => {
      const headers: Record<string, string> = type === undefined ? {} : { "Content-Type": type };
      const response = await request.post("/api/tasks", { data, headers, failOnStatusCode: false });
      const status = response.status();
      seen.set(status, (seen.get(status) ?? 0) + 1);
      const text = await response.text();
      expect(status, `${label} (${type ?? "no content type"}) → ${status} ${text.slice(0, 200)}`).toBeLessThan(500);
      expect(text).not.toContain(E2E_KEY);
      if (status >= 400) {
        const parsed = JSON.parse(text) as { error: { code: string; message: string } };
        expect(typeof parsed.error.code).toBe("string");
        expect(parsed.error.message.length).toBeGreaterThan(0);
      }
    }),
    { numRuns: NUM_RUNS },
  );
  test.info().annotations.push({ type: "statuses", description: JSON.stringify(Object.fromEntries(seen)) });
});

test("POST /api/tasks – rejects 101 ids and names a bad id", async ({ request }) => {
  const ids = Array.from({ length: 101 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);
  const tooMany = await request.post("/api/tasks", { data: { ids } });
  expect(tooMany.status()).toBe(400);
  expect((await tooMany.json()).error.message).toMatch(/101/);

  const bad = await request.post("/api/tasks", { data: { ids: ["4665a07c-7641-4809-a133-10786201bb56", "🦄-not-an-id"] } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.message).toContain("🦄-not-an-id");
});

test("GET /api/tasks/{id} – arbitrary path segments never give a 5xx", async ({ request }) => {
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.string({ maxLength: 80 }), uuid, fc.string({ unit: "binary", maxLength: 40 })), async (raw) => {
      const response = await request.get(`/api/tasks/${encodeURIComponent(raw)}`, { failOnStatusCode: false });
      expect(response.status(), raw).toBeLessThan(500);
    }),
    { numRuns: 100 },
  );
});
