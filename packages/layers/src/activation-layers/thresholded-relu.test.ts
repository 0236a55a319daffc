import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { expectConfigRoundTrip } from '../../test/layer-checks.js';
import { ThresholdedReLU, thresholdedReLU } from './thresholded-relu.js';

describe('ThresholdedReLU', () => {
  it('keeps only inputs strictly above theta (hand-worked)', async () => {
    const x = tf.tensor1d([-1, 0.5, 1, 1.01, 3]);
    const layer = thresholdedReLU();
    await expectNoLeak(() => {
      const y = layer.apply(x);
      // theta = 1: 1 is not above it, 1.01 and 3 are.
      expectClose(y, [0, 0, 0, 1.01, 3]);
      return y;
    });
    x.dispose();
  });

  it('matches tfjs-layers ThresholdedReLU', () => {
    const x = tf.randomUniform([5, 4], -2, 2, 'float32', 4);
    const y = thresholdedReLU({ theta: 0.3 }).apply(x);
    const expected = tfl.layers.thresholdedReLU({ theta: 0.3 }).apply(x) as tf.Tensor;
    expectClose(y, expected);
    tf.dispose([x, y, expected]);
  });

  it('round-trips its config and validates theta', () => {
    const config = thresholdedReLU({ theta: 0.25 }).getConfig();
    expect(config).toMatchObject({ theta: 0.25 });
    expectConfigRoundTrip(ThresholdedReLU, config);
    expect(thresholdedReLU().computeOutputShape([null, 4])).toEqual([null, 4]);
    expect(() => thresholdedReLU({ theta: -1 })).toThrow(
      'ThresholdedReLU: `theta` must be a finite number >= 0; received -1',
    );
  });
});
