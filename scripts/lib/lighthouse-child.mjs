// Runs one Lighthouse navigation (mobile preset, performance only) against a Chromium already
// listening on a DevTools port and prints the budget's metrics as JSON. Plain Node on purpose: see
// runLighthouse in lighthouse-run.ts.
//   node scripts/lib/lighthouse-child.mjs <url> <devtools-port> [simulate|devtools]
import lighthouse from "lighthouse";

const [url, port, throttlingMethod = "simulate"] = process.argv.slice(2);
if (!["simulate", "devtools"].includes(throttlingMethod)) throw new Error(`unknown throttling method: ${throttlingMethod}`);

const result = await lighthouse(url, { port: Number(port), output: "json", logLevel: "error", onlyCategories: ["performance"], throttlingMethod });
if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
const { lhr } = result;
if (lhr.runtimeError) throw new Error(`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);

const audit = (id) => lhr.audits[id];
function numeric(id) {
  const value = audit(id)?.numericValue;
  if (value === undefined) throw new Error(`no value for ${id} (${audit(id)?.errorMessage ?? "not run"})`);
  return value;
}

// Every script request Lighthouse recorded while the page loaded, headers included.
let scriptBytes = 0;
for (const request of audit("network-requests")?.details?.items ?? []) {
  if (request.resourceType === "Script") scriptBytes += request.transferSize ?? 0;
}

/** The first DOM node item anywhere in an audit's details. */
function firstNode(value) {
  if (!value || typeof value !== "object") return undefined;
  if (value.type === "node") return value;
  for (const child of Object.values(value)) {
    const found = firstNode(child);
    if (found) return found;
  }
  return undefined;
}
const lcpNode = firstNode(audit("lcp-breakdown-insight")?.details);
const bootup = (audit("bootup-time")?.details?.items ?? []).map(({ url: script, total, scripting }) => ({ url: script, total, scripting }));

process.stdout.write(
  JSON.stringify({
    score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    fcp: numeric("first-contentful-paint"),
    lcp: numeric("largest-contentful-paint"),
    tbt: numeric("total-blocking-time"),
    cls: numeric("cumulative-layout-shift"),
    scriptKb: scriptBytes / 1024,
    lcpElement: lcpNode ? `${lcpNode.nodeLabel ?? ""} <${lcpNode.selector ?? lcpNode.snippet ?? "?"}>` : "?",
    bootup,
  }),
);
