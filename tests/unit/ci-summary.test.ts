import { describe, expect, it } from "vitest";
import { summarize as summary } from "../../.ci/summarize-tests.mjs";

const vitestPass = "\x1b[2m Test Files \x1b[22m \x1b[1m\x1b[32m31 passed\x1b[39m\x1b[22m\x1b[90m (31)\x1b[39m\n\x1b[2m      Tests \x1b[22m \x1b[1m\x1b[32m412 passed\x1b[39m\x1b[22m\x1b[90m (412)\x1b[39m";
const vitestFail = " Test Files  1 failed | 30 passed (31)\n      Tests  2 failed | 410 passed (412)";
const playwrightMain = "Running 80 tests using 1 worker\n  ✓  1 gallery.spec.ts:3:1 › shows cards (2.1s)\n\n  1 failed\n    tests/e2e/faults.spec.ts:40:1 › recovers\n  2 flaky\n    tests/e2e/gallery.spec.ts:9:1 › scrolls\n  77 passed (5.2m)";
const playwrightStandalone = "Running 12 tests using 1 worker\n  12 passed (40.0s)";

describe(".ci/summarize-tests.mjs", () => {
  it("sums vitest and every Playwright run", () => {
    expect(summary([vitestPass, playwrightMain.replace("  1 failed\n    tests/e2e/faults.spec.ts:40:1 › recovers\n", ""), playwrightStandalone].join("\n"))).toEqual({
      passed: 412 + 2 + 77 + 12,
      failed: 0,
      aborted: false,
    });
  });

  it("counts failures from each runner, and not test files", () => {
    expect(summary([vitestFail, playwrightMain, playwrightStandalone].join("\n"), 1)).toEqual({ passed: 410 + 79 + 12, failed: 3, aborted: false });
  });

  it("counts a failed npm test that reported no failed test (a broken build) as one failure", () => {
    expect(summary(`${vitestPass}\nError: build failed`, 1)).toEqual({ passed: 412, failed: 1, aborted: true });
  });

  it("does not read test titles or other numbers as counts", () => {
    expect(summary("  ✓  3 api.spec.ts:9:1 › 10 passed ids come back (1.0s)\nTests that passed: 5\n  12 passed (40.0s)")).toEqual({ passed: 12, failed: 0, aborted: false });
  });
});
