// Renders public/icon.svg into the PNG icons and favicon.ico that browsers and home screens ask for,
// in headless Chromium (no image tools needed). Run after changing the SVG:
//   npx tsx scripts/render-icons.ts
import { readFileSync, writeFileSync } from "node:fs";
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumExecutable } from "./lib/browser";

const publicDir = new URL("../public/", import.meta.url);
const svg = readFileSync(new URL("icon.svg", publicDir), "utf8");

/** An .ico whose images are PNGs (every browser since 2010 reads them). */
function icoFromPngs(pngs: { size: number; data: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(pngs.length, 4);
  let offset = 6 + 16 * pngs.length;
  const entries = pngs.map(({ size, data }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt16LE(1, 4);
    entry.writeUInt16LE(32, 6);
    entry.writeUInt32LE(data.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += data.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...pngs.map((p) => p.data)]);
}

async function main() {
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  const page = await browser.newPage();
  async function render(size: number, { padded = false } = {}): Promise<Buffer> {
    await page.setViewportSize({ width: size, height: size });
    // The apple-touch-icon is shown on an opaque tile: fill the corners instead of leaving them clear.
    const background = padded ? "#6366f1" : "transparent";
    await page.setContent(`<html><body style="margin:0;background:${background}">${svg.replace("<svg ", `<svg width="${size}" height="${size}" `)}</body></html>`);
    return page.screenshot({ omitBackground: !padded, clip: { x: 0, y: 0, width: size, height: size } });
  }
  writeFileSync(new URL("apple-touch-icon.png", publicDir), await render(180, { padded: true }));
  writeFileSync(new URL("icon-192.png", publicDir), await render(192));
  writeFileSync(new URL("icon-512.png", publicDir), await render(512));
  const ico = [];
  for (const size of [16, 32, 48]) ico.push({ size, data: await render(size) });
  writeFileSync(new URL("favicon.ico", publicDir), icoFromPngs(ico));
  await browser.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
