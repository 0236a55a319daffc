import * as tf from '@dendrite/tensor';
import { expect, it } from 'vitest';
import { describeNative } from '../test/native-gate.js';
import { loadAddon } from './addon.js';
import { nativeBackendName, registerNativeBackend } from './index.js';

describeNative('the batch row gather on the addon', () => {
  it('copies the ordered rows as a JavaScript copy does, split across threads or not', () => {
    const addon = loadAddon();
    for (const [rows, rowSize, count] of [
      [50, 7, 9],
      [2000, 784, 512],
    ] as const) {
      const source = Float32Array.from({ length: rows * rowSize }, (_, i) => i * 0.25 - 3);
      const order = tf.createRandom(rows).permutation(rows);
      const start = rows - count - 1;
      const target = new Float32Array((count + 2) * rowSize).fill(-7);
      addon.gatherRows(source, order, start, count, rowSize, target);
      const expected: number[] = [];
      for (let k = 0; k < count; k++) {
        const from = (order[start + k] as number) * rowSize;
        expected.push(...source.subarray(from, from + rowSize));
      }
      expect(Array.from(target.subarray(0, count * rowSize))).toEqual(expected);
      // Nothing past the batch's rows is written.
      expect(target.subarray(count * rowSize).every((v) => v === -7)).toBe(true);
    }
  });

  it('refuses an index outside the source and bad arguments before copying anything', () => {
    const addon = loadAddon();
    const source = new Float32Array(12);
    const target = new Float32Array(8).fill(5);
    const call =
      (order: Int32Array | Float32Array, count: number, out = target) =>
      () =>
        addon.gatherRows(source, order as Int32Array, 0, count, 4, out);
    expect(call(Int32Array.of(1, 3), 2)).toThrow('order[1] = 3 is not a row of source (3 rows)');
    expect(call(Int32Array.of(-1, 0), 2)).toThrow('order[0] = -1 is not a row of source');
    expect(call(Int32Array.of(0, 1), 3)).toThrow("start + count exceeds order's length");
    expect(call(Int32Array.of(0, 1, 2), 3)).toThrow('target holds fewer than count rows');
    expect(call(Float32Array.of(0, 1), 2)).toThrow('order must be an Int32Array');
    expect(Array.from(target)).toEqual(new Array(8).fill(5));
  });

  it('is what fit uses on the native backend', () => {
    registerNativeBackend();
    expect(tf.rowGather(nativeBackendName)).toBeTypeOf('function');
    expect(tf.rowGather('cpu')).toBeUndefined();
  });
});
