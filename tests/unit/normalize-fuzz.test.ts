import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/server/http/errors";
import { parseIdParam, parseIdsBody } from "@/lib/server/http/request";
import { normalizeItem, normalizeResponse, UnexpectedShapeError } from "@/lib/server/gateway/normalize";
import type { Task } from "@/lib/shared/task";

// Whatever a gateway sends, normalizing either yields Tasks with only http(s) URLs in them, or
// throws UnexpectedShapeError (which the client turns into a 502). Nothing else may escape.

const RUNS = 1500;

/** Any value of a "random field type". */
const anyValue = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string(),
  fc.constantFrom(0, -1, 1e12 + 1, Number.NaN, Infinity, "", "0", "0001-01-01T00:00:00Z", "45%", "5s"),
  fc.array(fc.anything(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.anything(), { maxKeys: 3 }),
);

const hostileUrl = fc.oneof(
  fc.webUrl(),
  fc.constantFrom(
    "javascript:alert(1)",
    " JavaScript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "blob:https://x/y",
    "//evil.example/x.mp4",
    "/relative.mp4",
    "ftp://host/x",
    "http://",
    "https://[::1]/v.mp4",
    "\u0000https://x",
  ),
  fc.string(),
  anyValue,
);

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(fc.oneof(arb, anyValue), { nil: undefined });

const uuid = fc.oneof(fc.uuid(), fc.uuid().map((u) => u.toUpperCase()), fc.uuid().map((u) => ` ${u} `), fc.string());

const media = fc.record(
  {
    url: hostileUrl,
    download_url: hostileUrl,
    width: anyValue,
    height: anyValue,
    duration: anyValue,
    media_type: anyValue,
    palette: fc.oneof(anyValue, fc.record({ grid: fc.oneof(fc.base64String(), anyValue) }, { requiredKeys: [] })),
  },
  { requiredKeys: [] },
);

const generation = fc.record(
  {
    id: uuid,
    state: fc.oneof(fc.constantFrom("pending", "queued", "processing", "dreaming", "completed", "failed", "COMPLETED"), anyValue),
    created_at: anyValue,
    prompt: maybe(fc.string()),
    request: fc.oneof(anyValue, fc.record({ prompt: maybe(fc.string()), aspect_ratio: anyValue, duration: anyValue }, { requiredKeys: [] })),
    video: fc.oneof(anyValue, media),
    video_raw: fc.oneof(anyValue, media),
    thumbnail: fc.oneof(anyValue, media),
    last_frame: fc.oneof(anyValue, media),
    artifact: fc.oneof(anyValue, fc.record({ video: media, video_raw: media, thumbnail: media, last_frame: media }, { requiredKeys: [] })),
    assets: fc.oneof(anyValue, fc.record({ video: hostileUrl, image: hostileUrl, progress_video: hostileUrl }, { requiredKeys: [] })),
    failure_reason: anyValue,
    estimate_wait_seconds: anyValue,
    user_id: anyValue,
  },
  { requiredKeys: [] },
);

const envelopeItem = fc.record(
  {
    task_id: uuid,
    status: fc.oneof(fc.constantFrom("NOT_START", "SUBMITTED", "QUEUED", "IN_PROGRESS", "SUCCESS", "FAILURE", "UNKNOWN"), anyValue),
    fail_reason: anyValue,
    progress: anyValue,
    submit_time: anyValue,
    start_time: anyValue,
    finish_time: anyValue,
    data: fc.oneof(anyValue, generation),
  },
  { requiredKeys: [] },
);

const item = fc.oneof(generation, envelopeItem, anyValue);

const payload = fc.oneof(
  fc.anything(),
  fc.jsonValue(),
  fc.json().map((text) => JSON.parse(text) as unknown),
  fc.array(item, { maxLength: 8 }),
  fc.record({ code: anyValue, message: anyValue, data: fc.oneof(fc.array(item, { maxLength: 5 }), item, anyValue) }, { requiredKeys: [] }),
  generation,
  envelopeItem,
);

function taskUrls(task: Task): unknown[] {
  return [task.thumbnail?.url, task.video?.url, task.video?.downloadUrl, task.lastFrame?.url].filter((u) => u !== undefined);
}

function assertSafeTask(task: Task): void {
  for (const url of taskUrls(task)) {
    expect(typeof url).toBe("string");
    expect(new URL(url as string).protocol).toMatch(/^https?:$/);
  }
  expect(["pending", "processing", "completed", "failed"]).toContain(task.state);
  expect(task.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  if (task.progress !== null) expect(task.progress >= 0 && task.progress <= 100).toBe(true);
  if (task.palette !== null) expect(task.palette).toHaveLength(25);
  // What the API sends must survive JSON (no NaN, no undefined holes that change shape).
  expect(JSON.parse(JSON.stringify(task))).toEqual(task);
}

describe("normalizeResponse under fuzzing", () => {
  it("only ever throws UnexpectedShapeError, and emits only http(s) URLs", () => {
    fc.assert(
      fc.property(payload, (body) => {
        let tasks: Task[];
        try {
          tasks = normalizeResponse(body);
        } catch (error) {
          expect(error).toBeInstanceOf(UnexpectedShapeError);
          return;
        }
        tasks.forEach(assertSafeTask);
      }),
      { numRuns: RUNS },
    );
  });

  it("normalizeItem never throws and never emits a non-http(s) URL", () => {
    fc.assert(
      fc.property(fc.oneof(item, fc.anything()), (raw) => {
        const task = normalizeItem(raw);
        if (task) assertSafeTask(task);
      }),
      { numRuns: RUNS },
    );
  });

  it("survives objects without a prototype and with hostile keys", () => {
    const bare = Object.assign(Object.create(null) as object, { id: "4665a07c-7641-4809-a133-10786201bb56", state: "completed" });
    expect(normalizeResponse([bare])).toHaveLength(1);
    const proto = JSON.parse('{"__proto__": {"polluted": 1}, "data": [{"__proto__": null, "task_id": "4665a07c-7641-4809-a133-10786201bb56", "constructor": 1}]}');
    expect(() => normalizeResponse(proto)).not.toThrow();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("parseIdsBody under fuzzing", () => {
  const idish = fc.oneof(fc.uuid(), fc.uuid().map((u) => u.toUpperCase()), fc.string(), fc.string({ unit: "binary" }), anyValue);
  const body = fc.oneof(
    fc.anything(),
    fc.jsonValue(),
    fc.record({ ids: fc.oneof(fc.array(idish, { maxLength: 120 }), anyValue) }, { requiredKeys: [] }),
    fc.array(fc.uuid(), { minLength: 0, maxLength: 130 }).map((ids) => ({ ids })),
  );

  it("returns 1–100 lower-case ids or throws a 4xx ApiError, nothing else", () => {
    fc.assert(
      fc.property(body, (input) => {
        try {
          const ids = parseIdsBody(input);
          expect(ids.length).toBeGreaterThanOrEqual(1);
          expect(ids.length).toBeLessThanOrEqual(100);
          for (const id of ids) expect(id).toBe(id.toLowerCase());
        } catch (error) {
          expect(error).toBeInstanceOf(ApiError);
          const status = (error as ApiError).status;
          expect(status >= 400 && status < 500).toBe(true);
          expect((error as ApiError).message.length).toBeLessThan(400);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("parseIdParam throws only 400 ApiErrors", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.uuid(), fc.constantFrom("%", "%E0%A4%A", "..%2F..")), (raw) => {
        try {
          expect(parseIdParam(raw)).toMatch(/^[0-9a-f-]{36}$/);
        } catch (error) {
          expect(error).toBeInstanceOf(ApiError);
          expect((error as ApiError).status).toBe(400);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
