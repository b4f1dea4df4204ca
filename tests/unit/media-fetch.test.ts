import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchMedia, isPublicAddress, MAX_MEDIA_REDIRECTS, MediaRefusedError, type MediaPolicy } from "@/lib/server/gateway/media-fetch";

// The media SSRF guard: the gateway's own origin, or hosts that resolve to public addresses only,
// on every redirect hop.

let internal: http.Server; // stands for a service on the server's own network
let gateway: http.Server; // the gateway: trusted, and it redirects wherever a test says
let internalUrl: string;
let gatewayUrl: string;

const listen = (server: http.Server) =>
  new Promise<string>((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));

beforeAll(async () => {
  internal = http.createServer((_req, res) => res.end("internal secret"));
  gateway = http.createServer((req, res) => {
    const to = new URL(req.url!, "http://x").searchParams.get("to");
    const hops = Number(new URL(req.url!, "http://x").searchParams.get("hops") ?? 0);
    if (hops > 0) return res.writeHead(302, { Location: `/loop?hops=${hops - 1}` }).end();
    if (to) return res.writeHead(302, { Location: to }).end();
    res.end("gateway media");
  });
  internalUrl = await listen(internal);
  gatewayUrl = await listen(gateway);
});
afterAll(() => {
  internal.close();
  gateway.close();
});

const strict = (): MediaPolicy => ({ trustedOrigin: gatewayUrl, allowPrivate: false });
const get = (url: string, policy = strict()) => fetchMedia(url, { range: null, signal: AbortSignal.timeout(5000) }, policy);

describe("isPublicAddress", () => {
  it.each([
    ["8.8.8.8", true],
    ["2606:4700::1111", true],
    ["127.0.0.1", false],
    ["10.0.0.1", false],
    ["172.16.5.4", false],
    ["192.168.1.1", false],
    ["169.254.169.254", false], // cloud metadata
    ["100.64.0.1", false],
    ["0.0.0.0", false],
    ["::1", false],
    ["::", false],
    ["fc00::1", false],
    ["fd12:3456::1", false],
    ["fe80::1", false],
    ["::ffff:127.0.0.1", false],
    ["::ffff:169.254.169.254", false],
    ["64:ff9b::7f00:1", false], // NAT64 of 127.0.0.1
    ["2002:7f00:1::", false], // 6to4 of 127.0.0.1
    ["not an address", false],
  ])("%s → %s", (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe("fetchMedia", () => {
  it("fetches from the gateway's own origin, private as it is", async () => {
    expect(await (await get(`${gatewayUrl}/media/x.mp4`)).text()).toBe("gateway media");
  });

  it("refuses a loopback address that is not the gateway's origin, as an IP or through DNS", async () => {
    await expect(get(`${internalUrl}/secret`)).rejects.toBeInstanceOf(MediaRefusedError);
    const port = new URL(internalUrl).port;
    await expect(get(`http://localhost:${port}/secret`)).rejects.toBeInstanceOf(MediaRefusedError);
    await expect(get(`http://[::ffff:127.0.0.1]:${port}/secret`)).rejects.toBeInstanceOf(MediaRefusedError);
    await expect(get("http://169.254.169.254/latest/meta-data/")).rejects.toThrow(/private or local network/);
  });

  it("checks every redirect hop: the gateway's 302 to an internal address is refused", async () => {
    await expect(get(`${gatewayUrl}/m?to=${encodeURIComponent(`${internalUrl}/secret`)}`)).rejects.toBeInstanceOf(MediaRefusedError);
    const port = new URL(internalUrl).port;
    await expect(get(`${gatewayUrl}/m?to=${encodeURIComponent(`http://localhost:${port}/secret`)}`)).rejects.toBeInstanceOf(MediaRefusedError);
  });

  it("follows at most a few redirects", async () => {
    expect(await (await get(`${gatewayUrl}/loop?hops=${MAX_MEDIA_REDIRECTS}`)).text()).toBe("gateway media");
    await expect(get(`${gatewayUrl}/loop?hops=${MAX_MEDIA_REDIRECTS + 1}`)).rejects.toThrow(/redirected more than/);
  });

  it("refuses other schemes and credentials in the URL", async () => {
    await expect(get("file:///etc/passwd")).rejects.toBeInstanceOf(MediaRefusedError);
    await expect(get(`${gatewayUrl.replace("http://", "http://user:pw@")}/x`)).rejects.toBeInstanceOf(MediaRefusedError);
  });

  it("MEDIA_ALLOW_PRIVATE_HOSTS lifts the rule", async () => {
    const open = { trustedOrigin: gatewayUrl, allowPrivate: true };
    expect(await (await get(`${internalUrl}/secret`, open)).text()).toBe("internal secret");
    expect(await (await get(`${gatewayUrl}/m?to=${encodeURIComponent(`${internalUrl}/secret`)}`, open)).text()).toBe("internal secret");
  });
});
