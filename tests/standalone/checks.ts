import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { expect, type Page, type Request, type Response } from "@playwright/test";

/** The headers every answer carries (SPEC §8), whichever server is in front. */
export function expectSecurityHeaders(headers: Record<string, string>, where: string): void {
  expect(headers["x-content-type-options"], where).toBe("nosniff");
  expect(headers["referrer-policy"], where).toBeTruthy();
  expect(headers["x-powered-by"], where).toBeUndefined();
  expect(headers["content-security-policy"], where).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"], where).not.toContain("unsafe-eval");
}

/**
 * Opens `path` and fails on anything that did not load: a standalone output without its
 * .next/static copy renders the HTML but none of its scripts or styles. Code a page loads after
 * its first screen (once loaded and idle) is waited for and checked too.
 */
export async function openPage(page: Page, path: string): Promise<void> {
  const broken: string[] = [];
  const onResponse = (response: Response) => {
    if (response.url().includes("/_next/") && response.status() >= 400) broken.push(`${response.status()} ${response.url()}`);
  };
  const onFailed = (request: Request) => {
    if (request.url().includes("/_next/")) broken.push(`failed ${request.url()}: ${request.failure()?.errorText}`);
  };
  const onError = (error: Error) => broken.push(`page error: ${error.message}`);
  page.on("response", onResponse);
  page.on("requestfailed", onFailed);
  page.on("pageerror", onError);
  try {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    // "load", not "networkidle": the gallery keeps its live stream open, so the network is never idle.
    await page.waitForLoadState("load");
    await page.evaluate(() => new Promise<void>((resolve) => requestIdleCallback(() => setTimeout(resolve, 1_000), { timeout: 2_000 })));
    expect(broken, path).toEqual([]);
  } finally {
    // The next page's navigation aborts whatever this one still loads: not a fault of this page.
    page.off("response", onResponse);
    page.off("requestfailed", onFailed);
    page.off("pageerror", onError);
  }
}

/** The user id of the process listening on `port` on this machine. */
export function listenerUid(port: number): number {
  const out = execFileSync("ss", ["-ltnpH", `sport = :${port}`], { encoding: "utf8" });
  const pid = /pid=(\d+)/.exec(out)?.[1];
  if (!pid) throw new Error(`no process visible listening on port ${port}: ${out}`);
  const uid = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(uid);
}

/**
 * A plain HTTP GET sent from a chosen loopback address (127.0.0.2, …), so a proxy sees a different
 * client for each; browsers and Playwright's request context cannot choose theirs.
 */
export function getFrom(localAddress: string, url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { localAddress, headers, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}
