import type { Rgb } from "./task";

const CELLS = 25;
const BYTES = CELLS * 3;

function base64ToBytes(base64: string): Uint8Array | null {
  try {
    const binary = atob(base64.replace(/\s+/g, ""));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

/** Luma's `thumbnail.palette.grid`: base64 of 75 bytes, a 5×5 grid of RGB pixels row by row. */
export function decodePaletteGrid(grid: unknown): Rgb[] | null {
  if (typeof grid !== "string") return null;
  const bytes = base64ToBytes(grid);
  if (!bytes || bytes.length !== BYTES) return null;
  const cells: Rgb[] = [];
  for (let i = 0; i < BYTES; i += 3) cells.push([bytes[i]!, bytes[i + 1]!, bytes[i + 2]!]);
  return cells;
}

/**
 * A 5×5 24-bit BMP as a data URL (~180 characters). Stretched over a tile with CSS the browser
 * upscales it bilinearly, which is the blurred placeholder we want, with no canvas and no request.
 */
export function paletteToDataUrl(palette: readonly Rgb[]): string | null {
  if (palette.length !== CELLS) return null;
  const side = 5;
  const rowSize = Math.ceil((side * 3) / 4) * 4;
  const pixelBytes = rowSize * side;
  const header = 54;
  const bmp = new Uint8Array(header + pixelBytes);
  const view = new DataView(bmp.buffer);
  bmp[0] = 0x42; // "B"
  bmp[1] = 0x4d; // "M"
  view.setUint32(2, bmp.length, true);
  view.setUint32(10, header, true);
  view.setUint32(14, 40, true);
  view.setInt32(18, side, true);
  view.setInt32(22, -side, true); // negative height: rows top-down, as the grid is stored
  view.setUint16(26, 1, true);
  view.setUint16(28, 24, true);
  view.setUint32(34, pixelBytes, true);
  for (let row = 0; row < side; row++) {
    for (let col = 0; col < side; col++) {
      const [r, g, b] = palette[row * side + col]!;
      const at = header + row * rowSize + col * 3;
      bmp[at] = b;
      bmp[at + 1] = g;
      bmp[at + 2] = r;
    }
  }
  let binary = "";
  for (const byte of bmp) binary += String.fromCharCode(byte);
  return `data:image/bmp;base64,${btoa(binary)}`;
}
