import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  normalizeEnvelopeTask,
  normalizeGeneration,
  normalizeResponse,
  toHttpUrl,
  toIsoTime,
  toProgress,
  toTaskState,
  UnexpectedShapeError,
} from "@/lib/server/gateway/normalize";

const fixture = (name: string): unknown => JSON.parse(readFileSync(path.join(__dirname, "../fixtures", name), "utf8"));
const ID = "4665a07c-7641-4809-a133-10786201bb56";

describe("seed examples, verbatim", () => {
  it("seed 000/001: a bare array of completed generations becomes a full Task", () => {
    const [task, ...rest] = normalizeResponse(fixture("seed-001-batch.json"));
    expect(rest).toHaveLength(0);
    expect(task).toMatchObject({
      id: ID,
      state: "completed",
      prompt: "cat dance",
      aspectRatio: "16:9",
      createdAt: "2024-12-22T13:38:40.139Z",
      progress: null,
      failureReason: null,
      thumbnail: { url: "https://imagedelivery.net/1KomXrSWiTojGGip43n0SQ/e4268de5-4a74-45ff-67b8-dc46df12de00/public", width: 1360, height: 752 },
      video: { width: 1360, height: 752, duration: 5.041667 },
      lastFrame: { width: 1360, height: 752 },
    });
    expect(task!.video!.url).toMatch(/^https:\/\/storage\.cdn-luma\.com\/.+\.mp4$/);
    expect(task!.video!.downloadUrl).toBe(task!.video!.url);
    expect(task!.palette).toHaveLength(25);
    expect(task!.palette![0]).toEqual([0x7a, 0x6f, 0x5c]);
  });

  it("seed 002: an envelope item in progress keeps its progress and has no media yet", () => {
    const tasks = normalizeResponse(fixture("seed-002-envelope.json"));
    expect(tasks).toEqual([
      {
        id: "9d4b7516-77e5-481a-b015-48313946f33b",
        state: "processing",
        prompt: "cat dance",
        aspectRatio: null,
        createdAt: "2024-07-01T07:35:13.498Z",
        progress: null,
        failureReason: null,
        model: null,
        finishedAt: null,
        thumbnail: null,
        palette: null,
        video: null,
        lastFrame: null,
      },
    ]);
  });

  it("seed 002: gateway bookkeeping (user, channel, platform, numeric row id) does not reach the Task", () => {
    const [task] = normalizeResponse(fixture("seed-002-envelope.json"));
    expect(Object.keys(task!).sort()).toEqual(
      ["aspectRatio", "createdAt", "failureReason", "finishedAt", "id", "lastFrame", "model", "palette", "progress", "prompt", "state", "thumbnail", "video"].sort(),
    );
  });

  it("seed 003: the single GET answer normalizes like a batch item", () => {
    const [task] = normalizeResponse(fixture("seed-003-single.json"));
    expect(task).toMatchObject({ id: "e70fdf3c-ce95-4dd1-a967-220ce957aff5", state: "completed", prompt: "mermaid", failureReason: null });
    expect(task!.palette).toHaveLength(25);
  });
});

describe("state vocabularies", () => {
  it.each([
    ["pending", "pending"],
    ["queued", "pending"],
    ["processing", "processing"],
    ["dreaming", "processing"],
    ["completed", "completed"],
    ["failed", "failed"],
    ["COMPLETED", "completed"],
    ["NOT_START", "pending"],
    ["SUBMITTED", "pending"],
    ["QUEUED", "pending"],
    ["IN_PROGRESS", "processing"],
    ["SUCCESS", "completed"],
    ["FAILURE", "failed"],
    ["UNKNOWN", "processing"],
    ["exploded", "processing"],
    [undefined, "processing"],
    [42, "processing"],
  ])("%s → %s", (input, expected) => {
    expect(toTaskState(input)).toBe(expected);
  });

  it("an envelope item with data null (submitted, no answer from Luma yet) still has a state from its status", () => {
    const task = normalizeEnvelopeTask({ task_id: ID, status: "SUBMITTED", data: null, submit_time: 1719819313, progress: "0%" });
    expect(task).toMatchObject({ id: ID, state: "pending", createdAt: "2024-07-01T07:35:13.000Z", progress: 0, video: null });
  });

  it("an envelope FAILURE carries fail_reason", () => {
    const task = normalizeEnvelopeTask({ task_id: ID, status: "FAILURE", fail_reason: "content moderation", data: null });
    expect(task).toMatchObject({ state: "failed", failureReason: "content moderation" });
  });

  it("an envelope with UNKNOWN status falls back to the inner generation's state", () => {
    const task = normalizeEnvelopeTask({ task_id: ID, status: "UNKNOWN", data: { id: ID, state: "completed" } });
    expect(task!.state).toBe("completed");
  });
});

describe("times", () => {
  it.each([
    ["2024-12-22T13:38:40.139Z", "2024-12-22T13:38:40.139Z"],
    ["2024-07-01T07:35:13.498000Z", "2024-07-01T07:35:13.498Z"],
    [1719819313, "2024-07-01T07:35:13.000Z"],
    [1719819313498, "2024-07-01T07:35:13.498Z"],
    ["1719819313", "2024-07-01T07:35:13.000Z"],
    ["0001-01-01T00:00:00Z", null],
    [0, null],
    ["0", null],
    ["", null],
    ["yesterday-ish", null],
    [null, null],
    [Number.NaN, null],
    [-5, null],
  ])("%s → %s", (input, expected) => {
    expect(toIsoTime(input)).toBe(expected);
  });
});

describe("URLs", () => {
  it.each([
    ["https://cdn.example/a.mp4", "https://cdn.example/a.mp4"],
    ["http://127.0.0.1:4010/media/v.mp4?expires=1", "http://127.0.0.1:4010/media/v.mp4?expires=1"],
    ["javascript:alert(1)", null],
    ["JaVaScRiPt:alert(1)", null],
    ["data:text/html,<script>alert(1)</script>", null],
    ["file:///etc/passwd", null],
    ["//cdn.example/a.mp4", null],
    ["not a url", null],
    ["", null],
    [42, null],
  ])("%s → %s", (input, expected) => {
    expect(toHttpUrl(input)).toBe(expected);
  });
});

describe("progress", () => {
  it.each([
    ["45%", 45],
    ["45", 45],
    [45, 45],
    ["150%", 100],
    ["-3%", 0],
    ["", null],
    [null, null],
  ])("%s → %s", (input, expected) => {
    expect(toProgress(input)).toBe(expected);
  });
});

describe("odd items", () => {
  const base = { id: ID, state: "completed" };

  it("nulls everywhere give a Task with nulls, not an exception", () => {
    const task = normalizeGeneration({ ...base, request: null, video: null, thumbnail: null, artifact: null, last_frame: null, created_at: null });
    expect(task).toMatchObject({ id: ID, prompt: null, video: null, thumbnail: null, palette: null, createdAt: null });
  });

  it("no top-level media but an artifact: media come from the artifact", () => {
    const seed = (fixture("seed-003-single.json") as Record<string, unknown>[] | Record<string, unknown>) as Record<string, unknown>;
    const { video: _v, thumbnail: _t, video_raw: _r, last_frame: _l, ...onlyArtifact } = seed;
    const task = normalizeGeneration(onlyArtifact);
    expect(task!.video?.url).toMatch(/\.mp4$/);
    expect(task!.thumbnail?.url).toContain("imagedelivery.net");
    expect(task!.palette).toHaveLength(25);
    expect(task!.lastFrame).not.toBeNull();
  });

  it("an empty download_url falls back to the video url", () => {
    const task = normalizeGeneration({ ...base, video: { url: "https://cdn.example/v.mp4", download_url: "" } });
    expect(task!.video!.downloadUrl).toBe("https://cdn.example/v.mp4");
  });

  it("a javascript: URL never survives, in any media field", () => {
    const evil = "javascript:alert(1)";
    const task = normalizeGeneration({
      ...base,
      video: { url: evil, download_url: evil },
      thumbnail: { url: evil, palette: { grid: "AAAA" } },
      last_frame: { url: evil },
      assets: { video: evil, image: evil },
    });
    expect(task).toMatchObject({ video: null, thumbnail: null, lastFrame: null });
  });

  it("a download_url with another scheme falls back to the safe url", () => {
    const task = normalizeGeneration({ ...base, video: { url: "https://cdn.example/v.mp4", download_url: "javascript:alert(1)" } });
    expect(task!.video!.downloadUrl).toBe("https://cdn.example/v.mp4");
  });

  it("unknown extra fields are ignored", () => {
    const task = normalizeGeneration({ ...base, liked: true, user_id: 7, credential: "secret", trace_id: "x" });
    expect(task).not.toHaveProperty("credential");
    expect(JSON.stringify(task)).not.toContain("secret");
  });

  it("wrongly typed fields are dropped one by one, the rest survives", () => {
    const task = normalizeGeneration({ ...base, request: { prompt: 42, aspect_ratio: "9:16" }, video: { url: "https://cdn.example/v.mp4", width: "wide" } });
    expect(task).toMatchObject({ prompt: null, aspectRatio: "9:16", video: { url: "https://cdn.example/v.mp4", width: null } });
  });

  it("ids are lower-cased and must be UUIDs", () => {
    expect(normalizeGeneration({ ...base, id: ID.toUpperCase() })!.id).toBe(ID);
    expect(normalizeGeneration({ ...base, id: "not-a-uuid" })).toBeNull();
    expect(normalizeGeneration({ state: "completed" })).toBeNull();
    expect(normalizeGeneration("a string")).toBeNull();
  });

  it("a bad palette grid (wrong length, not base64) gives no palette rather than a broken one", () => {
    expect(normalizeGeneration({ ...base, thumbnail: { url: "https://x.example/t.jpg", palette: { grid: "AAAA" } } })!.palette).toBeNull();
    expect(normalizeGeneration({ ...base, thumbnail: { url: "https://x.example/t.jpg", palette: { grid: "%%%" } } })!.palette).toBeNull();
  });

  it("one odd item in a batch does not sink the others", () => {
    const tasks = normalizeResponse([null, 7, "x", { id: "nope" }, base, { ...base, id: "e70fdf3c-ce95-4dd1-a967-220ce957aff5", state: "weird" }]);
    expect(tasks.map((t) => [t.id, t.state])).toEqual([
      [ID, "completed"],
      ["e70fdf3c-ce95-4dd1-a967-220ce957aff5", "processing"],
    ]);
  });
});

describe("official Luma API objects passed through", () => {
  const official = {
    id: ID,
    generation_type: "video",
    state: "dreaming",
    failure_reason: null,
    created_at: "2024-12-22T13:38:40.139Z",
    model: "ray-2",
    assets: { video: null, image: null, progress_video: null },
    request: { prompt: "a fox", aspect_ratio: "9:16", resolution: "720p", duration: "5s" },
  };

  it("dreaming = processing, no media yet", () => {
    expect(normalizeResponse([official])[0]).toMatchObject({ state: "processing", prompt: "a fox", aspectRatio: "9:16", video: null, thumbnail: null });
  });

  it("completed: assets.video is the video, assets.image the thumbnail (no palette)", () => {
    const done = { ...official, state: "completed", assets: { video: "https://cdn.example/v.mp4", image: "https://cdn.example/t.jpg" } };
    expect(normalizeResponse([done])[0]).toMatchObject({
      state: "completed",
      video: { url: "https://cdn.example/v.mp4", downloadUrl: "https://cdn.example/v.mp4", duration: 5 },
      thumbnail: { url: "https://cdn.example/t.jpg", width: null, height: null },
      palette: null,
    });
  });

  it("queued inside an envelope's data", () => {
    const tasks = normalizeResponse({ code: "success", data: [{ task_id: ID, status: "QUEUED", data: { ...official, state: "queued" } }] });
    expect(tasks[0]).toMatchObject({ state: "pending", prompt: "a fox" });
  });
});

describe("response shapes", () => {
  it("an envelope whose data is one object (not an array) is read as one item", () => {
    expect(normalizeResponse({ code: "success", data: { task_id: ID, status: "SUCCESS", data: null } })).toHaveLength(1);
  });

  it("a single generation object is read as one item", () => {
    expect(normalizeResponse({ id: ID, state: "pending" })[0]!.state).toBe("pending");
  });

  it.each([
    [{ foo: 1 }],
    [{ code: "error", message: "task not exist", data: null }],
    ["just a string"],
    [42],
    [null],
  ])("an unexpected shape %j is an UnexpectedShapeError", (body) => {
    expect(() => normalizeResponse(body)).toThrow(UnexpectedShapeError);
  });

  it("an envelope error message is quoted for the person reading it", () => {
    expect(() => normalizeResponse({ code: "error", message: "task not exist", data: null })).toThrow(/task not exist/);
  });

  it("an empty array is no tasks (every id not found)", () => {
    expect(normalizeResponse([])).toEqual([]);
  });
});

describe("model and finish time", () => {
  const id = "4665a07c-7641-4809-a133-10786201bb56";

  it("the official object's model is kept, and a generation's model under request too", () => {
    expect(normalizeGeneration({ id, state: "completed", model: "ray-2" })?.model).toBe("ray-2");
    expect(normalizeGeneration({ id, state: "dreaming", request: { model: "ray-flash-2" } })?.model).toBe("ray-flash-2");
    expect(normalizeGeneration({ id, state: "dreaming" })?.model).toBeNull();
  });

  it("an envelope's finish_time is the finish time once finished, and 0 means not yet", () => {
    expect(normalizeEnvelopeTask({ task_id: id, status: "SUCCESS", finish_time: 1_719_820_000 })?.finishedAt).toBe("2024-07-01T07:46:40.000Z");
    expect(normalizeEnvelopeTask({ task_id: id, status: "SUCCESS", finish_time: 0 })?.finishedAt).toBeNull();
    expect(normalizeEnvelopeTask({ task_id: id, status: "IN_PROGRESS", finish_time: 1_719_820_000 })?.finishedAt).toBeNull();
  });

  it("a completed generation's artifact time is its finish time", () => {
    const task = normalizeGeneration({ id, state: "completed", artifact: { created_at: "2024-07-01T08:00:00Z" } });
    expect(task?.finishedAt).toBe("2024-07-01T08:00:00.000Z");
  });
});

describe("batch answers must be lists", () => {
  const one = { task_id: "4665a07c-7641-4809-a133-10786201bb56", status: "SUCCESS" };

  it.each([
    [{ code: "success", data: one }],
    [{ code: "success", data: { items: [one] } }],
    [{ id: "4665a07c-7641-4809-a133-10786201bb56", state: "completed" }],
  ])("a batch answer %j is an unexpected shape, so its ids are never reported as not found", (body) => {
    expect(() => normalizeResponse(body, { many: true })).toThrow(UnexpectedShapeError);
  });

  it("a single read may still be one generation, or an envelope around one", () => {
    expect(normalizeResponse({ code: "success", data: one })).toHaveLength(1);
    expect(normalizeResponse({ id: "4665a07c-7641-4809-a133-10786201bb56", state: "completed" })).toHaveLength(1);
  });
});
