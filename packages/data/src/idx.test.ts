import { describe, expect, it } from 'vitest';
import { imageBytes, labelBytes, makeIdx, pixel } from '../test/idx-fixtures.js';
import { parseIdx } from './idx.js';

describe('parseIdx', () => {
  it('reads uint8 images and labels with their header shape', () => {
    const images = parseIdx(imageBytes(3, 4, 5));
    expect(images.dtype).toBe('uint8');
    expect(images.shape).toEqual([3, 4, 5]);
    expect(images.data).toBeInstanceOf(Uint8Array);
    expect(images.data.length).toBe(60);
    // Image 2, pixel 19 (last of its 4 x 5): (7 * 2 + 19) mod 256 = 33.
    expect(images.data[2 * 20 + 19]).toBe(pixel(2, 19));
    expect(images.data[59]).toBe(33);
    const labels = parseIdx(labelBytes(12));
    expect(labels.shape).toEqual([12]);
    expect(Array.from(labels.data)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
  });

  it('decodes big-endian multi-byte types', () => {
    // int16 -2 = 0xfffe; int32 258 = 0x00000102; float32 1.5 = 0x3fc00000.
    expect(Array.from(parseIdx(makeIdx(0x0b, [1], new Uint8Array([0xff, 0xfe]))).data)).toEqual([
      -2,
    ]);
    const int32 = parseIdx(
      makeIdx(0x0c, [2], new Uint8Array([0, 0, 1, 2, 0xff, 0xff, 0xff, 0xff])),
    );
    expect(int32.dtype).toBe('int32');
    expect(Array.from(int32.data)).toEqual([258, -1]);
    const float = parseIdx(makeIdx(0x0d, [1, 1], new Uint8Array([0x3f, 0xc0, 0, 0])));
    expect(float.shape).toEqual([1, 1]);
    expect(Array.from(float.data)).toEqual([1.5]);
  });

  it('rejects bad magic numbers, truncated data and extra bytes, naming the source', () => {
    const good = labelBytes(4);
    const badMagic = good.slice();
    badMagic[2] = 0x07;
    expect(() => parseIdx(badMagic, { source: 'labels.idx' })).toThrow(
      'parseIdx: labels.idx: bad magic number 0x00000701',
    );
    // A gzip file passed without gunzip starts with 1f 8b.
    expect(() => parseIdx(new Uint8Array([0x1f, 0x8b, 8, 0, 0]))).toThrow('still gzip-compressed');
    // 4 labels need 8 + 4 = 12 bytes.
    expect(() => parseIdx(good.subarray(0, 10), { source: 'cut' })).toThrow(
      'parseIdx: cut: length mismatch: the header gives shape [4] of uint8, so 12 bytes, but there are 10 (truncated)',
    );
    const longer = new Uint8Array(13);
    longer.set(good);
    expect(() => parseIdx(longer)).toThrow('so 12 bytes, but there are 13');
    expect(() => parseIdx(good.subarray(0, 6))).toThrow(
      'truncated header: 1 dimensions need 8 bytes, received 6',
    );
    expect(() => parseIdx(new Uint8Array(2))).toThrow('only 2 bytes');
  });
});
