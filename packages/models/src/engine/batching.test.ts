import * as tf from '@dendrite/tensor';
import { describe, expect, it } from 'vitest';
import { BatchBuilder } from './batching.js';
import { hostArray } from './data.js';

/** Rows `order[start..end)` of `values` (rows of `row` numbers), gathered one number at a time. */
function gathered(
  values: ArrayLike<number>,
  row: number,
  order: Int32Array,
  start: number,
  end: number,
) {
  const out: number[] = [];
  for (let k = start; k < end; k++) {
    for (let j = 0; j < row; j++) out.push(values[(order[k] as number) * row + j] as number);
  }
  return out;
}

describe('BatchBuilder', () => {
  it('copies the rows of each source in the given order, whatever their width and dtype', () => {
    const samples = 37;
    // Widths on both sides of the short-row copy (1, 10 and 63 below it, 64 and 784 above).
    const shapes = [[samples], [samples, 10], [samples, 63], [samples, 64], [samples, 28, 28]];
    const sources = shapes.map((shape, s) => {
      const size = shape.reduce((a, b) => a * b, 1);
      const values =
        s % 2 === 0
          ? Float32Array.from({ length: size }, (_, i) => i * 0.5 + s)
          : Int32Array.from({ length: size }, (_, i) => i * 3 - s);
      return hostArray(values, shape);
    });
    const builder = new BatchBuilder(sources, 8);
    const order = tf.createRandom(5).permutation(samples);
    for (const [start, end] of [
      [0, 8],
      [8, 16],
      [32, 37],
    ] as const) {
      const tensors = builder.take(order, start, end);
      tensors.forEach((tensor, s) => {
        const source = sources[s] as (typeof sources)[number];
        expect(tensor.shape).toEqual([end - start, ...source.shape.slice(1)]);
        expect(tensor.dtype).toBe(source.dtype);
        expect(Array.from(tensor.dataSync())).toEqual(
          gathered(source.data, source.rowSize, order, start, end),
        );
      });
      tf.dispose(tensors);
    }
  });

  it("uses the backend's row gather for float32 rows of 64 values or more", () => {
    const calls: number[] = [];
    // A gather for the active backend that copies as asked and notes each row size it got.
    tf.registerRowGather(tf.getBackend(), (source, order, start, count, rowSize, target) => {
      calls.push(rowSize);
      for (let k = 0; k < count; k++) {
        const from = (order[start + k] as number) * rowSize;
        target.set(source.subarray(from, from + rowSize), k * rowSize);
      }
    });
    const samples = 9;
    const sources = [
      [samples, 10],
      [samples, 64],
      [samples, 784],
    ].map((shape) =>
      hostArray(
        Float32Array.from({ length: shape[0]! * shape[1]! }, (_, i) => i),
        shape,
      ),
    );
    const order = tf.createRandom(8).permutation(samples);
    const tensors = new BatchBuilder(sources, 4).take(order, 2, 6);
    expect(calls).toEqual([64, 784]);
    tensors.forEach((tensor, s) => {
      const source = sources[s] as (typeof sources)[number];
      expect(Array.from(tensor.dataSync())).toEqual(
        gathered(source.data, source.rowSize, order, 2, 6),
      );
    });
    tf.dispose(tensors);
  });
});
