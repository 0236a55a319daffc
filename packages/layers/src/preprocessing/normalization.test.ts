import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import { describe, expect, it } from 'vitest';
import { deserializeLayer } from '../registry.js';
import { Normalization, normalization } from './normalization.js';

describe('Normalization', () => {
  it('adapts to data and standardizes each feature (hand-worked)', async () => {
    // Feature 0: 1, 3, 5 → mean 3, variance 8/3; feature 1: 10, 10, 10 → mean 10, variance 0,
    // divided by max(sqrt(0), 1e-7), so it becomes 0.
    const data = tf.tensor2d([
      [1, 10],
      [3, 10],
      [5, 10],
    ]);
    const layer = normalization();
    layer.adapt(data);
    expect(layer.weights.map((w) => [w.originalName, w.shape, w.trainable])).toEqual([
      [`${layer.name}/mean`, [2], false],
      [`${layer.name}/variance`, [2], false],
      [`${layer.name}/count`, [], false],
    ]);
    expectClose(layer.weights[2]?.read() as tf.Tensor, 3);
    const sd = Math.sqrt(8 / 3);
    await expectNoLeak(() => {
      const y = layer.apply(data);
      expectClose(y, [
        [-2 / sd, 0],
        [0, 0],
        [2 / sd, 0],
      ]);
      return y;
    });
    data.dispose();
    layer.dispose();
  });

  it('uses a fixed mean and variance, and inverts', () => {
    // (x - 3) / sqrt(4): 5 → 1, 1 → -1; inverted: 3 + x · 2.
    const x = tf.tensor2d([[5, 1]]);
    const y = normalization({ mean: 3, variance: 4 }).apply(x);
    expectClose(y, [[1, -1]]);
    const back = normalization({ mean: [3, 0], variance: [4, 1], invert: true }).apply(x);
    expectClose(back, [[13, 1]]);
    tf.dispose([x, y, back]);
  });

  it('keeps statistics per entry of several axes', () => {
    // axis [1, 2] of [2, 2, 1]: each of the two positions has its own mean over the batch.
    const data = tf.tensor3d([
      [[0], [4]],
      [[2], [8]],
    ]);
    const layer = normalization({ axis: [1, 2] });
    layer.adapt(data);
    expectClose(layer.weights[0]?.read() as tf.Tensor, [[1], [6]]);
    const y = layer.apply(data);
    expectClose(y, [
      [[-1], [-1]],
      [[1], [1]],
    ]);
    tf.dispose([data, y]);
    layer.dispose();
  });

  it('has Keras defaults, round-trips its config and validates', () => {
    const config = normalization().getConfig();
    expect(config).toMatchObject({ axis: [-1], mean: null, variance: null, invert: false });
    expect(Normalization.fromConfig(config).getConfig()).toEqual(config);
    const fixed = normalization({ mean: [1, 2], variance: [3, 4] }).getConfig();
    expect(deserializeLayer({ className: 'Normalization', config: fixed }).getConfig()).toEqual(
      fixed,
    );
    expect(() => normalization({ mean: 1 })).toThrow(
      'Normalization: `mean` and `variance` must be given together',
    );
    expect(() => normalization({ axis: 0, name: 'n' }).build([null, 3])).toThrow(
      'n: `axis` [0] must name known, non-batch axes of the input; received shape [null,3]',
    );
    const data = tf.zeros([1, 1]);
    expect(() => normalization({ mean: 0, variance: 1 }).adapt(data)).toThrow(
      'adapt() needs a layer without a fixed `mean` and `variance`',
    );
    data.dispose();
  });
});
