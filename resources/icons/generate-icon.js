'use strict';
/**
 * Draws resources/icons/icon.png (512x512): a lens ring with a recording dot on a navy tile.
 * Plain Node (zlib only) so the icon can be regenerated on any machine:
 *   node resources/icons/generate-icon.js
 */
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const SIZE = 512;
const SAMPLES = 4; // supersampling per axis for smooth edges

const NAVY = [31, 58, 95];
const WHITE = [255, 255, 255];
const RED = [214, 48, 49];

/** Colour at a point in [0,1]^2, or null for transparent. */
function paint(x, y) {
  const r = 0.18; // tile corner radius
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if (Math.hypot(x - cx, y - cy) > r) return null;
  const d = Math.hypot(x - 0.5, y - 0.5);
  if (Math.hypot(x - 0.74, y - 0.26) < 0.075) return RED;
  if (d < 0.3 && d > 0.21) return WHITE;
  if (d < 0.1) return WHITE;
  return NAVY;
}

function pixels() {
  const rows = [];
  for (let py = 0; py < SIZE; py++) {
    const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0, then RGBA
    for (let px = 0; px < SIZE; px++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const c = paint((px + (sx + 0.5) / SAMPLES) / SIZE, (py + (sy + 0.5) / SAMPLES) / SIZE);
          if (c === null) continue;
          acc[0] += c[0];
          acc[1] += c[1];
          acc[2] += c[2];
          acc[3] += 1;
        }
      }
      const o = 1 + px * 4;
      if (acc[3] > 0) {
        row[o] = Math.round(acc[0] / acc[3]);
        row[o + 1] = Math.round(acc[1] / acc[3]);
        row[o + 2] = Math.round(acc[2] / acc[3]);
      }
      row[o + 3] = Math.round((255 * acc[3]) / (SAMPLES * SAMPLES));
    }
    rows.push(row);
  }
  return Buffer.concat(rows);
}

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
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

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', zlib.deflateSync(pixels(), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
fs.writeFileSync(path.join(__dirname, 'icon.png'), png);
