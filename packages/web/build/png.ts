/**
 * A tiny PNG encoder and the app icon drawn from geometry, so the repository holds no binary images and the
 * build downloads nothing. RGBA, 8 bits a channel, one IDAT chunk.
 */
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (crcTable[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** Encodes `size`×`size` RGBA pixels (row-major, 4 bytes each) as a PNG file. */
export function encodePng(size: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    raw.set(rgba.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

type Rgb = readonly [number, number, number];
const background: Rgb = [0x0f, 0x5f, 0x57];
const foreground: Rgb = [0xff, 0xff, 0xff];

/** Coverage (0–1) of a pixel by a shape given as a signed distance (negative inside), one pixel of smoothing. */
const cover = (distance: number): number => Math.min(1, Math.max(0, 0.5 - distance));

/**
 * The unknot mark: a loose loop (a ring with a gap) and a dot, white on teal. `maskable` fills the square and
 * keeps the mark inside the central safe zone; otherwise the background is a rounded square.
 */
export function drawIcon(size: number, maskable: boolean): Buffer {
  const pixels = new Uint8Array(size * size * 4);
  const s = size / 512;
  const centre = size / 2;
  const scale = maskable ? 0.72 : 1;
  const radius = 150 * s * scale;
  const stroke = 46 * s * scale;
  const corner = 112 * s;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      // Background: full square (maskable) or rounded square.
      let bg = 1;
      if (!maskable) {
        const qx = Math.max(Math.abs(px - centre) - (centre - corner), 0);
        const qy = Math.max(Math.abs(py - centre) - (centre - corner), 0);
        bg = cover(Math.hypot(qx, qy) - corner);
      }
      // The loop: a ring, open at the top right, where the dot sits.
      const dx = px - centre;
      const dy = py - centre;
      const angle = Math.atan2(dy, dx);
      const inGap = angle < -Math.PI / 6 && angle > -Math.PI / 2 - Math.PI / 12;
      const ring = inGap ? 0 : cover(Math.abs(Math.hypot(dx, dy) - radius) - stroke / 2);
      const dotX = centre + radius * Math.cos(-Math.PI / 3) + 40 * s * scale;
      const dotY = centre + radius * Math.sin(-Math.PI / 3) - 40 * s * scale;
      const dot = cover(Math.hypot(px - dotX, py - dotY) - stroke * 0.75);
      const mark = Math.max(ring, dot);
      const i = (y * size + x) * 4;
      for (let c = 0; c < 3; c++) {
        pixels[i + c] = Math.round((background[c] as number) * (1 - mark) + (foreground[c] as number) * mark);
      }
      pixels[i + 3] = Math.round(255 * bg);
    }
  }
  return encodePng(size, pixels);
}

/** Every icon the manifest and the page name, by file name under `icons/`. */
export const iconFiles: Readonly<Record<string, () => Buffer>> = {
  'icon-192.png': () => drawIcon(192, false),
  'icon-512.png': () => drawIcon(512, false),
  'maskable-512.png': () => drawIcon(512, true),
  'apple-touch-icon.png': () => drawIcon(180, true),
};
