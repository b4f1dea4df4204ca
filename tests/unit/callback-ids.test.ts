import { describe, expect, it } from "vitest";
import { callbackTaskIds } from "@/lib/server/library/callback-ids";
import { webhookSecretMatches } from "@/lib/server/library/webhook-secret";

const A = "4665a07c-7641-4809-a133-10786201bb56";
const B = "b2c3d4e5-0000-4000-8000-000000000002";
const C = "c3d4e5f6-0000-4000-8000-000000000003";

describe("callbackTaskIds", () => {
  it.each([
    ["a bare generation (Luma's own API)", { id: A, state: "completed", request: { keyframes: { frame0: { type: "generation", id: B } } } }, [A]],
    ["an envelope item", { task_id: A.toUpperCase(), status: "SUCCESS", data: { id: A, state: "completed" } }, [A]],
    ["a flat object", { success: true, task_id: A, state: "completed", video_url: "https://x/v.mp4" }, [A]],
    ["a timestamped wrapper", { timestamp: 1_700_000_000, data: { task_id: A } }, [A]],
    ["every key at both levels", { taskId: A, generation_id: B, data: { video_id: C, id: A } }, [A, B, C]],
  ])("reads %s", (_name, body, expected) => {
    expect(callbackTaskIds(body)).toEqual(expected);
  });

  it.each([
    ["nothing", {}],
    ["ids deeper than data", { data: { request: { id: A } }, result: { task_id: A } }],
    ["malformed ids", { id: "not-an-id", task_id: 42, data: { id: `${A}x` } }],
    ["a JSON array", [{ id: A }]],
    ["a string", A],
    ["null", null],
  ])("finds no id in %s", (_name, body) => {
    expect(callbackTaskIds(body)).toEqual([]);
  });
});

describe("webhookSecretMatches", () => {
  it("matches only the configured secret, and nothing when unset", () => {
    expect(webhookSecretMatches("s3cret-value", "s3cret-value")).toBe(true);
    expect(webhookSecretMatches("s3cret-value", "s3cret-valuE")).toBe(false);
    expect(webhookSecretMatches("s3cret-value", "s3cret")).toBe(false);
    expect(webhookSecretMatches(undefined, "")).toBe(false);
    expect(webhookSecretMatches(undefined, "anything")).toBe(false);
  });
});
