import { describe, expect, it } from "vitest";
import { decodePaletteGrid, paletteToDataUrl } from "@/lib/shared/palette";

const SEED_GRID = "em9csKqXYUgqdHVmmqeZLB8YaFpLjVw2bmFTTElBHhMNTzgodD8eVzUeTDorRSkYYEQymV80e1M0ck0ugWVRwKCApWk0hF1BgmVP";

describe("decodePaletteGrid", () => {
  it("reads the seed's grid as 25 RGB cells, row by row", () => {
    const cells = decodePaletteGrid(SEED_GRID)!;
    expect(cells).toHaveLength(25);
    expect(cells[0]).toEqual([0x7a, 0x6f, 0x5c]);
    expect(cells[24]).toEqual([0x82, 0x65, 0x4f]);
    for (const cell of cells) for (const channel of cell) expect(channel).toBeGreaterThanOrEqual(0);
  });

  it.each([[""], ["AAAA"], ["%%%%"], [null], [42], [btoa("x".repeat(76))]])("rejects %j", (grid) => {
    expect(decodePaletteGrid(grid)).toBeNull();
  });
});

describe("paletteToDataUrl", () => {
  it("makes a 5×5 top-down 24-bit BMP whose pixels are the palette", () => {
    const cells = decodePaletteGrid(SEED_GRID)!;
    const url = paletteToDataUrl(cells)!;
    expect(url.startsWith("data:image/bmp;base64,")).toBe(true);
    expect(url.length).toBeLessThan(250);
    const bytes = Buffer.from(url.split(",")[1]!, "base64");
    expect(bytes.subarray(0, 2).toString()).toBe("BM");
    expect(bytes.readUInt32LE(2)).toBe(bytes.length);
    expect(bytes.readInt32LE(18)).toBe(5);
    expect(bytes.readInt32LE(22)).toBe(-5);
    expect(bytes.readUInt16LE(28)).toBe(24);
    // pixel (row 1, col 2) is stored BGR at 54 + 1*16 + 2*3
    const at = 54 + 16 + 6;
    expect([bytes[at + 2], bytes[at + 1], bytes[at]]).toEqual(cells[7]);
  });

  it("refuses a palette that is not 25 cells", () => {
    expect(paletteToDataUrl([[1, 2, 3]])).toBeNull();
  });
});
