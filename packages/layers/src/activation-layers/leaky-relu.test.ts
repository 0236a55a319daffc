import * as tf from '@dendrite/tensor';
import { expectClose, expectNoLeak } from '@dendrite/test-utils';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { expectConfigRoundTrip } from '../../test/layer-checks.js';
import { LeakyReLU, leakyReLU } from './leaky-relu.js';

describe('LeakyReLU', () => {
  it('uses Keras 3 slope 0.3 by default (hand-worked)', async () => {
    const layer = leakyReLU();
    const x = tf.tensor1d([-10, -1, 0, 2]);
    await expectNoLeak(() => {
      const y = layer.apply(x);
      // 0.3·-10 = -3, 0.3·-1 = -0.3; non-negative inputs pass through.
      expectClose(y, [-3, -0.3, 0, 2]);
      return y;
    });
    expect(layer.negativeSlope).toBe(0.3);
    x.dispose();
  });

  it('accepts alpha (TF.js) and negativeSlope (Keras) and matches tfjs-layers', () => {
    const x = tf.randomUniform([4, 6], -3, 3, 'float32', 7);
    const y1 = leakyReLU({ alpha: 0.1 }).apply(x);
    const y2 = leakyReLU({ negativeSlope: 0.1 }).apply(x);
    const expected = tfl.layers.leakyReLU({ alpha: 0.1 }).apply(x) as tf.Tensor;
    expectClose(y1, expected);
    expectClose(y2, expected);
    const yDefault = leakyReLU().apply(x);
    const expectedDefault = tfl.layers.leakyReLU().apply(x) as tf.Tensor;
    expectClose(yDefault, expectedDefault);
    tf.dispose([x, y1, y2, expected, yDefault, expectedDefault]);
  });

  it('serializes the slope as alpha, as TF.js does, and round-trips', () => {
    const layer = leakyReLU({ negativeSlope: 0.05, name: 'leaky' });
    const config = layer.getConfig();
    expect(config).toMatchObject({ alpha: 0.05 });
    expect(config).not.toHaveProperty('negativeSlope');
    expectConfigRoundTrip(LeakyReLU, config);
    const theirs = tfl.layers.leakyReLU({ alpha: 0.05 }).getConfig();
    expect(theirs.alpha).toBe(config.alpha);
    expect(layer.computeOutputShape([null, 5])).toEqual([null, 5]);
  });

  it('rejects negative or conflicting slopes', () => {
    expect(() => leakyReLU({ negativeSlope: -0.2 })).toThrow(
      'LeakyReLU: `negativeSlope` must be a finite number >= 0; received -0.2',
    );
    expect(() => leakyReLU({ alpha: -1 })).toThrow(
      'LeakyReLU: `alpha` must be a finite number >= 0; received -1',
    );
    expect(() => leakyReLU({ alpha: 0.1, negativeSlope: 0.2 })).toThrow(
      'LeakyReLU: `alpha` must be equal to `negativeSlope` (0.2) when both are given; received 0.1',
    );
  });
});
