// Draws the app icons (PNG) from the favicon's design: a blue tile with three white bars.
// Run once after changing the design: `node scripts/make-icons.mjs`; the PNGs are committed.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BLUE = [0x01, 0x72, 0xad];
const WHITE = [0xff, 0xff, 0xff];

/** 32×32 design units (the favicon's viewBox) scaled to `size`; `maskable` keeps the bars in the 80 % safe zone. */
function draw(size, { maskable = false, rounded = true } = {}) {
  const px = Buffer.alloc(size * size * 4);
  const scale = maskable ? 0.7 : 1;
  const off = (32 - 32 * scale) / 2;
  const bars = [[9, 11, 14, 3], [9, 16, 14, 3], [9, 21, 9, 3]].map(([x, y, w, h]) => [off + x * scale, off + y * scale, w * scale, h * scale]);
  const radius = rounded && !maskable ? 8 : 0;
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      // Design coordinates of the pixel's centre.
      const x = ((i + 0.5) / size) * 32;
      const y = ((j + 0.5) / size) * 32;
      const k = (j * size + i) * 4;
      const cx = Math.min(Math.max(x, radius), 32 - radius);
      const cy = Math.min(Math.max(y, radius), 32 - radius);
      const inside = radius === 0 || (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
      if (!inside) continue; // transparent corner
      const bar = bars.some(([bx, by, bw, bh]) => x >= bx && x < bx + bw && y >= by && y < by + bh);
      const [r, g, b] = bar ? WHITE : BLUE;
      px[k] = r; px[k + 1] = g; px[k + 2] = b; px[k + 3] = 255;
    }
  }
  return png(size, px);
}

function crc32(buf) {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let n = 0; n < 8; n++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const out = new URL('../public/icons/', import.meta.url);
writeFileSync(new URL('icon-192.png', out), draw(192));
writeFileSync(new URL('icon-512.png', out), draw(512));
writeFileSync(new URL('icon-maskable-512.png', out), draw(512, { maskable: true }));
writeFileSync(new URL('apple-touch-icon.png', out), draw(180, { rounded: false }));
