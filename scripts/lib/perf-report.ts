// Keeps the latest budget table in bench-results.md: the "## Performance budget" section's own text
// is replaced (or appended when missing); its ### subsections, written by hand about the runs, and
// the other sections are left as they are.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { root } from "./app-process";

const HEADING = "## Performance budget";

export interface BudgetReport {
  command: string;
  environment: string;
  table: string;
  /** Preformatted lines under the table (the lookup timing, the checks). */
  extra: string;
}

export function budgetSection(report: BudgetReport, date = new Date()): string {
  return [
    `${HEADING} (\`${report.command}\`, ${date.toISOString().slice(0, 16).replace("T", " ")} UTC)`,
    "",
    `${report.environment}. First-load JS = the scripts each page's HTML asks for, gzip (the budget's measure); script transfer = what Lighthouse saw transferred for scripts, headers included.`,
    "",
    report.table,
    "",
    report.extra,
    "",
  ].join("\n");
}

/** `document` with its budget section replaced by `section`. */
export function replaceBudgetSection(document: string, section: string): string {
  // The heading with its parenthesis: other sections may start with the same words.
  const start = document.indexOf(`\n${HEADING} (`);
  if (start < 0) return `${document.trimEnd()}\n\n${section}`;
  const next = [document.indexOf("\n## ", start + 1), document.indexOf("\n### ", start + 1)].filter((at) => at >= 0);
  const tail = next.length === 0 ? "" : document.slice(Math.min(...next));
  return `${document.slice(0, start)}\n${section}${tail}`;
}

export function writeBudgetSection(report: BudgetReport, file = path.join(root, "bench-results.md")): void {
  const current = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmark results\n";
  writeFileSync(file, replaceBudgetSection(current, budgetSection(report)));
}
