import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chunk, extractTaskIds, isTaskId, normalizeTaskId, parseIdsParam } from "@/lib/shared/ids";

const A = "4665a07c-7641-4809-a133-10786201bb56";
const B = "8b9a0f1e-2d3c-4b5a-8f6e-7d8c9b0a1f0e";
const C = "00000000-0000-4000-8000-000000000000";

const HEX = [..."0123456789abcdef"];
const hex = (n: number) => fc.string({ unit: fc.constantFrom(...HEX), minLength: n, maxLength: n });
/** Any hex UUID (gateways do not all set RFC 4122 version nibbles), lower case. */
const uuid = fc.tuple(hex(8), hex(4), hex(4), hex(4), hex(12)).map((parts) => parts.join("-"));
/** The same UUID with each letter's case chosen at random. */
const anyCase = (id: string) =>
  fc.array(fc.boolean(), { minLength: id.length, maxLength: id.length }).map((upper) =>
    [...id].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch)).join(""),
  );
const casedUuid = uuid.chain((id) => anyCase(id).map((text) => ({ id, text })));
// Text between ids: anything that cannot extend a UUID (no hex digit, no dash).
const SEPARATOR_CHARS = [..." \t\n\r,;:|/\\\"'`=&?#()[]{}<>_+*!.~ghijklmnopqrstuvwxyzGHIJKLMNOPQRSTUVWXYZ€é日"];
const separator = fc.string({ unit: fc.constantFrom(...SEPARATOR_CHARS), minLength: 1, maxLength: 12 });
const filler = fc.string({ unit: fc.constantFrom(...SEPARATOR_CHARS), maxLength: 20 });

const firstAppearance = (ids: string[]) => [...new Set(ids)];

describe("extractTaskIds – properties", () => {
  it("finds every UUID embedded in random text, in any case and with any separators", () => {
    fc.assert(
      fc.property(fc.array(casedUuid, { minLength: 1, maxLength: 20 }), fc.array(separator, { minLength: 21, maxLength: 21 }), filler, filler, (ids, seps, head, tail) => {
        const text = head + ids.map((u, i) => u.text + seps[i]).join("") + tail;
        expect(extractTaskIds(text)).toEqual(firstAppearance(ids.map((u) => u.id)));
      }),
    );
  });

  it("dedupes across case, keeping the first appearance", () => {
    fc.assert(
      fc.property(uuid, uuid, separator, (a, b, sep) => {
        fc.pre(a !== b);
        const text = [a.toUpperCase(), b, a, b.toUpperCase(), a].join(sep);
        expect(extractTaskIds(text)).toEqual([a, b]);
      }),
    );
  });

  it("only ever returns lower-case UUIDs that occur in the text, without duplicates", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...HEX, ..."ABCDEF-- ,x"), maxLength: 200 }), (text) => {
        const found = extractTaskIds(text);
        expect(new Set(found).size).toBe(found.length);
        for (const id of found) {
          expect(isTaskId(id)).toBe(true);
          expect(id).toBe(id.toLowerCase());
          expect(text.toLowerCase()).toContain(id);
        }
      }),
    );
  });

  it("does not carve a UUID out of a longer run of hex digits and dashes", () => {
    const extension = fc.string({ unit: fc.constantFrom(...HEX, "-"), minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(uuid, extension, fc.constantFrom("before", "after", "both"), (id, extra, where) => {
        const text = where === "before" ? extra + id : where === "after" ? id + extra : extra + id + extra;
        // A dash-only extension keeps the UUID intact between dashes; that is still a longer run.
        expect(extractTaskIds(`see ${text} here`)).toEqual([]);
      }),
    );
  });

  it("rejects a group with one hex digit too few or too many (31 or 33 digits)", () => {
    fc.assert(
      fc.property(uuid, fc.integer({ min: 0, max: 4 }), fc.boolean(), fc.constantFrom(...HEX), (id, group, longer, digit) => {
        const parts = id.split("-");
        parts[group] = longer ? parts[group] + digit : parts[group]!.slice(1);
        expect(extractTaskIds(`id=${parts.join("-")};`)).toEqual([]);
      }),
    );
  });

  it("is idempotent: the ids it finds, joined, yield the same ids", () => {
    fc.assert(
      fc.property(fc.array(casedUuid, { maxLength: 10 }), separator, (ids, sep) => {
        const once = extractTaskIds(ids.map((u) => u.text).join(sep));
        expect(extractTaskIds(once.join(" "))).toEqual(once);
      }),
    );
  });
});

describe("extractTaskIds – what people paste", () => {
  it("finds nothing in text without ids", () => {
    expect(extractTaskIds("")).toEqual([]);
    expect(extractTaskIds("no ids here, just words and 12345")).toEqual([]);
  });

  it("reads task links, including share links with several ids", () => {
    expect(extractTaskIds(`https://gallery.example/tasks/${A}`)).toEqual([A]);
    expect(extractTaskIds(`https://gallery.example/?ids=${A},${B.toUpperCase()}&x=1`)).toEqual([A, B]);
    expect(extractTaskIds(`https://gateway.example/luma/generations/${B}/download_video_url`)).toEqual([B]);
  });

  it("reads JSON answers, bare arrays and the envelope alike", () => {
    const json = JSON.stringify({ code: "success", data: [{ task_id: A, data: { id: A, state: "completed" } }, { task_id: C }] }, null, 2);
    expect(extractTaskIds(json)).toEqual([A, C]);
    expect(extractTaskIds(JSON.stringify({ ids: [B, A] }))).toEqual([B, A]);
  });

  it("reads log lines with timestamps and key=value pairs", () => {
    const log = [
      `2025-03-01T12:00:00.123Z INFO  generation submitted id=${A.toUpperCase()} model=ray-2`,
      `2025-03-01T12:00:05.000Z WARN  retry task_id="${B}" attempt=2`,
      `2025-03-01T12:00:09.000Z INFO  generation completed id=${A}`,
    ].join("\n");
    expect(extractTaskIds(log)).toEqual([A, B]);
  });

  it("accepts UUIDs of any version, including the nil-like ones gateways use in tests", () => {
    expect(extractTaskIds(`${C} 11111111-2222-3333-4444-555555555555`)).toEqual([C, "11111111-2222-3333-4444-555555555555"]);
  });

  it("rejects near misses", () => {
    expect(extractTaskIds("4665a07c-7641-4809-a133-10786201bb5")).toEqual([]); // 31 digits
    expect(extractTaskIds("4665a07c-7641-4809-a133-10786201bb567")).toEqual([]); // 33 digits
    expect(extractTaskIds("4665a07c76414809a13310786201bb56")).toEqual([]); // no dashes
    expect(extractTaskIds("4665a07g-7641-4809-a133-10786201bb56")).toEqual([]); // not hex
    expect(extractTaskIds(`ff${A}`)).toEqual([]);
    expect(extractTaskIds(`${A}-0`)).toEqual([]);
  });
});

describe("parseIdsParam", () => {
  it("reads ?ids=a,b as sent in share links, lower-cased and deduplicated", () => {
    expect(parseIdsParam(`${A},${B.toUpperCase()},${A}`)).toEqual([A, B]);
  });

  it("accepts repeated params (?ids=a&ids=b) and other separators", () => {
    expect(parseIdsParam([A, `${B} ${C}`])).toEqual([A, B, C]);
  });

  it("drops malformed entries and answers [] for nothing", () => {
    expect(parseIdsParam(`nope,${A},123`)).toEqual([A]);
    expect(parseIdsParam(undefined)).toEqual([]);
    expect(parseIdsParam(null)).toEqual([]);
    expect(parseIdsParam("")).toEqual([]);
    expect(parseIdsParam([])).toEqual([]);
  });

  it("round-trips any list of ids joined by commas", () => {
    fc.assert(
      fc.property(fc.array(casedUuid, { maxLength: 30 }), (ids) => {
        expect(parseIdsParam(ids.map((u) => u.text).join(","))).toEqual(firstAppearance(ids.map((u) => u.id)));
      }),
    );
  });
});

describe("normalizeTaskId", () => {
  it("lower-cases an id in any case and forgives surrounding spaces", () => {
    fc.assert(
      fc.property(casedUuid, fc.constantFrom("", " ", "\n", "\t "), (u, pad) => {
        expect(normalizeTaskId(pad + u.text + pad)).toBe(u.id);
      }),
    );
  });

  it("answers null for anything that is not exactly one id", () => {
    expect(normalizeTaskId("")).toBeNull();
    expect(normalizeTaskId("not-a-task")).toBeNull();
    expect(normalizeTaskId(`${A},${B}`)).toBeNull();
    expect(normalizeTaskId(`/tasks/${A}`)).toBeNull();
    expect(normalizeTaskId(A.slice(1))).toBeNull();
    expect(normalizeTaskId(`{${A}}`)).toBeNull();
  });

  it("never accepts what isTaskId rejects", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const normalized = normalizeTaskId(text);
        if (normalized !== null) expect(isTaskId(normalized)).toBe(true);
        else expect(isTaskId(text.trim())).toBe(false);
      }),
    );
  });
});

describe("chunk", () => {
  it("splits 2,000 ids into 20 batches of 100, keeping order", () => {
    const ids = Array.from({ length: 2000 }, (_, i) => String(i));
    const parts = chunk(ids, 100);
    expect(parts).toHaveLength(20);
    expect(parts.every((p) => p.length === 100)).toBe(true);
    expect(parts.flat()).toEqual(ids);
  });
});
