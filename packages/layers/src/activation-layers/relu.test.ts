import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { expectConfigRoundTrip, expectLayerGradient } from '../../test/layer-checks.js';
import { ReLU, reLU } from './relu.js';

describe('ReLU', () => {
  it('is max(x, 0) by default', async () => {
    const layer = reLU();
    const x = tf.tensor1d([-2, -0.5, 0, 0.5, 3]);
    await expectNoLeak(() => {
      const y = layer.apply(x);
      expectClose(y, [0, 0, 0, 0.5, 3]);
      return y;
    });
    expect(layer.getConfig()).toMatchObject({ maxValue: null, negativeSlope: 0, threshold: 0 });
    x.dispose();
  });

  it('applies maxValue, negativeSlope and threshold (hand-worked)', () => {
    // Keras' docstring example: maxValue 10, slope 0.5: -10 → 0.5·-10 = -5, -5 → -2.5, 10 → min(10, 10).
    const x = tf.tensor1d([-10, -5, 0, 5, 10]);
    const y = reLU({ maxValue: 10, negativeSlope: 0.5 }).apply(x);
    expectClose(y, [-5, -2.5, 0, 5, 10]);
    // threshold 1, slope 0.5, max 3: -1 → 0.5·(-1-1) = -1; 0.5 → 0.5·(0.5-1) = -0.25;
    // 1 → 0.5·0 = 0 (not above the threshold); 2 → 2; 4 → min(4, 3) = 3.
    const x2 = tf.tensor1d([-1, 0.5, 1, 2, 4]);
    const y2 = reLU({ maxValue: 3, negativeSlope: 0.5, threshold: 1 }).apply(x2);
    expectClose(y2, [-1, -0.25, 0, 2, 3]);
    tf.dispose([x, y, x2, y2]);
  });

  it('matches tfjs-layers ReLU with maxValue', () => {
    const x = tf.randomUniform([3, 4, 5], -8, 8, 'float32', 3);
    for (const maxValue of [undefined, 6, 0.5]) {
      const y = reLU({ maxValue }).apply(x);
      const expected = tfl.layers.reLU({ maxValue }).apply(x) as tf.Tensor;
      expectClose(y, expected, { atol: 1e-5 });
      tf.dispose([y, expected]);
    }
    x.dispose();
  });

  it('has finite-difference gradients away from the kinks', () => {
    const layer = reLU({ maxValue: 3, negativeSlope: 0.2, threshold: 0.5 });
    const x = tf.tensor1d([-2, -0.3, 0.2, 1.1, 2.5, 4]);
    expectLayerGradient(layer, x);
    x.dispose();
  });

  it('keeps the shape and round-trips its config', () => {
    const layer = reLU({ maxValue: 6, negativeSlope: 0.1, threshold: 0.5, name: 'r' });
    expect(layer.computeOutputShape([null, 3, 4])).toEqual([null, 3, 4]);
    const config = layer.getConfig();
    expectConfigRoundTrip(ReLU, config);
  });

  it('rejects negative or non-numeric options', () => {
    expect(() => reLU({ maxValue: -1 })).toThrow(
      'ReLU: `maxValue` must be a finite number >= 0; received -1',
    );
    expect(() => reLU({ negativeSlope: -0.1 })).toThrow(
      'ReLU: `negativeSlope` must be a finite number >= 0; received -0.1',
    );
    expect(() => reLU({ threshold: Number.NaN })).toThrow(
      'ReLU: `threshold` must be a finite number >= 0',
    );
  });
});
