// Reads the output of `npm test` (every vitest and Playwright run in it, colours and all) and
// prints one plain line: `tests: N passed, N failed`. Flaky Playwright tests (passed on retry)
// count as passed. A non-zero exit status of `npm test` with no failed test in the output (a build
// that broke, a server that did not start) counts as one failure, so the line never says all is
// well when it is not. Usage: node .ci/summarize-tests.mjs <log> [npm test's exit status]
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

export function summarize(log, exitStatus = 0) {
  const lines = log.replace(/\x1b\[[0-9;]*m/g, "").split(/\r?\n/);
  let passed = 0;
  let failed = 0;
  for (const line of lines) {
    // vitest: "      Tests  2 failed | 9 passed (11)"
    const vitest = /^\s*Tests\s+(.*)\(\d+\)\s*$/.exec(line);
    if (vitest) {
      passed += Number(/(\d+) passed/.exec(vitest[1])?.[1] ?? 0);
      failed += Number(/(\d+) failed/.exec(vitest[1])?.[1] ?? 0);
      continue;
    }
    // Playwright: "  12 passed (40.0s)", "  1 failed", "  2 flaky"
    const playwright = /^\s*(\d+) (passed|failed|flaky)(?: \([^)]*\))?\s*$/.exec(line);
    if (playwright) {
      if (playwright[2] === "failed") failed += Number(playwright[1]);
      else passed += Number(playwright[1]);
    }
  }
  const aborted = exitStatus !== 0 && failed === 0;
  return { passed, failed: aborted ? 1 : failed, aborted };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [logFile, status = "0"] = process.argv.slice(2);
  const result = summarize(readFileSync(logFile, "utf8"), Number(status));
  if (result.aborted) console.log(`npm test exited with status ${status} before any test reported a failure; counted as one failure.`);
  console.log(`tests: ${result.passed} passed, ${result.failed} failed`);
}
