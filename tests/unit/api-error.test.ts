import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/server/http/errors";

describe("ApiError", () => {
  it("is recognised across bundle copies of the class (pages and route handlers share the loader)", () => {
    // What another bundle's copy of the class produces: a different constructor, the same brand.
    const brand: unique symbol = Symbol.for("luma-gallery.ApiError") as never;
    class OtherCopy extends Error {
      readonly [brand] = true;
      readonly code = "bad_gateway";
    }
    const foreign: object = new OtherCopy("The gateway answered with HTTP 500.");
    expect(foreign instanceof ApiError).toBe(true);
    expect(new ApiError("not_found", "x") instanceof ApiError).toBe(true);
    expect(new ApiError("bad_gateway", "x").status).toBe(502);
    expect(new Error("plain") instanceof ApiError).toBe(false);
    expect((null as unknown as object) instanceof ApiError).toBe(false);
  });
});
