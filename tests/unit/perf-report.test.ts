import { describe, expect, it } from "vitest";
import { budgetSection, replaceBudgetSection } from "@/scripts/lib/perf-report";
import { median } from "@/scripts/lib/lighthouse-run";

const report = { command: "npm run perf", environment: "Chromium 140, load 1.0", table: "| page | score |\n|---|--:|\n| / | 90 |", extra: "PASS  CLS 0" };
const section = budgetSection(report, new Date("2026-11-30T14:05:00Z"));

describe("the budget section of bench-results.md", () => {
  it("names the command, the date and the machine, then the table", () => {
    expect(section.split("\n")[0]).toBe("## Performance budget (`npm run perf`, 2026-11-30 14:05 UTC)");
    expect(section).toContain("Chromium 140, load 1.0");
    expect(section).toContain("| / | 90 |");
  });

  it("is appended when missing and replaced in place when present, other sections untouched", () => {
    const original = "# Benchmark results\n\n## Live updates\n\nnumbers\n";
    const once = replaceBudgetSection(original, section);
    expect(once.startsWith(original.trimEnd())).toBe(true);
    expect(once.endsWith(section)).toBe(true);

    const withTail = `${once}\n## Later section\n\nkept\n`.replace("## Live updates", "## Performance budget before it all\n\nold\n\n## Live updates");
    const again = replaceBudgetSection(withTail, section.replace("| / | 90 |", "| / | 95 |"));
    expect(again).toContain("| / | 95 |");
    expect(again).not.toContain("| / | 90 |");
    expect(again).toContain("## Live updates\n\nnumbers");
    expect(again).toContain("## Later section\n\nkept");
    expect(again.match(/## Performance budget \(/g)).toHaveLength(1);
    expect(again).toContain("## Performance budget before it all\n\nold");
  });

  it("keeps the section's hand-written subsections under the new table", () => {
    const original = `# Benchmark results\n\n${section}\n### Why it misses\n\nreasons\n\n## Later section\n\nkept\n`;
    const again = replaceBudgetSection(original, section.replace("| / | 90 |", "| / | 95 |"));
    expect(again).toContain("| / | 95 |");
    expect(again).not.toContain("| / | 90 |");
    expect(again.indexOf("| / | 95 |")).toBeLessThan(again.indexOf("### Why it misses\n\nreasons"));
    expect(again).toContain("## Later section\n\nkept");
  });
});

describe("median", () => {
  it("of odd and even counts", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
