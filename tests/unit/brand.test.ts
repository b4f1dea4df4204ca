import { describe, expect, it } from "vitest";
import { hasBrand } from "@/lib/shared/brand";
import { ApiError } from "@/lib/server/http/errors";
import { GatewayError } from "@/lib/server/gateway/errors";

describe("brands hold across bundle copies", () => {
  it("an object branded by another copy of the class is an instance", () => {
    const foreignApiError = { [Symbol.for("luma-gallery.ApiError")]: true, code: "bad_gateway" };
    const foreignGatewayError = { [Symbol.for("luma-gallery.GatewayError")]: true, failure: "timeout" };
    expect(foreignApiError instanceof ApiError).toBe(true);
    expect(foreignGatewayError instanceof GatewayError).toBe(true);
    expect(foreignApiError instanceof GatewayError).toBe(false);
  });

  it("unbranded values are not", () => {
    expect(new Error("plain") instanceof ApiError).toBe(false);
    expect(hasBrand(null, Symbol.for("luma-gallery.ApiError"))).toBe(false);
    expect(hasBrand({ [Symbol.for("luma-gallery.ApiError")]: "yes" }, Symbol.for("luma-gallery.ApiError"))).toBe(false);
  });
});
