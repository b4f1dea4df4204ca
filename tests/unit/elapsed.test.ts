import { describe, expect, it } from "vitest";
import { formatElapsed } from "@/lib/shared/duration";

describe("formatElapsed", () => {
  it("counts minutes and seconds, and hours once there are any", () => {
    expect(formatElapsed(0)).toBe("0:00");
    expect(formatElapsed(42_900)).toBe("0:42");
    expect(formatElapsed(12 * 60_000 + 5_000)).toBe("12:05");
    expect(formatElapsed(3_723_000)).toBe("1:02:03");
  });
  it("has nothing to say before a start or for nonsense", () => {
    expect(formatElapsed(-1)).toBeNull();
    expect(formatElapsed(Number.NaN)).toBeNull();
  });
});
