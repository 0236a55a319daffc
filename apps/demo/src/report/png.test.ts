import { inflateSync, crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, encodeGrayPng } from './png.js';

describe('encodeGrayPng', () => {
  it('writes a PNG whose chunks carry valid CRCs and whose pixels inflate back', () => {
    const pixels = Uint8Array.from({ length: 12 }, (_, i) => i * 20);
    const png = encodeGrayPng(pixels, 4, 3);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    let offset = 8;
    const types: string[] = [];
    let idat = Buffer.alloc(0);
    while (offset < png.length) {
      const length = png.readUInt32BE(offset);
      const type = png.toString('ascii', offset + 4, offset + 8);
      const body = png.subarray(offset + 4, offset + 8 + length);
      // Node's own zlib CRC-32 is the independent reference.
      expect(png.readUInt32BE(offset + 8 + length)).toBe(zlibCrc32(body));
      if (type === 'IDAT')
        idat = Buffer.concat([idat, png.subarray(offset + 8, offset + 8 + length)]);
      types.push(type);
      offset += 12 + length;
    }
    expect(types).toEqual(['IHDR', 'IDAT', 'IEND']);
    const raw = inflateSync(idat);
    // Each row: filter byte 0 then 4 pixels.
    expect([...raw]).toEqual([0, 0, 20, 40, 60, 0, 80, 100, 120, 140, 0, 160, 180, 200, 220]);
  });

  it('crc32 matches zlib on arbitrary bytes', () => {
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7919) % 256);
    expect(crc32(bytes)).toBe(zlibCrc32(bytes));
  });
});
