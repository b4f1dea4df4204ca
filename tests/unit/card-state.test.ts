import { describe, expect, it } from "vitest";
import { progressSuffix } from "@/lib/shared/card-state";

describe("progressSuffix", () => {
  it("gives a processing task's rounded percent after its state's word", () => {
    expect(progressSuffix("processing", 44.6)).toBe(" 45%");
    expect(progressSuffix("processing", 0)).toBe(" 0%");
  });

  it("says nothing without a figure or outside processing", () => {
    expect(progressSuffix("processing", null)).toBe("");
    expect(progressSuffix("processing", undefined)).toBe("");
    expect(progressSuffix("pending", 10)).toBe("");
    expect(progressSuffix("completed", 100)).toBe("");
  });
});
