import * as tf from '@dendrite/tensor';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hostArray } from './data.js';
import { NonFiniteWatch } from './nonfinite-watch.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('NonFiniteWatch', () => {
  it('host values: throws at once, naming the label, the value and its sample', () => {
    const watch = new NonFiniteWatch('m.fit');
    // Rows of 2 values: index 3 is row 1.
    watch.observe('x', hostArray(new Float32Array([0, 1, 2, 3]), [2, 2]));
    expect(() =>
      watch.observe('x', hostArray(new Float32Array([0, 1, 2, Number.NaN]), [2, 2])),
    ).toThrow('m.fit: `x` contains NaN at sample 1; data must be finite');
    expect(() =>
      watch.observe('y[1]', hostArray(new Float32Array([Number.NEGATIVE_INFINITY]), [1])),
    ).toThrow('m.fit: `y[1]` contains -Infinity at sample 0; data must be finite');
  });

  it('dataset batches: no read per batch; the first bad batch is reported at the end, once', () => {
    const before = tf.memory().numTensors;
    const reads = [
      vi.spyOn(tf.Tensor.prototype, 'dataSync'),
      vi.spyOn(tf.Tensor.prototype, 'data'),
      vi.spyOn(tf.Tensor.prototype, 'arraySync'),
    ];
    const watch = new NonFiniteWatch('m.fitDataset');
    const batches = [
      [1, 2],
      [3, 4],
      [5, Number.POSITIVE_INFINITY],
      [Number.NaN, 0],
    ];
    batches.forEach((values, step) => {
      const xs = tf.tensor1d(values);
      const ys = tf.tensor1d([0, 1]);
      watch.observe(step, [xs, ys]);
      tf.dispose([xs, ys]);
    });
    for (const read of reads) expect(read).not.toHaveBeenCalled();
    expect(() => watch.report(3)).toThrow(
      'm.fitDataset: batch 2 of epoch 3 contains NaN or infinity in `xs` or `ys`; data must be finite',
    );
    // Forgotten once reported; a clean epoch reports nothing.
    watch.report(4);
    const clean = tf.tensor1d([1, 2]);
    watch.observe(0, [clean]);
    watch.report(5);
    clean.dispose();
    watch.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
