import { afterEach, describe, expect, it } from "vitest";
import { ApiError } from "@/lib/server/http/errors";
import { contentDisposition, videoFileName } from "@/lib/server/http/file-name";
import { parseIdParam, parseIdsBody, readJsonBody } from "@/lib/server/http/request";

const A = "4665a07c-7641-4809-a133-10786201bb56";
const B = "e70fdf3c-ce95-4dd1-a967-220ce957aff5";

function expectApiError(fn: () => unknown, status: number, message?: RegExp) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(status);
    if (message) expect((error as ApiError).message).toMatch(message);
    return;
  }
  throw new Error("expected an ApiError");
}

describe("parseIdsBody", () => {
  it("lower-cases and deduplicates, keeping order", () => {
    expect(parseIdsBody({ ids: [B, A.toUpperCase(), A] })).toEqual([B, A]);
  });

  it("counts the limit before deduplication", () => {
    expect(parseIdsBody({ ids: Array(100).fill(A) })).toEqual([A]);
    expectApiError(() => parseIdsBody({ ids: Array(101).fill(A) }), 400, /101 entries.*at most 100/);
  });

  it.each([
    [null, /JSON object/],
    [[A], /JSON object/],
    ["ids", /JSON object/],
    [{}, /array/],
    [{ ids: A }, /array/],
    [{ ids: [] }, /empty/],
    [{ ids: [A, "nope"] }, /"nope" is not a task id/],
    [{ ids: [A, 42] }, /"42" is not a task id/],
    [{ ids: [`${A}0`] }, /is not a task id/],
  ])("%j → 400", (body, message) => {
    expectApiError(() => parseIdsBody(body), 400, message);
  });

  it("shortens a huge malformed id in the message", () => {
    expectApiError(() => parseIdsBody({ ids: ["x".repeat(5000)] }), 400, /x{80}…"/);
  });
});

describe("parseIdParam", () => {
  it("accepts any case", () => expect(parseIdParam(A.toUpperCase())).toBe(A));
  it("rejects junk with 400", () => expectApiError(() => parseIdParam("abc"), 400, /not a task id/));
  it("survives broken percent-encoding", () => expectApiError(() => parseIdParam("%E0%A4%A"), 400));
});

describe("readJsonBody", () => {
  const post = (body: BodyInit | null, headers: Record<string, string> = { "content-type": "application/json" }) =>
    new Request("http://x/api/tasks", { method: "POST", body, headers });

  it("parses JSON", async () => expect(await readJsonBody(post(JSON.stringify({ ids: [A] })))).toEqual({ ids: [A] }));
  it("rejects an empty body", async () => expect(readJsonBody(post(""))).rejects.toMatchObject({ status: 400 }));
  it("rejects broken JSON", async () => expect(readJsonBody(post("{ids:"))).rejects.toMatchObject({ status: 400 }));
  it("rejects a body over 64 KB", async () => expect(readJsonBody(post("x".repeat(70_000)))).rejects.toMatchObject({ status: 413 }));
  it("rejects form posts", async () =>
    expect(readJsonBody(post("a=b", { "content-type": "application/x-www-form-urlencoded" }))).rejects.toMatchObject({ status: 415 }));

  describe("a body that trickles in", () => {
    const saved = process.env.BODY_TIMEOUT_MS;
    afterEach(() => {
      if (saved === undefined) delete process.env.BODY_TIMEOUT_MS;
      else process.env.BODY_TIMEOUT_MS = saved;
    });

    /** One byte every `gapMs`, `total` of them, like a slow-loris client; notes when it was cancelled. */
    function trickle(gapMs: number, total: number) {
      const state = { cancelled: false };
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          await new Promise((r) => setTimeout(r, gapMs));
          if (state.cancelled) return;
          if (sent++ >= total) return controller.close();
          controller.enqueue(new TextEncoder().encode(" "));
        },
        cancel() {
          state.cancelled = true;
        },
      });
      const request = new Request("http://x/api/tasks", { method: "POST", body, headers: { "content-type": "application/json" }, duplex: "half" } as RequestInit);
      return { request, state };
    }

    it("is cut off with a 408 at BODY_TIMEOUT_MS, and no longer read", async () => {
      process.env.BODY_TIMEOUT_MS = "300";
      const { request, state } = trickle(50, 1000);
      const started = Date.now();
      await expect(readJsonBody(request)).rejects.toMatchObject({ status: 408, code: "request_timeout" });
      const took = Date.now() - started;
      expect(took).toBeGreaterThanOrEqual(290);
      expect(took).toBeLessThan(1500);
      expect(state.cancelled).toBe(true);
    });

    it("is read in full when it arrives within the deadline", async () => {
      process.env.BODY_TIMEOUT_MS = "2000";
      const { request } = trickle(5, 3);
      await expect(readJsonBody(request)).rejects.toMatchObject({ status: 400 }); // blank JSON, but read to the end
    });
  });
});

describe("download file names", () => {
  it("slugifies the prompt and adds the short id", () => {
    expect(videoFileName("A paper boat, drifting!", A)).toBe("a-paper-boat-drifting-4665a07c.mp4");
  });
  it("strips markup and accents", () => {
    expect(videoFileName("<b>Crème</b> brûlée", A)).toBe("creme-brulee-4665a07c.mp4");
  });
  it("falls back without a prompt", () => {
    expect(videoFileName(null, A)).toBe("luma-4665a07c.mp4");
    expect(videoFileName("日本語", A)).toBe("luma-4665a07c.mp4");
  });
  it("quotes safely in Content-Disposition", () => {
    expect(contentDisposition('a"b.mp4')).toBe(`attachment; filename="a_b.mp4"; filename*=UTF-8''a%22b.mp4`);
  });
});
